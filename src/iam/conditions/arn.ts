import { matchesArnPattern } from '../wildcard.js';
import type { OperatorFamily, PolicyValue } from './family.js';

/**
 * ARN operators match each colon-delimited component separately, with `*` and `?` wildcards;
 * ArnEquals and ArnLike behave identically.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
const arnLike = (value: string, policy: PolicyValue) => matchesArnPattern(policy.parts, value);

export const arnOperators: OperatorFamily = {
  variables: true,
  operators: {
    ArnEquals: { negated: false, test: arnLike },
    ArnLike: { negated: false, test: arnLike },
    ArnNotEquals: { negated: true, test: arnLike },
    ArnNotLike: { negated: true, test: arnLike },
  },
};
