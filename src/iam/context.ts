import type { Caller, CallerType } from './caller.js';
import type { AuthorizationRequest, ContextValue } from './types.js';

/**
 * The request context as conditions see it. A key is present (with its values), known to be
 * absent, or unknown: neither given nor declared absent, so a condition that needs it cannot be
 * decided. Key names are case-insensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 */
export type Lookup = { state: 'present'; values: string[] } | { state: 'absent' } | { state: 'unknown' };

export interface RequestContext {
  lookup(key: string): Lookup;
}

function toValues(value: ContextValue): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

const PRINCIPAL_TAG = 'aws:principaltag/';

/** `aws:PrincipalType` values. */
const PRINCIPAL_TYPES: Partial<Record<CallerType, string>> = {
  user: 'User',
  'assumed-role': 'AssumedRole',
  role: 'AssumedRole',
  root: 'Account',
  'federated-user': 'FederatedUser',
};

/**
 * Keys AWS fills in from the principal itself. `aws:username` exists only for IAM users;
 * `aws:userid` of the root user is the account id; `aws:PrincipalArn` of a role session is the
 * role's ARN.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
function derivedKeys(request: AuthorizationRequest, caller: Caller): Map<string, string[] | null> {
  const derived = new Map<string, string[] | null>();
  const principal = request.principal;
  const isIam = caller.type !== 'service' && caller.type !== 'other';
  derived.set('aws:principalisawsservice', [String(caller.type === 'service')]);
  if (!isIam) return derived;
  derived.set('aws:principalaccount', [caller.accountId]);
  const principalType = PRINCIPAL_TYPES[caller.type];
  if (principalType) derived.set('aws:principaltype', [principalType]);
  const principalArn = caller.type === 'assumed-role' || caller.type === 'role' ? caller.roleArn : caller.arn;
  if (principalArn && caller.type !== 'federated-user') derived.set('aws:principalarn', [principalArn]);
  derived.set('aws:username', caller.userName ? [caller.userName] : null);
  const userId = principal.userId ?? (caller.type === 'root' ? caller.accountId : undefined);
  if (userId) derived.set('aws:userid', [userId]);
  if (request.resourceAccountId) derived.set('aws:resourceaccount', [request.resourceAccountId]);
  return derived;
}

export function buildRequestContext(request: AuthorizationRequest, caller: Caller): RequestContext {
  const given = new Map<string, string[]>();
  for (const [key, value] of Object.entries(request.context ?? {}))
    given.set(key.toLowerCase(), toValues(value));
  const absent = new Set((request.absentKeys ?? []).map((key) => key.toLowerCase()));
  const derived = derivedKeys(request, caller);
  const tags = request.principal.tags
    ? new Map(Object.entries(request.principal.tags).map(([k, v]) => [k.toLowerCase(), v]))
    : undefined;

  return {
    lookup(key) {
      const name = key.toLowerCase();
      const values = given.get(name);
      if (values) return { state: 'present', values };
      if (absent.has(name)) return { state: 'absent' };
      if (derived.has(name)) {
        const value = derived.get(name);
        return value ? { state: 'present', values: value } : { state: 'absent' };
      }
      if (tags && name.startsWith(PRINCIPAL_TAG)) {
        const tag = tags.get(name.slice(PRINCIPAL_TAG.length));
        return tag === undefined ? { state: 'absent' } : { state: 'present', values: [tag] };
      }
      return { state: 'unknown' };
    },
  };
}
