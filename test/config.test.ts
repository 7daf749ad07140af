import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInChecks } from '../src/checks/index.js';
import { resolveConfigCheckIds } from '../src/config/check-ids.js';
import { findConfigFile, loadConfigFile } from '../src/config/file.js';
import { globToRegExp } from '../src/config/glob.js';
import type { Config } from '../src/config/schema.js';
import { applySeverityOverrides } from '../src/config/severity.js';
import { applySuppressions } from '../src/config/suppress.js';
import { UsageError } from '../src/engine/errors.js';
import type { Finding } from '../src/engine/finding.js';
import { TASK_ARN } from './support/targets.js';

let project: string;
beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'ecs-exec-doctor-config-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = join(project, name);
  writeFileSync(file, text);
  return file;
};

async function configError(text: string): Promise<string> {
  write('.ecs-exec-doctor.yml', text);
  const error = await loadConfigFile('.ecs-exec-doctor.yml', project).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(2);
  expect((error as UsageError).message).not.toContain('\n');
  return (error as UsageError).message;
}

describe('findConfigFile', () => {
  it('finds .ecs-exec-doctor.yml, then .yaml, in cwd only', () => {
    expect(findConfigFile(project)).toBeUndefined();
    const nested = join(project, 'service');
    mkdirSync(nested);
    write('.ecs-exec-doctor.yaml', '{}');
    expect(findConfigFile(project)).toBe(join(project, '.ecs-exec-doctor.yaml'));
    expect(findConfigFile(nested)).toBeUndefined();
    write('.ecs-exec-doctor.yml', '{}');
    expect(findConfigFile(project)).toBe(join(project, '.ecs-exec-doctor.yml'));
  });
});

