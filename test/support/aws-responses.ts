import * as Logs from '@aws-sdk/client-cloudwatch-logs';
import * as EC2 from '@aws-sdk/client-ec2';
import * as ECS from '@aws-sdk/client-ecs';
import * as IAM from '@aws-sdk/client-iam';
import * as KMS from '@aws-sdk/client-kms';
import * as S3 from '@aws-sdk/client-s3';
import * as STS from '@aws-sdk/client-sts';
import { parseArn } from '../../src/model/index.js';
import type { OperationName } from '../../src/sources/aws/operations.js';

/**
 * AWS API responses shaped as the services return them (field names, nesting, Date objects for
 * timestamps as the SDK deserializes them), for the live source's tests. Each builder gives a
 * healthy resource; tests change what they need with the `overrides` argument.
 *
 * References: the "Response Syntax" and "Examples" sections of
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html,
 * API_DescribeClusters, API_DescribeTaskDefinition, API_DescribeServices,
 * API_DescribeContainerInstances; https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html;
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetInstanceProfile.html;
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html;
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html;
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html (and HeadBucket,
 * GetBucketVersioning, GetObjectLockConfiguration).
 */

/** Where resources live: partition, region and account all come from ARNs. */
export interface Place {
  partition: string;
  region: string;
  account: string;
}

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const HOME: Place = { partition: 'aws', region: REGION, account: ACCOUNT };

export const CLUSTER = 'demo';
export const SERVICE = 'web';
export const FAMILY = 'web';
export const REVISION = 7;
export const TASK_ID = '0123456789abcdef0123456789abcdef';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const LOG_GROUP = '/ecs/exec-audit';
export const BUCKET = 'exec-audit-bucket';
export const CONTAINER_INSTANCE_ID = '5f4e3d2c1b0a49876543210fedcba987';
export const INSTANCE_ID = 'i-0a1b2c3d4e5f67890';
export const INSTANCE_PROFILE = 'ecsInstanceRole';

const STARTED = new Date('2026-11-20T10:01:00.000Z');
const CREATED = new Date('2026-11-20T10:00:00.000Z');

export const arns = {
  cluster: (place: Place = HOME, name = CLUSTER) =>
    `arn:${place.partition}:ecs:${place.region}:${place.account}:cluster/${name}`,
  task: (place: Place = HOME, id = TASK_ID, cluster = CLUSTER) =>
    `arn:${place.partition}:ecs:${place.region}:${place.account}:task/${cluster}/${id}`,
  /** The old format, from before the long ARN format: no cluster in it. */
  oldTask: (place: Place = HOME, id = TASK_ID) =>
    `arn:${place.partition}:ecs:${place.region}:${place.account}:task/${id}`,
  taskDefinition: (place: Place = HOME, family = FAMILY, revision = REVISION) =>
    `arn:${place.partition}:ecs:${place.region}:${place.account}:task-definition/${family}:${revision}`,
  service: (place: Place = HOME, name = SERVICE, cluster = CLUSTER) =>
    `arn:${place.partition}:ecs:${place.region}:${place.account}:service/${cluster}/${name}`,
  containerInstance: (place: Place = HOME, id = CONTAINER_INSTANCE_ID, cluster = CLUSTER) =>
    `arn:${place.partition}:ecs:${place.region}:${place.account}:container-instance/${cluster}/${id}`,
  role: (place: Place = HOME, name = 'app-task') =>
    `arn:${place.partition}:iam::${place.account}:role/${name}`,
  instanceProfile: (place: Place = HOME, name = INSTANCE_PROFILE) =>
    `arn:${place.partition}:iam::${place.account}:instance-profile/${name}`,
  key: (place: Place = HOME, id = KEY_ID) =>
    `arn:${place.partition}:kms:${place.region}:${place.account}:key/${id}`,
  logGroup: (place: Place = HOME, name = LOG_GROUP) =>
    `arn:${place.partition}:logs:${place.region}:${place.account}:log-group:${name}`,
  /** The registry host of a private ECR image in that account and region. */
  ecrImage: (place: Place = HOME, repository = 'web:1.4.2') =>
    `${place.account}.dkr.ecr.${place.region}.amazonaws.com/${repository}`,
};

/* ----------------------------------------------------------------------------------- STS */

export function callerIdentity(place: Place = HOME): Omit<STS.GetCallerIdentityCommandOutput, '$metadata'> {
  return {
    UserId: 'AIDASAMPLEUSERID1234',
    Account: place.account,
    Arn: `arn:${place.partition}:iam::${place.account}:user/alice`,
  };
}

