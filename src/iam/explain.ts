import { type FactKey, LAYER_ORDER, type Setting, type Verdict } from './decide.js';
import { type Facts, layerOfFact } from './facts.js';
import { refusalText } from './refusal-text.js';
import type { Resolution } from './resolve.js';
import type {
  AuthorizationRequest,
  ConditionRefusal,
  Evaluation,
  PolicyInputs,
  PolicyLayer,
  StatementRef,
} from './types.js';

interface Subject {
  request: AuthorizationRequest;
  inputs: PolicyInputs;
  setting: Setting;
  facts: Facts;
}

const LAYER_LABELS: Record<PolicyLayer, string> = {
  rcp: 'RCP',
  scp: 'SCP',
  'resource-policy': 'resource policy',
  'identity-policy': 'identity policy',
  'permission-boundary': 'permission boundary',
  'session-policy': 'session policy',
};

function layerLabel(layer: PolicyLayer, setting: Setting): string {
  return layer === 'resource-policy' && setting.kms ? 'key policy' : LAYER_LABELS[layer];
}

/** "SCP deny-regions statement DenyOutsideEU", or "#2" when the statement has no Sid. */
function statementLabel(ref: StatementRef, setting: Setting): string {
  return `${layerLabel(ref.layer, setting)} ${ref.policy} statement ${ref.sid ?? `#${ref.index}`}`;
}

function statementsOf(subject: Subject, keys: readonly string[], truth: 'yes' | 'unknown'): StatementRef[] {
  return keys.flatMap((key) =>
    (subject.facts.get(key)?.verdicts ?? []).filter((v) => v.applies.truth === truth).map((v) => v.ref),
  );
}

/** The facts whose statements would grant in the layer that denied implicitly. */
function grantingFacts(verdict: Verdict): FactKey[] {
  switch (verdict.decidedBy) {
    case 'rcp':
    case 'scp':
      return [`${verdict.decidedBy}.allow.${verdict.level ?? 0}`];
    case 'resource-policy':
      return ['resource.direct', 'resource.entity', 'resource.account'];
    case 'identity-policy':
      return ['identity.allow'];
    case 'permission-boundary':
      return ['boundary.allow'];
    case 'session-policy':
      return ['session.allow'];
    default:
      return [];
  }
}

/** The statements of the deciding layer refused only by conditions, fewest failing conditions first. */
function conditionRefusals(verdict: Verdict, subject: Subject): ConditionRefusal[] {
  const refusals = grantingFacts(verdict).flatMap((key) =>
    (subject.facts.get(key)?.refused ?? []).map((v) => ({
      statement: v.ref,
      conditions: v.failedConditions ?? [],
    })),
  );
  return refusals.sort((a, b) => a.conditions.length - b.conditions.length);
}

/** "boundary b statement S requires aws:RequestedRegion=eu-west-1; the request has us-east-1". */
function refusalReason(refusals: readonly ConditionRefusal[], subject: Subject): string {
  const [first, ...others] = refusals;
  const more =
    others.length === 0
      ? ''
      : ` (${others.length} more statement${others.length === 1 ? ' fails' : 's fail'} on conditions)`;
  return `${statementLabel(first!.statement, subject.setting)} ${refusalText(first!.conditions, subject.request.resource)}${more}`;
}

