import type { NamedPolicy, RequestPrincipal } from '../iam/index.js';
import type { Caller, ExecTarget, Fact, PrincipalPolicies, Role } from '../model/index.js';
import { parseArn } from '../model/index.js';
import { type About, unknown, unknownFromFact } from './results.js';
import { taskDefinitionResource } from './target-helpers.js';
import type { CheckContext, CheckResult } from './types.js';

/**
 * Whose permissions the IAM checks judge: the caller (taken to be the one who will exec) or a role
 * of the task, with the policies to judge it by, its tags and the SCPs of its account. Policies
 * that were not read make the check `unknown`, naming the IAM permissions that would read them.
 */

/** The IAM role or user whose policies apply: what a fix or a key policy names. */
export interface Entity {
  kind: 'role' | 'user' | 'other';
  name: string;
  arn: string;
}

/** A principal to judge, with the policies to judge it by. */
export interface Subject {
  /** How messages name it: "task role `app-task`", "caller `alice`". */
  label: string;
  /** The finding's resource: the role as the target names it (a logical id in lint), the caller's ARN. */
  resource: string;
  entity: Entity;
  principal: RequestPrincipal;
  policies: PrincipalPolicies;
  /** The SCPs of the principal's account, root → account; undefined when not given. */
  scps?: NamedPolicy[][];
  /** From the check context: told every question judged for this subject. */
  observe?: CheckContext['observeIam'];
}

/** Whether a helper answered with the result to report instead of a value. */
export function isResult<T extends object>(value: T | CheckResult): value is CheckResult {
  return 'status' in value;
}

const ROLE_READS =
  'iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy, iam:GetPolicyVersion';
const USER_READS =
  'iam:GetUser, iam:ListUserPolicies, iam:GetUserPolicy, iam:ListAttachedUserPolicies, iam:ListGroupsForUser, iam:GetPolicy, iam:GetPolicyVersion';

/** The policies, or `unknown` naming what would have let the tool read them. */
function policiesOrUnknown(
  target: ExecTarget,
  resource: About,
  label: string,
  entity: Entity,
  fact: Fact<PrincipalPolicies> | undefined,
): PrincipalPolicies | CheckResult {
  const needs = entity.kind === 'user' ? USER_READS : ROLE_READS;
  if (!fact) {
    const where = target.mode === 'lint' ? 'are not in the linted files' : 'were not collected';
    return unknown(resource, `The IAM policies of ${label} ${where}.`, needs);
  }
  if (!fact.known) return unknownFromFact(resource, `the IAM policies of ${label}`, fact);
  return fact.value;
}

/** The SCPs apply to the principal's account; the target's are those of the task's account. */
function scpsFor(target: ExecTarget, accountId: string): NamedPolicy[][] | undefined {
  return accountId === target.accountId ? target.serviceControlPolicies : undefined;
}

/**
 * Live mode reads every tag of a role or user (none read means none); the files do not give them,
 * so `aws:PrincipalTag/*` stays unknown in lint.
 */
function principalTags(target: ExecTarget, policies: PrincipalPolicies): Record<string, string> | undefined {
  return policies.tags ?? (target.mode === 'live' ? {} : undefined);
}

/**
 * The role the SSM agent (or the execution agent) runs as. In lint a role of the files has its
 * logical id for an ARN: the evaluator then knows it only by its policies.
 */
export function roleSubject(
  target: ExecTarget,
  role: Role,
  label: string,
  context?: CheckContext,
): Subject | CheckResult {
  const arn = parseArn(role.arn)
    ? role.arn
    : `arn:${target.partition}:iam::${target.accountId}:role/${role.name}`;
  const entity: Entity = { kind: 'role', name: role.name, arn };
  // In lint, a role the files only reference by ARN is pointed at where the task definition names it.
  const declared = target.mode === 'live' || target.locations?.[role.arn] !== undefined;
  const about: About = declared
    ? role.arn
    : {
        resource: taskDefinitionResource(target),
        property: role.source === 'task-override' ? 'taskRoleArn' : roleProperty(target, role),
      };
  const policies = policiesOrUnknown(target, about, label, entity, role.policies);
  if (isResult(policies)) return policies;
  const principalArn = policies.principalArn ?? arn;
  const accountId = parseArn(principalArn)?.accountId || target.accountId;
  const tags = principalTags(target, policies);
  const subject: Subject = {
    label,
    resource: role.arn,
    entity: { ...entity, arn: principalArn },
    principal: { arn: principalArn, accountId, ...(tags ? { tags } : {}) },
    policies,
  };
  return withScpsAndObserver(subject, scpsFor(target, accountId), context);
}

/** Which task definition property names the role: the task role's, else the execution role's. */
function roleProperty(target: ExecTarget, role: Role): string {
  const definition = target.taskDefinition.known ? target.taskDefinition.value : undefined;
  return definition?.executionRoleArn === role.arn && definition.taskRoleArn !== role.arn
    ? 'executionRoleArn'
    : 'taskRoleArn';
}

/** The user, or the role behind an assumed-role session (whose policies the source read). */
function callerEntity(caller: Caller, policies: PrincipalPolicies | undefined): Entity {
  const arn = parseArn(caller.arn);
  const [kind, name] = arn?.resource.split('/') ?? [];
  if (arn && kind === 'user') {
    return { kind: 'user', name: caller.arn.split('/').pop()!, arn: policies?.principalArn ?? caller.arn };
  }
  if (arn && kind === 'assumed-role' && name) {
    const roleArn = policies?.principalArn ?? `arn:${arn.partition}:iam::${arn.accountId}:role/${name}`;
    return { kind: 'role', name, arn: roleArn };
  }
  return { kind: 'other', name: caller.arn, arn: caller.arn };
}

/** The identity running the tool, taken to be the one who will exec. */
export function callerSubject(target: ExecTarget, context?: CheckContext): Subject | CheckResult {
  const fact = target.caller;
  const resource = fact?.known ? fact.value.arn : 'caller';
  if (!fact) return unknown(resource, 'The caller identity was not collected.', 'sts:GetCallerIdentity');
  if (!fact.known) return unknownFromFact(resource, 'the caller identity', fact);
  const caller = fact.value;
  const draft = callerEntity(caller, undefined);
  const label = draft.kind === 'role' ? `caller role \`${draft.name}\`` : `caller \`${draft.name}\``;
  const policies = policiesOrUnknown(target, caller.arn, label, draft, caller.policies);
  if (isResult(policies)) return policies;
  const entity = callerEntity(caller, policies);
  const tags = principalTags(target, policies);
  const principal: RequestPrincipal = {
    arn: caller.arn,
    accountId: caller.accountId,
    userId: caller.userId,
    ...(entity.kind === 'role' ? { roleArn: entity.arn } : {}),
    ...(tags ? { tags } : {}),
  };
  const subject: Subject = { label, resource: caller.arn, entity, principal, policies };
  return withScpsAndObserver(subject, scpsFor(target, caller.accountId), context);
}

function withScpsAndObserver(
  subject: Subject,
  scps: NamedPolicy[][] | undefined,
  context: CheckContext | undefined,
): Subject {
  return {
    ...subject,
    ...(scps ? { scps } : {}),
    ...(context?.observeIam ? { observe: context.observeIam } : {}),
  };
}