/* ----------------------------------------------------------------------------------- ECS */

/** A cluster as DescribeClusters returns it with include CONFIGURATIONS and TAGS: exec logging OVERRIDE. */
export function cluster(place: Place = HOME, overrides: Partial<ECS.Cluster> = {}): ECS.Cluster {
  return {
    clusterArn: arns.cluster(place),
    clusterName: CLUSTER,
    configuration: {
      executeCommandConfiguration: {
        kmsKeyId: arns.key(place),
        logging: 'OVERRIDE',
        logConfiguration: {
          cloudWatchLogGroupName: LOG_GROUP,
          cloudWatchEncryptionEnabled: true,
          s3BucketName: BUCKET,
          s3EncryptionEnabled: true,
          s3KeyPrefix: 'exec/',
        },
      },
    },
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: 1,
    pendingTasksCount: 0,
    activeServicesCount: 1,
    statistics: [],
    tags: [{ key: 'team', value: 'payments' }],
    settings: [{ name: 'containerInsights', value: 'enabled' }],
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [],
    ...overrides,
  };
}

export function describeClusters(
  ...clusters: ECS.Cluster[]
): Omit<ECS.DescribeClustersCommandOutput, '$metadata'> {
  return { clusters, failures: [] };
}

/** DescribeClusters does not throw for an unknown cluster: it answers with a MISSING failure. */
export function clusterMissing(
  place: Place,
  name: string,
): Omit<ECS.DescribeClustersCommandOutput, '$metadata'> {
  return { clusters: [], failures: [{ arn: arns.cluster(place, name), reason: 'MISSING' }] };
}

