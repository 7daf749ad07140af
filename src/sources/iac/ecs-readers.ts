import type {
  ContainerDefinition,
  ExecuteCommandConfiguration,
  Service,
  TaskDefinition,
} from '../../model/index.js';
import type { Field } from './field.js';
import type { Link } from './graph.js';
import type { PropertyReader } from './reader.js';

/**
 * Readers for ECS shapes as the ECS API spells them (task definition JSON, Terraform's
 * container_definitions) or as CloudFormation does (the same names, capitalised), into the model.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-taskdefinition.html
 */

/** Drops undefined properties, as the live normalizer does, so both sources give equal objects. */
export function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** How a property names another resource: a reference, a literal name or ARN, or an open value. */
export function linkOf(field: Field): Link | undefined {
  if (!field.present) return undefined;
  const reference = field.reference;
  if (reference) return { kind: 'resource', scope: reference.scope, id: reference.id };
  const open = field.unresolved;
  if (open) return { kind: 'unresolved', reason: `${locationText(field)}: ${open.reason}` };
  const text = field.text();
  return text === undefined || text === '' ? undefined : { kind: 'value', value: text };
}

function locationText(field: Field): string {
  const { file, line, column } = field.location();
  return `${file}:${line}:${column}`;
}

/**
 * The items of a list property. A list the files leave open (an `Fn::If` with `AWS::NoValue` on an
 * undecided condition, as Copilot writes optional port mappings) and items they leave open are
 * left out and recorded in `unresolved`, so the rest of the resource can still be judged.
 */
function list(reader: PropertyReader, path: string, field: Field): Field[] {
  if (!field.present) return [];
  reader.note(path, field);
  if (reader.leftOpen(path, field)) return [];
  if (!Array.isArray(field.value)) throw reader.undecided(path, field, 'is not a list');
  return field.items().filter((item, index) => !reader.leftOpen(`${path}[${index}]`, item));
}

function readVariables(
  reader: PropertyReader,
  base: string,
  field: Field,
): ContainerDefinition['environment'] {
  return list(reader, base, field).map((entry, index) => {
    const name = reader.string(`${base}[${index}].name`, entry.get('name')) ?? '';
    reader.note(`${base}[${name}]`, entry);
    return compact({ name, value: reader.text(`${base}[${name}].value`, entry.get('value')) });
  });
}

