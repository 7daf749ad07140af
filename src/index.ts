/**
 * The public API of ecs-exec-doctor: what a plugin needs to write checks, the same way the
 * built-in checks are written, and the commands as functions for programs that embed the tool.
 *
 *   import { defineCheck, fail, pass } from 'ecs-exec-doctor';
 *   import { resolveSettings, runLint, FORMATTERS } from 'ecs-exec-doctor';
 *   const { report } = await runLint({ paths: ['cdk.out'], settings: await resolveSettings({}) });
 */
export { type CheckRunOptions, type CheckRunResult, runCheck } from './app/check.js';
export { type ExplainRunOptions, runExplain } from './app/explain.js';
export { type LintRunOptions, type LintRunResult, runLint } from './app/lint.js';
export { resolveSettings, type Settings, type SettingsInput } from './app/settings.js';
export { builtInChecks } from './checks/index.js';
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
  CheckDocs,
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
export type { Report } from './engine/report.js';
export { describeUnavailable, known, unavailable } from './model/fact.js';
export type * from './model/index.js';
export { FORMATTERS, type Format } from './report/index.js';