/** The task's own ENI (awsvpc), as its attachment details list it. */
export function eniAttachment(overrides: Partial<ECS.Attachment> = {}): ECS.Attachment {
  return {
    id: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE',
    type: 'ElasticNetworkInterface',
    status: 'ATTACHED',
    details: [
      { name: 'subnetId', value: 'subnet-0123456789abcdef0' },
      { name: 'networkInterfaceId', value: 'eni-0123456789abcdef0' },
      { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
      { name: 'privateDnsName', value: 'ip-10-0-1-25.ec2.internal' },
      { name: 'privateIPv4Address', value: '10.0.1.25' },
    ],
    ...overrides,
  };
}

/** An EBS volume configured at launch. */
export function ebsAttachment(place: Place = HOME): ECS.Attachment {
  return {
    id: 'b2c3d4e5-6789-01bc-def0-22222EXAMPLE',
    type: 'AmazonElasticBlockStorage',
    status: 'ATTACHED',
    details: [
      { name: 'roleArn', value: arns.role(place, 'ecsInfrastructureRole') },
      { name: 'deleteOnTermination', value: 'true' },
      { name: 'volumeName', value: 'data' },
      { name: 'volumeId', value: 'vol-0123456789abcdef0' },
    ],
  };
}

export function serviceConnectAttachment(): ECS.Attachment {
  return {
    id: 'c3d4e5f6-7890-12cd-ef01-33333EXAMPLE',
    type: 'Service Connect',
    status: 'ATTACHED',
    details: [
      { name: 'portName', value: 'http' },
      { name: 'clientAliases', value: '[{"port":80,"dnsName":"web"}]' },
      { name: 'discoveryName', value: 'web' },
      { name: 'ingressPortOverride', value: '0' },
    ],
  };
}

/** The application container, with the ExecuteCommandAgent ECS reports for exec-enabled tasks. */
export function appContainer(taskArn: string, overrides: Partial<ECS.Container> = {}): ECS.Container {
  const taskId = taskArn.split('/').pop()!;
  const { partition, region, accountId } = parseArn(taskArn)!;
  return {
    containerArn: `${taskArn.replace(':task/', ':container/')}/6d8a1f30-4c1b-4a7e-9b1e-0f2a3b4c5d6e`,
    taskArn,
    name: 'web',
    image: arns.ecrImage({ partition, region, account: accountId }),
    imageDigest: 'sha256:0f3c1bd9a1c5a7e9b8d2c4f6e8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2f4a6',
    runtimeId: `${taskId}-1234567890`,
    lastStatus: 'RUNNING',
    networkBindings: [],
    networkInterfaces: [
      { attachmentId: 'a1b2c3d4-5678-90ab-cdef-11111EXAMPLE', privateIpv4Address: '10.0.1.25' },
    ],
    healthStatus: 'UNKNOWN',
    managedAgents: [
      {
        lastStartedAt: new Date('2026-11-20T10:01:30.000Z'),
        name: 'ExecuteCommandAgent',
        lastStatus: 'RUNNING',
      },
    ],
    cpu: '0',
    ...overrides,
  };
}

/** The GuardDuty runtime-monitoring sidecar: ECS reports no managedAgents for it. */
export function guardDutySidecar(taskArn: string): ECS.Container {
  const taskId = taskArn.split('/').pop()!;
  return {
    containerArn: `${taskArn.replace(':task/', ':container/')}/8e9f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b`,
    taskArn,
    name: 'aws-guardduty-agent-nm40lC',
    image: '593207742271.dkr.ecr.us-east-1.amazonaws.com/aws-guardduty-agent-fargate:v1.7.0-Fg_x86_64',
    runtimeId: `${taskId}-2718281828`,
    lastStatus: 'RUNNING',
    networkBindings: [],
    networkInterfaces: [],
    healthStatus: 'UNKNOWN',
  };
}

/** The Service Connect proxy sidecar: no managedAgents either. */
export function serviceConnectSidecar(taskArn: string): ECS.Container {
  const taskId = taskArn.split('/').pop()!;
  return {
    containerArn: `${taskArn.replace(':task/', ':container/')}/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`,
    taskArn,
    name: 'ecs-service-connect-1aB2cD',
    image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod',
    runtimeId: `${taskId}-3141592653`,
    lastStatus: 'RUNNING',
    networkBindings: [],
    networkInterfaces: [],
    healthStatus: 'HEALTHY',
  };
}

/** A running Fargate task of service `web`, exec enabled, as DescribeTasks (include TAGS) returns it. */
export function fargateTask(place: Place = HOME, overrides: Partial<ECS.Task> = {}): ECS.Task {
  const taskArn = overrides.taskArn ?? arns.task(place);
  return {
    attachments: [eniAttachment()],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: `${place.region}a`,
    clusterArn: arns.cluster(place),
    connectivity: 'CONNECTED',
    connectivityAt: new Date('2026-11-20T10:00:40.000Z'),
    containers: [appContainer(taskArn)],
    cpu: '256',
    createdAt: new Date('2026-11-20T10:00:30.000Z'),
    desiredStatus: 'RUNNING',
    enableExecuteCommand: true,
    group: `service:${SERVICE}`,
    healthStatus: 'UNKNOWN',
    lastStatus: 'RUNNING',
    launchType: 'FARGATE',
    memory: '512',
    overrides: { containerOverrides: [{ name: 'web' }], inferenceAcceleratorOverrides: [] },
    platformVersion: '1.4.0',
    platformFamily: 'Linux',
    pullStartedAt: new Date('2026-11-20T10:00:45.000Z'),
    pullStoppedAt: new Date('2026-11-20T10:00:55.000Z'),
    startedAt: STARTED,
    startedBy: 'ecs-svc/1234567890123456789',
    tags: [{ key: 'team', value: 'payments' }],
    taskArn,
    taskDefinitionArn: arns.taskDefinition(place),
    version: 3,
    ephemeralStorage: { sizeInGiB: 20 },
    fargateEphemeralStorage: { sizeInGiB: 20 },
    ...overrides,
  };
}

/** A copy without the keys the API leaves out. */
function omit<T extends object, K extends keyof T>(object: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}

/** A bridge-mode task on an EC2 container instance: no ENI attachment, a containerInstanceArn. */
export function ec2Task(place: Place = HOME, overrides: Partial<ECS.Task> = {}): ECS.Task {
  const taskArn = overrides.taskArn ?? arns.task(place);
  const base = omit(
    fargateTask(place),
    'platformVersion',
    'platformFamily',
    'ephemeralStorage',
    'fargateEphemeralStorage',
    'startedBy',
  );
  return {
    ...base,
    attachments: [],
    attributes: [],
    containerInstanceArn: arns.containerInstance(place),
    containers: [
      appContainer(taskArn, {
        networkBindings: [{ bindIP: '0.0.0.0', containerPort: 8080, hostPort: 32768, protocol: 'tcp' }],
        networkInterfaces: [],
      }),
    ],
    launchType: 'EC2',
    group: `family:worker`,
    taskDefinitionArn: arns.taskDefinition(place, 'worker', 3),
    ...overrides,
  };
}

export function describeTasks(...tasks: ECS.Task[]): Omit<ECS.DescribeTasksCommandOutput, '$metadata'> {
  return { tasks, failures: [] };
}

/** An awsvpc Fargate task definition with a task role, as DescribeTaskDefinition returns it. */
export function taskDefinition(
  place: Place = HOME,
  overrides: Partial<ECS.TaskDefinition> = {},
): ECS.TaskDefinition {
  return {
    taskDefinitionArn: arns.taskDefinition(place),
    containerDefinitions: [
      {
        name: 'web',
        image: arns.ecrImage(place),
        cpu: 0,
        portMappings: [
          { containerPort: 8080, hostPort: 8080, protocol: 'tcp', name: 'web-8080-tcp', appProtocol: 'http' },
        ],
        essential: true,
        environment: [{ name: 'PORT', value: '8080' }],
        mountPoints: [],
        volumesFrom: [],
        linuxParameters: { initProcessEnabled: true },
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/web',
            'awslogs-region': place.region,
            'awslogs-stream-prefix': 'web',
          },
          secretOptions: [],
        },
        systemControls: [],
      },
    ],
    family: FAMILY,
    taskRoleArn: arns.role(place, 'app-task'),
    executionRoleArn: arns.role(place, 'app-execution'),
    networkMode: 'awsvpc',
    revision: REVISION,
    volumes: [],
    status: 'ACTIVE',
    requiresAttributes: [
      { name: 'com.amazonaws.ecs.capability.ecr-auth' },
      { name: 'com.amazonaws.ecs.capability.task-iam-role' },
      { name: 'ecs.capability.execution-role-awslogs' },
      { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.25' },
    ],
    placementConstraints: [],
    compatibilities: ['EC2', 'FARGATE'],
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    registeredAt: new Date('2026-11-19T09:00:00.000Z'),
    registeredBy: arns.role(place, 'deployer'),
    ...overrides,
  };
}

