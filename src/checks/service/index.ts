import type { Check } from '../types.js';

export const serviceChecks: Check[] = [];
