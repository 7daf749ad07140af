import type { Part } from '../wildcard.js';

/** A policy value after its variables are resolved. */
export interface PolicyValue {
  /** The text, wildcard characters included as written (for exact comparisons). */
  text: string;
  /** The same as parts, where `*` and `?` written in the policy are wildcards (for `…Like`). */
  parts: Part[];
}

export interface OperatorSpec {
  /**
   * Negated operators (StringNotEquals, NotIpAddress, ArnNotLike…) hold when the request value
   * matches none of the policy values; `test` is always the positive comparison.
   */
  negated: boolean;
  test: (requestValue: string, policyValue: PolicyValue) => boolean;
}

/** A family of condition operators that compare values the same way. */
export interface OperatorFamily {
  /** Whether policy variables are resolved in this family's values (String, ARN and Bool only). */
  variables: boolean;
  operators: Record<string, OperatorSpec>;
}
