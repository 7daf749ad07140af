import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT, checkJson, findingsOf, idsWithStatus, runCli, SKIP_NOTE, snapshotPath } from './cli.js';

const DEMO = 'demo-broken-fargate.json';
const checkIds = (report: { findings: { checkId: string }[] }) => [
  ...new Set(report.findings.map((finding) => finding.checkId)),
];

describe.skipIf(!BUILT).concurrent(`check: selecting checks and the threshold${SKIP_NOTE}`, () => {
  it('--only runs just the named check', async () => {
    const { code, report } = await checkJson(DEMO, '--only', 'task.exec-enabled');
    expect(code).toBe(1);
    expect(checkIds(report)).toEqual(['task.exec-enabled']);
  });

  it('--only takes prefixes and comma-separated lists', async () => {
    const { report } = await checkJson(DEMO, '--only', 'task.*,logging.retention');
    expect(checkIds(report).every((id) => id.startsWith('task.') || id === 'logging.retention')).toBe(true);
    expect(checkIds(report)).toEqual(expect.arrayContaining(['task.running', 'logging.retention']));
  });

  it('--skip removes the failing checks, and the demo then passes', async () => {
    const failing = [
      'service.tasks-predate-exec',
      'task.exec-enabled',
      'task-definition.readonly-root-fs',
      'logging.log-group-encryption',
    ];
    const { code, report } = await checkJson(DEMO, '--skip', failing.join(','));
    expect(code).toBe(0);
    expect(idsWithStatus(report, 'fail')).toEqual([]);
    expect(checkIds(report)).not.toEqual(expect.arrayContaining([failing[0]]));
  });

  it('--suite audit runs only the audit checks', async () => {
    const { code, report } = await checkJson(DEMO, '--suite', 'audit');
    expect(code).toBe(0);
    expect(new Set(report.findings.map((finding) => finding.suite))).toEqual(new Set(['audit']));
    expect(idsWithStatus(report, 'warn')).toEqual(['logging.retention']);
  });

  it('--fail-on warn turns a warning into exit 1', async () => {
    const [byDefault, onWarn] = await Promise.all([
      checkJson('healthy-ec2-instance-role.json'),
      checkJson('healthy-ec2-instance-role.json', '--fail-on', 'warn'),
    ]);
    expect(byDefault.code).toBe(0);
    expect(onWarn.code).toBe(1);
    expect(onWarn.report.exitCode).toBe(1);
  });

  it('--container judges the named container only', async () => {
    const { report } = await checkJson('broken-agent-stopped-sidecars.json', '--container', 'api');
    expect(findingsOf(report, 'task.managed-agent').map((finding) => finding.status)).toEqual(['fail']);
    expect(findingsOf(report, 'task.container-selection').map((finding) => finding.status)).not.toContain(
      'warn',
    );
  });

  it('--container naming an AWS sidecar fails: it cannot be exec’d into', async () => {
    const { code, report } = await checkJson(
      'broken-agent-stopped-sidecars.json',
      '--container',
      'ecs-service-connect-Xk27p',
    );
    expect(code).toBe(1);
    expect(findingsOf(report, 'task.managed-agent', 'fail')[0]?.message).toContain('Service Connect sidecar');
  });

  it('--container on a healthy task prints the command for that container', async () => {
    const { code, report } = await checkJson('healthy-fargate.json', '--container', 'web');
    expect(code).toBe(0);
    expect(findingsOf(report, 'task.container-selection', 'pass')[0]?.message).toContain('--container web');
  });
});

describe.skipIf(!BUILT).concurrent(`check: bad input ends with exit 2 and one line${SKIP_NOTE}`, () => {
  const scratch = BUILT ? mkdtempSync(join(tmpdir(), 'ecs-exec-doctor-e2e-')) : '';

  const expectOneLineError = (stderr: string, text: string) => {
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(text);
    expect(stderr).not.toMatch(/^\s+at /m);
  };

  it('an unknown check id', async () => {
    const { code, stdout, stderr } = await runCli([
      'check',
      '--snapshot',
      snapshotPath(DEMO),
      '--only',
      'task.no-such-check',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expectOneLineError(stderr, 'unknown check id: task.no-such-check');
  });

  it('a snapshot file that is not JSON', async () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{ "format": "ecs-exec-doctor-snapshot", ');
    const { code, stderr } = await runCli(['check', '--snapshot', file]);
    expect(code).toBe(2);
    expectOneLineError(stderr, `${file}: not valid JSON`);
  });

  it('a JSON file that is not a snapshot', async () => {
    const file = join(scratch, 'other.json');
    writeFileSync(file, JSON.stringify({ format: 'something-else', calls: [] }));
    const { code, stderr } = await runCli(['check', '--snapshot', file]);
    expect(code).toBe(2);
    expectOneLineError(stderr, `${file}: not an ecs-exec-doctor snapshot`);
  });

  it('a snapshot file that does not exist', async () => {
    const file = join(scratch, 'missing.json');
    const { code, stderr } = await runCli(['check', '--snapshot', file]);
    expect(code).toBe(2);
    expectOneLineError(stderr, `${file}: cannot read: ENOENT`);
  });
});
