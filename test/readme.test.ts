import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/sources/aws/operations.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists exactly the permissions the live source can use', () => {
    const policy = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(readme)![1]!);
    const listed = new Set<string>(policy.Statement[0].Action);
    const needed = new Set(
      Object.values(OPERATIONS)
        .map((operation) => operation.permission)
        .filter((permission) => permission !== 'sts:GetCallerIdentity'),
    );
    expect([...listed].sort()).toEqual([...needed].sort());
  });

  it('has a two-command quick start: the demo, then the tests', () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    expect(quickStart).toHaveLength(2);
    expect(quickStart[0]).toMatch(
      /^npm ci && npx ecs-exec-doctor check --snapshot fixtures\/snapshots\/\S+\.json$/,
    );
    expect(quickStart[1]).toBe('npm test');
  });
});
