import { z } from 'zod';
import { type AwsApi, callKey, fromRecordedError, type RecordedError, toRecordedError } from './api.js';

/**
 * A snapshot holds every AWS response a run used, so the run can be replayed offline through
 * the same collector: a bug report, a test fixture and the demo in one file.
 */
export const SNAPSHOT_FORMAT = 'ecs-exec-doctor-snapshot';

const RecordedCall = z.object({
  operation: z.string(),
  region: z.string(),
  input: z.unknown(),
  output: z.unknown().optional(),
  error: z
    .object({ name: z.string(), message: z.string(), httpStatusCode: z.number().optional() })
    .optional(),
});
export type RecordedCall = z.infer<typeof RecordedCall>;

export const Snapshot = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(1),
  recordedAt: z.string(),
  description: z.string().optional(),
  /** What the recorded run was asked to check; replay uses it when the command line names nothing. */
  request: z.object({
    cluster: z.string().optional(),
    tasks: z.array(z.string()).optional(),
    service: z.string().optional(),
    all: z.boolean().optional(),
    container: z.string().optional(),
    region: z.string().optional(),
  }),
  /** The region the SDK configuration resolved when the snapshot was recorded. */
  defaultRegion: z.string().optional(),
  /** Facts about the recording machine's AWS CLI and plugin, replayed as they were. */
  client: z.unknown().optional(),
  calls: z.array(RecordedCall),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Wraps an API so that every call and its answer (or error) is kept for `--record`. */
export function recordingApi(api: AwsApi): { api: AwsApi; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    api: {
      defaultRegion: () => api.defaultRegion(),
      async call(operation, input, region) {
        try {
          const output = await api.call(operation, input, region);
          calls.push({ operation, region, input, output: JSON.parse(JSON.stringify(output)) });
          return output;
        } catch (error) {
          calls.push({ operation, region, input, error: toRecordedError(error) });
          throw error;
        }
      },
    },
  };
}

/**
 * Replays a snapshot. A call the snapshot does not hold fails like a network error would, so
 * the facts it would give become `unknown` rather than invented.
 */
export function replayApi(snapshot: Snapshot): AwsApi {
  const answers = new Map<string, { output?: unknown; error?: RecordedError }>();
  for (const call of snapshot.calls) {
    answers.set(callKey(call.operation, call.input, call.region), call);
  }
  return {
    defaultRegion: async () => snapshot.defaultRegion ?? snapshot.request.region,
    async call(operation, input, region) {
      const answer = answers.get(callKey(operation, input, region));
      if (!answer) {
        const error = new Error(`the snapshot holds no answer for ${operation} in ${region}`);
        error.name = 'SnapshotMiss';
        throw error;
      }
      if (answer.error) throw fromRecordedError(answer.error);
      return structuredClone(answer.output) as never;
    },
  };
}
