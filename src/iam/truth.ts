/**
 * Three-valued logic, plus `invalid`. `unknown`: the answer needs a context key the request does
 * not give. `invalid`: a policy variable could not be resolved, which makes the whole statement
 * invalid ("If AWS cannot resolve a variable, this might cause the entire statement to be
 * invalid"), so it absorbs everything around it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
export type Truth = 'yes' | 'no' | 'unknown' | 'invalid';

/** A truth value with the context keys that made it `unknown`. */
export interface Outcome {
  truth: Truth;
  missing: string[];
}

export const YES: Outcome = { truth: 'yes', missing: [] };
export const NO: Outcome = { truth: 'no', missing: [] };

export function outcome(value: boolean): Outcome {
  return value ? YES : NO;
}

function missingOfUnknown(outcomes: readonly Outcome[]): string[] {
  return [...new Set(outcomes.filter((o) => o.truth === 'unknown').flatMap((o) => o.missing))];
}

/** Kleene AND: `no` wins over `unknown`. */
export function allOf(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.some((o) => o.truth === 'invalid')) return { truth: 'invalid', missing: [] };
  if (outcomes.some((o) => o.truth === 'no')) return NO;
  if (outcomes.some((o) => o.truth === 'unknown'))
    return { truth: 'unknown', missing: missingOfUnknown(outcomes) };
  return YES;
}

/** Kleene OR: `yes` wins over `unknown`. */
export function anyOf(outcomes: readonly Outcome[]): Outcome {
  if (outcomes.some((o) => o.truth === 'invalid')) return { truth: 'invalid', missing: [] };
  if (outcomes.some((o) => o.truth === 'yes')) return YES;
  if (outcomes.some((o) => o.truth === 'unknown'))
    return { truth: 'unknown', missing: missingOfUnknown(outcomes) };
  return NO;
}

export function not(o: Outcome): Outcome {
  if (o.truth === 'yes') return NO;
  if (o.truth === 'no') return YES;
  return o;
}
