import { matchesPattern } from '../wildcard.js';
import type { OperatorFamily, PolicyValue } from './family.js';

/**
 * StringEquals is exact and case-sensitive; the IgnoreCase forms fold case; StringLike matches
 * `*` and `?` anywhere.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
const equals = (value: string, policy: PolicyValue) => value === policy.text;
const equalsIgnoreCase = (value: string, policy: PolicyValue) =>
  value.toLowerCase() === policy.text.toLowerCase();
const like = (value: string, policy: PolicyValue) => matchesPattern(policy.parts, value);

export const stringOperators: OperatorFamily = {
  variables: true,
  operators: {
    StringEquals: { negated: false, test: equals },
    StringNotEquals: { negated: true, test: equals },
    StringEqualsIgnoreCase: { negated: false, test: equalsIgnoreCase },
    StringNotEqualsIgnoreCase: { negated: true, test: equalsIgnoreCase },
    StringLike: { negated: false, test: like },
    StringNotLike: { negated: true, test: like },
  },
};
