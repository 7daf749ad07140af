/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { taskRolePresent } from '../../src/checks/task-role/present.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { ACCOUNT, TASK_DEFINITION_ARN, TASK_ROLE_ARN, targetWith } from '../support/targets.js';

const OVERRIDE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/debug-task`;
const PROFILE_ARN = `arn:aws:iam::${ACCOUNT}:instance-profile/ecs-hosts`;
const INSTANCE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/ecs-host-role`;

function onEc2(target: ExecTarget): void {
  target.task!.launchType = 'EC2';
  target.task!.containerInstanceArn = `arn:aws:ecs:us-east-1:${ACCOUNT}:container-instance/demo/abc`;
  target.ec2Instance = known({ instanceId: 'i-0123456789abcdef0', iamInstanceProfileArn: PROFILE_ARN });
  if (target.taskDefinition.known) target.taskDefinition.value.taskRoleArn = undefined;
}

function lint(target: ExecTarget): void {
  target.mode = 'lint';
  target.task = undefined;
}

function lintWithoutTaskRole(compatibilities: string[]) {
  return (target: ExecTarget) => {
    lint(target);
    if (!target.taskDefinition.known) return;
    target.taskDefinition.value.taskRoleArn = undefined;
    target.taskDefinition.value.requiresCompatibilities = compatibilities;
  };
}

