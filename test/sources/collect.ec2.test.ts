import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
} from '@aws-sdk/client-ecs';
import { GetInstanceProfileCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { known } from '../../src/model/index.js';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import {
  arns,
  CLUSTER,
  describeInstances,
  describeTasks,
  ec2Task,
  fargateTask,
  HOME,
  INSTANCE_ID,
  INSTANCE_PROFILE,
  TASK_ID,
} from '../support/aws-responses.js';
import { answerEc2, answerFargate, inputsOf, liveApi, useMockAws } from './mock-aws.js';

const aws = useMockAws();
const request = { cluster: CLUSTER, tasks: [TASK_ID] };

describe('collectLiveTargets: tasks on EC2 container instances', () => {
  it('without a task role, follows the container instance to the instance profile role', async () => {
    answerEc2(aws);
    const { targets } = await collectLiveTargets(liveApi(), request);

    expect(inputsOf(aws.ecs, DescribeContainerInstancesCommand)).toEqual([
      { cluster: CLUSTER, containerInstances: [arns.containerInstance()] },
    ]);
    expect(inputsOf(aws.ec2, DescribeInstancesCommand)).toEqual([{ InstanceIds: [INSTANCE_ID] }]);
    expect(inputsOf(aws.iam, GetInstanceProfileCommand)).toEqual([{ InstanceProfileName: INSTANCE_PROFILE }]);
    // group is family:worker: not a service task.
    expect(aws.ecs).not.toHaveReceivedCommand(DescribeServicesCommand);

    const target = targets[0]!;
    expect(target.taskRole).toEqual(
      known({
        arn: arns.role(HOME, INSTANCE_PROFILE),
        name: INSTANCE_PROFILE,
        source: 'instance-profile',
        instanceProfileArn: arns.instanceProfile(),
      }),
    );
    expect(target.containerInstance).toEqual(
      known({
        arn: arns.containerInstance(),
        ec2InstanceId: INSTANCE_ID,
        status: 'ACTIVE',
        agentConnected: true,
        agentVersion: '1.89.2',
        attributes: {
          'ecs.capability.execute-command': '',
          'ecs.os-type': 'linux',
          'ecs.os-family': 'LINUX',
          'ecs.cpu-architecture': 'x86_64',
          'ecs.instance-type': 't3.small',
          'ecs.ami-id': 'ami-0123456789abcdef0',
          'ecs.availability-zone': 'us-east-1a',
        },
      }),
    );
    expect(target.ec2Instance).toEqual(
      known({
        instanceId: INSTANCE_ID,
        iamInstanceProfileArn: arns.instanceProfile(),
        subnetId: 'subnet-0fedcba9876543210',
        vpcId: 'vpc-0123456789abcdef0',
      }),
    );
    expect(target.service).toEqual(known(null));
    expect(target.task).toMatchObject({ launchType: 'EC2', containerInstanceArn: arns.containerInstance() });
    expect(target.task).not.toHaveProperty('networkInterface');
  });

  it('an instance without an instance profile leaves no role at all', async () => {
    answerEc2(aws);
    aws.ec2.on(DescribeInstancesCommand).resolves(describeInstances(HOME, { IamInstanceProfile: undefined }));

    const { targets } = await collectLiveTargets(liveApi(), request);

    expect(targets[0]!.taskRole).toEqual(known(null));
    expect(aws.iam.calls()).toHaveLength(0);
  });

  it.each([
    ['an EC2 task with no task role in its definition', answerEc2, ec2Task],
    ['a Fargate task whose definition names another role', answerFargate, fargateTask],
  ])('a RunTask taskRoleArn override wins: %s', async (_, answer, task) => {
    answer(aws);
    const overrideRole = arns.role(HOME, 'nightly-report');
    aws.ecs
      .on(DescribeTasksCommand)
      .resolves(
        describeTasks(
          task(HOME, { overrides: { taskRoleArn: overrideRole, containerOverrides: [{ name: 'web' }] } }),
        ),
      );

    const { targets } = await collectLiveTargets(liveApi(), request);

    expect(targets[0]!.taskRole).toEqual(
      known({ arn: overrideRole, name: 'nightly-report', source: 'task-override' }),
    );
    expect(aws.iam.calls()).toHaveLength(0);
  });
});