describe('loadConfigFile', () => {
  it('reads every key, resolving plugin paths from the file directory', async () => {
    mkdirSync(join(project, 'ci', 'plugins'), { recursive: true });
    write('ci/plugins/org.mjs', 'export default [];');
    write(
      'ci/doctor.yml',
      [
        'plugins: [./plugins/org.mjs, plugins/org.mjs, "@acme/ecs-exec-checks"]',
        'fail-on: warn',
        'suite: audit',
        'only: [task.*]',
        'skip: [task.platform-version]',
        'require-exec: true',
        'suppress:',
        '  - id: logging.retention',
        '    resource: "arn:aws:logs:*:log-group:/ecs/*"',
        '    reason: Retention is managed by the central logging account',
        '    expires: 2027-01-31',
        '  - id: task.exec-enabled',
        '    reason: Batch jobs never allow exec',
        'severity:',
        '  logging.retention: info',
      ].join('\n'),
    );
    const config = await loadConfigFile('ci/doctor.yml', project);
    expect(config).toEqual({
      path: join('ci', 'doctor.yml'),
      plugins: [
        join(project, 'ci', 'plugins', 'org.mjs'),
        join(project, 'ci', 'plugins', 'org.mjs'),
        '@acme/ecs-exec-checks',
      ],
      failOn: 'warn',
      suite: 'audit',
      only: ['task.*'],
      skip: ['task.platform-version'],
      requireExec: true,
      suppress: [
        {
          id: 'logging.retention',
          resource: 'arn:aws:logs:*:log-group:/ecs/*',
          reason: 'Retention is managed by the central logging account',
          expires: '2027-01-31',
        },
        { id: 'task.exec-enabled', resource: '*', reason: 'Batch jobs never allow exec' },
      ],
      severity: { 'logging.retention': 'info' },
    } satisfies Config);
  });

  it('treats an empty file as no settings, leaving flags and defaults to decide', async () => {
    write('.ecs-exec-doctor.yml', '# nothing yet\n');
    expect(await loadConfigFile('.ecs-exec-doctor.yml', project)).toEqual({
      path: '.ecs-exec-doctor.yml',
      plugins: [],
      suppress: [],
      severity: {},
    });
  });

  it.each([
    ['plugins: [1]', '.ecs-exec-doctor.yml: plugins[0]: expected string, received number'],
    ['plugins: ./one.mjs', '.ecs-exec-doctor.yml: plugins: expected array, received string'],
    ['fail_on: warn', '.ecs-exec-doctor.yml: fail_on: unknown key'],
    ['fail-on: error', '.ecs-exec-doctor.yml: fail-on: expected one of "fail"|"warn"'],
    ['require-exec: "yes"', '.ecs-exec-doctor.yml: require-exec: expected boolean, received string'],
    ['suppress:\n  - id: task.exec-enabled', '.ecs-exec-doctor.yml: suppress[0].reason: required'],
    [
      'suppress:\n  - id: task.exec-enabled\n    reason: "  "',
      '.ecs-exec-doctor.yml: suppress[0].reason: a reason is required',
    ],
    [
      'suppress:\n  - id: task.exec-enabled\n    reason: r\n    expires: 31/12/2026',
      '.ecs-exec-doctor.yml: suppress[0].expires: expected a calendar date YYYY-MM-DD',
    ],
    [
      'suppress:\n  - id: task.exec-enabled\n    reason: r\n    expires: 2026-02-30',
      '.ecs-exec-doctor.yml: suppress[0].expires: expected a calendar date YYYY-MM-DD',
    ],
    [
      'suppress:\n  - id: task.exec-enabled\n    reason: r\n    expires: 2026-13-45',
      '.ecs-exec-doctor.yml: suppress[0].expires: expected a calendar date YYYY-MM-DD',
    ],
    [
      'suppress:\n  - id: task.exec-enabled\n    reason: r\n    owner: me',
      '.ecs-exec-doctor.yml: suppress[0].owner: unknown key',
    ],
    [
      'severity:\n  task.exec-enabled: low',
      '.ecs-exec-doctor.yml: severity["task.exec-enabled"]: expected one of "fail"|"warn"|"info"',
    ],
    ['- plugins', '.ecs-exec-doctor.yml: expected a mapping of settings (plugins, fail-on, suppress, …)'],
    ['plugins: [a\nskip: b', /^\.ecs-exec-doctor\.yml:\d+:\d+: /],
  ])('rejects %j', async (text, expected) => {
    const message = await configError(text);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('names every problem on one line', async () => {
    expect(await configError('fail-on: never\nsuite: [audit]')).toBe(
      '.ecs-exec-doctor.yml: fail-on: expected one of "fail"|"warn"; suite: expected one of "readiness"|"audit"|"hardening"|"all"',
    );
  });

  it('names a file it cannot read', async () => {
    await expect(loadConfigFile('missing.yml', project)).rejects.toThrow(
      /^missing\.yml: cannot read: ENOENT/,
    );
  });
});

describe('resolveConfigCheckIds', () => {
  const config: Config = { path: '.ecs-exec-doctor.yml', plugins: [], suppress: [], severity: {} };
  const aliased = [{ ...builtInChecks[0]!, id: 'org.new-name', aliases: ['org.old-name'] }];

  it('rewrites aliases to the ids findings carry', () => {
    const resolved = resolveConfigCheckIds(
      {
        ...config,
        suppress: [{ id: 'org.old-name', resource: '*', reason: 'r' }],
        severity: { 'org.old-name': 'warn' },
      },
      aliased,
    );
    expect(resolved.suppress[0]?.id).toBe('org.new-name');
    expect(resolved.severity).toEqual({ 'org.new-name': 'warn' });
  });

  it.each([
    [
      { only: ['task.exec-enabeld'] },
      '.ecs-exec-doctor.yml: only[0]: no check has the id "task.exec-enabeld"',
    ],
    [{ skip: ['nope.*'] }, '.ecs-exec-doctor.yml: skip[0]: no check has the id "nope.*"'],
    [
      { suppress: [{ id: 'task.exec', resource: '*', reason: 'r' }] },
      '.ecs-exec-doctor.yml: suppress[0].id: no check has the id "task.exec"',
    ],
    [
      { severity: { 'task.execenabled': 'warn' as const } },
      '.ecs-exec-doctor.yml: severity: no check has the id "task.execenabled"',
    ],
    [
      { severity: { 'task.*': 'warn' as const } },
      '.ecs-exec-doctor.yml: severity: "task.*": name one check id, not a pattern',
    ],
  ])('rejects %j', (change, message) => {
    expect(() => resolveConfigCheckIds({ ...config, ...change }, builtInChecks)).toThrow(
      new UsageError(message),
    );
  });
});

function finding(checkId: string, status: Finding['status'], resource = TASK_ARN): Finding {
  return {
    checkId,
    title: checkId,
    layer: 'task',
    suite: 'readiness',
    status,
    resource,
    message: `${checkId} is ${status}`,
    evidence: [],
  };
}

describe('applySuppressions', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it('suppresses findings whose id and resource match, keeping the reason and the status', () => {
    const { findings, warnings } = applySuppressions(
      [finding('task.exec-enabled', 'fail'), finding('task.exec-enabled', 'fail', 'arn:other')],
      [{ id: 'task.exec-enabled', resource: 'arn:aws:ecs:us-east-1:*:task/demo/*', reason: 'Batch jobs' }],
      now,
    );
    expect(findings.map((f) => f.status)).toEqual(['suppressed', 'fail']);
    expect(findings[0]?.suppression).toEqual({ reason: 'Batch jobs', originalStatus: 'fail' });
    expect(findings[0]?.message).toBe('task.exec-enabled is fail');
    expect(warnings).toEqual([]);
  });

  it('matches id prefixes, and leaves pass, skip and error alone', () => {
    const { findings } = applySuppressions(
      ['pass', 'skip', 'error', 'warn', 'info', 'unknown'].map((status) =>
        finding('logging.retention', status as Finding['status']),
      ),
      [{ id: 'logging.*', resource: '*', reason: 'central logging' }],
      now,
    );
    expect(findings.map((f) => f.status)).toEqual([
      'pass',
      'skip',
      'error',
      'suppressed',
      'suppressed',
      'suppressed',
    ]);
  });

  it('applies through the expiry day, then warns instead', () => {
    const rule = { id: 'task.exec-enabled', resource: '*', reason: 'Migration', expires: '2026-11-22' };
    const today = applySuppressions([finding('task.exec-enabled', 'fail')], [rule], now);
    expect(today.findings[0]?.status).toBe('suppressed');
    expect(today.warnings).toEqual([]);

    const tomorrow = applySuppressions(
      [finding('task.exec-enabled', 'fail')],
      [rule],
      new Date('2026-11-23T00:00:00Z'),
    );
    expect(tomorrow.findings[0]?.status).toBe('fail');
    expect(tomorrow.warnings).toEqual([
      'suppression of "task.exec-enabled" on "*" expired on 2026-11-22 and no longer applies (reason was: Migration)',
    ]);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['arn:aws:ecs:*:task/demo/*', 'arn:aws:ecs:us-east-1:111122223333:task/demo/abc', true],
    ['arn:aws:ecs:*:task/demo/*', 'arn:aws:ecs:us-east-1:111122223333:task/prod/abc', false],
    ['aws_ecs_service.web?', 'aws_ecs_service.web1', true],
    ['aws_ecs_service.web?', 'aws_ecs_service.web', false],
    ['module.app.aws_ecs_service.web', 'module-app-aws_ecs_service-web', false],
    ['Service(Web)', 'Service(Web)', true],
  ])('%s against %s: %s', (glob, resource, matches) => {
    expect(globToRegExp(glob).test(resource)).toBe(matches);
  });
});

describe('applySeverityOverrides', () => {
  it('changes fail, warn and info of the named check only', () => {
    const findings = applySeverityOverrides(
      [
        finding('logging.retention', 'fail'),
        finding('logging.retention', 'info'),
        finding('logging.retention', 'pass'),
        finding('logging.retention', 'unknown'),
        finding('task.exec-enabled', 'fail'),
      ],
      { 'logging.retention': 'warn' },
    );
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['logging.retention', 'warn'],
      ['logging.retention', 'warn'],
      ['logging.retention', 'pass'],
      ['logging.retention', 'unknown'],
      ['task.exec-enabled', 'fail'],
    ]);
  });
});
