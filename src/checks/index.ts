import { callerChecks } from './caller/index.js';
import { clientChecks } from './client/index.js';
import { clusterChecks } from './cluster/index.js';
import { loggingChecks } from './logging/index.js';
import { networkChecks } from './network/index.js';
import { serviceChecks } from './service/index.js';
import { taskChecks } from './task/index.js';
import { taskDefinitionChecks } from './task-definition/index.js';
import { taskRoleChecks } from './task-role/index.js';
import type { Check } from './types.js';

/**
 * Every built-in check, in report order: the order a session's path takes through the layers.
 * The ids are a public contract (see CHECKS.md).
 */
export const builtInChecks: readonly Check[] = [
  ...clientChecks,
  ...callerChecks,
  ...clusterChecks,
  ...serviceChecks,
  ...taskChecks,
  ...taskDefinitionChecks,
  ...taskRoleChecks,
  ...loggingChecks,
  ...networkChecks,
];
