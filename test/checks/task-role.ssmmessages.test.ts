import { expect } from 'vitest';
import { taskRoleSsmmessages } from '../../src/checks/task-role/ssmmessages.js';
import { checkTable } from '../support/check-table.js';
import {
  ADMINISTRATOR_ACCESS,
  accessDenied,
  allow,
  asLint,
  deny,
  policy,
  regionBoundary,
  scps,
  taskRoleWith,
} from '../support/iam-targets.js';
import { EXECUTION_ROLE_ARN } from '../support/targets.js';

const CHANNELS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];
const SSMMESSAGES = policy('ecs-exec', allow(CHANNELS, '*', { Sid: 'SsmMessages' }));

/** The execution role, holding these policies. */
function executionRoleWith(...policies: ReturnType<typeof policy>[]) {
  return {
    known: true as const,
    value: {
      arn: EXECUTION_ROLE_ARN,
      name: 'app-execution',
      source: 'task-definition' as const,
      policies: { known: true as const, value: { identityPolicies: policies } },
    },
  };
}

checkTable(taskRoleSsmmessages, {
  valid: [
    {
      name: 'the four actions on *',
      target: taskRoleWith([SSMMESSAGES]),
      statuses: ['pass'],
      message: /task role `app-task` may open the SSM agent's channels/,
      assert: (findings) =>
        expect(findings[0]!.evidence).toEqual([
          `${CHANNELS.join(', ')} on \`*\`: allowed by identity policy ecs-exec statement SsmMessages`,
          'SCPs not given: not evaluated',
        ]),
    },
    {
      name: 'a boundary limited to the task region',
      target: taskRoleWith({
        identityPolicies: [SSMMESSAGES],
        permissionBoundary: regionBoundary('us-east-1'),
      }),
      statuses: ['pass'],
    },
    {
      name: 'AdministratorAccess with SCPs that allow',
      target: taskRoleWith([ADMINISTRATOR_ACCESS], (t) => {
        t.serviceControlPolicies = scps(allow('*', '*'));
      }),
      statuses: ['pass'],
      assert: (findings) =>
        expect(findings[0]!.evidence).toContain('SCPs evaluated (2 levels, root to account)'),
    },
    {
      name: 'the instance profile role of an EC2 task without a task role',
      target: taskRoleWith([SSMMESSAGES], (t) => {
        if (t.taskRole.known && t.taskRole.value) t.taskRole.value.source = 'instance-profile';
      }),
      statuses: ['pass'],
      message: /instance profile role `app-task`/,
    },
    {
      name: 'lint: the policies come from the files',
      target: taskRoleWith([SSMMESSAGES], asLint),
      statuses: ['pass'],
      assert: (findings) => expect(findings[0]!.resource).toBe('TaskRole'),
    },
    {
      name: 'no task role',
      target: taskRoleWith([SSMMESSAGES], (t) => {
        t.taskRole = { known: true, value: null };
      }),
      statuses: ['skip'],
      message: /task-role\.present reports it/,
    },
    {
      name: 'lint: an undecided value in a statement about other actions does not matter',
      target: taskRoleWith(
        [
          policy(
            'ecs-exec',
            allow(CHANNELS, '*'),
            deny('iam:*', '*', {
              Condition: { StringNotEquals: { 'iam:ResourceTag/app': { 'Fn::ImportValue': 'App' } } },
            }),
          ),
        ],
        asLint,
      ),
      statuses: ['pass'],
    },
  ],
  invalid: [
    {
      name: 'ssmmessages on the execution role only',
      target: taskRoleWith([policy('app', allow('s3:GetObject', '*'))], (t) => {
        t.executionRole = executionRoleWith(policy('exec', allow('ssmmessages:*', '*')));
      }),
      statuses: ['fail'],
      message:
        /^task role `app-task` lacks ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel; they are on the execution role `app-execution` instead\./,
    },
    {
      name: 'one action on the execution role only',
      target: taskRoleWith([policy('ecs-exec', allow(CHANNELS.slice(1), '*'))], (t) => {
        t.executionRole = executionRoleWith(policy('exec', allow('ssmmessages:CreateControlChannel', '*')));
      }),
      statuses: ['fail'],
      message:
        /^task role `app-task` lacks ssmmessages:CreateControlChannel; it is on the execution role `app-execution` instead\./,
      fix: `aws iam put-role-policy --role-name app-task --policy-name ecs-exec-ssmmessages --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EcsExecSsmMessages","Effect":"Allow","Action":["ssmmessages:CreateControlChannel"],"Resource":"*"}]}'`,
    },
    {
      name: 'no role has them',
      target: taskRoleWith([policy('app', allow('s3:GetObject', '*'))]),
      statuses: ['fail'],
      message:
        /lacks .*: no statement in the identity policies allows ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel on \*\. .*TargetNotConnectedException/,
      fix: /"Action":\["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"\],"Resource":"\*"/,
      assert: (findings) => {
        expect(findings[0]!.message).not.toContain('execution role');
        expect(findings[0]!.fix!.terraform).toContain(
          'resource "aws_iam_role_policy" "ecs_exec_ssmmessages"',
        );
      },
    },
    {
      name: 'a boundary limited to another region',
      target: taskRoleWith({
        identityPolicies: [SSMMESSAGES],
        permissionBoundary: regionBoundary('eu-west-1'),
      }),
      statuses: ['fail'],
      message:
        /lacks .*: permission boundary region-boundary statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\. Without them/,
      fix: /^Widen the permission boundary region-boundary of task role `app-task`: its statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\. In statement #0, widen aws:RequestedRegion to admit us-east-1 \(add "us-east-1" to its values\); a new identity statement would not help, since a boundary caps what identity policies grant\.$/m,
      assert: (findings) => {
        expect(findings[0]!.fix!.cli).toContain(
          '# in statement #0 of boundary.json, widen aws:RequestedRegion to admit us-east-1 (add "us-east-1" to its values), then:',
        );
        expect(findings[0]!.fix!.summary).not.toContain('add this statement');
      },
    },
    {
      name: 'two causes split the actions: one reason per cause, naming the actions it covers',
      target: taskRoleWith({
        identityPolicies: [SSMMESSAGES],
        permissionBoundary: policy(
          'channels-boundary',
          allow(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel'], '*', {
            Sid: 'CreateInEu',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
          }),
        ),
      }),
      statuses: ['fail'],
      message:
        'lacks ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel: permission boundary channels-boundary statement CreateInEu requires aws:RequestedRegion=eu-west-1; the request has us-east-1 for ssmmessages:CreateControlChannel and CreateDataChannel; the permission boundary channels-boundary does not allow ssmmessages:OpenControlChannel and OpenDataChannel. Without them',
    },
    {
      name: 'AdministratorAccess, but an SCP denies ssmmessages',
      target: taskRoleWith([ADMINISTRATOR_ACCESS], (t) => {
        t.serviceControlPolicies = scps(allow('*', '*'), deny('ssmmessages:*', '*', { Sid: 'NoSessions' }));
      }),
      statuses: ['fail'],
      message: /denied by SCP deny-exec statement NoSessions/,
      fix: /AWS Organizations administrators/,
    },
    {
      name: 'policies unavailable: AccessDenied on iam:GetRolePolicy',
      target: taskRoleWith([], (t) => {
        if (t.taskRole.known && t.taskRole.value)
          t.taskRole.value.policies = accessDenied('iam:GetRolePolicy');
      }),
      statuses: ['unknown'],
      message: /Could not read the IAM policies of task role `app-task`: AccessDenied on iam:GetRolePolicy/,
      assert: (findings) => expect(findings[0]!.needs).toBe('iam:GetRolePolicy'),
    },
    {
      name: 'a grant only through one VPC endpoint, which the tool cannot know',
      target: taskRoleWith([
        policy(
          'ecs-exec',
          allow(CHANNELS, '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123' } } }),
        ),
      ]),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('context keys aws:SourceVpce'),
    },
    {
      name: 'lint: a region condition, and the files leave the region open',
      target: taskRoleWith(
        { identityPolicies: [SSMMESSAGES], permissionBoundary: regionBoundary('us-east-1') },
        asLint,
      ),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('context keys aws:RequestedRegion'),
    },
    {
      name: 'lint: a managed policy outside the files',
      target: taskRoleWith([], (t) => {
        asLint(t);
        if (t.taskRole.known && t.taskRole.value) {
          t.taskRole.value.policies = {
            known: false,
            reason:
              'attached managed policy arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore is not in the linted files',
          };
        }
      }),
      statuses: ['unknown'],
      message: /AmazonSSMManagedInstanceCore is not in the linted files/,
    },
    {
      name: 'lint: an undecided value in the statement that grants them',
      target: taskRoleWith(
        [policy('ecs-exec', allow(CHANNELS, { 'Fn::ImportValue': 'SharedResource' } as unknown as string))],
        asLint,
      ),
      statuses: ['unknown'],
      message: /cannot be evaluated: policy "ecs-exec" statement 0/,
    },
  ],
});
