import type { Check } from '../types.js';
import { taskRoleCloudwatchLogging } from './cloudwatch-logging.js';
import { taskRoleKmsDecrypt } from './kms-decrypt.js';
import { taskRolePresent } from './present.js';
import { taskRoleS3Logging } from './s3-logging.js';
import { taskRoleSsmmessages } from './ssmmessages.js';

export const taskRoleChecks: Check[] = [
  taskRolePresent,
  taskRoleSsmmessages,
  taskRoleKmsDecrypt,
  taskRoleCloudwatchLogging,
  taskRoleS3Logging,
];
