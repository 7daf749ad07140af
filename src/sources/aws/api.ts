import type { InputOf, OperationName, OutputOf } from './operations.js';

/**
 * The one door to AWS. The collector calls operations through it; the SDK implementation,
 * the snapshot replayer, the recorder and the benchmark's latency wrapper all share this shape,
 * so a recorded snapshot replays through the same collector code as a live account.
 */
export interface AwsApi {
  call<K extends OperationName>(operation: K, input: InputOf<K>, region: string): Promise<OutputOf<K>>;
  /** The region the SDK configuration resolves (env, profile), for targets given by name. */
  defaultRegion(): Promise<string | undefined>;
}

/** An AWS error reduced to what the tool reasons on, in the form snapshots store. */
export interface RecordedError {
  name: string;
  message: string;
  httpStatusCode?: number;
}

/** Canonical JSON (sorted keys, no undefined) so equal inputs give equal keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .filter((key) => item[key] !== undefined)
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}

export function callKey(operation: string, input: unknown, region: string): string {
  return `${operation} ${region} ${canonicalJson(input ?? {})}`;
}

/**
 * Each distinct call is made once per run, however many targets share the resource
 * (a cluster, a task definition, a role). Failures are shared too.
 */
export function memoized(api: AwsApi): AwsApi {
  const calls = new Map<string, Promise<unknown>>();
  return {
    defaultRegion: () => api.defaultRegion(),
    call(operation, input, region) {
      const key = callKey(operation, input, region);
      let pending = calls.get(key);
      if (!pending) {
        pending = api.call(operation, input, region);
        calls.set(key, pending);
      }
      return pending as never;
    },
  };
}

export function toRecordedError(error: unknown): RecordedError {
  if (error && typeof error === 'object') {
    const candidate = error as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
    const recorded: RecordedError = {
      name: typeof candidate.name === 'string' ? candidate.name : 'Error',
      message: typeof candidate.message === 'string' ? candidate.message : String(error),
    };
    if (candidate.$metadata?.httpStatusCode) recorded.httpStatusCode = candidate.$metadata.httpStatusCode;
    return recorded;
  }
  return { name: 'Error', message: String(error) };
}

/** Turns a recorded error back into an Error that looks like the SDK's. */
export function fromRecordedError(recorded: RecordedError): Error {
  const error = new Error(recorded.message) as Error & { $metadata: { httpStatusCode?: number } };
  error.name = recorded.name;
  error.$metadata = recorded.httpStatusCode ? { httpStatusCode: recorded.httpStatusCode } : {};
  return error;
}
