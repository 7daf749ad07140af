import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILT, ROOT, SKIP_NOTE, snapshotPath } from './cli.js';

const run = promisify(execFile);

/**
 * The benchmark runs on dist/ and replays a snapshot: it makes each recorded call exactly once
 * (the collector memoizes) and reports waves, wall time and checks. Whether the waves meet the
 * target is the benchmark's own verdict (bench/README.md), not this test's.
 */
describe.skipIf(!BUILT).concurrent(`bench/single-task.mjs${SKIP_NOTE}`, () => {
  // Calls per run, by service: a change here is a change in what a user's check costs.
  it.each([
    ['healthy-fargate.json', { sts: 1, ecs: 4, ec2: 10, iam: 18, kms: 2, logs: 1, s3: 4 }],
    ['healthy-ec2-instance-role.json', { sts: 1, ecs: 5, ec2: 11, iam: 21, kms: 2 }],
  ])('%s', async (file, byService) => {
    const calls: { operation: string }[] = JSON.parse(readFileSync(snapshotPath(file), 'utf8')).calls;
    const recordedCalls = calls.length;
    const recordedByService: Record<string, number> = {};
    for (const { operation } of calls) {
      const service = operation.split(':')[0]!;
      recordedByService[service] = (recordedByService[service] ?? 0) + 1;
    }
    expect(recordedByService).toEqual(byService);
    const { stdout } = await run(
      process.execPath,
      [
        join(ROOT, 'bench', 'single-task.mjs'),
        '--snapshot',
        snapshotPath(file),
        '--latency',
        '40',
        '--runs',
        '1',
      ],
      { cwd: ROOT },
    );
    expect(stdout).toMatch(new RegExp(`^API calls +${recordedCalls}$`, 'm'));
    expect(stdout).toMatch(/^waves +\d+$/m);
    expect(stdout).toMatch(/^ {2}wave 1 +.*ecs:DescribeTasks/m);
    expect(stdout).toMatch(/^wall time +median \d+ ms/m);
    expect(stdout).toMatch(/^checks run +\d+ checks, \d+ findings/m);
    // Healthy snapshots: nothing fails, nothing is unknown.
    expect(stdout).not.toMatch(/^checks run .*\b(fail|unknown|error) \d/m);
    expect(stdout).not.toContain('incomplete');
  });
});
