import {
  type ContextValue,
  type Evaluation,
  evaluate,
  type NamedPolicy,
  PolicyError,
  type PolicyInputs,
  type PolicyLayer,
} from '../iam/index.js';
import type { ExecTarget } from '../model/index.js';
import { inputsForAction, onlyPresenceTested, statementsOf, testedKeys } from './iam-policies.js';
import type { Subject } from './iam-subjects.js';
import type { CheckResult } from './types.js';

/**
 * What the checks that need IAM policy evaluation share: whose permissions they judge (the caller,
 * a task role), the request they ask src/iam about, and how they report its answer. A verdict names
 * the layer and the statements that decided it; SCPs that were not given are said to be so, never
 * taken to allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** One question for the evaluator. */
export interface Ask {
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
  absentKeys?: string[];
  /**
   * Key prefixes whose every key the context holds (`aws:ResourceTag/` with the resource's full tag
   * set): a key with such a prefix that the policies test and the context lacks is absent.
   */
  completePrefixes?: string[];
  /**
   * Keys the request carries with values the tool cannot know (a session id). A policy that only
   * tests their presence still decides.
   */
  presentUnknown?: string[];
  resourcePolicy?: NamedPolicy;
  resourcePolicyKind?: 'kms' | 'generic';
  resourceAccountId?: string;
}

export interface Judged {
  ask: Ask;
  evaluation: Evaluation;
}

const LAYER_NAMES: Record<PolicyLayer | 'none', string> = {
  rcp: 'RCP',
  scp: 'SCP',
  'resource-policy': 'resource policy',
  'identity-policy': 'identity policy',
  'permission-boundary': 'permission boundary',
  'session-policy': 'session policy',
  none: 'policies',
};

export function layerName(layer: PolicyLayer | 'none', kms = false): string {
  return layer === 'resource-policy' && kms ? 'key policy' : LAYER_NAMES[layer];
}

// --- Requests -------------------------------------------------------------------------------

/**
 * What every request carries: the region, HTTPS, a direct call (no AWS service in between) and the
 * time of the check. No request of an exec session carries tags of its own.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export function directCallContext(target: ExecTarget, now: Date): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'aws:SecureTransport': true,
    'aws:ViaAWSService': false,
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': Math.floor(now.getTime() / 1000),
  };
  // Lint targets may not know their region: then a condition on it stays undecided.
  if (target.region !== 'unknown') context['aws:RequestedRegion'] = target.region;
  return context;
}

export const DIRECT_CALL_ABSENT_KEYS = [
  'aws:CalledVia',
  'aws:CalledViaFirst',
  'aws:CalledViaLast',
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:TagKeys',
];

/** `aws:ResourceTag/K` (and, for ECS, `ecs:ResourceTag/K`) for each of a resource's tags. */
export function resourceTagContext(
  tags: Record<string, string>,
  prefixes: readonly string[] = ['aws:ResourceTag/'],
): Record<string, string> {
  return Object.fromEntries(
    prefixes.flatMap((prefix) => Object.entries(tags).map(([key, value]) => [`${prefix}${key}`, value])),
  );
}

// --- Evaluation -----------------------------------------------------------------------------

function inputsFor(subject: Subject, ask: Ask): PolicyInputs {
  const inputs: PolicyInputs = { identityPolicies: subject.policies.identityPolicies };
  if (subject.policies.permissionBoundary) inputs.permissionBoundary = subject.policies.permissionBoundary;
  if (subject.scps) inputs.scps = subject.scps;
  if (ask.resourcePolicy) inputs.resourcePolicy = ask.resourcePolicy;
  if (ask.resourcePolicyKind) inputs.resourcePolicyKind = ask.resourcePolicyKind;
  return inputs;
}

function policyErrorEvaluation(error: PolicyError): Evaluation {
  return {
    decision: 'unknown',
    decidedBy: 'none',
    statements: [],
    missingContextKeys: [],
    reason: `cannot be evaluated: ${error.message}`,
  };
}

/** The evaluator's answer; any value of a key tested only for presence decides as the real one would. */
function evaluateAsk(subject: Subject, ask: Ask): Evaluation {
  const inputs = inputsForAction(inputsFor(subject, ask), ask.action);
  const given = new Set(Object.keys(ask.context).map((key) => key.toLowerCase()));
  const presentUnknown = new Set((ask.presentUnknown ?? []).map((key) => key.toLowerCase()));
  const prefixes = (ask.completePrefixes ?? []).map((prefix) => prefix.toLowerCase());
  const absentByPrefix =
    prefixes.length === 0
      ? []
      : testedKeys(inputs).filter(
          (key) =>
            !given.has(key) && !presentUnknown.has(key) && prefixes.some((prefix) => key.startsWith(prefix)),
        );
  const request = (context: Record<string, ContextValue>) => ({
    principal: subject.principal,
    action: ask.action,
    resource: ask.resource,
    context,
    absentKeys: [...(ask.absentKeys ?? []), ...absentByPrefix],
    ...(ask.resourceAccountId ? { resourceAccountId: ask.resourceAccountId } : {}),
  });
  const evaluation = evaluate(request(ask.context), inputs);
  const undecidedOnlyByValues =
    evaluation.decision === 'unknown' &&
    evaluation.missingContextKeys.length > 0 &&
    evaluation.missingContextKeys.every((key) => presentUnknown.has(key.toLowerCase()));
  if (!undecidedOnlyByValues || !onlyPresenceTested(inputs, [...presentUnknown])) return evaluation;
  const placeholders = Object.fromEntries((ask.presentUnknown ?? []).map((key) => [key, 'VALUE_NOT_KNOWN']));
  return evaluate(request({ ...ask.context, ...placeholders }), inputs);
}

