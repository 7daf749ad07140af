import type { OperatorFamily } from './family.js';

/**
 * Integer or decimal comparisons. A value that is not a number matches nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
 */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function toNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

function compare(holds: (request: number, policy: number) => boolean) {
  return (value: string, policy: { text: string }) => {
    const request = toNumber(value);
    const limit = toNumber(policy.text);
    return request !== undefined && limit !== undefined && holds(request, limit);
  };
}

export const numericOperators: OperatorFamily = {
  variables: false,
  operators: {
    NumericEquals: { negated: false, test: compare((a, b) => a === b) },
    NumericNotEquals: { negated: true, test: compare((a, b) => a === b) },
    NumericLessThan: { negated: false, test: compare((a, b) => a < b) },
    NumericLessThanEquals: { negated: false, test: compare((a, b) => a <= b) },
    NumericGreaterThan: { negated: false, test: compare((a, b) => a > b) },
    NumericGreaterThanEquals: { negated: false, test: compare((a, b) => a >= b) },
  },
};