/** A bridge-mode EC2 task definition with no task role: the SSM agent falls back to the instance profile. */
export function ec2TaskDefinition(
  place: Place = HOME,
  overrides: Partial<ECS.TaskDefinition> = {},
): ECS.TaskDefinition {
  const definition = taskDefinition(place, {
    taskDefinitionArn: arns.taskDefinition(place, 'worker', 3),
    family: 'worker',
    revision: 3,
    networkMode: 'bridge',
    requiresCompatibilities: ['EC2'],
    compatibilities: ['EXTERNAL', 'EC2'],
    memory: '256',
  });
  return { ...omit(definition, 'taskRoleArn', 'cpu'), ...overrides };
}

export function describeTaskDefinition(
  definition: ECS.TaskDefinition,
): Omit<ECS.DescribeTaskDefinitionCommandOutput, '$metadata'> {
  return { taskDefinition: definition, tags: [] };
}

export function service(place: Place = HOME, overrides: Partial<ECS.Service> = {}): ECS.Service {
  return {
    serviceArn: arns.service(place),
    serviceName: SERVICE,
    clusterArn: arns.cluster(place),
    loadBalancers: [],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: arns.taskDefinition(place),
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deployments: [
      {
        id: 'ecs-svc/1234567890123456789',
        status: 'PRIMARY',
        taskDefinition: arns.taskDefinition(place),
        desiredCount: 1,
        pendingCount: 0,
        runningCount: 1,
        failedTasks: 0,
        createdAt: CREATED,
        updatedAt: STARTED,
        launchType: 'FARGATE',
        platformVersion: '1.4.0',
        platformFamily: 'Linux',
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-0123456789abcdef0'],
            securityGroups: ['sg-0123456789abcdef0'],
            assignPublicIp: 'DISABLED',
          },
        },
        rolloutState: 'COMPLETED',
        rolloutStateReason: 'ECS deployment ecs-svc/1234567890123456789 completed.',
      },
    ],
    events: [],
    createdAt: CREATED,
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-0123456789abcdef0'],
        securityGroups: ['sg-0123456789abcdef0'],
        assignPublicIp: 'DISABLED',
      },
    },
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: arns.role(place, 'deployer'),
    enableECSManagedTags: true,
    propagateTags: 'NONE',
    enableExecuteCommand: true,
    ...overrides,
  };
}

export function describeServices(
  ...services: ECS.Service[]
): Omit<ECS.DescribeServicesCommandOutput, '$metadata'> {
  return { services, failures: [] };
}