/** Asks src/iam; a malformed policy that could apply makes the answer `unknown`, naming it. */
export function judge(subject: Subject, ask: Ask): Judged {
  let evaluation: Evaluation;
  try {
    evaluation = evaluateAsk(subject, ask);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    evaluation = policyErrorEvaluation(error);
  }
  subject.observe?.({
    principalArn: subject.entity.arn,
    action: ask.action,
    resource: ask.resource,
    context: ask.context,
    decision: evaluation.decision,
    withResourcePolicy: ask.resourcePolicy !== undefined,
  });
  return { ask, evaluation };
}

/** The Allow statements that test a key (a name, or a pattern), as "policy X statement Y". */
export function statementsTesting(subject: Subject, ask: Ask, key: string | RegExp): string[] {
  const tests = (name: string) =>
    typeof key === 'string' ? name.toLowerCase() === key.toLowerCase() : key.test(name);
  return statementsOf(inputsFor(subject, ask))
    .filter(({ statement }) => statement.effect === 'Allow' && statement.conditions.some((c) => tests(c.key)))
    .map(({ policy, statement }) => `${policy} statement ${statement.sid ?? `#${statement.index}`}`);
}

// --- Reporting ------------------------------------------------------------------------------

export const isDenied = (judged: Judged) =>
  judged.evaluation.decision === 'explicit-deny' || judged.evaluation.decision === 'implicit-deny';
export const isUnknown = (judged: Judged) => judged.evaluation.decision === 'unknown';

/** "implicit deny by the permission boundary: …", "allowed by identity policy x statement y". */
export function verdictText(judged: Judged): string {
  const { decision, decidedBy, reason } = judged.evaluation;
  const kms = judged.ask.resourcePolicyKind === 'kms';
  if (decision === 'implicit-deny') return `implicit deny by the ${layerName(decidedBy, kms)}: ${reason}`;
  if (decision === 'explicit-deny') return `explicit deny: ${reason}`;
  if (decision === 'unknown') return `undecided: ${reason}`;
  return reason;
}

/** One evidence line per resource and verdict: "A, B on `R`: allowed by …". */
export function evidenceLines(judgedList: readonly Judged[]): string[] {
  const lines = new Map<string, string[]>();
  for (const judged of judgedList) {
    const key = `${judged.ask.resource}\u0000${verdictText(judged)}`;
    lines.set(key, [...(lines.get(key) ?? []), judged.ask.action]);
  }
  return [...lines].map(([key, actions]) => {
    const [resource, verdict] = key.split('\u0000');
    return `${actions.join(', ')} on \`${resource}\`: ${verdict}`;
  });
}

/** Says whether SCPs took part: never assume they allow. */
export function scpEvidence(subject: Subject): string {
  if (!subject.scps) return 'SCPs not given: not evaluated';
  const levels = subject.scps.length;
  return `SCPs evaluated (${levels} level${levels === 1 ? '' : 's'}, root to account)`;
}

/** The context keys that would decide, for an `unknown`'s `needs`. */
function missingKeysOf(judgedList: readonly Judged[]): string[] {
  return [...new Set(judgedList.flatMap((judged) => judged.evaluation.missingContextKeys))];
}

/** `unknown` for requests the evaluator could not decide, naming the context keys or the policy at fault. */
export function undecided(resource: string, subject: Subject, judgedList: readonly Judged[]): CheckResult {
  const keys = missingKeysOf(judgedList);
  const what = [
    ...new Set(judgedList.map((judged) => `${judged.ask.action} on ${judged.ask.resource}`)),
  ].join('; ');
  const reasons = [...new Set(judgedList.map((judged) => judged.evaluation.reason))].join('; ');
  const message = `Cannot decide whether ${subject.label} may call ${what}: ${reasons}.`;
  const evidence = [...evidenceLines(judgedList), scpEvidence(subject)];
  return {
    status: 'unknown',
    resource,
    message,
    evidence,
    ...(keys.length > 0 ? { needs: `context keys ${keys.join(', ')}` } : {}),
  };
}
