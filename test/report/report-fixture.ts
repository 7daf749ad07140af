import { type Check, defineCheck, type Layer, type Suite } from '../../src/checks/types.js';
import type { Finding } from '../../src/engine/finding.js';
import type { Report } from '../../src/engine/report.js';
import { countByStatus } from '../../src/engine/run.js';
import { blockingProblems, exitCodeFor, type FailOn } from '../../src/engine/verdict.js';

/** One report with every status, live findings (ARNs), lint findings (locations) and awkward text. */

export const CWD = '/work/repo';
export const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/prod/abc123';
export const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/prod';
export const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/exec,audit';

/** Quotes, markup, a table pipe, a percent sign, a newline, a tab and a control character. */
export const AWKWARD_MESSAGE =
  'Log group /ecs/exec,audit keeps events 1 day: <90 & "policy" | 100%\nsecond line\twith tab\u0001';

const FINDINGS: Finding[] = [
  {
    checkId: 'client.session-manager-plugin',
    title: 'The Session Manager plugin is installed',
    layer: 'client',
    suite: 'readiness',
    status: 'pass',
    resource: 'this machine',
    message: 'session-manager-plugin 1.2.650.0 is installed.',
    evidence: ['session-manager-plugin --version: 1.2.650.0'],
  },
  {
    checkId: 'cluster.audit-logging',
    title: 'The cluster logs exec sessions',
    layer: 'cluster',
    suite: 'audit',
    status: 'suppressed',
    resource: CLUSTER_ARN,
    message: 'Cluster prod logs no exec session (logging=NONE).',
    evidence: ['DescribeClusters: executeCommandConfiguration.logging=NONE'],
    fix: {
      summary: 'Send exec sessions to CloudWatch Logs.',
      cli: 'aws ecs update-cluster --cluster prod --configuration ...',
    },
    suppression: { reason: 'Sessions are recorded by the bastion; see SEC-12.', originalStatus: 'fail' },
  },
  {
    checkId: 'service.exec-enabled',
    title: 'The service enables exec',
    layer: 'service',
    suite: 'readiness',
    status: 'skip',
    resource: TASK_ARN,
    message: 'The task was not started by a service.',
    evidence: [],
  },
  {
    checkId: 'task.exec-enabled',
    title: 'The task was started with exec enabled',
    layer: 'task',
    suite: 'readiness',
    status: 'fail',
    resource: TASK_ARN,
    message: 'Task abc123 was started with enableExecuteCommand=false.',
    evidence: ['DescribeTasks: enableExecuteCommand=false'],
    fix: {
      summary: 'Enable exec on service web and force a new deployment; running tasks keep the old flag.',
      cli: 'aws ecs update-service --cluster prod --service web --enable-execute-command --force-new-deployment --region us-east-1',
      cloudformation: 'AWS::ECS::Service: EnableExecuteCommand: true',
      terraform: 'aws_ecs_service: enable_execute_command = true',
      cdk: 'new ecs.FargateService(this, …, { enableExecuteCommand: true })',
    },
  },
  {
    checkId: 'task-definition.readonly-root-fs',
    title: 'The container root filesystem is writable',
    layer: 'task-definition',
    suite: 'readiness',
    status: 'fail',
    resource: 'TaskDefinition',
    message: 'Container `web` has readonlyRootFilesystem=true.',
    evidence: ['task definition: readonlyRootFilesystem=true'],
    fix: {
      summary: 'Set readonlyRootFilesystem to false for container web.',
      cloudformation: 'ReadonlyRootFilesystem: false',
    },
    location: {
      file: `${CWD}/infra/template.yaml`,
      line: 12,
      column: 7,
      pointer: '/Resources/TaskDefinition',
    },
  },
  {
    checkId: 'task-definition.init-process',
    title: 'The container runs an init process',
    layer: 'task-definition',
    suite: 'hardening',
    status: 'warn',
    resource: 'aws_ecs_task_definition.web',
    message: 'Container `web` has no init process: exec sessions leave zombie processes.',
    evidence: [],
    fix: {
      summary: 'Set initProcessEnabled to true.',
      terraform: 'linuxParameters = { initProcessEnabled = true }',
    },
    location: { file: 'infra/my stack,v2.tf', line: 30, column: 9 },
  },
  {
    checkId: 'task-role.present',
    title: 'The task has a role for the SSM agent',
    layer: 'task-role',
    suite: 'readiness',
    status: 'unknown',
    resource: TASK_ARN,
    message: 'Could not read the task role.',
    evidence: [],
    needs: 'iam:GetRole',
  },
  {
    checkId: 'cluster.kms-key-usable',
    title: 'The exec KMS key is usable',
    layer: 'cluster',
    suite: 'readiness',
    status: 'error',
    resource: CLUSTER_ARN,
    message: 'The check failed: TypeError: key is undefined',
    evidence: [],
  },
  {
    checkId: 'logging.retention',
    title: 'Session logs are kept long enough',
    layer: 'logging',
    suite: 'audit',
    status: 'warn',
    resource: LOG_GROUP_ARN,
    message: AWKWARD_MESSAGE,
    evidence: ['DescribeLogGroups: retentionInDays=1'],
    fix: {
      summary: 'Keep session logs for 90 days.',
      cli: 'aws logs put-retention-policy --log-group-name "/ecs/exec,audit" --retention-in-days 90',
    },
  },
  {
    checkId: 'task-definition.remote-shell-daemon',
    title: 'No container runs a remote shell daemon',
    layer: 'task-definition',
    suite: 'hardening',
    status: 'info',
    resource: 'TaskDefinition',
    message: 'Container `sidecar` runs sshd beside the SSM agent.',
    evidence: [],
  },
];

