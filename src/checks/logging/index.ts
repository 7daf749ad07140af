import type { Check } from '../types.js';

export const loggingChecks: Check[] = [];