/** An ECS-optimized AMI instance whose agent supports exec. */
export function containerInstance(
  place: Place = HOME,
  overrides: Partial<ECS.ContainerInstance> = {},
): ECS.ContainerInstance {
  return {
    containerInstanceArn: arns.containerInstance(place),
    ec2InstanceId: INSTANCE_ID,
    capacityProviderName: 'asg-capacity',
    version: 12,
    versionInfo: {
      agentVersion: '1.89.2',
      agentHash: '8c1bd0c3',
      dockerVersion: 'DockerVersion: 25.0.8',
    },
    remainingResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1792 }],
    registeredResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 2048 }],
    status: 'ACTIVE',
    agentConnected: true,
    runningTasksCount: 1,
    pendingTasksCount: 0,
    attributes: [
      { name: 'ecs.capability.execute-command' },
      { name: 'ecs.os-type', value: 'linux' },
      { name: 'ecs.os-family', value: 'LINUX' },
      { name: 'ecs.cpu-architecture', value: 'x86_64' },
      { name: 'ecs.instance-type', value: 't3.small' },
      { name: 'ecs.ami-id', value: 'ami-0123456789abcdef0' },
      { name: 'ecs.availability-zone', value: `${place.region}a` },
    ],
    registeredAt: new Date('2026-11-18T08:00:00.000Z'),
    attachments: [],
    tags: [],
    ...overrides,
  };
}

export function describeContainerInstances(
  ...instances: ECS.ContainerInstance[]
): Omit<ECS.DescribeContainerInstancesCommandOutput, '$metadata'> {
  return { containerInstances: instances, failures: [] };
}

/* ----------------------------------------------------------------------------------- EC2 */

export function describeInstances(
  place: Place = HOME,
  overrides: Partial<EC2.Instance> = {},
): Omit<EC2.DescribeInstancesCommandOutput, '$metadata'> {
  return {
    Reservations: [
      {
        ReservationId: 'r-0123456789abcdef0',
        OwnerId: place.account,
        Groups: [],
        Instances: [
          {
            InstanceId: INSTANCE_ID,
            ImageId: 'ami-0123456789abcdef0',
            InstanceType: 't3.small',
            State: { Code: 16, Name: 'running' },
            PrivateIpAddress: '10.0.2.40',
            PrivateDnsName: 'ip-10-0-2-40.ec2.internal',
            SubnetId: 'subnet-0fedcba9876543210',
            VpcId: 'vpc-0123456789abcdef0',
            IamInstanceProfile: { Arn: arns.instanceProfile(place), Id: 'AIPASAMPLEPROFILEID12' },
            MetadataOptions: {
              State: 'applied',
              HttpTokens: 'required',
              HttpPutResponseHopLimit: 2,
              HttpEndpoint: 'enabled',
            },
            LaunchTime: new Date('2026-11-18T07:58:00.000Z'),
            ...overrides,
          },
        ],
      },
    ],
  };
}

/* ----------------------------------------------------------------------------------- IAM */

export function getInstanceProfile(
  place: Place = HOME,
  roleName = INSTANCE_PROFILE,
): Omit<IAM.GetInstanceProfileCommandOutput, '$metadata'> {
  return {
    InstanceProfile: {
      Path: '/',
      InstanceProfileName: INSTANCE_PROFILE,
      InstanceProfileId: 'AIPASAMPLEPROFILEID12',
      Arn: arns.instanceProfile(place),
      CreateDate: new Date('2026-01-10T12:00:00.000Z'),
      Roles: [
        {
          Path: '/',
          RoleName: roleName,
          RoleId: 'AROASAMPLEROLEID12345',
          Arn: arns.role(place, roleName),
          CreateDate: new Date('2026-01-10T12:00:00.000Z'),
          AssumeRolePolicyDocument:
            '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D',
        },
      ],
      Tags: [],
    },
  };
}

/* ----------------------------------------------------------------------------------- KMS */

export function describeKey(
  place: Place = HOME,
  overrides: Partial<KMS.KeyMetadata> = {},
): Omit<KMS.DescribeKeyCommandOutput, '$metadata'> {
  return {
    KeyMetadata: {
      AWSAccountId: place.account,
      KeyId: KEY_ID,
      Arn: arns.key(place),
      CreationDate: new Date('2026-01-10T12:00:00.000Z'),
      Enabled: true,
      Description: 'ECS Exec session encryption',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
      ...overrides,
    },
  };
}

/* ---------------------------------------------------------------------- CloudWatch Logs */