checkTable(taskRolePresent, {
  valid: [
    {
      name: 'task role from the task definition',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'Task role app-task comes from task definition web:7',
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([`task definition web:7: taskRoleArn=${TASK_ROLE_ARN}`]),
    },
    {
      name: 'RunTask override wins over the task definition',
      target: targetWith((t) => {
        t.task!.overrides.taskRoleArn = OVERRIDE_ROLE_ARN;
        t.taskRole = known({ arn: OVERRIDE_ROLE_ARN, name: 'debug-task', source: 'task-override' });
      }),
      statuses: ['pass'],
      message: 'Task role debug-task comes from the RunTask override taskRoleArn',
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          `DescribeTasks: overrides.taskRoleArn=${OVERRIDE_ROLE_ARN}`,
          `task definition web:7: taskRoleArn=${TASK_ROLE_ARN} (overridden)`,
        ]),
    },
    {
      name: 'lint: the task definition sets a task role',
      target: targetWith(lint),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([`task definition: taskRoleArn=${TASK_ROLE_ARN}`]),
    },
  ],
  invalid: [
    {
      name: 'EC2 fallback to the instance profile',
      target: targetWith((t) => {
        onEc2(t);
        t.taskRole = known({
          arn: INSTANCE_ROLE_ARN,
          name: 'ecs-host-role',
          source: 'instance-profile',
          instanceProfileArn: PROFILE_ARN,
        });
      }),
      statuses: ['warn'],
      message:
        'falls back through IMDS to instance profile ecs-hosts of i-0123456789abcdef0 and its role ecs-host-role. This works but is undocumented, and every task on the host shares that role.',
      fix: /TaskRoleArn[\s\S]*task_role_arn[\s\S]*taskRole/,
      assert: ([finding]) =>
        expect(finding?.evidence).toContain(`GetInstanceProfile: role ${INSTANCE_ROLE_ARN}`),
    },
    {
      name: 'Fargate without a task role, only the execution role',
      target: targetWith((t) => {
        if (t.taskDefinition.known) t.taskDefinition.value.taskRoleArn = undefined;
        t.taskRole = known(null);
      }),
      statuses: ['fail'],
      message:
        /Fargate has no fallback: "You must use a task role"[\s\S]*execution role app-execution, which the SSM agent does NOT use/,
      fix: 'aws iam create-role --role-name web-task-role --assume-role-policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}\'',
      assert: ([finding]) => {
        expect(finding?.fix?.cloudformation).toBe(
          'AWS::ECS::TaskDefinition: TaskRoleArn: !GetAtt TaskRole.Arn',
        );
        expect(finding?.fix?.terraform).toBe(
          'aws_ecs_task_definition: task_role_arn = aws_iam_role.task.arn',
        );
        expect(finding?.fix?.cdk).toMatch(/\{ taskRole \}/);
      },
    },
    {
      name: 'Fargate without any role at all',
      target: targetWith((t) => {
        t.executionRoleArn = undefined;
        if (t.taskDefinition.known) {
          t.taskDefinition.value.taskRoleArn = undefined;
          t.taskDefinition.value.executionRoleArn = undefined;
        }
        t.taskRole = known(null);
      }),
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.message).not.toMatch(/execution role/),
    },
    {
      name: 'EC2 without a task role or an instance profile',
      target: targetWith((t) => {
        onEc2(t);
        t.ec2Instance = known({ instanceId: 'i-0123456789abcdef0' });
        t.taskRole = known(null);
      }),
      statuses: ['fail'],
      message: 'i-0123456789abcdef0 has no instance profile either',
      assert: ([finding]) =>
        expect(finding?.evidence).toContain(
          'DescribeInstances: i-0123456789abcdef0 has no iamInstanceProfile',
        ),
    },
    {
      name: 'EXTERNAL without a task role',
      target: targetWith((t) => {
        t.task!.launchType = 'EXTERNAL';
        t.taskRole = known(null);
      }),
      statuses: ['fail'],
      message: 'ECS Anywhere (EXTERNAL) host has no instance profile to fall back to',
    },
    {
      name: 'instance profile could not be read',
      target: targetWith((t) => {
        onEc2(t);
        t.taskRole = unavailable('AccessDenied on GetInstanceProfile', 'iam:GetInstanceProfile');
      }),
      statuses: ['unknown'],
      message: 'Could not read the role the SSM agent will use: AccessDenied on GetInstanceProfile',
      assert: ([finding]) => expect(finding?.needs).toBe('iam:GetInstanceProfile'),
    },
    {
      name: 'instance could not be described: its permission is named',
      target: targetWith((t) => {
        onEc2(t);
        t.ec2Instance = unavailable('AccessDenied', 'ec2:DescribeInstances');
        t.taskRole = unavailable('the instance profile could not be resolved');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('ec2:DescribeInstances'),
    },
    {
      name: 'lint: Fargate task definition without a task role',
      target: targetWith(lintWithoutTaskRole(['FARGATE'])),
      statuses: ['fail'],
      message: /Fargate-compatible: on Fargate "You must use a task role"[\s\S]*does NOT use/,
      fix: /TaskRoleArn/,
      assert: ([finding]) => expect(finding?.evidence).toEqual(['task definition: no taskRoleArn']),
    },
    {
      name: 'lint: EC2 task definition without a task role',
      target: targetWith(lintWithoutTaskRole(['EC2'])),
      statuses: ['warn'],
      message: 'falls back to the instance profile',
      fix: /task_role_arn/,
    },
    {
      name: 'lint: the task definition could not be read',
      target: targetWith((t) => {
        lint(t);
        t.taskDefinition = unavailable('unresolved Fn::ImportValue');
      }),
      statuses: ['unknown'],
      message: 'Could not read the task definition: unresolved Fn::ImportValue',
    },
    {
      name: 'lint: a task role the files leave open is not counted as set',
      target: targetWith((t) => {
        lint(t);
        if (t.taskDefinition.known) t.taskDefinition.value.taskRoleArn = '${TaskRoleArn}';
        t.unresolved = { [`${TASK_DEFINITION_ARN}#taskRoleArn`]: 'parameter TaskRoleArn has no default' };
        t.locations = {
          [`${TASK_DEFINITION_ARN}#taskRoleArn`]: { file: 'template.yaml', line: 12, column: 7 },
        };
      }),
      statuses: ['unknown'],
      message:
        'Whether task definition web:7 sets a task role is not decided by the files (taskRoleArn: parameter TaskRoleArn has no default).',
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 12, column: 7 }),
    },
    {
      name: 'lint: a missing task role points at the task definition',
      target: targetWith((t) => {
        lintWithoutTaskRole(['FARGATE'])(t);
        t.locations = { [TASK_DEFINITION_ARN]: { file: 'taskdef.json', line: 1, column: 1 } };
      }),
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.location).toEqual({ file: 'taskdef.json', line: 1, column: 1 }),
    },
  ],
});