function readContainerDefinition(reader: PropertyReader, field: Field, index: number): ContainerDefinition {
  const nameField = field.get('name');
  const name = nameField.text() ?? `container-${index}`;
  const base = `containerDefinitions[${name}]`;
  reader.note(base, field);
  reader.text(`${base}.name`, nameField);
  const linuxParameters = field.get('linuxParameters');
  const initProcess = linuxParameters.get('initProcessEnabled');
  reader.note(`${base}.linuxParameters.initProcessEnabled`, initProcess);
  const logConfiguration = field.get('logConfiguration');
  const restartPolicy = field.get('restartPolicy');
  return compact({
    name,
    image: reader.text(`${base}.image`, field.get('image')),
    essential: reader.boolean(`${base}.essential`, field.get('essential')),
    readonlyRootFilesystem: reader.boolean(
      `${base}.readonlyRootFilesystem`,
      field.get('readonlyRootFilesystem'),
    ),
    initProcessEnabled: reader.boolean(`${base}.initProcessEnabled`, initProcess),
    environment: readVariables(reader, `${base}.environment`, field.get('environment')),
    environmentFiles: list(reader, `${base}.environmentFiles`, field.get('environmentFiles')).map((file) => ({
      type: file.get('type').text() ?? 's3',
      value: file.get('value').text() ?? '',
    })),
    secrets: list(reader, `${base}.secrets`, field.get('secrets')).map((secret, position) => {
      const secretName = reader.string(`${base}.secrets[${position}].name`, secret.get('name')) ?? '';
      reader.note(`${base}.secrets[${secretName}]`, secret);
      return compact({ name: secretName, valueFrom: secret.get('valueFrom').text() });
    }),
    mountPoints: list(reader, `${base}.mountPoints`, field.get('mountPoints')).map((mount, position) => {
      const path = `${base}.mountPoints[${position}]`;
      return compact({
        sourceVolume: reader.string(`${path}.sourceVolume`, mount.get('sourceVolume')),
        containerPath: reader.string(`${path}.containerPath`, mount.get('containerPath')),
        readOnly: reader.boolean(`${path}.readOnly`, mount.get('readOnly')),
      });
    }),
    portMappings: list(reader, `${base}.portMappings`, field.get('portMappings')).map((mapping, position) => {
      const path = `${base}.portMappings[${position}]`;
      return compact({
        containerPort: reader.leftOpen(`${path}.containerPort`, mapping.get('containerPort'))
          ? undefined
          : reader.number(`${path}.containerPort`, mapping.get('containerPort')),
        hostPort: reader.leftOpen(`${path}.hostPort`, mapping.get('hostPort'))
          ? undefined
          : reader.number(`${path}.hostPort`, mapping.get('hostPort')),
        protocol: reader.text(`${path}.protocol`, mapping.get('protocol')),
      });
    }),
    command: reader.stringList(`${base}.command`, field.get('command')),
    entryPoint: reader.stringList(`${base}.entryPoint`, field.get('entryPoint')),
    logConfiguration: logConfiguration.present
      ? compact({
          logDriver:
            reader.string(`${base}.logConfiguration.logDriver`, logConfiguration.get('logDriver')) ?? '',
          options: optionsOf(reader, `${base}.logConfiguration.options`, logConfiguration.get('options')),
        })
      : undefined,
    restartPolicy: restartPolicy.present
      ? compact({ enabled: reader.boolean(`${base}.restartPolicy.enabled`, restartPolicy.get('enabled')) })
      : undefined,
    user: reader.text(`${base}.user`, field.get('user')),
  });
}

function optionsOf(reader: PropertyReader, path: string, field: Field): Record<string, string> | undefined {
  if (!field.present) return undefined;
  reader.note(path, field);
  return Object.fromEntries(
    field.entries().map(([key, value]) => [key, reader.text(`${path}.${key}`, value) ?? '']),
  );
}

function volumeKind(volume: Field): string {
  if (volume.get('efsVolumeConfiguration', 'EFSVolumeConfiguration').present) return 'efs';
  if (
    volume.get('fsxWindowsFileServerVolumeConfiguration', 'FSxWindowsFileServerVolumeConfiguration').present
  )
    return 'fsxWindowsFileServer';
  if (volume.get('dockerVolumeConfiguration').present) return 'docker';
  if (volume.get('configuredAtLaunch').value === true) return 'configuredAtLaunch';
  if (volume.get('host').get('sourcePath').present) return 'host';
  return 'bind';
}

function readVolumes(reader: PropertyReader, field: Field): TaskDefinition['volumes'] {
  return list(reader, 'volumes', field).map((volume, index) => {
    const name = reader.string(`volumes[${index}].name`, volume.get('name')) ?? '';
    reader.note(`volumes[${name}]`, volume);
    return { name, kind: volumeKind(volume) };
  });
}

export function readContainerDefinitions(reader: PropertyReader, field: Field): ContainerDefinition[] {
  return list(reader, 'containerDefinitions', field).map((container, index) =>
    readContainerDefinition(reader, container, index),
  );
}

/**
 * A task definition in the ECS API's shape (register-task-definition input, describe output,
 * ecspresso) or CloudFormation's. `family` falls back to the resource id: CloudFormation names
 * a family it is not given after the stack and logical id.
 */