function implicitDenyReason(
  verdict: Verdict,
  subject: Subject,
  refusals: readonly ConditionRefusal[],
): string {
  if (refusals.length > 0) return refusalReason(refusals, subject);
  const { request, inputs, setting } = subject;
  const { action, principal } = request;
  // A resource policy names the role, which covers its sessions: the fix names it too.
  const named = principal.roleArn ?? principal.arn;
  const resourcePolicy = inputs.resourcePolicy?.name;
  switch (verdict.decidedBy) {
    case 'rcp':
    case 'scp': {
      const levels = (verdict.decidedBy === 'scp' ? inputs.scps : inputs.rcps) ?? [];
      const level = verdict.level ?? 0;
      const names = (levels[level] ?? []).map((policy) => policy.name).join(', ') || 'no policies';
      const where = levels.length > 1 ? ` at level ${level + 1}` : '';
      return `no ${LAYER_LABELS[verdict.decidedBy]}${where} (${names}) allows ${action}`;
    }
    case 'resource-policy': {
      const policy = resourcePolicy
        ? `${layerLabel('resource-policy', setting)} ${resourcePolicy}`
        : undefined;
      if (setting.callerType === 'service') {
        return `no statement in the ${policy ?? 'resource policy'} allows ${principal.arn}`;
      }
      if (!setting.sameAccount) {
        const missing = policy ? `and ${policy} does not` : 'and none was given';
        return `${request.resource} is in account ${request.resourceAccountId}: cross-account access needs the resource policy to allow ${named}, ${missing}`;
      }
      return `the ${policy ?? 'key policy'} neither names ${named} nor lets IAM policies of account ${principal.accountId} allow ${action}`;
    }
    case 'permission-boundary':
      return `the permission boundary ${inputs.permissionBoundary?.name} does not allow ${action}`;
    case 'session-policy':
      return inputs.sessionPolicy
        ? `the session policy ${inputs.sessionPolicy.name} does not allow ${action}`
        : 'a federated user session without a session policy has no permissions';
    default:
      return inputs.identityPolicies.length === 0
        ? `${principal.arn} has no identity policies and nothing else grants ${action}`
        : `no statement in the identity policies allows ${action} on ${request.resource}`;
  }
}

function decidedEvaluation(verdict: Verdict, subject: Subject): Evaluation {
  const statements = statementsOf(subject, verdict.facts, 'yes');
  const labels = statements.map((ref) => statementLabel(ref, subject.setting));
  const refusals = verdict.decision === 'implicit-deny' ? conditionRefusals(verdict, subject) : [];
  let reason: string;
  if (verdict.decision === 'explicit-deny') {
    reason = `denied by ${labels[0]}${labels.length > 1 ? ` (and ${labels.length - 1} more)` : ''}`;
  } else if (verdict.decision === 'allowed') {
    reason =
      labels.length > 0
        ? `allowed by ${labels.join(', ')}`
        : 'allowed: the account root user needs no identity policy';
  } else {
    reason = implicitDenyReason(verdict, subject, refusals);
  }
  return {
    decision: verdict.decision,
    decidedBy: verdict.decidedBy,
    statements,
    missingContextKeys: [],
    ...(refusals.length > 0 ? { conditionRefusals: refusals } : {}),
    reason,
  };
}

function unknownEvaluation(uncertain: readonly string[], subject: Subject): Evaluation {
  const statements = statementsOf(subject, uncertain, 'unknown');
  const missing = [
    ...new Set(
      uncertain.flatMap((key) =>
        (subject.facts.get(key)?.verdicts ?? []).flatMap((v) =>
          v.applies.truth === 'unknown' ? v.applies.missing : [],
        ),
      ),
    ),
  ];
  const layers = new Set(uncertain.map(layerOfFact));
  const decidedBy = LAYER_ORDER.find((layer) => layers.has(layer)) ?? 'none';
  const cited = statements.slice(0, 3).map((ref) => statementLabel(ref, subject.setting));
  const reason =
    missing.length > 0
      ? `depends on ${missing.join(', ')}, not in the request context (${cited.join('; ')})`
      : `needs the ${layerLabel(decidedBy === 'none' ? 'resource-policy' : decidedBy, subject.setting)}, which was not given`;
  return { decision: 'unknown', decidedBy, statements, missingContextKeys: missing, reason };
}

/** The evaluation a caller sees: the decision, the statements behind it, and a one-line reason. */
export function explain(resolution: Resolution, subject: Subject): Evaluation {
  return resolution.decided
    ? decidedEvaluation(resolution.verdict, subject)
    : unknownEvaluation(resolution.uncertain, subject);
}
