import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { GetInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import type { AwsApi } from '../../src/sources/aws/api.js';
import type { OperationName } from '../../src/sources/aws/operations.js';
import { createSdkApi } from '../../src/sources/aws/sdk-api.js';
import {
  bucketEncryption,
  bucketVersioning,
  callerIdentity,
  cluster,
  containerInstance,
  describeClusters,
  describeContainerInstances,
  describeInstances,
  describeKey,
  describeLogGroups,
  describeServices,
  describeTaskDefinition,
  describeTasks,
  ec2Task,
  ec2TaskDefinition,
  fargateTask,
  getInstanceProfile,
  HOME,
  headBucket,
  logGroup,
  objectLockConfiguration,
  type Place,
  REGION,
  service,
  taskDefinition,
} from '../support/aws-responses.js';

/**
 * Every SDK client the live source uses, mocked with aws-sdk-client-mock: `send` is stubbed on
 * each client class, so the real `createSdkApi` runs against canned answers and never reaches AWS.
 * Fake credentials keep the SDK from looking for real ones.
 */
export function useMockAws() {
  const aws = {
    sts: mockClient(STSClient),
    ecs: mockClient(ECSClient),
    ec2: mockClient(EC2Client),
    iam: mockClient(IAMClient),
    kms: mockClient(KMSClient),
    logs: mockClient(CloudWatchLogsClient),
    s3: mockClient(S3Client),
  };
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    vi.stubEnv('AWS_PROFILE', '');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    for (const mock of Object.values(aws)) mock.reset();
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(() => {
    for (const mock of Object.values(aws)) mock.restore();
  });
  return aws;
}

export type MockAws = ReturnType<typeof useMockAws>;

/** The real SDK implementation, its default region us-east-1. */
export function liveApi(): AwsApi {
  return createSdkApi({ region: REGION });
}

/** Answers every call for a healthy Fargate task of service `web`, exec logging to CloudWatch and S3. */
export function answerFargate(aws: MockAws, place: Place = HOME): void {
  aws.sts.on(GetCallerIdentityCommand).resolves(callerIdentity(place));
  aws.ecs
    .on(DescribeClustersCommand)
    .resolves(describeClusters(cluster(place)))
    .on(DescribeTasksCommand)
    .resolves(describeTasks(fargateTask(place)))
    .on(DescribeTaskDefinitionCommand)
    .resolves(describeTaskDefinition(taskDefinition(place)))
    .on(DescribeServicesCommand)
    .resolves(describeServices(service(place)));
  aws.kms.on(DescribeKeyCommand).resolves(describeKey(place));
  aws.logs.on(DescribeLogGroupsCommand).resolves(describeLogGroups([logGroup(place)]));
  aws.s3
    .on(HeadBucketCommand)
    .resolves(headBucket(place))
    .on(GetBucketEncryptionCommand)
    .resolves(bucketEncryption(place))
    .on(GetBucketVersioningCommand)
    .resolves(bucketVersioning())
    .on(GetObjectLockConfigurationCommand)
    .resolves(objectLockConfiguration());
}

/** As `answerFargate`, but the task runs on an EC2 container instance and its definition has no task role. */
export function answerEc2(aws: MockAws, place: Place = HOME): void {
  answerFargate(aws, place);
  aws.ecs
    .on(DescribeTasksCommand)
    .resolves(describeTasks(ec2Task(place)))
    .on(DescribeTaskDefinitionCommand)
    .resolves(describeTaskDefinition(ec2TaskDefinition(place)))
    .on(DescribeContainerInstancesCommand)
    .resolves(describeContainerInstances(containerInstance(place)));
  aws.ec2.on(DescribeInstancesCommand).resolves(describeInstances(place));
  aws.iam.on(GetInstanceProfileCommand).resolves(getInstanceProfile(place));
}

/** The mocked client and SDK command behind each operation the live collector calls. */
const COMMANDS = {
  'sts:GetCallerIdentity': ['sts', GetCallerIdentityCommand],
  'ecs:DescribeClusters': ['ecs', DescribeClustersCommand],
  'ecs:DescribeTasks': ['ecs', DescribeTasksCommand],
  'ecs:ListTasks': ['ecs', ListTasksCommand],
  'ecs:DescribeServices': ['ecs', DescribeServicesCommand],
  'ecs:DescribeTaskDefinition': ['ecs', DescribeTaskDefinitionCommand],
  'ecs:DescribeContainerInstances': ['ecs', DescribeContainerInstancesCommand],
  'ec2:DescribeInstances': ['ec2', DescribeInstancesCommand],
  'iam:GetInstanceProfile': ['iam', GetInstanceProfileCommand],
  'kms:DescribeKey': ['kms', DescribeKeyCommand],
  'logs:DescribeLogGroups': ['logs', DescribeLogGroupsCommand],
  's3:HeadBucket': ['s3', HeadBucketCommand],
  's3:GetBucketEncryption': ['s3', GetBucketEncryptionCommand],
  's3:GetBucketVersioning': ['s3', GetBucketVersioningCommand],
  's3:GetObjectLockConfiguration': ['s3', GetObjectLockConfigurationCommand],
} satisfies Partial<Record<OperationName, [keyof MockAws, unknown]>>;

export type MockedOperation = keyof typeof COMMANDS;

/** Makes every call of `operation` fail with `error`. */
export function rejectOperation(aws: MockAws, operation: MockedOperation, error: Error): void {
  const [client, command] = COMMANDS[operation];
  (aws[client] as AnyStub).on(command as never).rejects(error);
}

// biome-ignore lint/suspicious/noExplicitAny: a mock of any client
type AnyStub = AwsStub<any, any, any>;

/** The inputs a mocked command was sent, in order. */
export function inputsOf<Input extends object>(
  mock: AnyStub,
  command: new (input: Input) => { input: Input },
): Input[] {
  return mock.commandCalls(command as never).map((call) => (call.args[0] as { input: Input }).input);
}

/** The region of the client that sent each call the mock received. */
export function regionsOf(mock: AnyStub): Promise<string[]> {
  return Promise.all(
    mock
      .calls()
      .map((call) => (call.thisValue as { config: { region: () => Promise<string> } }).config.region()),
  );
}
