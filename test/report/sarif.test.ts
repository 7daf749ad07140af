import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatSarif, HELP_FIX_LIMIT } from '../../src/report/sarif.js';
import { AWKWARD_MESSAGE, CHECKS, CLUSTER_ARN, CWD, fixtureReport, TASK_ARN } from './report-fixture.js';

/** The OASIS SARIF 2.1.0 schema (draft-07), vendored byte for byte from oasis-tcs/sarif-spec. */
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function expectValid(text: string): Log {
  const log = JSON.parse(text) as Log;
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

function sarif(report = fixtureReport()): Log {
  return expectValid(formatSarif(report, { checks: CHECKS, cwd: CWD }));
}

function resultOf(log: Log, ruleId: string): Result {
  const result = log.runs[0]!.results!.find((candidate) => candidate.ruleId === ruleId);
  if (!result) throw new Error(`no result for ${ruleId}`);
  return result;
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with one run by ecs-exec-doctor', () => {
    const log = sarif();
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'ecs-exec-doctor', version: '1.2.3' });
    expect(log.runs[0]!.invocations).toEqual([
      { executionSuccessful: true, exitCode: 1, endTimeUtc: '2026-01-02T03:04:05.000Z' },
    ]);
  });

  it('reports every finding that needs attention, with its level, and leaves out pass and skip', () => {
    const results = sarif().runs[0]!.results!;
    expect(results.map((result) => [result.ruleId, result.level])).toEqual([
      ['cluster.audit-logging', 'error'],
      ['task.exec-enabled', 'error'],
      ['task-definition.readonly-root-fs', 'error'],
      ['task-definition.init-process', 'warning'],
      ['task-role.present', 'note'],
      ['cluster.kms-key-usable', 'error'],
      ['logging.retention', 'warning'],
      ['task-definition.remote-shell-daemon', 'note'],
    ]);
  });

  it('points each result at its rule, and describes the rule from the catalogue', () => {
    const log = sarif();
    const rules = log.runs[0]!.tool.driver.rules!;
    for (const result of log.runs[0]!.results!) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    }
    expect(rules.find((rule) => rule.id === 'task.exec-enabled')).toMatchObject({
      name: 'TaskExecEnabled',
      shortDescription: { text: 'The task was started with exec enabled' },
      fullDescription: { text: 'Why task.exec-enabled matters.' },
      helpUri: 'https://docs.aws.amazon.com/task.exec-enabled.html',
      deprecatedIds: ['task.exec-flag'],
      properties: { tags: ['task', 'readiness'], 'security-severity': '5.0' },
    });
  });

  it('puts the fix, with the real names, in the rule help as text and markdown', () => {
    const rule = sarif().runs[0]!.tool.driver.rules!.find(
      (candidate) => candidate.id === 'task.exec-enabled',
    )!;
    expect(rule.help!.markdown).toContain(
      '```sh\naws ecs update-service --cluster prod --service web --enable-execute-command --force-new-deployment --region us-east-1\n```',
    );
    expect(rule.help!.markdown).toContain('- Terraform: `aws_ecs_service: enable_execute_command = true`');
    expect(rule.help!.text).toContain(
      `For ${TASK_ARN}:\nFix: Enable exec on service web and force a new deployment; running tasks keep the old flag.\n  $ aws ecs update-service`,
    );
  });

  it('lists at most HELP_FIX_LIMIT fixes in a rule help; every result keeps its own', () => {
    const report = fixtureReport();
    const [failing] = report.findings.filter((finding) => finding.checkId === 'task.exec-enabled');
    const many = Array.from({ length: HELP_FIX_LIMIT + 3 }, (_, index) => ({
      ...failing!,
      resource: `arn:aws:ecs:us-east-1:111122223333:task/prod/${index}`,
      fix: { ...failing!.fix!, summary: `Enable exec on service web-${index}.` },
    }));
    const log = sarif({ ...report, findings: [...report.findings.filter((f) => f !== failing), ...many] });
    const rule = log.runs[0]!.tool.driver.rules!.find((candidate) => candidate.id === 'task.exec-enabled')!;
    expect(rule.help!.text.match(/^For /gm)).toHaveLength(HELP_FIX_LIMIT);
    expect(rule.help!.text).toContain('…and 3 more fixes, one per resource');
    expect(rule.help!.markdown).toContain('Enable exec on service web-9.');
    expect(rule.help!.markdown).not.toContain('Enable exec on service web-10.');
    const results = log.runs[0]!.results!.filter((result) => result.ruleId === 'task.exec-enabled');
    expect(results).toHaveLength(HELP_FIX_LIMIT + 3);
    expect((results.at(-1)!.properties as { fix: { summary: string } }).fix.summary).toBe(
      `Enable exec on service web-${HELP_FIX_LIMIT + 2}.`,
    );
  });

  it('gives a security severity only to readiness and audit rules that failed', () => {
    const rules = sarif().runs[0]!.tool.driver.rules!;
    const severity = (id: string) =>
      rules.find((rule) => rule.id === id)!.properties as Record<string, unknown> & { tags: string[] };
    expect(severity('cluster.audit-logging')).toEqual({
      tags: ['cluster', 'audit', 'security'],
      'security-severity': '7.0',
    });
    expect(severity('task-definition.readonly-root-fs')['security-severity']).toBe('5.0');
    expect(severity('task-role.present')).toEqual({ tags: ['task-role', 'readiness'] });
    expect(severity('cluster.kms-key-usable')).toEqual({ tags: ['cluster', 'readiness'] });
    expect(severity('task-definition.init-process')).toEqual({
      tags: ['task-definition', 'hardening', 'security'],
    });
  });

  it('describes a check missing from the catalogue from its finding', () => {
    const rule = sarif().runs[0]!.tool.driver.rules!.find(
      (candidate) => candidate.id === 'logging.retention',
    )!;
    expect(rule).toMatchObject({
      name: 'LoggingRetention',
      shortDescription: { text: 'Session logs are kept long enough' },
      properties: { tags: ['logging', 'audit', 'security'] },
    });
    expect(rule.helpUri).toBeUndefined();
  });

  it('points lint findings at their file, relative to the working directory, line and column', () => {
    const log = sarif();
    expect(resultOf(log, 'task-definition.readonly-root-fs').locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'infra/template.yaml' },
          region: { startLine: 12, startColumn: 7 },
        },
        logicalLocations: [{ fullyQualifiedName: 'TaskDefinition', kind: 'resource' }],
      },
    ]);
    expect(
      resultOf(log, 'task-definition.init-process').locations![0]!.physicalLocation!.artifactLocation!.uri,
    ).toBe('infra/my%20stack%2Cv2.tf');
  });

  it('anchors live findings at line 1 of the config file and names the ARN as a logical location', () => {
    const [location] = resultOf(sarif(), 'task.exec-enabled').locations!;
    expect(location).toEqual({
      physicalLocation: { artifactLocation: { uri: '.ecs-exec-doctor.yml' }, region: { startLine: 1 } },
      logicalLocations: [{ fullyQualifiedName: TASK_ARN, kind: 'resource' }],
      message: { text: `Live AWS resource ${TASK_ARN}: no source file; anchored at .ecs-exec-doctor.yml.` },
    });
  });

  it('says what is wrong, where, and the fix in the message', () => {
    expect(resultOf(sarif(), 'task.exec-enabled').message.text).toBe(
      `Task abc123 was started with enableExecuteCommand=false.\nResource: ${TASK_ARN}\nFix: Enable exec on service web and force a new deployment; running tasks keep the old flag.`,
    );
    expect(resultOf(sarif(), 'task-role.present').message.text).toBe(
      `Could not read the task role.\nResource: ${TASK_ARN}\nNeeds: iam:GetRole`,
    );
    expect(resultOf(sarif(), 'logging.retention').message.text).toContain(AWKWARD_MESSAGE);
  });

  it('fingerprints a result by its check and resource, so it is the same alert next run', () => {
    const expected = createHash('sha256').update(`task.exec-enabled\u0000${TASK_ARN}`).digest('hex');
    expect(resultOf(sarif(), 'task.exec-enabled').partialFingerprints).toEqual({
      'ecsExecDoctor/v1': expected,
    });
  });

  it('keeps a suppressed finding at its original level, with the reason as the justification', () => {
    const result = resultOf(sarif(), 'cluster.audit-logging');
    expect(result.level).toBe('error');
    expect(result.suppressions).toEqual([
      { kind: 'external', justification: 'Sessions are recorded by the bastion; see SEC-12.' },
    ]);
    expect(result.properties).toMatchObject({ status: 'suppressed', resource: CLUSTER_ARN });
  });

  it('records an incomplete run as an unsuccessful invocation with its problems', () => {
    const log = sarif(fixtureReport({ problems: ['AccessDenied on ecs:DescribeTasks'] }));
    expect(log.runs[0]!.invocations).toEqual([
      {
        executionSuccessful: false,
        exitCode: 3,
        endTimeUtc: '2026-01-02T03:04:05.000Z',
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'AccessDenied on ecs:DescribeTasks' } },
        ],
      },
    ]);
  });

  it('is valid with nothing to report', () => {
    const log = sarif(fixtureReport({ findings: [] }));
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
  });

  it('fails the schema when a result is malformed (the validator is live)', () => {
    const log = JSON.parse(formatSarif(fixtureReport(), { checks: CHECKS, cwd: CWD })) as Log;
    (log.runs[0]!.results![0] as { level: string }).level = 'critical';
    expect(validateSarif(log)).toBe(false);
  });
});
