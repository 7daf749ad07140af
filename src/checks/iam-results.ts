import { type Grant, grantFix } from './iam-fixes.js';
import { evidenceLines, isDenied, isUnknown, type Judged, scpEvidence, undecided } from './iam-helpers.js';
import type { Subject } from './iam-subjects.js';
import { fail, pass } from './results.js';
import type { CheckResult } from './types.js';

/**
 * One requirement (some actions on some resources) as one finding: `fail` when any request is
 * denied, naming the layer and the statements; `unknown` when any cannot be decided; else `pass`,
 * with the allowing statements and whether SCPs took part as evidence.
 */
export interface Requirement {
  subject: Subject;
  judged: readonly Judged[];
  passMessage: string;
  /** Given the denied requests. */
  failMessage: (denied: readonly Judged[]) => string;
  grant: Grant;
}

export function requirementResult(requirement: Requirement): CheckResult {
  const { subject, judged } = requirement;
  const [first, ...rest] = [...evidenceLines(judged), scpEvidence(subject)];
  const denied = judged.filter(isDenied);
  if (denied.length > 0) {
    return fail(
      subject.resource,
      requirement.failMessage(denied),
      grantFix(subject, denied, requirement.grant),
      [first!, ...rest],
    );
  }
  const open = judged.filter(isUnknown);
  if (open.length > 0) return undecided(subject.resource, subject, open);
  return pass(subject.resource, requirement.passMessage, [first!, ...rest]);
}

/** The actions of the denied requests, deduplicated: "ssmmessages:CreateControlChannel, …". */
export function actionsOf(judgedList: readonly Judged[]): string {
  return [...new Set(judgedList.map((judged) => judged.ask.action))].join(', ');
}

/** Why they were denied, one reason each. */
export function reasonsOf(judgedList: readonly Judged[]): string {
  return [...new Set(judgedList.map((judged) => judged.evaluation.reason))].join('; ');
}
