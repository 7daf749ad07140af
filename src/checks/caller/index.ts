import type { Check } from '../types.js';
import { callerDescribeTasks } from './describe-tasks.js';
import { callerExecuteCommand } from './execute-command.js';
import { callerIamSimulateCrossCheck } from './iam-simulate-cross-check.js';
import { callerKmsGenerateDataKey } from './kms-generate-data-key.js';
import { callerStartSessionBypass } from './start-session-bypass.js';

/** In the order the AWS CLI needs them: ExecuteCommand, DescribeTasks, then the plugin's KMS call. */
export const callerChecks: Check[] = [
  callerExecuteCommand,
  callerDescribeTasks,
  callerKmsGenerateDataKey,
  callerStartSessionBypass,
  callerIamSimulateCrossCheck,
];
