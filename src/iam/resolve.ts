import { decide, type FactKey, type Setting, type Verdict } from './decide.js';
import type { Truth } from './truth.js';

export type Resolution =
  | { decided: true; verdict: Verdict }
  /** `uncertain`: the unknown facts whose value changes the decision. */
  | { decided: false; uncertain: FactKey[] };

/** Beyond this many unknown facts, give up enumerating and call every one of them uncertain. */
const MAX_UNKNOWN_FACTS = 14;

const isDeny = (key: FactKey) => key.endsWith('.deny');

/**
 * Decides when some facts are unknown: try every value of the unknown facts. When all give the
 * same decision, the request context does not matter (an unconditional deny elsewhere already
 * decides, or another statement allows regardless) and the answer is definite; it is then
 * explained from the facts that are certain. When none allows, the request is denied whatever the
 * context (an implicit deny, unless a certain deny makes it explicit). Otherwise the answer is
 * unknown, and the facts that can tip it are the uncertain ones.
 */
export function resolve(facts: ReadonlyMap<FactKey, Truth>, setting: Setting): Resolution {
  const unknown = [...facts].filter(([, truth]) => truth === 'unknown').map(([key]) => key);
  const decideWith = (assigned: (key: FactKey) => boolean) =>
    decide((key) => {
      const truth = facts.get(key) ?? 'no';
      return truth === 'unknown' ? assigned(key) : truth === 'yes';
    }, setting);
  if (unknown.length === 0) return { decided: true, verdict: decideWith(() => false) };
  if (unknown.length > MAX_UNKNOWN_FACTS) return { decided: false, uncertain: unknown };

  const decisions: string[] = [];
  for (let mask = 0; mask < 2 ** unknown.length; mask++) {
    decisions.push(decideWith((key) => (mask & (1 << unknown.indexOf(key))) !== 0).decision);
  }
  const outcomes = new Set(decisions);
  if (outcomes.size === 1 || !outcomes.has('allowed')) {
    // Explain from what is certain: no unknown deny applies; unknown allows apply unless the
    // request is allowed anyway, in which case the grant path is made of certain allows. When it
    // is denied either way but only an unknown deny would make the deny explicit, it is an
    // implicit deny: nothing certain allows it.
    const allowsApply = !outcomes.has('allowed');
    return { decided: true, verdict: decideWith((key) => !isDeny(key) && allowsApply) };
  }
  const uncertain = unknown.filter((_, bit) =>
    decisions.some(
      (decision, mask) => (mask & (1 << bit)) === 0 && decision !== decisions[mask | (1 << bit)],
    ),
  );
  return { decided: false, uncertain };
}
