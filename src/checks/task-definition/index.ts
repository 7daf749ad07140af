import type { Check } from '../types.js';
import { taskDefinitionCredentialsEnv } from './credentials-env.js';
import { taskDefinitionInitProcess } from './init-process.js';
import { taskDefinitionPidMode } from './pid-mode.js';
import { taskDefinitionProxy } from './proxy.js';
import { taskDefinitionReadonlyRootFs } from './readonly-root-fs.js';
import { taskDefinitionRemoteShellDaemon } from './remote-shell-daemon.js';

/** Readiness checks first (in CHECKS.md order), then hardening. */
export const taskDefinitionChecks: Check[] = [
  taskDefinitionReadonlyRootFs,
  taskDefinitionPidMode,
  taskDefinitionCredentialsEnv,
  taskDefinitionProxy,
  taskDefinitionInitProcess,
  taskDefinitionRemoteShellDaemon,
];
