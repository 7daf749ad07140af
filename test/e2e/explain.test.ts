import { describe, expect, it } from 'vitest';
import { BUILT, runCli, SKIP_NOTE, snapshotPath } from './cli.js';

const NOT_ENABLED =
  'An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.';

describe.skipIf(!BUILT)(`explain, end to end${SKIP_NOTE}`, () => {
  it('recognizes pasted error text (wrapped, straight quotes) and ranks its causes with deciding checks', async () => {
    const wrapped = NOT_ENABLED.replace('isn’t', "isn't").replace(' Wait and', '\n  Wait and');
    const run = await runCli(['explain', wrapped]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Recognized:/);
    expect(run.stdout).toContain('task.exec-enabled');
    expect(run.stdout).toContain('task.managed-agent');
  });

  it('says which cause applies on a task, with the fix in the task’s own names', async () => {
    const run = await runCli([
      'explain',
      NOT_ENABLED,
      '--snapshot',
      snapshotPath('demo-broken-fargate.json'),
      '--quiet',
    ]);
    expect(run.stdout).toContain('Here, on this task:');
    expect(run.stdout).toMatch(/✖ applies: The task was started without exec/);
    expect(run.stdout).toMatch(/Most likely: The task was started without exec/);
    expect(run.stdout).toContain('$ aws ecs update-service --cluster prod --service checkout');
    expect(run.code).toBe(1);
  });

  it('prints one check’s page', async () => {
    const run = await runCli(['explain', 'task-definition.readonly-root-fs']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# /);
    expect(run.stdout).toContain('Why it matters');
    expect(run.stdout).toContain('ECS.5');
  });

  it('is honest about text it does not know, naming the closest messages', async () => {
    const run = await runCli(['explain', 'the flux capacitor is out of plutonium']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Not recognized/);
    expect(run.stdout).toContain('Closest known messages:');
  });

  it('an unknown check id is a usage error naming the closest id', async () => {
    const run = await runCli(['explain', 'task.runing']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('task.running');
  });
});
