import { taskResource } from '../checks/target-helpers.js';
import type { Check, CheckContext, CheckResult, IamObservation, Status } from '../checks/types.js';
import { ExecTarget } from '../model/index.js';
import type { Finding } from './finding.js';
import { execOffSkipReason } from './intent.js';

/** The declaration of the property at fault, else of the resource (lint mode). */
function locate(target: ExecTarget, result: CheckResult) {
  if (result.location) return result.location;
  const locations = target.locations;
  if (!locations) return undefined;
  return (
    (result.property && locations[`${result.resource}#${result.property}`]) || locations[result.resource]
  );
}

function toFinding(check: Check, result: CheckResult, target: ExecTarget): Finding {
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
  const location = locate(target, result);
  if (location) finding.location = location;
  return finding;
}

function errorFinding(check: Check, resource: string, message: string): Finding {
  return {
    checkId: check.id,
    title: check.title,
    layer: check.layer,
    suite: check.suite,
    status: 'error',
    resource,
    message,
    evidence: [],
  };
}

/** A check that throws, or passes without evidence, becomes an `error` finding, never a crash or a pass. */
function runOne(check: Check, target: ExecTarget, context: CheckContext): Finding[] {
  const skipReason = execOffSkipReason(check, target, context.options);
  if (skipReason)
    return [
      toFinding(check, { status: 'skip', resource: taskResource(target), message: skipReason }, target),
    ];
  try {
    return check.run(target, context).map((result) => {
      if (result.status === 'pass' && (!result.evidence || result.evidence.length === 0)) {
        return errorFinding(check, result.resource, 'check reported pass without evidence');
      }
      return toFinding(check, result, target);
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [errorFinding(check, taskResource(target), `check threw: ${reason}`)];
  }
}

/**
 * What the checks judge, validated before they run: a source bug must not pass for a finding.
 * Lint locations are lookup metadata, not facts, and a large template has thousands of them.
 */
const JudgedFacts = ExecTarget.omit({ locations: true, unresolved: true });

// Two files may declare resources with the same id: their findings differ by location.
const findingKey = (finding: Finding) =>
  [
    finding.checkId,
    finding.resource,
    finding.status,
    finding.message,
    finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column}` : '',
  ].join('\u0000');

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
  const seen = new Set<string>();
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
      for (const finding of runOne(check, target, targetContext)) {
        const key = findingKey(finding);
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
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
