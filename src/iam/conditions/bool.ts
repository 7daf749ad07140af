import type { OperatorFamily } from './family.js';

/**
 * `Bool` compares with "true" or "false", case-insensitively (JSON booleans are read as such).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
 */
export const boolOperators: OperatorFamily = {
  variables: true,
  operators: {
    Bool: { negated: false, test: (value, policy) => value.toLowerCase() === policy.text.toLowerCase() },
  },
};
