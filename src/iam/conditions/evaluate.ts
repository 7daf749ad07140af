import type { RequestContext } from '../context.js';
import { allOf, anyOf, not, type Outcome, outcome } from '../truth.js';
import { resolveVariables } from '../variables.js';
import { partsText } from '../wildcard.js';
import type { PolicyValue } from './family.js';
import type { ParsedOperator } from './operator.js';

/** One key under one operator: `{ "StringEquals": { "aws:RequestedRegion": ["eu-west-1"] } }`. */
export interface ParsedCondition {
  operator: ParsedOperator;
  key: string;
  values: string[];
}

/**
 * The value of a condition when its key is absent from the request context: `…IfExists` holds,
 * `ForAllValues` holds and `ForAnyValue` does not (an empty set), a negated operator holds and any
 * other does not.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
function whenAbsent(operator: Extract<ParsedOperator, { kind: 'compare' }>): boolean {
  if (operator.ifExists || operator.qualifier === 'ForAllValues') return true;
  if (operator.qualifier === 'ForAnyValue') return false;
  return operator.spec.negated;
}

type ResolvedValue = { value: PolicyValue } | Outcome;

function resolvePolicyValue(text: string, context: RequestContext, variables: boolean): ResolvedValue {
  const resolution = resolveVariables(text, context, variables);
  if (resolution.kind === 'invalid') return { truth: 'invalid', missing: [] };
  if (resolution.kind === 'unknown') return { truth: 'unknown', missing: resolution.keys };
  return { value: { text: partsText(resolution.parts), parts: resolution.parts } };
}

/**
 * Several values for one key are OR-ed; a negated operator holds when the request value matches
 * none of them. For several request values (a multivalued key): `ForAnyValue` holds when one of
 * them passes, `ForAllValues` when every one passes (so an empty set passes). With no qualifier a
 * multivalued key is read as one set: a positive operator holds when any value matches, a negated
 * one when none does.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 */
export function evaluateCondition(
  condition: ParsedCondition,
  context: RequestContext,
  variables: boolean,
): Outcome {
  const { operator, key, values } = condition;
  const found = context.lookup(key);
  if (operator.kind === 'null') {
    if (found.state === 'unknown') return { truth: 'unknown', missing: [key] };
    const isNull = found.state === 'absent' || found.values.length === 0;
    return outcome(values.some((value) => value.toLowerCase() === String(isNull)));
  }
  const policyValues = values.map((text) =>
    resolvePolicyValue(text, context, variables && operator.family.variables),
  );
  if (policyValues.some((value) => 'truth' in value && value.truth === 'invalid')) {
    return { truth: 'invalid', missing: [] };
  }
  if (found.state === 'unknown') return { truth: 'unknown', missing: [key] };
  if (found.state === 'absent') return outcome(whenAbsent(operator));

  const matchesAny = (requestValue: string): Outcome =>
    anyOf(
      policyValues.map((policyValue) =>
        'value' in policyValue ? outcome(operator.spec.test(requestValue, policyValue.value)) : policyValue,
      ),
    );
  const passes = found.values.map((requestValue) =>
    operator.spec.negated ? not(matchesAny(requestValue)) : matchesAny(requestValue),
  );
  if (operator.qualifier === 'ForAllValues') return allOf(passes);
  if (operator.qualifier === 'ForAnyValue') return anyOf(passes);
  return operator.spec.negated ? allOf(passes) : anyOf(passes);
}

/** Every operator and every key in a Condition block must hold (AND); `failed` lists those that do not. */
export function evaluateConditions(
  conditions: readonly ParsedCondition[],
  context: RequestContext,
  variables: boolean,
): { outcome: Outcome; failed: ParsedCondition[] } {
  const outcomes = conditions.map((condition) => evaluateCondition(condition, context, variables));
  return {
    outcome: allOf(outcomes),
    failed: conditions.filter((_, index) => outcomes[index]!.truth === 'no'),
  };
}
