import type { Check } from '../checks/types.js';
import { explainCheck } from './check.js';
import { explainError } from './match.js';
import { renderExplanation } from './render.js';

export { explainCheck } from './check.js';
export type { Cause, KnownMessage } from './knowledge.js';
export { type ExplainMatch, type ExplainResult, explainError } from './match.js';
export { KNOWN_MESSAGES } from './messages.js';
export { decidingCheckIds, renderExplanation } from './render.js';

/** What a check id looks like: `layer.name`, lower case. Error text never does. */
const CHECK_ID = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/;

/**
 * `explain <input>`: a check id (or alias) gives the check's page, anything else is taken as
 * error text. An id-shaped input that names no check is a usage error naming the closest id.
 */
export function explain(input: string, checks: readonly Check[]): string {
  const text = input.trim();
  const isCheck = checks.some((check) => check.id === text || check.aliases?.includes(text));
  if (isCheck || CHECK_ID.test(text)) return explainCheck(text, checks);
  return renderExplanation(explainError(input));
}
