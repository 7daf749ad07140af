import type * as ECS from '@aws-sdk/client-ecs';
import type { Cluster, ContainerInstance, Service, Task, TaskDefinition } from '../../model/index.js';

/**
 * Pure mappings from ECS API shapes to the normalized model. Dates arrive as Date objects
 * from the SDK and as ISO strings from a replayed snapshot; both become ISO strings.
 */

function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toISOString();
}

function tagRecord(tags: ECS.Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((tag) => tag.key).map((tag) => [tag.key!, tag.value ?? '']));
}

function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

export function normalizeCluster(cluster: ECS.Cluster): Cluster {
  const exec = cluster.configuration?.executeCommandConfiguration;
  return defined({
    arn: cluster.clusterArn!,
    name: cluster.clusterName!,
    status: cluster.status,
    tags: tagRecord(cluster.tags),
    executeCommandConfiguration: exec
      ? defined({
          kmsKeyId: exec.kmsKeyId,
          logging: exec.logging,
          logConfiguration: exec.logConfiguration ? defined({ ...exec.logConfiguration }) : undefined,
        })
      : undefined,
  });
}

export function normalizeService(service: ECS.Service): Service {
  return defined({
    arn: service.serviceArn!,
    name: service.serviceName!,
    enableExecuteCommand: service.enableExecuteCommand === true,
    deploymentController: service.deploymentController?.type,
    launchType: service.launchType,
    platformVersion: service.platformVersion,
    taskDefinition: service.taskDefinition,
    deployments: (service.deployments ?? []).map((deployment) =>
      defined({
        id: deployment.id ?? '',
        status: deployment.status ?? '',
        rolloutState: deployment.rolloutState,
        createdAt: isoDate(deployment.createdAt),
        taskDefinition: deployment.taskDefinition,
      }),
    ),
  });
}

/**
 * The task's own ENI is the attachment of type `ElasticNetworkInterface`. It is not always the
 * first: EBS volume and Service Connect attachments can come before it.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Attachment.html
 */
function taskNetworkInterface(task: ECS.Task): Task['networkInterface'] {
  const attachment = task.attachments?.find((candidate) => candidate.type === 'ElasticNetworkInterface');
  if (!attachment) return undefined;
  const detail = (name: string) => attachment.details?.find((entry) => entry.name === name)?.value;
  return defined({
    attachmentId: attachment.id ?? '',
    status: attachment.status,
    networkInterfaceId: detail('networkInterfaceId'),
    subnetId: detail('subnetId'),
    privateIPv4Address: detail('privateIPv4Address'),
    ipv6Address: detail('ipv6Address'),
  });
}

export function normalizeTask(task: ECS.Task): Task {
  const arn = task.taskArn!;
  return defined({
    arn,
    id: arn.split('/').pop()!,
    clusterArn: task.clusterArn!,
    taskDefinitionArn: task.taskDefinitionArn!,
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus,
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    enableExecuteCommand: task.enableExecuteCommand === true,
    launchType: task.launchType,
    capacityProviderName: task.capacityProviderName,
    platformVersion: task.platformVersion,
    platformFamily: task.platformFamily,
    group: task.group,
    startedBy: task.startedBy,
    startedAt: isoDate(task.startedAt),
    containerInstanceArn: task.containerInstanceArn,
    containers: (task.containers ?? []).map((container) =>
      defined({
        name: container.name ?? '',
        runtimeId: container.runtimeId,
        lastStatus: container.lastStatus,
        exitCode: container.exitCode,
        reason: container.reason,
        managedAgents: container.managedAgents?.map((agent) =>
          defined({
            name: agent.name ?? '',
            lastStatus: agent.lastStatus,
            reason: agent.reason,
            lastStartedAt: isoDate(agent.lastStartedAt),
          }),
        ),
      }),
    ),
    overrides: defined({
      taskRoleArn: task.overrides?.taskRoleArn,
      executionRoleArn: task.overrides?.executionRoleArn,
      containerOverrides: (task.overrides?.containerOverrides ?? []).map((override) => ({
        name: override.name ?? '',
        environment: (override.environment ?? []).map((variable) =>
          defined({ name: variable.name ?? '', value: variable.value }),
        ),
        environmentFiles: (override.environmentFiles ?? []).map((file) => ({
          type: file.type ?? 's3',
          value: file.value ?? '',
        })),
      })),
    }),
    networkInterface: taskNetworkInterface(task),
    tags: tagRecord(task.tags),
  });
}