/** `arn` ends in `:*`; `logGroupArn` does not. */
export function logGroup(
  place: Place = HOME,
  name = LOG_GROUP,
  overrides: Partial<Logs.LogGroup> = {},
): Logs.LogGroup {
  return {
    logGroupName: name,
    creationTime: 1_763_600_000_000,
    retentionInDays: 365,
    metricFilterCount: 0,
    arn: `${arns.logGroup(place, name)}:*`,
    storedBytes: 0,
    kmsKeyId: arns.key(place),
    logGroupClass: 'STANDARD',
    logGroupArn: arns.logGroup(place, name),
    ...overrides,
  };
}

export function describeLogGroups(
  groups: Logs.LogGroup[],
  nextToken?: string,
): Omit<Logs.DescribeLogGroupsCommandOutput, '$metadata'> {
  return nextToken ? { logGroups: groups, nextToken } : { logGroups: groups };
}

/* ------------------------------------------------------------------------------------ S3 */

export function headBucket(place: Place = HOME): Omit<S3.HeadBucketCommandOutput, '$metadata'> {
  return { BucketRegion: place.region, AccessPointAlias: false };
}

export function bucketEncryption(
  place: Place = HOME,
): Omit<S3.GetBucketEncryptionCommandOutput, '$metadata'> {
  return {
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: arns.key(place) },
          BucketKeyEnabled: true,
        },
      ],
    },
  };
}

export function bucketVersioning(): Omit<S3.GetBucketVersioningCommandOutput, '$metadata'> {
  return { Status: 'Enabled' };
}

/** A bucket created without Object Lock answers ObjectLockConfigurationNotFoundError instead. */
export function objectLockConfiguration(): Omit<S3.GetObjectLockConfigurationCommandOutput, '$metadata'> {
  return { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } };
}

/* -------------------------------------------------------------------------------- errors */

/**
 * The error each service raises when IAM refuses the call, as the SDK builds it: ECS, KMS and
 * CloudWatch Logs (JSON protocols) say AccessDeniedException; STS and IAM (query) AccessDenied;
 * EC2 UnauthorizedOperation; S3 AccessDenied, except HeadBucket, whose 403 has no body, so the
 * SDK names the error after the status code.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
 */
export function accessDenied(operation: OperationName): Error {
  const [service, action] = operation.split(':') as [string, string];
  const message = `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: ${operation} because no identity-based policy allows the ${operation} action`;
  const denied = { $metadata: { httpStatusCode: 403 }, message };
  switch (service) {
    case 'ecs':
      return new ECS.AccessDeniedException({ ...denied, $metadata: { httpStatusCode: 400 } });
    case 'logs':
      return new Logs.AccessDeniedException({ ...denied, $metadata: { httpStatusCode: 400 } });
    case 'kms':
      return new KMS.KMSServiceException({ ...denied, name: 'AccessDeniedException', $fault: 'client' });
    case 'sts':
      return new STS.STSServiceException({ ...denied, name: 'AccessDenied', $fault: 'client' });
    case 'iam':
      return new IAM.IAMServiceException({ ...denied, name: 'AccessDenied', $fault: 'client' });
    case 'ec2':
      return new EC2.EC2ServiceException({
        ...denied,
        name: 'UnauthorizedOperation',
        $fault: 'client',
        message: `You are not authorized to perform this operation. User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: ec2:${action}`,
      });
    case 's3':
      return action === 'HeadBucket'
        ? new S3.S3ServiceException({ ...denied, name: '403', $fault: 'client', message: 'UnknownError' })
        : new S3.AccessDenied({ ...denied, message: 'Access Denied' });
    default:
      throw new Error(`no access-denied error for ${operation}`);
  }
}

/** S3 errors that state a fact (404s), as the SDK builds them. */
export const s3Errors = {
  /** HeadBucket's 404 has no body either. */
  headNotFound: () => new S3.NotFound({ $metadata: { httpStatusCode: 404 }, message: 'UnknownError' }),
  noSuchBucket: () =>
    new S3.NoSuchBucket({
      $metadata: { httpStatusCode: 404 },
      message: 'The specified bucket does not exist',
    }),
  noEncryption: () =>
    new S3.S3ServiceException({
      name: 'ServerSideEncryptionConfigurationNotFoundError',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
      message: 'The server side encryption configuration was not found',
    }),
  noObjectLock: () =>
    new S3.S3ServiceException({
      name: 'ObjectLockConfigurationNotFoundError',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
      message: 'Object Lock configuration does not exist for this bucket',
    }),
};

export function kmsKeyNotFound(reference: string): Error {
  return new KMS.NotFoundException({
    $metadata: { httpStatusCode: 400 },
    message: `Key '${reference}' does not exist`,
  });
}
