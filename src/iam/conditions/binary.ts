import type { OperatorFamily } from './family.js';

/**
 * `BinaryEquals` compares bytes: the policy holds the base64 form, and so does the context value.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function bytes(text: string): Buffer | undefined {
  const value = text.trim();
  return BASE64.test(value) && value.length % 4 === 0 ? Buffer.from(value, 'base64') : undefined;
}

export const binaryOperators: OperatorFamily = {
  variables: false,
  operators: {
    BinaryEquals: {
      negated: false,
      test: (value, policy) => {
        const request = bytes(value);
        const expected = bytes(policy.text);
        return request !== undefined && expected !== undefined && request.equals(expected);
      },
    },
  },
};
