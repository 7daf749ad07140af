import type { Caller } from './caller.js';
import { evaluateConditions, type ParsedCondition } from './conditions/evaluate.js';
import type { RequestContext } from './context.js';
import { matchesAction, matchesResource } from './match.js';
import type { ParsedPolicy, ParsedStatement } from './parse.js';
import { notPrincipalApplies, type PrincipalKind, principalKind } from './principal.js';
import { allOf, NO, not, type Outcome, YES } from './truth.js';
import type { FailedCondition, StatementRef } from './types.js';
import { resolveVariables } from './variables.js';
import { partsText } from './wildcard.js';

/** Whether one statement applies to the request, and (in a resource policy) how it names the caller. */
export interface StatementVerdict {
  ref: StatementRef;
  /** `yes`, `no` or `unknown`; a statement made invalid by an unresolvable variable does not apply. */
  applies: Outcome;
  kind?: PrincipalKind;
  /** When the action, principal and resource match and only conditions fail: those conditions. */
  failedConditions?: FailedCondition[];
}

export interface StatementRequest {
  action: string;
  resource: string;
  caller: Caller;
  context: RequestContext;
  callerHasBoundary: boolean;
}

/**
 * A statement applies when its action, principal, resource and every condition match.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
export function evaluateStatement(
  policy: ParsedPolicy,
  statement: ParsedStatement,
  request: StatementRequest,
): StatementVerdict {
  const ref: StatementRef = {
    policy: policy.name,
    layer: policy.layer,
    index: statement.index,
    effect: statement.effect,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
  };
  const actionMatches = statement.actions
    ? matchesAction(statement.actions, request.action)
    : !matchesAction(statement.notActions ?? [], request.action);
  if (!actionMatches) return { ref, applies: NO };

  let kind: PrincipalKind | undefined;
  if (statement.principal !== undefined) {
    kind = principalKind(statement.principal, request.caller);
    if (!kind) return { ref, applies: NO };
  } else if (statement.notPrincipal !== undefined) {
    const applies = notPrincipalApplies(
      statement.notPrincipal,
      request.caller,
      statement.effect,
      request.callerHasBoundary && policy.layer === 'resource-policy',
    );
    if (!applies) return { ref, applies: NO };
    kind = 'direct';
  }

  const resource = statement.resources
    ? matchesResource(statement.resources, request.resource, request.context, policy.variables)
    : statement.notResources
      ? not(matchesResource(statement.notResources, request.resource, request.context, policy.variables))
      : YES;
  const conditions = evaluateConditions(statement.conditions, request.context, policy.variables);
  const applies = allOf([resource, conditions.outcome]);
  const refused = resource.truth === 'yes' && conditions.outcome.truth === 'no';
  return {
    ref,
    applies: applies.truth === 'invalid' ? NO : applies,
    ...(kind ? { kind } : {}),
    ...(refused
      ? {
          failedConditions: conditions.failed.map((c) =>
            failedCondition(c, request.context, policy.variables),
          ),
        }
      : {}),
  };
}

/** The condition, its policy variables resolved, with what the request has for its key. */
function failedCondition(
  condition: ParsedCondition,
  context: RequestContext,
  variables: boolean,
): FailedCondition {
  const { operator, key } = condition;
  const resolves = variables && operator.kind === 'compare' && operator.family.variables;
  // `${*}` and the like stay as written: resolved, a literal `*` would read as a wildcard.
  const values = condition.values.map((text) => {
    const resolution = resolveVariables(text, context, resolves && !/\$\{\s*[*?$]\s*\}/.test(text));
    return resolution.kind === 'resolved' ? partsText(resolution.parts) : text;
  });
  const found = context.lookup(key);
  return {
    operator: operator.name,
    key,
    values,
    ...(found.state === 'present' ? { actual: found.values } : {}),
  };
}
