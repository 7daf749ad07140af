import type { ExecTarget, Role } from '../../model/index.js';
import { lastSegment } from '../../model/index.js';
import {
  type About,
  fail,
  knownValue,
  pass,
  unknownFromFact,
  unknownFromUnresolved,
  warn,
} from '../results.js';
import {
  taskDefinitionAbout,
  taskDefinitionLabel,
  taskDefinitionResource,
  taskResource,
  unresolvedReason,
} from '../target-helpers.js';
import { launchTypeOf } from '../task/launch-type.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';

/**
 * The SSM agent in the container opens its channels with the task role: a RunTask override of
 * taskRoleArn, else the task definition's. Without one, Fargate has no credentials at all ("You
 * must use a task role"); on EC2 the SDK chain falls back through IMDS to the instance profile,
 * which is undocumented and shares one role with every task on the host.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */

function isFargate(target: ExecTarget): boolean {
  if (target.task) return launchTypeOf(target.task) === 'FARGATE';
  return knownValue(target.taskDefinition)?.requiresCompatibilities.includes('FARGATE') ?? false;
}

function executionRoleArn(target: ExecTarget): string | undefined {
  return target.executionRoleArn ?? knownValue(target.taskDefinition)?.executionRoleArn;
}

/** The execution role is the usual mistake: say plainly that it does not count. */
function executionRoleNote(target: ExecTarget): string {
  const arn = executionRoleArn(target);
  if (!arn) return '';
  return ` Its only role is the execution role ${lastSegment(arn)}, which the SSM agent does NOT use: ECS uses it to pull images, fetch secrets and send application logs.`;
}

function addTaskRoleFix(target: ExecTarget): Fix {
  const label = taskDefinitionLabel(target);
  const family = label.split(':')[0];
  const trustPolicy =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
  return {
    summary: `Create a task role that ecs-tasks.amazonaws.com may assume, grant it the four ssmmessages actions, set it as taskRoleArn in a new revision of task definition ${family} and start new tasks (the execution role does not count).`,
    cli: `aws iam create-role --role-name ${family}-task-role --assume-role-policy-document '${trustPolicy}'`,
    cloudformation: 'AWS::ECS::TaskDefinition: TaskRoleArn: !GetAtt TaskRole.Arn',
    terraform: 'aws_ecs_task_definition: task_role_arn = aws_iam_role.task.arn',
    cdk: 'new ecs.FargateTaskDefinition(this, …, { taskRole }) (or Ec2TaskDefinition)',
  };
}

/** Live findings name the task; the property a user edits is the task definition's taskRoleArn. */
function taskAbout(target: ExecTarget): About {
  return { resource: taskResource(target), property: 'taskRoleArn' };
}

function roleFound(target: ExecTarget, role: Role): CheckResult {
  const about = taskAbout(target);
  if (role.source === 'task-override') {
    const definitionRole = knownValue(target.taskDefinition)?.taskRoleArn;
    return pass(
      about,
      `Task role ${role.name} comes from the RunTask override taskRoleArn, which wins over the task definition.`,
      [
        `DescribeTasks: overrides.taskRoleArn=${role.arn}`,
        `task definition ${taskDefinitionLabel(target)}: taskRoleArn=${definitionRole ?? 'none'} (overridden)`,
      ],
    );
  }
  if (role.source === 'task-definition') {
    return pass(about, `Task role ${role.name} comes from task definition ${taskDefinitionLabel(target)}.`, [
      `task definition ${taskDefinitionLabel(target)}: taskRoleArn=${role.arn}`,
    ]);
  }
  const instance = knownValue(target.ec2Instance)?.instanceId ?? 'the host';
  const profile = role.instanceProfileArn ? lastSegment(role.instanceProfileArn) : 'unknown';
  return warn(
    about,
    `Task has no task role: the SSM agent falls back through IMDS to instance profile ${profile} of ${instance} and its role ${role.name}. This works but is undocumented, and every task on the host shares that role.`,
    addTaskRoleFix(target),
    [
      `task definition ${taskDefinitionLabel(target)}: no taskRoleArn; DescribeTasks: no overrides.taskRoleArn`,
      `DescribeInstances: ${instance} iamInstanceProfile=${role.instanceProfileArn ?? 'unknown'}`,
      `GetInstanceProfile: role ${role.arn}`,
    ],
  );
}

function noRoleLive(target: ExecTarget): CheckResult {
  const about = taskAbout(target);
  const evidence = [
    `task definition ${taskDefinitionLabel(target)}: no taskRoleArn; DescribeTasks: no overrides.taskRoleArn`,
  ];
  if (isFargate(target)) {
    return fail(
      about,
      `Task has no task role, and Fargate has no fallback: "You must use a task role" for ECS Exec, so the SSM agent cannot open its channels.${executionRoleNote(target)}`,
      addTaskRoleFix(target),
      evidence,
    );
  }
  if (target.task && launchTypeOf(target.task) === 'EXTERNAL') {
    return fail(
      about,
      `Task has no task role, and its ECS Anywhere (EXTERNAL) host has no instance profile to fall back to: the SSM agent has no credentials to open its channels.${executionRoleNote(target)}`,
      addTaskRoleFix(target),
      [...evidence, 'DescribeTasks: launchType=EXTERNAL'],
    );
  }
  const instance =
    knownValue(target.ec2Instance)?.instanceId ??
    knownValue(target.containerInstance)?.ec2InstanceId ??
    'the host';
  return fail(
    about,
    `Task has no task role and ${instance} has no instance profile either: the SSM agent has no credentials to open its channels.${executionRoleNote(target)}`,
    addTaskRoleFix(target),
    [...evidence, `DescribeInstances: ${instance} has no iamInstanceProfile`],
  );
}

