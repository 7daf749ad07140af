import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
} from '@aws-sdk/client-ecs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { ExecTarget, known } from '../../src/model/index.js';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import {
  ACCOUNT,
  appContainer,
  arns,
  BUCKET,
  CLUSTER,
  describeTasks,
  ebsAttachment,
  eniAttachment,
  fargateTask,
  guardDutySidecar,
  HOME,
  KEY_ID,
  LOG_GROUP,
  REGION,
  SERVICE,
  serviceConnectAttachment,
  serviceConnectSidecar,
  TASK_ID,
} from '../support/aws-responses.js';
import { answerFargate, inputsOf, liveApi, useMockAws } from './mock-aws.js';

const aws = useMockAws();

/** The ExecTarget the happy-path answers normalize to. */
function expectedTarget(): ExecTarget {
  const taskArn = arns.task();
  const taskDefinitionArn = arns.taskDefinition();
  const keyArn = arns.key();
  return {
    mode: 'live',
    partition: 'aws',
    region: REGION,
    accountId: ACCOUNT,
    caller: known({
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      userId: 'AIDASAMPLEUSERID1234',
    }),
    cluster: known({
      arn: arns.cluster(),
      name: CLUSTER,
      status: 'ACTIVE',
      tags: { team: 'payments' },
      executeCommandConfiguration: {
        kmsKeyId: keyArn,
        logging: 'OVERRIDE',
        logConfiguration: {
          cloudWatchLogGroupName: LOG_GROUP,
          cloudWatchEncryptionEnabled: true,
          s3BucketName: BUCKET,
          s3EncryptionEnabled: true,
          s3KeyPrefix: 'exec/',
        },
      },
    }),
    service: known({
      arn: arns.service(),
      name: SERVICE,
      enableExecuteCommand: true,
      deploymentController: 'ECS',
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      taskDefinition: taskDefinitionArn,
      deployments: [
        {
          id: 'ecs-svc/1234567890123456789',
          status: 'PRIMARY',
          rolloutState: 'COMPLETED',
          createdAt: '2026-11-20T10:00:00.000Z',
          taskDefinition: taskDefinitionArn,
        },
      ],
    }),
    task: {
      arn: taskArn,
      id: TASK_ID,
      clusterArn: arns.cluster(),
      taskDefinitionArn,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      enableExecuteCommand: true,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      group: 'service:web',
      startedBy: 'ecs-svc/1234567890123456789',
      startedAt: '2026-11-20T10:01:00.000Z',
      containers: [
        {
          name: 'web',
          runtimeId: `${TASK_ID}-1234567890`,
          lastStatus: 'RUNNING',
          managedAgents: [
            { name: 'ExecuteCommandAgent', lastStatus: 'RUNNING', lastStartedAt: '2026-11-20T10:01:30.000Z' },
          ],
        },
      ],
      overrides: { containerOverrides: [{ name: 'web', environment: [], environmentFiles: [] }] },
      networkInterface: {
        attachmentId: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE',
        status: 'ATTACHED',
        networkInterfaceId: 'eni-0123456789abcdef0',
        subnetId: 'subnet-0123456789abcdef0',
        privateIPv4Address: '10.0.1.25',
      },
      tags: { team: 'payments' },
    },
    taskDefinition: known({
      arn: taskDefinitionArn,
      family: 'web',
      revision: 7,
      taskRoleArn: arns.role(HOME, 'app-task'),
      executionRoleArn: arns.role(HOME, 'app-execution'),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      operatingSystemFamily: 'LINUX',
      cpuArchitecture: 'X86_64',
      volumes: [],
      containerDefinitions: [
        {
          name: 'web',
          image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2`,
          essential: true,
          initProcessEnabled: true,
          environment: [{ name: 'PORT', value: '8080' }],
          environmentFiles: [],
          secrets: [],
          mountPoints: [],
          portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/web',
              'awslogs-region': REGION,
              'awslogs-stream-prefix': 'web',
            },
          },
        },
      ],
    }),
    taskRole: known({ arn: arns.role(HOME, 'app-task'), name: 'app-task', source: 'task-definition' }),
    executionRoleArn: arns.role(HOME, 'app-execution'),
    executionRole: known({
      arn: arns.role(HOME, 'app-execution'),
      name: 'app-execution',
      source: 'task-definition',
    }),
    kmsKey: known({
      reference: keyArn,
      keyId: KEY_ID,
      arn: keyArn,
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      keyManager: 'CUSTOMER',
      multiRegion: false,
    }),
    logGroup: known({ name: LOG_GROUP, arn: `${arns.logGroup()}:*`, kmsKeyId: keyArn, retentionInDays: 365 }),
    bucket: known({
      name: BUCKET,
      encryption: { algorithm: 'aws:kms', kmsMasterKeyId: keyArn },
      versioning: 'Enabled',
      objectLockEnabled: true,
    }),
  };
}

describe('collectLiveTargets over the SDK: a Fargate service task', () => {
  it('sends exactly the read calls the facts need, with the parameters that make them complete', async () => {
    answerFargate(aws);
    const result = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [TASK_ID] });

    expect(result.problems).toEqual([]);
    expect(aws.sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
    // Without CONFIGURATIONS, DescribeClusters leaves out the exec configuration.
    expect(inputsOf(aws.ecs, DescribeClustersCommand)).toEqual([
      { clusters: [CLUSTER], include: ['CONFIGURATIONS', 'TAGS'] },
    ]);
    expect(inputsOf(aws.ecs, DescribeTasksCommand)).toEqual([
      { cluster: CLUSTER, tasks: [TASK_ID], include: ['TAGS'] },
    ]);
    expect(inputsOf(aws.ecs, DescribeTaskDefinitionCommand)).toEqual([
      { taskDefinition: arns.taskDefinition() },
    ]);
    expect(inputsOf(aws.ecs, DescribeServicesCommand)).toEqual([{ cluster: CLUSTER, services: [SERVICE] }]);
    expect(aws.ecs).not.toHaveReceivedCommand(DescribeContainerInstancesCommand);
    expect(inputsOf(aws.kms, DescribeKeyCommand)).toEqual([{ KeyId: arns.key() }]);
    expect(inputsOf(aws.logs, DescribeLogGroupsCommand)).toEqual([{ logGroupNamePrefix: LOG_GROUP }]);
    for (const command of [
      HeadBucketCommand,
      GetBucketEncryptionCommand,
      GetBucketVersioningCommand,
      GetObjectLockConfigurationCommand,
    ]) {
      expect(inputsOf(aws.s3, command)).toEqual([{ Bucket: BUCKET }]);
    }
    // A Fargate task with a task role needs no EC2 or IAM lookups.
    expect(aws.ec2.calls()).toHaveLength(0);
    expect(aws.iam.calls()).toHaveLength(0);
  });

  it('normalizes the answers into the ExecTarget the checks judge', async () => {
    answerFargate(aws);
    const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [TASK_ID] });

    expect(targets).toEqual([expectedTarget()]);
    // The target is valid for the model's schema, with no stray keys.
    expect(ExecTarget.parse(targets[0])).toEqual(targets[0]);
  });

  it('keeps GuardDuty and Service Connect sidecars, which have no managedAgents, without inventing any', async () => {
    answerFargate(aws);
    const taskArn = arns.task();
    aws.ecs.on(DescribeTasksCommand).resolves(
      describeTasks(
        fargateTask(HOME, {
          attachments: [eniAttachment(), serviceConnectAttachment()],
          containers: [appContainer(taskArn), guardDutySidecar(taskArn), serviceConnectSidecar(taskArn)],
        }),
      ),
    );
    const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [TASK_ID] });

    const containers = targets[0]!.task!.containers;
    expect(containers.map((container) => container.name)).toEqual([
      'web',
      'aws-guardduty-agent-nm40lC',
      'ecs-service-connect-1aB2cD',
    ]);
    expect(containers[0]!.managedAgents).toEqual([
      { name: 'ExecuteCommandAgent', lastStatus: 'RUNNING', lastStartedAt: '2026-11-20T10:01:30.000Z' },
    ]);
    expect(containers[1]).not.toHaveProperty('managedAgents');
    expect(containers[2]).not.toHaveProperty('managedAgents');
    expect(containers[1]).toEqual({
      name: 'aws-guardduty-agent-nm40lC',
      runtimeId: `${TASK_ID}-2718281828`,
      lastStatus: 'RUNNING',
    });
  });

  it.each([
    ['an EBS volume attachment', [ebsAttachment(), eniAttachment()]],
    ['a Service Connect attachment', [serviceConnectAttachment(), eniAttachment()]],
    ['both', [serviceConnectAttachment(), ebsAttachment(), eniAttachment()]],
  ])(
    'takes the network interface from the ElasticNetworkInterface attachment when %s comes first',
    async (_, attachments) => {
      answerFargate(aws);
      aws.ecs.on(DescribeTasksCommand).resolves(describeTasks(fargateTask(HOME, { attachments })));
      const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [TASK_ID] });

      expect(targets[0]!.task!.networkInterface).toEqual({
        attachmentId: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE',
        status: 'ATTACHED',
        networkInterfaceId: 'eni-0123456789abcdef0',
        subnetId: 'subnet-0123456789abcdef0',
        privateIPv4Address: '10.0.1.25',
      });
    },
  );
});
