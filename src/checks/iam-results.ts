import { type Grant, grantFix } from './iam-fixes.js';
import { evidenceLines, isDenied, isUnknown, type Judged, scpEvidence, undecided } from './iam-helpers.js';
import type { Subject } from './iam-subjects.js';
import { fail, pass } from './results.js';
import type { CheckResult, Fix } from './types.js';

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
  /** A fix to offer instead of the policy one (which it may include as the alternative). */
  preferredFix?: (denied: readonly Judged[], policyFix: Fix) => Fix | undefined;
}

export function requirementResult(requirement: Requirement): CheckResult {
  const { subject, judged } = requirement;
  const [first, ...rest] = [...evidenceLines(judged), scpEvidence(subject)];
  const denied = judged.filter(isDenied);
  if (denied.length > 0) {
    const policyFix = grantFix(subject, denied, requirement.grant);
    const fix = requirement.preferredFix?.(denied, policyFix) ?? policyFix;
    return fail(subject.resource, requirement.failMessage(denied), fix, [first!, ...rest]);
  }
  const open = judged.filter(isUnknown);
  if (open.length > 0) return undecided(subject.resource, subject, open);
  return pass(subject.resource, requirement.passMessage, [first!, ...rest]);
}

/** The actions of the denied requests, deduplicated: "ssmmessages:CreateControlChannel, …". */
export function actionsOf(judgedList: readonly Judged[]): string {
  return [...new Set(judgedList.map((judged) => judged.ask.action))].join(', ');
}

/** "ssmmessages:CreateControlChannel, CreateDataChannel and OpenDataChannel". */
function actionList(actions: readonly string[]): string {
  const service = actions[0]!.split(':')[0]!;
  const shared = actions.every((action) => action.startsWith(`${service}:`));
  const names = actions.map((action, index) =>
    shared && index > 0 ? action.slice(service.length + 1) : action,
  );
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const ACTION_SLOT = '\u0000';

/** The action as a whole word of a reason (`kms:Decrypt`, not the start of `kms:DecryptX`). */
function actionPattern(action: string): RegExp {
  let pattern = actionPatterns.get(action);
  if (!pattern) {
    pattern = new RegExp(`${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w*])`, 'g');
    actionPatterns.set(action, pattern);
  }
  return pattern;
}

/** The checks ask about a few dozen actions, thousands of times on a large template. */
const actionPatterns = new Map<string, RegExp>();

/**
 * Why they were denied: one reason per cause, not one per action. A reason that names its action
 * names them all ("… does not allow ssmmessages:CreateControlChannel and OpenDataChannel"); one
 * that does not says which actions it covers when several causes split several actions.
 */
export function reasonsOf(judgedList: readonly Judged[]): string {
  const groups = new Map<string, string[]>();
  for (const { ask, evaluation } of judgedList) {
    const template = evaluation.reason.replace(actionPattern(ask.action), ACTION_SLOT);
    const actions = groups.get(template) ?? [];
    if (!actions.includes(ask.action)) actions.push(ask.action);
    groups.set(template, actions);
  }
  const severalActions = new Set(judgedList.map((judged) => judged.ask.action)).size > 1;
  return [...groups]
    .map(([template, actions]) => {
      const list = actionList(actions);
      if (template.includes(ACTION_SLOT)) return template.replaceAll(ACTION_SLOT, list);
      return groups.size > 1 && severalActions ? `${template} for ${list}` : template;
    })
    .join('; ');
}