function catalogueEntry(id: string, layer: Layer, suite: Suite, extra: Partial<Check> = {}): Check {
  return defineCheck({
    id,
    title: FINDINGS.find((finding) => finding.checkId === id)?.title ?? id,
    layer,
    suite,
    modes: ['live'],
    rationale: `Why ${id} matters.`,
    references: { docs: [`https://docs.aws.amazon.com/${id}.html`] },
    run: () => [],
    ...extra,
  });
}

/** The catalogue the formatters get; logging.retention is missing on purpose (a plugin left out). */
export const CHECKS: readonly Check[] = [
  catalogueEntry('client.session-manager-plugin', 'client', 'readiness'),
  catalogueEntry('cluster.audit-logging', 'cluster', 'audit'),
  catalogueEntry('cluster.kms-key-usable', 'cluster', 'readiness'),
  catalogueEntry('service.exec-enabled', 'service', 'readiness'),
  catalogueEntry('task.exec-enabled', 'task', 'readiness', { aliases: ['task.exec-flag'] }),
  catalogueEntry('task-definition.readonly-root-fs', 'task-definition', 'readiness'),
  catalogueEntry('task-definition.init-process', 'task-definition', 'hardening', {
    references: { docs: [] },
  }),
  catalogueEntry('task-definition.remote-shell-daemon', 'task-definition', 'hardening'),
  catalogueEntry('task-role.present', 'task-role', 'readiness'),
];

export function fixtureReport(
  overrides: { failOn?: FailOn; problems?: string[]; findings?: Finding[] } = {},
): Report {
  const findings = overrides.findings ?? FINDINGS;
  const failOn = overrides.failOn ?? 'fail';
  const problems = overrides.problems ?? [];
  return {
    command: 'check',
    toolVersion: '1.2.3',
    generatedAt: '2026-01-02T03:04:05.000Z',
    targets: [
      {
        resource: TASK_ARN,
        cluster: 'prod',
        task: 'abc123',
        taskDefinition: 'web:7',
        region: 'us-east-1',
      },
    ],
    findings,
    counts: countByStatus(findings),
    blocking: blockingProblems(findings),
    problems,
    failOn,
    exitCode: exitCodeFor(findings, failOn, problems.length > 0),
  };
}
