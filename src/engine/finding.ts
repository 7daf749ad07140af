import type { Fix, Layer, Status, Suite } from '../checks/types.js';
import type { SourceLocation } from '../model/index.js';

/** A check result with its check's identity: what every reporter consumes. */
export interface Finding {
  checkId: string;
  title: string;
  layer: Layer;
  suite: Suite;
  status: Status;
  resource: string;
  message: string;
  evidence: string[];
  fix?: Fix;
  /** For `unknown`: the permission or input that would decide it. */
  needs?: string;
  location?: SourceLocation;
  /** For `suppressed`: why, and the status it would have had. */
  suppression?: { reason: string; originalStatus: Status };
}

/** Statuses ordered by how much they demand attention; used for sorting and thresholds. */
export const STATUS_SEVERITY: Record<Status, number> = {
  error: 6,
  fail: 5,
  warn: 4,
  unknown: 3,
  info: 2,
  suppressed: 1,
  skip: 1,
  pass: 0,
};

export const LAYER_ORDER: Layer[] = [
  'client',
  'caller',
  'cluster',
  'service',
  'task',
  'task-definition',
  'task-role',
  'kms',
  'logging',
  'network',
  'hardening',
];
