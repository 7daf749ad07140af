import { identifyCaller } from './caller.js';
import { buildRequestContext } from './context.js';
import type { Setting } from './decide.js';
import { explain } from './explain.js';
import { type Facts, factOf, UNKNOWN_FACT } from './facts.js';
import { type ParsedPolicy, parsePolicy } from './parse.js';
import { resolve } from './resolve.js';
import { evaluateStatement, type StatementRequest, type StatementVerdict } from './statement.js';
import type { AuthorizationRequest, Evaluation, NamedPolicy, PolicyInputs, PolicyLayer } from './types.js';

function parseAll(policies: readonly NamedPolicy[] | undefined, layer: PolicyLayer): ParsedPolicy[] {
  return (policies ?? []).map((policy) => parsePolicy(policy, layer));
}

function verdictsOf(policies: readonly ParsedPolicy[], request: StatementRequest): StatementVerdict[] {
  return policies.flatMap((policy) =>
    policy.statements.map((statement) => evaluateStatement(policy, statement, request)),
  );
}

/** `<prefix>.deny` and `<prefix>.allow.<level>` facts for SCPs or RCPs. */
function addLevelFacts(facts: Facts, prefix: 'scp' | 'rcp', levels: StatementVerdict[][]): void {
  if (levels.length === 0) return;
  facts.set(`${prefix}.deny`, factOf(levels.flat(), 'Deny'));
  levels.forEach((level, index) => {
    facts.set(`${prefix}.allow.${index}`, factOf(level, 'Allow'));
  });
}

/**
 * May the principal perform the action on the resource, given these policies? Pure and offline.
 * Follows AWS's policy-evaluation logic: an explicit deny anywhere wins; every RCP and SCP level
 * must allow; then the resource policy and the identity side (identity policies within the
 * permissions boundary and session policy) grant as the same-account or cross-account rules say,
 * with KMS key policies required to take part. Context keys the request does not give make the
 * answer `unknown` only when the outcome depends on them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * Throws PolicyError when a policy is malformed.
 */
export function evaluate(request: AuthorizationRequest, inputs: PolicyInputs): Evaluation {
  const caller = identifyCaller(request.principal);
  const context = buildRequestContext(request, caller);
  const statementRequest: StatementRequest = {
    action: request.action,
    resource: request.resource,
    caller,
    context,
    callerHasBoundary: inputs.permissionBoundary !== undefined,
  };
  const evaluateLayer = (policies: readonly NamedPolicy[] | undefined, layer: PolicyLayer) =>
    verdictsOf(parseAll(policies, layer), statementRequest);

  const scpLevels = (inputs.scps ?? []).map((level) => evaluateLayer(level, 'scp'));
  const rcpLevels = (inputs.rcps ?? []).map((level) => evaluateLayer(level, 'rcp'));
  const scpsApply =
    !inputs.organizationManagementAccount && !caller.serviceLinkedRole && caller.type !== 'service';

  const facts: Facts = new Map();
  addLevelFacts(facts, 'rcp', rcpLevels);
  if (scpsApply) addLevelFacts(facts, 'scp', scpLevels);

  const kms = inputs.resourcePolicyKind === 'kms';
  if (inputs.resourcePolicy) {
    const verdicts = evaluateLayer([inputs.resourcePolicy], 'resource-policy');
    facts.set('resource.deny', factOf(verdicts, 'Deny'));
    for (const kind of ['direct', 'entity', 'account'] as const) {
      facts.set(
        `resource.${kind}`,
        factOf(verdicts, 'Allow', (verdict) => verdict.kind === kind),
      );
    }
  } else if (kms) {
    // A KMS key always has a key policy, and it must take part: without it nothing is certain.
    for (const key of ['resource.deny', 'resource.direct', 'resource.entity', 'resource.account']) {
      facts.set(key, UNKNOWN_FACT);
    }
  }
  const layers: [string, NamedPolicy[] | undefined, PolicyLayer][] = [
    ['identity', inputs.identityPolicies, 'identity-policy'],
    ['boundary', inputs.permissionBoundary && [inputs.permissionBoundary], 'permission-boundary'],
    ['session', inputs.sessionPolicy && [inputs.sessionPolicy], 'session-policy'],
  ];
  for (const [prefix, policies, layer] of layers) {
    const verdicts = evaluateLayer(policies, layer);
    facts.set(`${prefix}.deny`, factOf(verdicts, 'Deny'));
    facts.set(`${prefix}.allow`, factOf(verdicts, 'Allow'));
  }

  const setting: Setting = {
    sameAccount:
      request.resourceAccountId === undefined || request.resourceAccountId === request.principal.accountId,
    kms,
    hasBoundary: inputs.permissionBoundary !== undefined,
    hasSessionPolicy: inputs.sessionPolicy !== undefined,
    callerType: caller.type,
    rcpLevels: rcpLevels.length,
    scpLevels: scpsApply ? scpLevels.length : 0,
  };
  const truths = new Map([...facts].map(([key, fact]) => [key, fact.truth]));
  return explain(resolve(truths, setting), { request, inputs, setting, facts });
}
