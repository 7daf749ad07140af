import type { Check } from '../types.js';

export const clientChecks: Check[] = [];
