import { expect } from 'vitest';
import { taskRoleCloudwatchLogging } from '../../src/checks/task-role/cloudwatch-logging.js';
import { checkTable } from '../support/check-table.js';
import {
  accessDenied,
  allow,
  asLint,
  deny,
  LOG_GROUP_STREAMS,
  policy,
  regionBoundary,
  scps,
  taskRoleWith,
} from '../support/iam-targets.js';

const STREAM_ACTIONS = ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'];
const DESCRIBE_GROUPS = allow('logs:DescribeLogGroups', '*', { Sid: 'DescribeGroups' });
const DOCUMENTED = policy(
  'ecs-exec-logs',
  DESCRIBE_GROUPS,
  allow(STREAM_ACTIONS, LOG_GROUP_STREAMS, { Sid: 'Streams' }),
);

checkTable(taskRoleCloudwatchLogging, {
  valid: [
    {
      name: 'the grant the ECS docs give',
      target: taskRoleWith([DOCUMENTED]),
      statuses: ['pass', 'pass'],
      message:
        /may call logs:DescribeLogGroups[\s\S]*may create streams and put the transcript's events in log group \/ecs\/exec-audit/,
      assert: (findings) =>
        expect(findings[1]!.evidence).toContain(
          'logs:CreateLogStream, logs:PutLogEvents on `arn:aws:logs:us-east-1:111122223333:log-group:/ecs/exec-audit:log-stream:ecs-execute-command-SESSION_ID`: allowed by identity policy ecs-exec-logs statement Streams',
        ),
    },
    {
      name: 'DescribeLogGroups granted on every group of the region',
      target: taskRoleWith([
        policy(
          'ecs-exec-logs',
          allow('logs:DescribeLogGroups', 'arn:aws:logs:us-east-1:111122223333:log-group:*'),
          allow(STREAM_ACTIONS, LOG_GROUP_STREAMS),
        ),
      ]),
      statuses: ['pass', 'pass'],
    },
    {
      name: 'lint: the policies come from the files',
      target: taskRoleWith(
        [
          policy(
            'ecs-exec-logs',
            DESCRIBE_GROUPS,
            allow(STREAM_ACTIONS, 'arn:aws:logs:unknown:unknown:log-group:/ecs/exec-audit:*'),
          ),
        ],
        asLint,
      ),
      statuses: ['pass', 'pass'],
    },
    {
      name: 'logging is DEFAULT: no log group to write to',
      target: taskRoleWith([DOCUMENTED], (t) => {
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration = { logging: 'DEFAULT' };
      }),
      statuses: ['skip'],
    },
    {
      name: 'no task role',
      target: taskRoleWith([DOCUMENTED], (t) => {
        t.taskRole = { known: true, value: null };
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'no DescribeLogGroups, with encrypted logging: the misleading "encryption is not set up"',
      target: taskRoleWith([policy('ecs-exec-logs', allow(STREAM_ACTIONS, LOG_GROUP_STREAMS))]),
      statuses: ['fail', 'pass'],
      message:
        /may not call logs:DescribeLogGroups: .*misleading "We couldn't start the session because encryption is not set up on the selected CloudWatch Logs log group", even if the group is encrypted/,
      fix: /put-role-policy --role-name app-task --policy-name ecs-exec-describe-log-groups --policy-document '.*"Action":"logs:DescribeLogGroups","Resource":"\*"/,
    },
    {
      name: 'no DescribeLogGroups, without encryption: nothing reaches CloudWatch',
      target: taskRoleWith([policy('ecs-exec-logs', allow(STREAM_ACTIONS, LOG_GROUP_STREAMS))], (t) => {
        const configuration = t.cluster.known ? t.cluster.value.executeCommandConfiguration : undefined;
        if (configuration?.logConfiguration)
          configuration.logConfiguration.cloudWatchEncryptionEnabled = false;
      }),
      statuses: ['fail', 'pass'],
      message: /cannot find the group, so it does not stream the transcript to CloudWatch/,
    },
    {
      name: 'stream actions granted on the group ARN without :*',
      target: taskRoleWith([
        policy(
          'ecs-exec-logs',
          DESCRIBE_GROUPS,
          allow(STREAM_ACTIONS, 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/exec-audit'),
        ),
      ]),
      statuses: ['pass', 'fail'],
      message:
        /may not call logs:CreateLogStream, logs:DescribeLogStreams, logs:PutLogEvents on log group \/ecs\/exec-audit/,
      fix: /"Resource":"arn:aws:logs:us-east-1:111122223333:log-group:\/ecs\/exec-audit:\*"/,
    },
    {
      name: 'an SCP denies PutLogEvents',
      target: taskRoleWith([DOCUMENTED], (t) => {
        t.serviceControlPolicies = scps(allow('*', '*'), deny('logs:PutLogEvents', '*', { Sid: 'NoLogs' }));
      }),
      statuses: ['pass', 'fail'],
      message: /denied by SCP deny-exec statement NoLogs/,
    },
    {
      name: 'a boundary limited to another region',
      target: taskRoleWith({
        identityPolicies: [DOCUMENTED],
        permissionBoundary: regionBoundary('eu-west-1'),
      }),
      statuses: ['fail', 'fail'],
      message:
        /may not call logs:DescribeLogGroups: permission boundary region-boundary statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\./,
    },
    {
      name: 'policies unavailable: AccessDenied on iam:GetRolePolicy',
      target: taskRoleWith([], (t) => {
        if (t.taskRole.known && t.taskRole.value)
          t.taskRole.value.policies = accessDenied('iam:GetRolePolicy');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('iam:GetRolePolicy'),
    },
    {
      name: 'the cluster could not be read',
      target: taskRoleWith([DOCUMENTED], (t) => {
        t.cluster = accessDenied('ecs:DescribeClusters');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('ecs:DescribeClusters'),
    },
  ],
});
