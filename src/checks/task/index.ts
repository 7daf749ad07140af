import type { Check } from '../types.js';
import { taskAgentVersion } from './agent-version.js';
import { taskContainerRunning } from './container-running.js';
import { taskContainerSelection } from './container-selection.js';
import { taskExecEnabled } from './exec-enabled.js';
import { taskLaunchTypeSupported } from './launch-type-supported.js';
import { taskManagedAgent } from './managed-agent.js';
import { taskPlatformVersion } from './platform-version.js';
import { taskRunning } from './running.js';

/** In the order exec depends on them: the task, where it runs, its containers, then the command. */
export const taskChecks: Check[] = [
  taskRunning,
  taskExecEnabled,
  taskLaunchTypeSupported,
  taskPlatformVersion,
  taskAgentVersion,
  taskContainerRunning,
  taskManagedAgent,
  taskContainerSelection,
];
