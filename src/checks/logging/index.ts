import type { Check } from '../types.js';
import { loggingBucketEncryption } from './bucket-encryption.js';
import { loggingBucketExists } from './bucket-exists.js';
import { loggingLogGroupEncryption } from './log-group-encryption.js';
import { loggingLogGroupExists } from './log-group-exists.js';
import { loggingRetention } from './retention.js';

export const loggingChecks: Check[] = [
  loggingLogGroupExists,
  loggingLogGroupEncryption,
  loggingBucketExists,
  loggingBucketEncryption,
  loggingRetention,
];
