import { z } from 'zod';

/**
 * A fact a source tried to learn. When it could not, it says why (and, for an AWS API that
 * refused, which permission would have let it), so a check can answer `unknown` instead of
 * guessing. `value: null` is different: the source looked and the thing does not exist.
 */
export type Fact<T> = { known: true; value: T } | { known: false; reason: string; permission?: string };

export function known<T>(value: T): Fact<T> {
  return { known: true, value };
}

export function unavailable<T = never>(reason: string, permission?: string): Fact<T> {
  return permission === undefined ? { known: false, reason } : { known: false, reason, permission };
}

/** The zod schema of a `Fact<T>` whose value follows `schema`. */
export function factSchema<T extends z.ZodType>(schema: T) {
  return z.discriminatedUnion('known', [
    z.object({ known: z.literal(true), value: schema }),
    z.object({ known: z.literal(false), reason: z.string(), permission: z.string().optional() }),
  ]);
}

/** The reason a fact is missing, with the permission that would have given it. */
export function describeUnavailable(fact: { known: false; reason: string; permission?: string }): string {
  return fact.permission && !fact.reason.includes(fact.permission)
    ? `${fact.reason} (needs ${fact.permission})`
    : fact.reason;
}
