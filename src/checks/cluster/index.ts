import type { Check } from '../types.js';
import { clusterAuditLogging } from './audit-logging.js';
import { clusterExecConfigValid } from './exec-config-valid.js';
import { clusterKmsKeyUsable } from './kms-key-usable.js';
import { clusterSessionEncryption } from './session-encryption.js';

export const clusterChecks: Check[] = [
  clusterExecConfigValid,
  clusterKmsKeyUsable,
  clusterAuditLogging,
  clusterSessionEncryption,
];