function volumeKind(volume: ECS.Volume): string {
  if (volume.efsVolumeConfiguration) return 'efs';
  if (volume.fsxWindowsFileServerVolumeConfiguration) return 'fsxWindowsFileServer';
  if (volume.dockerVolumeConfiguration) return 'docker';
  if (volume.configuredAtLaunch) return 'configuredAtLaunch';
  if (volume.host?.sourcePath) return 'host';
  return 'bind';
}

export function normalizeContainerDefinition(
  container: ECS.ContainerDefinition,
): TaskDefinition['containerDefinitions'][number] {
  return defined({
    name: container.name ?? '',
    image: container.image,
    essential: container.essential,
    readonlyRootFilesystem: container.readonlyRootFilesystem,
    initProcessEnabled: container.linuxParameters?.initProcessEnabled,
    environment: (container.environment ?? []).map((variable) =>
      defined({ name: variable.name ?? '', value: variable.value }),
    ),
    environmentFiles: (container.environmentFiles ?? []).map((file) => ({
      type: file.type ?? 's3',
      value: file.value ?? '',
    })),
    secrets: (container.secrets ?? []).map((secret) =>
      defined({ name: secret.name ?? '', valueFrom: secret.valueFrom }),
    ),
    mountPoints: (container.mountPoints ?? []).map((mount) => defined({ ...mount })),
    portMappings: (container.portMappings ?? []).map((mapping) =>
      defined({
        containerPort: mapping.containerPort,
        hostPort: mapping.hostPort,
        protocol: mapping.protocol,
      }),
    ),
    command: container.command,
    entryPoint: container.entryPoint,
    logConfiguration: container.logConfiguration?.logDriver
      ? defined({
          logDriver: container.logConfiguration.logDriver,
          options: container.logConfiguration.options,
        })
      : undefined,
    restartPolicy: container.restartPolicy
      ? defined({ enabled: container.restartPolicy.enabled })
      : undefined,
    user: container.user,
  });
}

export function normalizeTaskDefinition(definition: ECS.TaskDefinition): TaskDefinition {
  return defined({
    arn: definition.taskDefinitionArn,
    family: definition.family ?? '',
    revision: definition.revision,
    taskRoleArn: definition.taskRoleArn,
    executionRoleArn: definition.executionRoleArn,
    networkMode: definition.networkMode,
    pidMode: definition.pidMode,
    requiresCompatibilities: definition.requiresCompatibilities ?? [],
    operatingSystemFamily: definition.runtimePlatform?.operatingSystemFamily,
    cpuArchitecture: definition.runtimePlatform?.cpuArchitecture,
    volumes: (definition.volumes ?? []).map((volume) => ({
      name: volume.name ?? '',
      kind: volumeKind(volume),
    })),
    containerDefinitions: (definition.containerDefinitions ?? []).map(normalizeContainerDefinition),
  });
}

export function normalizeContainerInstance(instance: ECS.ContainerInstance): ContainerInstance {
  return defined({
    arn: instance.containerInstanceArn!,
    ec2InstanceId: instance.ec2InstanceId,
    status: instance.status,
    agentConnected: instance.agentConnected,
    agentVersion: instance.versionInfo?.agentVersion,
    attributes: Object.fromEntries(
      (instance.attributes ?? []).map((attribute) => [attribute.name ?? '', attribute.value ?? '']),
    ),
  });
}
