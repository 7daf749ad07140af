import { z } from 'zod';

/**
 * The shape of an IAM JSON policy, as the grammar defines it. Statements are validated one at a time
 * (see parse.ts) so an error can name the statement.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

const StringOrList = z.union([z.string(), z.array(z.string())]);

/** `"*"`, or principals by type. `{"AWS": "*"}` is the same as `"*"`. */
export const PrincipalElement = z.union([
  z.literal('*'),
  z.strictObject({
    AWS: StringOrList.optional(),
    Service: StringOrList.optional(),
    Federated: StringOrList.optional(),
    CanonicalUser: StringOrList.optional(),
  }),
]);
export type PrincipalElement = z.infer<typeof PrincipalElement>;

const ConditionScalar = z.union([z.string(), z.number(), z.boolean()]);

/** `{ operator: { key: value | [values] } }`. */
export const ConditionElement = z.record(
  z.string(),
  z.record(z.string(), z.union([ConditionScalar, z.array(ConditionScalar)])),
);
export type ConditionElement = z.infer<typeof ConditionElement>;

export const PolicyStatement = z
  .strictObject({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: StringOrList.optional(),
    NotAction: StringOrList.optional(),
    Resource: StringOrList.optional(),
    NotResource: StringOrList.optional(),
    Principal: PrincipalElement.optional(),
    NotPrincipal: PrincipalElement.optional(),
    Condition: ConditionElement.optional(),
  })
  .refine((s) => (s.Action === undefined) !== (s.NotAction === undefined), {
    message: 'needs exactly one of Action or NotAction',
  })
  .refine((s) => s.Resource === undefined || s.NotResource === undefined, {
    message: 'has both Resource and NotResource',
  })
  .refine((s) => s.Principal === undefined || s.NotPrincipal === undefined, {
    message: 'has both Principal and NotPrincipal',
  });
export type PolicyStatement = z.infer<typeof PolicyStatement>;

/** The policy-wide elements; `Statement` is one statement or an array of them. */
export const PolicyDocument = z.strictObject({
  Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
  Id: z.string().optional(),
  Statement: z.union([PolicyStatement, z.array(PolicyStatement)]),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/** The envelope alone, so statements can be checked one by one. */
export const PolicyEnvelope = z.strictObject({
  Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
  Id: z.string().optional(),
  Statement: z.unknown().optional(),
});
