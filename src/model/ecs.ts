import { z } from 'zod';

/**
 * Normalized ECS facts. Live (DescribeTasks …) and IaC (CloudFormation, Terraform …) sources
 * both produce these shapes, so one check serves both modes. Field names follow the ECS API.
 */

export const KeyValuePair = z.object({ name: z.string(), value: z.string().optional() });

/** https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandLogConfiguration.html */
export const ExecuteCommandLogConfiguration = z.object({
  cloudWatchLogGroupName: z.string().optional(),
  cloudWatchEncryptionEnabled: z.boolean().optional(),
  s3BucketName: z.string().optional(),
  s3EncryptionEnabled: z.boolean().optional(),
  s3KeyPrefix: z.string().optional(),
});
export type ExecuteCommandLogConfiguration = z.infer<typeof ExecuteCommandLogConfiguration>;

/** https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html */
export const ExecuteCommandConfiguration = z.object({
  kmsKeyId: z.string().optional(),
  /** Absent means DEFAULT, as the API documents. */
  logging: z.enum(['NONE', 'DEFAULT', 'OVERRIDE']).optional(),
  logConfiguration: ExecuteCommandLogConfiguration.optional(),
});
export type ExecuteCommandConfiguration = z.infer<typeof ExecuteCommandConfiguration>;

export const Cluster = z.object({
  arn: z.string(),
  name: z.string(),
  status: z.string().optional(),
  tags: z.record(z.string(), z.string()),
  /** Undefined when the cluster has no exec configuration at all. */
  executeCommandConfiguration: ExecuteCommandConfiguration.optional(),
});
export type Cluster = z.infer<typeof Cluster>;

export const Deployment = z.object({
  id: z.string(),
  status: z.string(),
  rolloutState: z.string().optional(),
  createdAt: z.string().optional(),
  taskDefinition: z.string().optional(),
});

export const Service = z.object({
  arn: z.string(),
  name: z.string(),
  enableExecuteCommand: z.boolean(),
  /** ECS (rolling), CODE_DEPLOY (blue/green) or EXTERNAL. */
  deploymentController: z.string().optional(),
  launchType: z.string().optional(),
  platformVersion: z.string().optional(),
  taskDefinition: z.string().optional(),
  deployments: z.array(Deployment),
});
export type Service = z.infer<typeof Service>;

/** https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedAgent.html */
export const ManagedAgent = z.object({
  name: z.string(),
  lastStatus: z.string().optional(),
  reason: z.string().optional(),
  lastStartedAt: z.string().optional(),
});
export type ManagedAgent = z.infer<typeof ManagedAgent>;

export const TaskContainer = z.object({
  name: z.string(),
  runtimeId: z.string().optional(),
  lastStatus: z.string().optional(),
  exitCode: z.number().optional(),
  reason: z.string().optional(),
  /**
   * Undefined when DescribeTasks returned no `managedAgents` key: GuardDuty and Service Connect
   * sidecars, and containers that never started, have none.
   */
  managedAgents: z.array(ManagedAgent).optional(),
});
export type TaskContainer = z.infer<typeof TaskContainer>;

export const ContainerOverride = z.object({
  name: z.string(),
  environment: z.array(KeyValuePair),
  environmentFiles: z.array(z.object({ type: z.string(), value: z.string() })),
});

/** The task's own ENI, from the `ElasticNetworkInterface` attachment (not `attachments[0]`). */
export const TaskNetworkInterface = z.object({
  attachmentId: z.string(),
  status: z.string().optional(),
  networkInterfaceId: z.string().optional(),
  subnetId: z.string().optional(),
  privateIPv4Address: z.string().optional(),
  ipv6Address: z.string().optional(),
});

export const Task = z.object({
  arn: z.string(),
  id: z.string(),
  clusterArn: z.string(),
  taskDefinitionArn: z.string(),
  lastStatus: z.string(),
  desiredStatus: z.string().optional(),
  stoppedReason: z.string().optional(),
  stopCode: z.string().optional(),
  enableExecuteCommand: z.boolean(),
  launchType: z.string().optional(),
  capacityProviderName: z.string().optional(),
  platformVersion: z.string().optional(),
  platformFamily: z.string().optional(),
  /** `service:NAME` for service tasks, `family:NAME` for RunTask by default. */
  group: z.string().optional(),
  /** `ecs-svc/…` for services, `events-rule/…` for EventBridge, `AWS Batch`-style ids for Batch. */
  startedBy: z.string().optional(),
  startedAt: z.string().optional(),
  containerInstanceArn: z.string().optional(),
  containers: z.array(TaskContainer),
  overrides: z.object({
    taskRoleArn: z.string().optional(),
    executionRoleArn: z.string().optional(),
    containerOverrides: z.array(ContainerOverride),
  }),
  networkInterface: TaskNetworkInterface.optional(),
  tags: z.record(z.string(), z.string()),
});
export type Task = z.infer<typeof Task>;

export const MountPoint = z.object({
  sourceVolume: z.string().optional(),
  containerPath: z.string().optional(),
  readOnly: z.boolean().optional(),
});

export const ContainerDefinition = z.object({
  name: z.string(),
  image: z.string().optional(),
  essential: z.boolean().optional(),
  readonlyRootFilesystem: z.boolean().optional(),
  initProcessEnabled: z.boolean().optional(),
  environment: z.array(KeyValuePair),
  environmentFiles: z.array(z.object({ type: z.string(), value: z.string() })),
  /** Only names are kept: the values are secret ARNs, never read. */
  secrets: z.array(z.object({ name: z.string(), valueFrom: z.string().optional() })),
  mountPoints: z.array(MountPoint),
  portMappings: z.array(
    z.object({
      containerPort: z.number().optional(),
      hostPort: z.number().optional(),
      protocol: z.string().optional(),
    }),
  ),
  command: z.array(z.string()).optional(),
  entryPoint: z.array(z.string()).optional(),
  logConfiguration: z
    .object({ logDriver: z.string(), options: z.record(z.string(), z.string()).optional() })
    .optional(),
  restartPolicy: z.object({ enabled: z.boolean().optional() }).optional(),
  user: z.string().optional(),
});
export type ContainerDefinition = z.infer<typeof ContainerDefinition>;

export const TaskDefinition = z.object({
  arn: z.string().optional(),
  family: z.string(),
  revision: z.number().optional(),
  taskRoleArn: z.string().optional(),
  executionRoleArn: z.string().optional(),
  networkMode: z.string().optional(),
  pidMode: z.string().optional(),
  requiresCompatibilities: z.array(z.string()),
  operatingSystemFamily: z.string().optional(),
  cpuArchitecture: z.string().optional(),
  volumes: z.array(
    z.object({
      name: z.string(),
      /** host, docker, efs, fsxWindowsFileServer, configuredAtLaunch, or bind (none of those) */
      kind: z.string(),
    }),
  ),
  containerDefinitions: z.array(ContainerDefinition),
});
export type TaskDefinition = z.infer<typeof TaskDefinition>;

export const ContainerInstance = z.object({
  arn: z.string(),
  ec2InstanceId: z.string().optional(),
  status: z.string().optional(),
  agentConnected: z.boolean().optional(),
  agentVersion: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
});
export type ContainerInstance = z.infer<typeof ContainerInstance>;
