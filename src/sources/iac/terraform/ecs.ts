import type { ExecuteCommandConfiguration, TaskDefinition } from '../../../model/index.js';
import { compact, linkOf, loggingValue, readContainerDefinitions } from '../ecs-readers.js';
import { Field } from '../field.js';
import type { IacGraph, Link } from '../graph.js';
import { factFrom, PropertyReader } from '../reader.js';
import type { TerraformPlan, TfResource } from './plan.js';

/**
 * aws_ecs_cluster, aws_ecs_service and aws_ecs_task_definition of a plan. Nested blocks are lists
 * of one object in the JSON; container_definitions is a JSON string in the ECS API's shape.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_cluster
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_task_definition
 */

export function resourceReader(graph: IacGraph, plan: TerraformPlan, resource: TfResource): PropertyReader {
  const records = graph.records(plan.document.file, resource.address);
  records.locations[resource.address] = plan.location(resource);
  return new PropertyReader(resource.address, records.locations, records.unresolved);
}

function block(field: Field): Field {
  return field.items()[0] ?? new Field(undefined, `${field.pointer}/0`, () => field.location());
}

function readExecConfiguration(
  reader: PropertyReader,
  plan: TerraformPlan,
  cluster: TfResource,
): ExecuteCommandConfiguration | undefined {
  const path = ['configuration', 0, 'execute_command_configuration', 0] as const;
  const exec = block(block(cluster.values.get('configuration')).get('execute_command_configuration'));
  const base = 'executeCommandConfiguration';
  if (!exec.isObject) return undefined;
  reader.note(base, exec);
  const log = block(exec.get('log_configuration'));
  const logPath = `${base}.logConfiguration`;
  const logAttribute = (name: string) => plan.attribute(cluster, ...path, 'log_configuration', 0, name);
  if (log.isObject) reader.note(logPath, log);
  return compact({
    // Which key, group or bucket: the links say; whether one is set is what is judged here.
    kmsKeyId: reader.text(`${base}.kmsKeyId`, plan.attribute(cluster, ...path, 'kms_key_id')) || undefined,
    logging: loggingValue(reader, `${base}.logging`, exec.get('logging')),
    logConfiguration: log.isObject
      ? compact({
          cloudWatchLogGroupName:
            reader.text(`${logPath}.cloudWatchLogGroupName`, logAttribute('cloud_watch_log_group_name')) ||
            undefined,
          cloudWatchEncryptionEnabled: reader.boolean(
            `${logPath}.cloudWatchEncryptionEnabled`,
            log.get('cloud_watch_encryption_enabled'),
          ),
          s3BucketName: reader.text(`${logPath}.s3BucketName`, logAttribute('s3_bucket_name')) || undefined,
          s3EncryptionEnabled: reader.boolean(
            `${logPath}.s3EncryptionEnabled`,
            log.get('s3_bucket_encryption_enabled'),
          ),
          s3KeyPrefix: reader.string(`${logPath}.s3KeyPrefix`, log.get('s3_key_prefix')),
        })
      : undefined,
  });
}

function nameOf(resource: TfResource, field: Field): string {
  return !field.unresolved && typeof field.value === 'string' && field.value !== ''
    ? field.value
    : resource.address;
}

export function readClusters(graph: IacGraph, plan: TerraformPlan): void {
  const scope = plan.document.file;
  for (const cluster of plan.ofType('aws_ecs_cluster')) {
    const reader = resourceReader(graph, plan, cluster);
    const name = nameOf(cluster, cluster.values.get('name'));
    reader.note('name', cluster.values.get('name'));
    const path = ['configuration', 0, 'execute_command_configuration', 0, 'log_configuration', 0] as const;
    const tags = cluster.values.get('tags');
    graph.clusters.push({
      scope,
      id: cluster.address,
      name,
      kmsKey: linkOf(
        plan.attribute(cluster, 'configuration', 0, 'execute_command_configuration', 0, 'kms_key_id'),
      ),
      logGroup: linkOf(plan.attribute(cluster, ...path, 'cloud_watch_log_group_name')),
      bucket: linkOf(plan.attribute(cluster, ...path, 's3_bucket_name')),
      fact: factFrom(() =>
        compact({
          arn: cluster.address,
          name,
          tags: Object.fromEntries(tags.entries().map(([key, value]) => [key, value.text() ?? ''])),
          executeCommandConfiguration: readExecConfiguration(reader, plan, cluster),
        }),
      ),
    });
  }
}

/**
 * A module's service often names its task definition through a local value
 * (terraform-aws-modules/ecs: `task_definition = local.task_definition`), which the plan's
 * configuration cannot follow. A module instance that declares one service and one task
 * definition pairs them.
 */
function moduleTaskDefinition(
  plan: TerraformPlan,
  service: TfResource,
  link: Link | undefined,
): Link | undefined {
  if (link?.kind !== 'unresolved' || service.moduleAddress === '') return link;
  const inModule = (type: string) =>
    plan.ofType(type).filter((resource) => resource.moduleAddress === service.moduleAddress);
  const [definition, ...others] = inModule('aws_ecs_task_definition');
  if (!definition || others.length > 0 || inModule('aws_ecs_service').length !== 1) return link;
  return { kind: 'resource', scope: plan.document.file, id: definition.address };
}

