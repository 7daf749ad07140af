import type { Check } from '../types.js';
import { taskExecEnabled } from './exec-enabled.js';

export const taskChecks: Check[] = [taskExecEnabled];
