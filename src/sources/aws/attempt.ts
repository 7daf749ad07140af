import type { AwsApi } from './api.js';
import { classifyError, describeFailure, type ErrorKind } from './errors.js';
import { type InputOf, OPERATIONS, type OperationName, type OutputOf } from './operations.js';

export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; kind: ErrorKind; reason: string; permission?: string; error: unknown };

/**
 * Calls the API and never throws: a failure becomes a value that says why, so the facts it
 * would have given are `unknown` and the run goes on. Credential and network failures are
 * also noted, because they mean the run is incomplete (exit 3).
 */
export class Attempts {
  readonly problems: string[] = [];

  constructor(private readonly api: AwsApi) {}

  async attempt<K extends OperationName>(
    operation: K,
    input: InputOf<K>,
    region: string,
  ): Promise<Attempt<OutputOf<K>>> {
    try {
      return { ok: true, value: await this.api.call(operation, input, region) };
    } catch (error) {
      const kind = classifyError(error);
      const reason = describeFailure(operation, error);
      if ((kind === 'credentials' || kind === 'network') && !this.problems.includes(reason))
        this.problems.push(reason);
      return kind === 'access-denied'
        ? { ok: false, kind, reason, permission: OPERATIONS[operation].permission, error }
        : { ok: false, kind, reason, error };
    }
  }
}

/** A failed attempt as an unavailable fact. */
export function unavailableFrom(failure: { reason: string; permission?: string }) {
  return failure.permission === undefined
    ? { known: false as const, reason: failure.reason }
    : { known: false as const, reason: failure.reason, permission: failure.permission };
}
