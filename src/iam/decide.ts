import type { CallerType } from './caller.js';
import type { Decision, PolicyLayer } from './types.js';

/**
 * The facts a decision is made of, one boolean each: "some statement of this kind applies".
 * Keys: `rcp.deny`, `rcp.allow.<level>`, `scp.deny`, `scp.allow.<level>`, `resource.deny`,
 * `resource.direct|entity|account` (allows, by how the statement names the caller),
 * `identity.deny|allow`, `boundary.deny|allow`, `session.deny|allow`.
 */
export type FactKey = string;

export interface Setting {
  sameAccount: boolean;
  kms: boolean;
  hasBoundary: boolean;
  hasSessionPolicy: boolean;
  callerType: CallerType;
  /** 0 when there are none, or when they do not apply. */
  rcpLevels: number;
  scpLevels: number;
}

export interface Verdict {
  decision: Exclude<Decision, 'unknown'>;
  decidedBy: PolicyLayer | 'none';
  /** The facts that decided: the denies that apply, or the grant path. */
  facts: FactKey[];
  /** For an implicit deny by an SCP or RCP: the level (from 0) without an allow. */
  level?: number;
}

/** Evaluation order, also the order in which a layer is reported as the one that decided. */
export const LAYER_ORDER: readonly PolicyLayer[] = [
  'rcp',
  'scp',
  'resource-policy',
  'identity-policy',
  'permission-boundary',
  'session-policy',
];

const DENY_FACTS: [FactKey, PolicyLayer][] = [
  ['rcp.deny', 'rcp'],
  ['scp.deny', 'scp'],
  ['resource.deny', 'resource-policy'],
  ['identity.deny', 'identity-policy'],
  ['boundary.deny', 'permission-boundary'],
  ['session.deny', 'session-policy'],
];

/**
 * AWS's decision for one assignment of the facts.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
export function decide(fact: (key: FactKey) => boolean, setting: Setting): Verdict {
  // 1. An explicit deny in any policy wins.
  const denies = DENY_FACTS.filter(([key]) => fact(key));
  if (denies.length > 0) {
    return { decision: 'explicit-deny', decidedBy: denies[0]![1], facts: denies.map(([key]) => key) };
  }
  // 2. RCPs (the resource's account) and SCPs (the principal's account): every level must allow.
  for (const [layer, levels] of [
    ['rcp', setting.rcpLevels],
    ['scp', setting.scpLevels],
  ] as const) {
    for (let level = 0; level < levels; level++) {
      if (!fact(`${layer}.allow.${level}`)) {
        return { decision: 'implicit-deny', decidedBy: layer, facts: [], level };
      }
    }
  }
  const implicit = (decidedBy: PolicyLayer): Verdict => ({ decision: 'implicit-deny', decidedBy, facts: [] });
  const allowed = (decidedBy: PolicyLayer | 'none', facts: FactKey[]): Verdict => ({
    decision: 'allowed',
    decidedBy,
    facts,
  });

  // A service principal has no identity policies: only the resource policy can grant it.
  if (setting.callerType === 'service') {
    return fact('resource.direct')
      ? allowed('resource-policy', ['resource.direct'])
      : implicit('resource-policy');
  }

  // 3. The identity side: identity policies, within the boundary and the session policy. A federated
  // user session without a session policy has no permissions; the root user needs no identity policy.
  const boundaryOk = !setting.hasBoundary || fact('boundary.allow');
  const sessionOk = setting.hasSessionPolicy
    ? fact('session.allow')
    : setting.callerType !== 'federated-user';
  const identityOk = setting.callerType === 'root' || fact('identity.allow');
  const limits: FactKey[] = [
    ...(setting.hasBoundary ? ['boundary.allow'] : []),
    ...(setting.hasSessionPolicy ? ['session.allow'] : []),
  ];
  const identityFacts = setting.callerType === 'root' ? [] : ['identity.allow', ...limits];
  const identityFailure: PolicyLayer | undefined = !identityOk
    ? 'identity-policy'
    : !boundaryOk
      ? 'permission-boundary'
      : !sessionOk
        ? 'session-policy'
        : undefined;
  const limitFailure: PolicyLayer = !boundaryOk ? 'permission-boundary' : 'session-policy';

  const direct = fact('resource.direct');
  const entity = fact('resource.entity');
  const account = fact('resource.account');

  // 4a. Cross-account: the resource policy must allow the caller (or its account), and the identity
  // side in the caller's account must allow too.
  if (!setting.sameAccount) {
    const resourceFact = direct ? 'resource.direct' : entity ? 'resource.entity' : 'resource.account';
    if (!(direct || entity || account)) return implicit('resource-policy');
    if (identityFailure) return implicit(identityFailure);
    return allowed('resource-policy', [resourceFact, ...identityFacts]);
  }

  // 4b. Same account. A statement that names the caller itself (or everyone) grants on its own; one
  // that names the role is limited by the boundary and the session policy; one that names the
  // account delegates to the identity side. A KMS key policy must take part: identity policies count
  // only when the key policy trusts the account.
  if (direct) return allowed('resource-policy', ['resource.direct']);
  if (entity && boundaryOk && sessionOk) return allowed('resource-policy', ['resource.entity', ...limits]);
  if (setting.kms) {
    if (!account) return implicit(entity ? limitFailure : 'resource-policy');
    if (identityFailure) return implicit(identityFailure);
    return allowed('identity-policy', ['resource.account', ...identityFacts]);
  }
  if (!identityFailure) {
    return allowed(setting.callerType === 'root' ? 'none' : 'identity-policy', identityFacts);
  }
  return implicit(entity ? limitFailure : identityFailure);
}
