import type { Fact, NamedPolicy, PrincipalPolicies } from '../../model/index.js';

/** A role's policies as gathered from the files, with what kept them from being complete. */
export interface PolicyDraft {
  identityPolicies: NamedPolicy[];
  permissionBoundary?: NamedPolicy;
  /** Why the files do not give every policy: "attached managed policy arn:… is not in the linted files". */
  unknown: string[];
}

export function emptyDraft(): PolicyDraft {
  return { identityPolicies: [], unknown: [] };
}

/**
 * Known only when the files hold every policy of the role: one policy missing could allow or
 * deny what a check asks, so a partial set would be a guess.
 */
export function policiesFact(draft: PolicyDraft): Fact<PrincipalPolicies> {
  if (draft.unknown.length > 0) return { known: false, reason: [...new Set(draft.unknown)].join('; ') };
  return {
    known: true,
    value: draft.permissionBoundary
      ? { identityPolicies: draft.identityPolicies, permissionBoundary: draft.permissionBoundary }
      : { identityPolicies: draft.identityPolicies },
  };
}
