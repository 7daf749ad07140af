import type { Caller } from './caller.js';
import type { PrincipalElement } from './policy-schema.js';

/**
 * How a resource-policy statement names the caller. It matters in the same account:
 * - `direct`: the caller itself (user, role session, federated user session, service) or everyone
 *   (`*`). Not limited by an implicit deny in identity policies, boundaries or session policies.
 * - `entity`: the role behind a role session. Limited by the boundary and the session policy, not
 *   by the identity policies.
 * - `account`: the account (`ACCOUNT` or `arn:aws:iam::ACCOUNT:root`). This delegates to the
 *   account, whose identity policies must then allow the request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export type PrincipalKind = 'direct' | 'entity' | 'account';

const RANK: Record<PrincipalKind, number> = { direct: 3, entity: 2, account: 1 };
const PRINCIPAL_ARN = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/;

function namesAccount(value: string, caller: Caller): boolean {
  if (/^\d{12}$/.test(value)) return value === caller.accountId;
  return value === `arn:${caller.partition}:iam::${caller.accountId}:root`;
}

/** A role ARN names the caller's role when partition, account and role name agree (names are unique per account). */
function namesRole(value: string, caller: Caller): boolean {
  const [, partition, service, account, resource] = PRINCIPAL_ARN.exec(value) ?? [];
  if (service !== 'iam' || !resource?.startsWith('role/')) return false;
  const roleName = resource.slice(resource.lastIndexOf('/') + 1);
  return partition === caller.partition && account === caller.accountId && roleName === caller.roleName;
}

/** The caller's own ARN: a user, a role session or a federated user session, named exactly. */
function namesSelf(value: string, caller: Caller): boolean {
  return value === caller.arn && ['user', 'assumed-role', 'federated-user'].includes(caller.type);
}

function awsValueKind(value: string, caller: Caller): PrincipalKind | undefined {
  if (value === '*') return 'direct';
  if (caller.type === 'service') return undefined;
  if (namesSelf(value, caller)) return 'direct';
  if (namesRole(value, caller)) return 'entity';
  if (namesAccount(value, caller)) return 'account';
  return undefined;
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** How the Principal element names the caller, or undefined when it does not. */
export function principalKind(element: PrincipalElement, caller: Caller): PrincipalKind | undefined {
  if (element === '*') return 'direct';
  const kinds: PrincipalKind[] = asList(element.AWS).flatMap((value) => awsValueKind(value, caller) ?? []);
  if (
    caller.type === 'service' &&
    asList(element.Service).some((s) => s.toLowerCase() === caller.arn.toLowerCase())
  ) {
    kinds.push('direct');
  }
  return kinds.sort((a, b) => RANK[b] - RANK[a])[0];
}

/**
 * Whether a NotPrincipal statement applies to the caller. AWS may check the account, then the role,
 * then the session, so a caller is excluded from a Deny only when its account, its role (for a
 * session) and itself are all listed; for an Allow, listing any of them excludes it. A Deny with
 * NotPrincipal always applies to a principal that has a permissions boundary.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function notPrincipalApplies(
  element: PrincipalElement,
  caller: Caller,
  effect: 'Allow' | 'Deny',
  callerHasBoundary: boolean,
): boolean {
  if (effect === 'Deny' && callerHasBoundary) return true;
  if (element === '*') return false;
  const aws = asList(element.AWS);
  if (aws.includes('*')) return false;
  if (caller.type === 'service') return !asList(element.Service).includes(caller.arn);
  const lists = (test: (value: string, caller: Caller) => boolean) =>
    aws.some((value) => test(value, caller));
  const chain = [lists(namesAccount)];
  if (caller.type === 'assumed-role' || caller.type === 'role') chain.push(lists(namesRole));
  if (caller.type !== 'role' && caller.type !== 'root') chain.push(lists(namesSelf));
  const excluded = effect === 'Deny' ? chain.every(Boolean) : chain.some(Boolean);
  return !excluded;
}
