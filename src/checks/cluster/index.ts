import type { Check } from '../types.js';

export const clusterChecks: Check[] = [];
