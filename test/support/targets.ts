import type { CheckContext } from '../../src/checks/types.js';
import { type ContainerDefinition, type ExecTarget, known } from '../../src/model/index.js';

/**
 * A healthy Fargate task in us-east-1 with one container, exec enabled, a task role, and
 * exec logging to an encrypted CloudWatch log group and S3 bucket. Tests change what they judge.
 */
export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const CLUSTER_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/demo`;
export const TASK_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task/demo/0123456789abcdef0123456789abcdef`;
export const TASK_DEFINITION_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/web:7`;
export const TASK_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-task`;
export const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-execution`;
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export function healthyTarget(): ExecTarget {
  return {
    mode: 'live',
    partition: 'aws',
    region: REGION,
    accountId: ACCOUNT,
    client: known({
      awsCli: { version: '2.31.4', runs: true, output: 'aws-cli/2.31.4 Python/3.13.7 Linux/6.8 exe/x86_64' },
      sessionManagerPlugin: { version: '1.2.707.0', runs: true },
      profileUsesSso: false,
    }),
    caller: known({ arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userId: 'AIDAEXAMPLE' }),
    cluster: known({
      arn: CLUSTER_ARN,
      name: 'demo',
      status: 'ACTIVE',
      tags: {},
      executeCommandConfiguration: {
        kmsKeyId: KEY_ARN,
        logging: 'OVERRIDE',
        logConfiguration: {
          cloudWatchLogGroupName: '/ecs/exec-audit',
          cloudWatchEncryptionEnabled: true,
          s3BucketName: 'exec-audit-bucket',
          s3EncryptionEnabled: true,
          s3KeyPrefix: 'exec/',
        },
      },
    }),
    service: known({
      arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/demo/web`,
      name: 'web',
      enableExecuteCommand: true,
      deploymentController: 'ECS',
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      taskDefinition: TASK_DEFINITION_ARN,
      deployments: [
        {
          id: 'ecs-svc/1234567890',
          status: 'PRIMARY',
          rolloutState: 'COMPLETED',
          createdAt: '2026-11-20T10:00:00.000Z',
        },
      ],
    }),
    task: {
      arn: TASK_ARN,
      id: '0123456789abcdef0123456789abcdef',
      clusterArn: CLUSTER_ARN,
      taskDefinitionArn: TASK_DEFINITION_ARN,
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      enableExecuteCommand: true,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      group: 'service:web',
      startedBy: 'ecs-svc/1234567890',
      startedAt: '2026-11-20T10:01:00.000Z',
      containers: [
        {
          name: 'web',
          runtimeId: '0123456789abcdef0123456789abcdef-1234567890',
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
      tags: {},
    },
    taskDefinition: known({
      arn: TASK_DEFINITION_ARN,
      family: 'web',
      revision: 7,
      taskRoleArn: TASK_ROLE_ARN,
      executionRoleArn: EXECUTION_ROLE_ARN,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      operatingSystemFamily: 'LINUX',
      volumes: [],
      containerDefinitions: [
        {
          name: 'web',
          image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2',
          essential: true,
          initProcessEnabled: true,
          environment: [{ name: 'PORT', value: '8080' }],
          environmentFiles: [],
          secrets: [],
          mountPoints: [],
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/web', 'awslogs-region': REGION },
          },
        },
      ],
    }),
    taskRole: known({ arn: TASK_ROLE_ARN, name: 'app-task', source: 'task-definition' }),
    executionRoleArn: EXECUTION_ROLE_ARN,
    kmsKey: known({
      reference: KEY_ARN,
      keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      arn: KEY_ARN,
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      keyManager: 'CUSTOMER',
    }),
    logGroup: known({
      name: '/ecs/exec-audit',
      arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/exec-audit:*`,
      kmsKeyId: KEY_ARN,
      retentionInDays: 365,
    }),
    bucket: known({
      name: 'exec-audit-bucket',
      encryption: { algorithm: 'aws:kms', kmsMasterKeyId: KEY_ARN },
      versioning: 'Enabled',
      objectLockEnabled: false,
    }),
  };
}

/** Returns a healthy target changed by `change`, which may mutate it freely. */
export function targetWith(change: (target: ExecTarget) => void): ExecTarget {
  const target = healthyTarget();
  change(target);
  return target;
}

/** The first container definition of a target (the fixture's `web`), to change in place. */
export function firstContainer(target: ExecTarget): ContainerDefinition {
  if (!target.taskDefinition.known) throw new Error('fixture has no task definition');
  return target.taskDefinition.value.containerDefinitions[0]!;
}

/** A healthy target seen as lint sees it (no running task), changed by `change`. */
export function lintTargetWith(change: (target: ExecTarget) => void): ExecTarget {
  return targetWith((target) => {
    target.mode = 'lint';
    target.task = undefined;
    change(target);
  });
}

export const defaultContext: CheckContext = {
  options: { requireExec: false },
  now: new Date('2026-11-22T12:00:00Z'),
};
