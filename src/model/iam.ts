import { z } from 'zod';
import { factSchema } from './fact.js';

/**
 * A policy as found: its name (the inline policy name, the managed policy's name, the SCP's
 * name or a logical id) and its document, kept as given (an object, a JSON string, or the
 * URL-encoded JSON IAM returns). src/iam validates documents when it evaluates them.
 */
export const NamedPolicy = z.object({
  name: z.string(),
  arn: z.string().optional(),
  document: z.unknown(),
});
export type NamedPolicy = z.infer<typeof NamedPolicy>;

/** The identity-side policies of a role or user: inline and attached managed, and the boundary. */
export const PrincipalPolicies = z.object({
  /** The role's or user's ARN with its path, as IAM reports it (a session ARN drops the path). */
  principalArn: z.string().optional(),
  identityPolicies: z.array(NamedPolicy),
  permissionBoundary: NamedPolicy.optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type PrincipalPolicies = z.infer<typeof PrincipalPolicies>;

export const PrincipalPoliciesFact = factSchema(PrincipalPolicies);
