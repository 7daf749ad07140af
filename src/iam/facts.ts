import type { FactKey } from './decide.js';
import type { StatementVerdict } from './statement.js';
import { anyOf, type Truth } from './truth.js';
import type { PolicyLayer } from './types.js';

/**
 * A fact with the statements it was drawn from (those that apply or might), and those that match
 * the request but for their conditions (which say what would make the fact true).
 */
export interface Fact {
  truth: Truth;
  verdicts: StatementVerdict[];
  refused: StatementVerdict[];
}

export type Facts = Map<FactKey, Fact>;

/** "Some statement with this effect applies", from the verdicts of one layer. */
export function factOf(
  verdicts: readonly StatementVerdict[],
  effect: 'Allow' | 'Deny',
  filter: (verdict: StatementVerdict) => boolean = () => true,
): Fact {
  const ofEffect = verdicts.filter((verdict) => verdict.ref.effect === effect && filter(verdict));
  const relevant = ofEffect.filter((verdict) => verdict.applies.truth !== 'no');
  return {
    truth: anyOf(relevant.map((verdict) => verdict.applies)).truth,
    verdicts: relevant,
    refused: ofEffect.filter((verdict) => verdict.failedConditions !== undefined),
  };
}

/** A fact nothing is known about (e.g. the key policy was not given). */
export const UNKNOWN_FACT: Fact = { truth: 'unknown', verdicts: [], refused: [] };

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
