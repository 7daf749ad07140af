import type { Check } from '../types.js';
import { taskRolePresent } from './present.js';

export const taskRoleChecks: Check[] = [taskRolePresent];
