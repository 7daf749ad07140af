import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callKey } from '../../src/sources/aws/api.js';
import { type RecordedCall, Snapshot } from '../../src/sources/aws/snapshot.js';
import { BUILT, checkJson, type JsonReport, SKIP_NOTE, snapshotPath } from './cli.js';

/** A snapshot's calls by replay key, so order does not matter. */
function answers(snapshot: Snapshot): Map<string, Omit<RecordedCall, 'operation' | 'region' | 'input'>> {
  return new Map(
    snapshot.calls.map(({ operation, region, input, ...answer }) => [
      callKey(operation, input, region),
      answer,
    ]),
  );
}

const readSnapshot = (file: string) => Snapshot.parse(JSON.parse(readFileSync(file, 'utf8')));
const verdicts = (report: JsonReport) =>
  report.findings.map(({ checkId, status, resource }) => ({ checkId, status, resource }));

describe.skipIf(!BUILT).concurrent(`check --record${SKIP_NOTE}`, () => {
  const scratch = BUILT ? mkdtempSync(join(tmpdir(), 'ecs-exec-doctor-record-')) : '';

  it.each([
    'healthy-ec2-instance-role.json',
    'partial-access-denied.json',
    'broken-missing-log-destinations.json',
    // IAM lists in pages of two (Marker), and an execution role read beside the task role.
    'broken-ssmmessages-on-execution-role.json',
    // An Identity Center session: GetRole by the role name, whose ARN has a path.
    'broken-exec-task-arn-only.json',
    // Two tasks, each role with its permission boundary (GetPolicy, GetPolicyVersion).
    'broken-task-role-boundary-region.json',
  ])('re-recording %s gives the same calls, answers and findings', async (file) => {
    const recorded = join(scratch, `re-${file}`);
    const original = await checkJson(file, '--record', recorded);
    const snapshot = readSnapshot(recorded);
    const source = readSnapshot(snapshotPath(file));

    expect(answers(snapshot)).toEqual(answers(source));
    expect(snapshot.request).toEqual(source.request);
    expect(snapshot.client).toEqual(source.client);

    const replayed = await checkJson(recorded);
    expect(replayed.code).toBe(original.code);
    expect(verdicts(replayed.report)).toEqual(verdicts(original.report));
  });

  it('--redact replaces account ids everywhere, and the result still replays', async () => {
    const recorded = join(scratch, 'redacted.json');
    const original = await checkJson('healthy-fargate.json', '--record', recorded, '--redact');
    const text = readFileSync(recorded, 'utf8');
    expect(text).not.toContain('111122223333');
    expect(text).toContain('arn:aws:ecs:us-east-1:000000000001:cluster/prod');

    const replayed = await checkJson(recorded);
    expect(replayed.code).toBe(0);
    expect(replayed.report.problems).toEqual([]);
    expect(verdicts(replayed.report).map(({ checkId, status }) => ({ checkId, status }))).toEqual(
      verdicts(original.report).map(({ checkId, status }) => ({ checkId, status })),
    );
    expect(replayed.report.targets[0]?.resource).toBe(
      'arn:aws:ecs:us-east-1:000000000001:task/prod/4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b',
    );
  });
});
