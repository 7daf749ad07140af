import { taskResource } from '../checks/target-helpers.js';
import type { Check, CheckContext, CheckResult, IamObservation, Status } from '../checks/types.js';
import { ExecTarget, type SourceLocation } from '../model/index.js';
import type { Finding } from './finding.js';
import { execOffSkipReason } from './intent.js';

/** What a check reported, or the `error` the engine reports for it. */
type RunResult = CheckResult | { status: 'error'; resource: string; message: string; evidence: string[] };

/** The declaration of the property at fault, else of the resource (lint mode). */
function locate(target: ExecTarget, result: RunResult) {
  if (result.status === 'error') return undefined;
  if (result.location) return result.location;
  const locations = target.locations;
  if (!locations) return undefined;
  return (
    (result.property && locations[`${result.resource}#${result.property}`]) || locations[result.resource]
  );
}

function toFinding(check: Check, result: RunResult, location: SourceLocation | undefined): Finding {
  const finding: Finding = {
    checkId: check.id,
    title: check.title,
    layer: check.layer,
    suite: check.suite,
    status: result.status,
    resource: result.resource,
    message: result.message,
    evidence: result.evidence ?? [],
  };
  if ('fix' in result && result.fix) finding.fix = result.fix;
  if ('needs' in result && result.needs) finding.needs = result.needs;
  if (location) finding.location = location;
  return finding;
}

function errorResult(resource: string, message: string): RunResult {
  return { status: 'error', resource, message, evidence: [] };
}

/** A check that throws, or passes without evidence, becomes an `error` result, never a crash or a pass. */
function runOne(check: Check, target: ExecTarget, context: CheckContext): RunResult[] {
  const skipReason = execOffSkipReason(check, target, context.options);
  if (skipReason) return [{ status: 'skip', resource: taskResource(target), message: skipReason }];
  try {
    return check
      .run(target, context)
      .map((result) =>
        result.status === 'pass' && (!result.evidence || result.evidence.length === 0)
          ? errorResult(result.resource, 'check reported pass without evidence')
          : result,
      );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [errorResult(taskResource(target), `check threw: ${reason}`)];
  }
}

/**
 * What the checks judge, validated before they run: a source bug must not pass for a finding.
 * Lint locations are lookup metadata, not facts, and a large template has thousands of them.
 */
const JudgedFacts = ExecTarget.omit({ locations: true, unresolved: true });

/**
 * Facts shared by targets (one cluster, one task definition) give identical results: a result is
 * reported once per check, resource, status, location and message. Two files may declare
 * resources with the same id: their findings differ by location.
 */
class Reported {
  private readonly messages = new Map<string, string[]>();

  /** True the first time; false for a result already reported. */
  add(checkId: string, result: RunResult, location: SourceLocation | undefined): boolean {
    const where = location ? `${location.file}:${location.line}:${location.column}` : '';
    const key = `${checkId}\u0000${result.resource}\u0000${result.status}\u0000${where}`;
    const messages = this.messages.get(key);
    if (messages?.includes(result.message)) return false;
    if (messages) messages.push(result.message);
    else this.messages.set(key, [result.message]);
    return true;
  }
}

export interface RunHooks {
  /** Told, per target, every IAM question its checks evaluate (`check --iam-simulate`). */
  onIamObservation?: (observation: IamObservation, target: ExecTarget) => void;
}

/**
 * Runs every selected check on every target. Facts shared by targets (one cluster, one task
 * definition) give identical findings; they are reported once.
 */
export function runChecks(
  targets: readonly ExecTarget[],
  checks: readonly Check[],
  context: CheckContext,
  hooks: RunHooks = {},
): Finding[] {
  const reported = new Reported();
  const findings: Finding[] = [];
  for (const target of targets) {
    const parsed = JudgedFacts.safeParse(target);
    if (!parsed.success) {
      throw new Error(`internal: a source produced an invalid target: ${parsed.error.issues[0]?.message}`);
    }
    const { onIamObservation } = hooks;
    const targetContext: CheckContext = onIamObservation
      ? { ...context, observeIam: (observation) => onIamObservation(observation, target) }
      : context;
    for (const check of checks) {
      for (const result of runOne(check, target, targetContext)) {
        const location = locate(target, result);
        if (reported.add(check.id, result, location)) findings.push(toFinding(check, result, location));
      }
    }
  }
  return findings;
}

export function countByStatus(findings: readonly Finding[]): Record<Status, number> {
  const counts: Record<Status, number> = {
    pass: 0,
    fail: 0,
    warn: 0,
    info: 0,
    skip: 0,
    unknown: 0,
    error: 0,
    suppressed: 0,
  };
  for (const finding of findings) counts[finding.status]++;
  return counts;
}
