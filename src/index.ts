/**
 * The public API of ecs-exec-doctor: what a plugin needs to write checks, the same way the
 * built-in checks are written.
 *
 *   import { defineCheck, fail, pass } from 'ecs-exec-doctor';
 */
export {
  fail,
  info,
  knownValue,
  pass,
  skip,
  unknown,
  unknownFromFact,
  warn,
} from './checks/results.js';
export * from './checks/target-helpers.js';
export type {
  Check,
  CheckContext,
  CheckOptions,
  CheckReferences,
  CheckResult,
  Fix,
  Layer,
  Mode,
  Status,
  Suite,
} from './checks/types.js';
export { defineCheck } from './checks/types.js';
export type { Finding } from './engine/finding.js';
export { describeUnavailable, known, unavailable } from './model/fact.js';
export type * from './model/index.js';
