import type { Check } from '../types.js';

export const taskRoleChecks: Check[] = [];
