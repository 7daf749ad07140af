import type { ExecTarget, NamedPolicy, PrincipalPolicies } from '../../src/model/index.js';
import { ACCOUNT, CLUSTER_ARN, KEY_ARN, REGION, TASK_ROLE_ARN, targetWith } from './targets.js';

/** Policies and targets for the checks that evaluate IAM policies. */

export const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/alice`;
export const DEVELOPER_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/Developer`;
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/alice`;
export const TASKS_OF_CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/demo/*`;
export const LOG_GROUP_STREAMS = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/exec-audit:*`;

type Statement = Record<string, unknown>;

export function allow(
  action: string | string[],
  resource: string | string[],
  extra: Statement = {},
): Statement {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

export function deny(
  action: string | string[],
  resource: string | string[],
  extra: Statement = {},
): Statement {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}

export function policy(name: string, ...statements: Statement[]): NamedPolicy {
  return { name, document: { Version: '2012-10-17', Statement: statements } };
}

export const ADMINISTRATOR_ACCESS: NamedPolicy = {
  ...policy('AdministratorAccess', allow('*', '*')),
  arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
};

/** A permission boundary that allows everything, in one region only. */
export function regionBoundary(region: string): NamedPolicy {
  return {
    ...policy(
      'region-boundary',
      allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': region } } }),
    ),
    arn: `arn:aws:iam::${ACCOUNT}:policy/region-boundary`,
  };
}

/** SCPs: FullAWSAccess at the root, and these statements at the account. */
export function scps(...accountStatements: Statement[]): NamedPolicy[][] {
  return [[policy('FullAWSAccess', allow('*', '*'))], [policy('deny-exec', ...accountStatements)]];
}

/** The key policy KMS gives a key by default: the account may use it through IAM policies. */
export const ROOT_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

/** A key policy that trusts only an administrator role and names these principals for these actions. */
export function keyPolicyNaming(principal: string, actions: string[]): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'KeyAdministrators',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` },
        Action: ['kms:Create*', 'kms:Describe*', 'kms:Put*', 'kms:ScheduleKeyDeletion'],
        Resource: '*',
      },
      { Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: principal }, Action: actions, Resource: '*' },
    ],
  };
}

export function accessDenied(permission: string) {
  return { known: false as const, reason: `AccessDenied on ${permission}`, permission };
}

function identity(...policies: NamedPolicy[]): PrincipalPolicies {
  return { identityPolicies: policies };
}

/** The healthy target, with the caller (IAM user alice) holding these policies and the key this key policy. */
export function callerWith(
  policies: PrincipalPolicies | NamedPolicy[],
  change: (target: ExecTarget) => void = () => {},
): ExecTarget {
  return targetWith((target) => {
    const value = Array.isArray(policies) ? identity(...policies) : policies;
    target.caller = {
      known: true,
      value: { arn: USER_ARN, accountId: ACCOUNT, userId: 'AIDAEXAMPLE', policies: { known: true, value } },
    };
    setKeyPolicy(target, ROOT_TRUST);
    change(target);
  });
}

/** The caller as a session of role Developer. */
export function sessionCaller(target: ExecTarget, policies: PrincipalPolicies['identityPolicies']): void {
  target.caller = {
    known: true,
    value: {
      arn: SESSION_ARN,
      accountId: ACCOUNT,
      userId: 'AROAEXAMPLE:alice',
      policies: { known: true, value: { principalArn: DEVELOPER_ROLE_ARN, identityPolicies: policies } },
    },
  };
}

/** The healthy target, with task role app-task holding these policies and the key trusting the account. */
export function taskRoleWith(
  policies: PrincipalPolicies | NamedPolicy[],
  change: (target: ExecTarget) => void = () => {},
): ExecTarget {
  return targetWith((target) => {
    const value = Array.isArray(policies) ? identity(...policies) : policies;
    target.taskRole = {
      known: true,
      value: {
        arn: TASK_ROLE_ARN,
        name: 'app-task',
        source: 'task-definition',
        policies: { known: true, value: { principalArn: TASK_ROLE_ARN, ...value } },
      },
    };
    setKeyPolicy(target, ROOT_TRUST);
    change(target);
  });
}

export function setKeyPolicy(target: ExecTarget, document: unknown): void {
  if (target.kmsKey?.known && target.kmsKey.value)
    target.kmsKey.value.policy = { known: true, value: document };
}

/** Lint mode: no task, the role known by its logical id, region and account left open by the files. */
export function asLint(target: ExecTarget): void {
  target.mode = 'lint';
  target.task = undefined;
  target.service = undefined;
  target.region = 'unknown';
  target.accountId = 'unknown';
  target.caller = undefined;
  if (target.taskRole.known && target.taskRole.value) {
    target.taskRole.value.arn = 'TaskRole';
    const policies = target.taskRole.value.policies;
    if (policies?.known) delete policies.value.principalArn;
  }
  if (target.cluster.known) target.cluster.value.arn = 'Cluster';
  if (target.kmsKey?.known && target.kmsKey.value) {
    Object.assign(target.kmsKey.value, { arn: 'ExecKey', keyId: 'ExecKey', reference: 'ExecKey' });
  }
}

export { ACCOUNT, CLUSTER_ARN, KEY_ARN, REGION, TASK_ROLE_ARN };
