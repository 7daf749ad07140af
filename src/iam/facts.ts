import type { FactKey } from './decide.js';
import type { StatementVerdict } from './statement.js';
import { anyOf, type Truth } from './truth.js';
import type { PolicyLayer } from './types.js';

/** A fact with the statements it was drawn from (those that apply or might). */
export interface Fact {
  truth: Truth;
  verdicts: StatementVerdict[];
}

export type Facts = Map<FactKey, Fact>;

/** "Some statement with this effect applies", from the verdicts of one layer. */
export function factOf(
  verdicts: readonly StatementVerdict[],
  effect: 'Allow' | 'Deny',
  filter: (verdict: StatementVerdict) => boolean = () => true,
): Fact {
  const relevant = verdicts.filter(
    (verdict) => verdict.ref.effect === effect && verdict.applies.truth !== 'no' && filter(verdict),
  );
  return { truth: anyOf(relevant.map((verdict) => verdict.applies)).truth, verdicts: relevant };
}

/** A fact nothing is known about (e.g. the key policy was not given). */
export const UNKNOWN_FACT: Fact = { truth: 'unknown', verdicts: [] };

const LAYER_OF_PREFIX: Record<string, PolicyLayer> = {
  rcp: 'rcp',
  scp: 'scp',
  resource: 'resource-policy',
  identity: 'identity-policy',
  boundary: 'permission-boundary',
  session: 'session-policy',
};

export function layerOfFact(key: FactKey): PolicyLayer {
  return LAYER_OF_PREFIX[key.slice(0, key.indexOf('.'))]!;
}