export function readServices(graph: IacGraph, plan: TerraformPlan): void {
  const scope = plan.document.file;
  for (const service of plan.ofType('aws_ecs_service')) {
    const reader = resourceReader(graph, plan, service);
    const values = service.values;
    const name = nameOf(service, values.get('name'));
    const cluster = plan.attribute(service, 'cluster');
    const taskDefinition = plan.attribute(service, 'task_definition');
    const taskDefinitionLink = moduleTaskDefinition(plan, service, linkOf(taskDefinition));
    reader.note('name', values.get('name'));
    reader.note('cluster', cluster);
    reader.note('taskDefinition', taskDefinition);
    reader.note('capacityProviderStrategy', values.get('capacity_provider_strategy'));
    graph.services.push({
      scope,
      id: service.address,
      name,
      // No cluster argument: the service runs in the `default` cluster.
      cluster: linkOf(cluster),
      taskDefinition: taskDefinitionLink,
      fact: factFrom(() =>
        compact({
          arn: service.address,
          name,
          enableExecuteCommand:
            reader.boolean('enableExecuteCommand', values.get('enable_execute_command')) ?? false,
          deploymentController: reader.string(
            'deploymentController',
            block(values.get('deployment_controller')).get('type'),
          ),
          launchType: reader.string('launchType', values.get('launch_type')) || undefined,
          platformVersion: reader.string('platformVersion', values.get('platform_version')) || undefined,
          taskDefinition:
            taskDefinitionLink?.kind === 'resource' ? taskDefinitionLink.id : taskDefinition.text(),
          deployments: [],
        }),
      ),
    });
  }
}

function volumeKind(volume: Field): string {
  if (volume.get('efs_volume_configuration').items().length > 0) return 'efs';
  if (volume.get('fsx_windows_file_server_volume_configuration').items().length > 0)
    return 'fsxWindowsFileServer';
  if (volume.get('docker_volume_configuration').items().length > 0) return 'docker';
  if (volume.get('configure_at_launch').value === true) return 'configuredAtLaunch';
  if (volume.get('host_path').present && volume.get('host_path').value !== '') return 'host';
  return 'bind';
}

/**
 * container_definitions is one JSON string, so every container property is declared at the task
 * definition's location.
 */
function containerDefinitions(reader: PropertyReader, plan: TerraformPlan, definition: TfResource) {
  const field = definition.values.get('container_definitions');
  reader.note('containerDefinitions', field);
  const open = field.unresolved;
  if (open)
    throw reader.undecided('containerDefinitions', field, `is not decided by the plan: ${open.reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(field.value ?? '[]'));
  } catch {
    throw reader.undecided('containerDefinitions', field, 'is not valid JSON');
  }
  const location = plan.location(definition);
  return readContainerDefinitions(reader, new Field(parsed, definition.pointer, () => location));
}

export function readTaskDefinitions(graph: IacGraph, plan: TerraformPlan): void {
  const scope = plan.document.file;
  for (const definition of plan.ofType('aws_ecs_task_definition')) {
    const reader = resourceReader(graph, plan, definition);
    const values = definition.values;
    const familyField = values.get('family');
    const family = nameOf(definition, familyField);
    const revision = values.get('revision').value;
    const taskRole = plan.attribute(definition, 'task_role_arn');
    const executionRole = plan.attribute(definition, 'execution_role_arn');
    const runtimePlatform = block(values.get('runtime_platform'));
    reader.note('family', familyField);
    graph.taskDefinitions.push({
      scope,
      id: definition.address,
      family,
      ...(typeof revision === 'number' ? { revision } : {}),
      taskRole: linkOf(taskRole),
      executionRole: linkOf(executionRole),
      fact: factFrom(
        (): TaskDefinition =>
          compact({
            arn: definition.address,
            family,
            revision: typeof revision === 'number' ? revision : undefined,
            taskRoleArn: reader.text('taskRoleArn', taskRole) || undefined,
            executionRoleArn: reader.text('executionRoleArn', executionRole) || undefined,
            networkMode: reader.string('networkMode', values.get('network_mode')) || undefined,
            pidMode: reader.string('pidMode', values.get('pid_mode')) || undefined,
            requiresCompatibilities:
              reader.stringList('requiresCompatibilities', values.get('requires_compatibilities')) ?? [],
            operatingSystemFamily: reader.string(
              'operatingSystemFamily',
              runtimePlatform.get('operating_system_family'),
            ),
            cpuArchitecture: reader.string('cpuArchitecture', runtimePlatform.get('cpu_architecture')),
            volumes: values
              .get('volume')
              .items()
              .map((volume, index) => {
                const name = reader.string(`volumes[${index}].name`, volume.get('name')) ?? '';
                reader.note(`volumes[${name}]`, volume);
                return { name, kind: volumeKind(volume) };
              }),
            containerDefinitions: containerDefinitions(reader, plan, definition),
          }),
      ),
    });
  }
}
