import type { Check } from '../types.js';

export const taskDefinitionChecks: Check[] = [];
