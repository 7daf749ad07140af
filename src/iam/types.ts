/**
 * The public contract of the IAM evaluator: what a caller asks, with which policies, and what it
 * answers. The semantics follow AWS's documented policy-evaluation logic:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** A context value. An array is a multivalued key (e.g. `aws:TagKeys`); `[]` is present but empty. */
export type ContextValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

/** Who makes the request. */
export interface RequestPrincipal {
  /**
   * The caller's ARN: an IAM user, a role session (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`),
   * a role (taken to mean "a session of this role"), the account root, an STS federated user, or
   * a service principal name such as `ecs-tasks.amazonaws.com`.
   */
  arn: string;
  accountId: string;
  /** For an assumed-role session: the role's ARN (with its path). Fills `aws:PrincipalArn`. */
  roleArn?: string;
  /** The principal's tags (role or user tags plus session tags), all of them: fills `aws:PrincipalTag/*`. */
  tags?: Record<string, string>;
  /** An IAM user's friendly name (`aws:username`); derived from a user ARN when absent. */
  username?: string;
  /** The unique id (`aws:userid`), e.g. `AROAEXAMPLE:session` for a role session. */
  userId?: string;
}

export interface AuthorizationRequest {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `ecs:ExecuteCommand`. */
  action: string;
  /** The resource ARN, or `*` for actions that take no resource. */
  resource: string;
  /** The account that owns the resource; the principal's account when absent (same-account request). */
  resourceAccountId?: string;
  /**
   * The request context. Keys are case-insensitive. A key not given here and not listed in
   * `absentKeys` is UNKNOWN: a condition that needs it makes the answer `unknown`.
   */
  context?: Record<string, ContextValue>;
  /** Keys the caller knows are absent from the request context at request time. */
  absentKeys?: string[];
}

/**
 * A policy with the name reports use. `document` is an object, a JSON string, or URL-encoded JSON
 * as IAM's GetRolePolicy and GetPolicyVersion return it.
 */
export interface NamedPolicy {
  name: string;
  arn?: string;
  document: unknown;
}

export interface PolicyInputs {
  /** Inline and managed policies of the user (and its groups) or role. */
  identityPolicies: NamedPolicy[];
  permissionBoundary?: NamedPolicy;
  /**
   * The SCPs that apply to the principal's account, one array per level from the root through the
   * OUs to the account. Every level must allow the action.
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
   */
  scps?: NamedPolicy[][];
  /** Resource control policies of the resource's account, levels as for `scps`. */
  rcps?: NamedPolicy[][];
  /**
   * The principal belongs to the organization's management account, where SCPs do not apply.
   * (Service-linked roles, whose path is `/aws-service-role/`, are recognised from their ARN.)
   */
  organizationManagementAccount?: boolean;
  /** The resource-based policy of the resource: a bucket policy, a KMS key policy… */
  resourcePolicy?: NamedPolicy;
  /**
   * `kms`: the resource policy is a KMS key policy, which must allow the request itself or
   * delegate to IAM by trusting the account; an identity policy alone never grants.
   * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
   */
  resourcePolicyKind?: 'kms' | 'generic';
  /** The session policy passed when the role session or federated user session was created. */
  sessionPolicy?: NamedPolicy;
}

export type PolicyLayer =
  | 'rcp'
  | 'scp'
  | 'resource-policy'
  | 'identity-policy'
  | 'permission-boundary'
  | 'session-policy';

export type Decision = 'allowed' | 'explicit-deny' | 'implicit-deny' | 'unknown';

/** One statement of one policy, as reports cite it. `index` counts from 0 within the policy. */
export interface StatementRef {
  policy: string;
  layer: PolicyLayer;
  sid?: string;
  index: number;
  effect: 'Allow' | 'Deny';
}

/**
 * A condition that refused a statement whose action, principal and resource all match the request.
 * `actual` holds the request's values for the key; it is absent when the request has no such key.
 */
export interface FailedCondition {
  /** As written in the policy, e.g. `StringEquals` or `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  /** The policy values, their policy variables resolved with the request's values. */
  values: string[];
  actual?: string[];
}

/** A statement that would have applied but for its conditions, and the ones that failed. */
export interface ConditionRefusal {
  statement: StatementRef;
  conditions: FailedCondition[];
}

export interface Evaluation {
  decision: Decision;
  /** The layer whose statements (or lack of an allow) decided; for `unknown`, the layer that is uncertain. */
  decidedBy: PolicyLayer | 'none';
  /** The deciding statements: the denies, the grant path, or (for `unknown`) the undecidable ones. */
  statements: StatementRef[];
  /** For `unknown`: the context keys whose absence from the request makes the answer uncertain. */
  missingContextKeys: string[];
  /**
   * For an implicit deny: the Allow statements of the deciding layer that match the action, the
   * principal and the resource but fail a condition (the change that would grant is there).
   */
  conditionRefusals?: ConditionRefusal[];
  /** One line a human understands, e.g. "denied by SCP deny-regions statement DenyOutsideEU". */
  reason: string;
}
