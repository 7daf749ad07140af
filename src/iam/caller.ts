import type { RequestPrincipal } from './types.js';

/**
 * What kind of principal makes the request, read from its ARN. The kind decides how resource
 * policies that name it are evaluated, and which request-context keys exist.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export type CallerType = 'user' | 'assumed-role' | 'role' | 'root' | 'federated-user' | 'service' | 'other';

export interface Caller {
  arn: string;
  accountId: string;
  partition: string;
  type: CallerType;
  /** For a role or role session: the role's ARN, when known (it carries the path). */
  roleArn?: string;
  /** For a role or role session: the role name (unique in its account, whatever the path). */
  roleName?: string;
  /** For an IAM user: the friendly name. */
  userName?: string;
  /**
   * A service-linked role (path `/aws-service-role/`): SCPs do not apply to it.
   * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
   */
  serviceLinkedRole: boolean;
}

const IAM_ARN = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/;

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Every question about one principal names the same principal object: read its ARN once. */
const callers = new WeakMap<RequestPrincipal, Caller>();

export function identifyCaller(principal: RequestPrincipal): Caller {
  let caller = callers.get(principal);
  if (!caller) {
    caller = callerOf(principal);
    callers.set(principal, caller);
  }
  return caller;
}

function callerOf(principal: RequestPrincipal): Caller {
  const base = { arn: principal.arn, accountId: principal.accountId, serviceLinkedRole: false };
  const match = IAM_ARN.exec(principal.arn);
  if (!match) {
    const type: CallerType = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(principal.arn)
      ? 'service'
      : 'other';
    return { ...base, partition: 'aws', type };
  }
  const [, partition = 'aws', service, , resource = ''] = match;
  if (service === 'iam' && resource === 'root') return { ...base, partition, type: 'root' };
  if (service === 'iam' && resource.startsWith('user/')) {
    return { ...base, partition, type: 'user', userName: principal.username ?? lastSegment(resource) };
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    return withRole({ ...base, partition, type: 'role', roleName: lastSegment(resource) }, principal.arn);
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const roleName = resource.split('/')[1];
    const caller: Caller = { ...base, partition, type: 'assumed-role', ...(roleName ? { roleName } : {}) };
    return principal.roleArn ? withRole(caller, principal.roleArn) : caller;
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    return { ...base, partition, type: 'federated-user' };
  }
  return { ...base, partition, type: 'other' };
}

function withRole(caller: Caller, roleArn: string): Caller {
  return { ...caller, roleArn, serviceLinkedRole: roleArn.includes(':role/aws-service-role/') };
}

/** `arn:PARTITION:iam::ACCOUNT:root`, the account principal. */
export function accountRootArn(caller: Caller): string {
  return `arn:${caller.partition}:iam::${caller.accountId}:root`;
}
