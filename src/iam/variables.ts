import type { RequestContext } from './context.js';
import { type Part, textParts } from './wildcard.js';

/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, any context key, with an
 * optional default (`${aws:username, 'anonymous'}`), and the special `${*}`, `${?}`, `${$}` that
 * stand for the literal characters. Variables work only in policies with Version 2012-10-17;
 * in older policies they are literal text.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export type Resolution =
  | { kind: 'resolved'; parts: Part[] }
  /** The value depends on context keys the request does not give. */
  | { kind: 'unknown'; keys: string[] }
  /**
   * A key that is absent (or multivalued) with no default: AWS cannot resolve it, and "any attempt
   * to match it fails and causes the statement to be invalid".
   */
  | { kind: 'invalid'; key: string };

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL = new Set(['*', '?', '$']);
const WITH_DEFAULT = /^(.+?)\s*,\s*'(.*)'$/s;

export function resolveVariables(text: string, context: RequestContext, enabled: boolean): Resolution {
  if (!enabled || !text.includes('${')) return { kind: 'resolved', parts: textParts(text) };
  const parts: Part[] = [];
  const unknownKeys: string[] = [];
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    parts.push(...textParts(text.slice(last, match.index)));
    last = match.index + match[0].length;
    const inner = (match[1] ?? '').trim();
    if (SPECIAL.has(inner)) {
      parts.push({ literal: inner });
      continue;
    }
    const withDefault = WITH_DEFAULT.exec(inner);
    const key = (withDefault?.[1] ?? inner).trim();
    const fallback = withDefault?.[2];
    const found = context.lookup(key);
    if (found.state === 'unknown') {
      unknownKeys.push(key);
    } else if (found.state === 'present' && found.values.length === 1) {
      parts.push({ literal: found.values[0]! });
    } else if (fallback !== undefined && found.state === 'absent') {
      parts.push({ literal: fallback });
    } else {
      return { kind: 'invalid', key };
    }
  }
  parts.push(...textParts(text.slice(last)));
  return unknownKeys.length > 0 ? { kind: 'unknown', keys: unknownKeys } : { kind: 'resolved', parts };
}