export function readTaskDefinition(
  reader: PropertyReader,
  root: Field,
  fallbackFamily: string,
): TaskDefinition {
  const runtimePlatform = root.get('runtimePlatform');
  const family = root.get('family');
  reader.note('family', family);
  return compact({
    arn: reader.resourceId,
    family: family.unresolved ? fallbackFamily : (family.text() ?? fallbackFamily),
    revision: reader.number('revision', root.get('revision')),
    // Only whether a role is set is judged here; which role it is, the link says.
    taskRoleArn: reader.text('taskRoleArn', root.get('taskRoleArn')),
    executionRoleArn: reader.text('executionRoleArn', root.get('executionRoleArn')),
    networkMode: reader.string('networkMode', root.get('networkMode')),
    pidMode: reader.string('pidMode', root.get('pidMode')),
    requiresCompatibilities:
      reader.stringList('requiresCompatibilities', root.get('requiresCompatibilities')) ?? [],
    operatingSystemFamily: reader.string(
      'operatingSystemFamily',
      runtimePlatform.get('operatingSystemFamily'),
    ),
    cpuArchitecture: reader.string('cpuArchitecture', runtimePlatform.get('cpuArchitecture')),
    volumes: readVolumes(reader, root.get('volumes')),
    containerDefinitions: readContainerDefinitions(reader, root.get('containerDefinitions')),
  });
}

/** A service in the ECS API's shape (create-service input) or CloudFormation's. */
export function readService(reader: PropertyReader, root: Field, name: string): Service {
  reader.note('cluster', root.get('cluster'));
  reader.note('taskDefinition', root.get('taskDefinition'));
  reader.note('capacityProviderStrategy', root.get('capacityProviderStrategy'));
  const taskDefinition = root.get('taskDefinition');
  return compact({
    arn: reader.resourceId,
    name,
    enableExecuteCommand: reader.boolean('enableExecuteCommand', root.get('enableExecuteCommand')) ?? false,
    deploymentController: reader.string('deploymentController', root.get('deploymentController').get('type')),
    launchType: reader.string('launchType', root.get('launchType')),
    platformVersion: reader.string('platformVersion', root.get('platformVersion')),
    taskDefinition: taskDefinition.reference?.id ?? taskDefinition.text(),
    deployments: [],
  });
}

const LOGGING_VALUES = ['NONE', 'DEFAULT', 'OVERRIDE'] as const;

/** The exec `logging` setting; a value ECS would reject is not judged. */
export function loggingValue(
  reader: PropertyReader,
  path: string,
  field: Field,
): ExecuteCommandConfiguration['logging'] {
  const logging = reader.string(path, field) || undefined;
  if (logging !== undefined && !(LOGGING_VALUES as readonly string[]).includes(logging)) {
    throw reader.undecided(path, field, `is ${logging}, not NONE, DEFAULT or OVERRIDE`);
  }
  return logging as ExecuteCommandConfiguration['logging'];
}

/** `executeCommandConfiguration` in the ECS API's shape or CloudFormation's. */
export function readExecuteCommandConfiguration(
  reader: PropertyReader,
  field: Field,
): ExecuteCommandConfiguration | undefined {
  const base = 'executeCommandConfiguration';
  if (!field.present) return undefined;
  reader.note(base, field);
  if (field.unresolved || !field.isObject) throw reader.undecided(base, field, 'is not decided by the files');
  const logging = loggingValue(reader, `${base}.logging`, field.get('logging'));
  const log = field.get('logConfiguration');
  const logPath = `${base}.logConfiguration`;
  return compact({
    kmsKeyId: reader.text(`${base}.kmsKeyId`, field.get('kmsKeyId')),
    logging,
    logConfiguration: log.present ? readLogConfiguration(reader, logPath, log) : undefined,
  });
}

function readLogConfiguration(
  reader: PropertyReader,
  path: string,
  log: Field,
): ExecuteCommandConfiguration['logConfiguration'] {
  reader.note(path, log);
  return compact({
    cloudWatchLogGroupName: reader.text(`${path}.cloudWatchLogGroupName`, log.get('cloudWatchLogGroupName')),
    cloudWatchEncryptionEnabled: reader.boolean(
      `${path}.cloudWatchEncryptionEnabled`,
      log.get('cloudWatchEncryptionEnabled'),
    ),
    s3BucketName: reader.text(`${path}.s3BucketName`, log.get('s3BucketName')),
    s3EncryptionEnabled: reader.boolean(`${path}.s3EncryptionEnabled`, log.get('s3EncryptionEnabled')),
    s3KeyPrefix: reader.string(`${path}.s3KeyPrefix`, log.get('s3KeyPrefix')),
  });
}
