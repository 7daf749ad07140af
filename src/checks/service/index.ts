import type { Check } from '../types.js';
import { serviceExecEnabled } from './exec-enabled.js';
import { serviceTasksPredateExec } from './tasks-predate-exec.js';

export const serviceChecks: Check[] = [serviceExecEnabled, serviceTasksPredateExec];