/** Lint sees only the task definition: a RunTask override or the host's profile cannot be known. */
function judgeTaskDefinition(target: ExecTarget): CheckResult {
  if (!target.taskDefinition.known)
    return unknownFromFact(taskDefinitionAbout(target), 'the task definition', target.taskDefinition);
  const resource = taskDefinitionResource(target);
  const about = { resource, property: 'taskRoleArn' };
  const open = unresolvedReason(target, resource, about.property);
  if (open) {
    return unknownFromUnresolved(
      target,
      resource,
      `Whether task definition ${taskDefinitionLabel(target)} sets a task role`,
      [[about.property, open]],
    );
  }
  const { taskRoleArn } = target.taskDefinition.value;
  if (taskRoleArn) {
    return pass(about, `Task definition ${taskDefinitionLabel(target)} sets a task role.`, [
      `task definition: taskRoleArn=${taskRoleArn}`,
    ]);
  }
  const evidence = ['task definition: no taskRoleArn'];
  if (isFargate(target)) {
    return fail(
      about,
      `Task definition ${taskDefinitionLabel(target)} has no task role and is Fargate-compatible: on Fargate "You must use a task role" for ECS Exec.${executionRoleNote(target)}`,
      addTaskRoleFix(target),
      evidence,
    );
  }
  return warn(
    about,
    `Task definition ${taskDefinitionLabel(target)} has no task role: on EC2 the SSM agent falls back to the instance profile's role, which is undocumented and shared by every task on the host.${executionRoleNote(target)}`,
    addTaskRoleFix(target),
    evidence,
  );
}

export const taskRolePresent = defineCheck({
  id: 'task-role.present',
  title: 'The task has a task role for the SSM agent',
  layer: 'task-role',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'The SSM agent in the container uses the task role (a RunTask override wins over the task definition), never the execution role. Fargate has no fallback; EC2 falls back to the instance profile, undocumented and shared by every task on the host.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    ],
  },
  docs: {
    passes:
      "A task role is set: the RunTask override `overrides.taskRoleArn`, which wins, or the task definition's `taskRoleArn`.",
    fails:
      "Fails when there is no task role on Fargate or ECS Anywhere, or on EC2 when the host has no instance profile either. Warns on EC2 when the SSM agent falls back to the instance profile's role (undocumented, and shared by every task on the host), and in lint for a task definition without a task role that is not Fargate-compatible. The execution role never counts. Unknown when the role could not be read, or when the linted files leave taskRoleArn open (a parameter without a default).",
    fix: {
      cli: `aws iam create-role --role-name FAMILY-task-role --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
aws iam put-role-policy --role-name FAMILY-task-role --policy-name ecs-exec --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"}]}'
# then set taskRoleArn in a new revision of the task definition and start new tasks`,
      cloudformation: `TaskRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { Service: ecs-tasks.amazonaws.com }
          Action: sts:AssumeRole
    Policies:
      - PolicyName: ecs-exec
        PolicyDocument:
          Statement:
            - Effect: Allow
              Action:
                - ssmmessages:CreateControlChannel
                - ssmmessages:CreateDataChannel
                - ssmmessages:OpenControlChannel
                - ssmmessages:OpenDataChannel
              Resource: '*'
TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    TaskRoleArn: !GetAtt TaskRole.Arn`,
      terraform: `resource "aws_iam_role" "task" {
  name = "FAMILY-task-role"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_ecs_task_definition" "this" {
  task_role_arn = aws_iam_role.task.arn
  # …
}`,
      cdk: `const taskRole = new iam.Role(this, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
new ecs.FargateTaskDefinition(this, 'TaskDefinition', { taskRole });
// enableExecuteCommand: true on the service adds the ssmmessages permissions to the task role`,
    },
  },
  run(target) {
    if (target.mode === 'lint') return [judgeTaskDefinition(target)];
    const about = taskAbout(target);
    if (!target.taskRole.known) {
      // The role may be unknown because the instance behind the fallback could not be read.
      const instance = target.ec2Instance?.known === false ? target.ec2Instance : undefined;
      const permission = target.taskRole.permission ?? instance?.permission;
      return [
        unknownFromFact(about, 'the role the SSM agent will use', {
          ...target.taskRole,
          ...(permission ? { permission } : {}),
        }),
      ];
    }
    const role = target.taskRole.value;
    return [role ? roleFound(target, role) : noRoleLive(target)];
  },
});
