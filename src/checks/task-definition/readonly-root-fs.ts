import type { ContainerDefinition, ExecTarget, TaskDefinition } from '../../model/index.js';
import { fail, pass, unknownFromUnresolved } from '../results.js';
import { taskDefinitionResource, unresolvedUnder } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { containerProperty, definitionSource, judgeEachContainer, listOf } from './containers.js';
import { containerEdit, newRevisionCommand, newRevisionCommandTemplate } from './new-revision.js';

/**
 * The SSM agent that ECS Exec starts in the container writes its state, logs and sockets there;
 * AWS documents a read-only root filesystem as unsupported. Writable volumes at the agent's three
 * paths are a community workaround that works but is not documented by AWS
 * (containers-roadmap #1359, #2824). Security Hub ECS.5 asks for the opposite, hence the trade-off.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
const AGENT_PATHS = [
  { path: '/managed-agents', volume: 'ecs-exec-managed-agents' },
  { path: '/var/lib/amazon/ssm', volume: 'ecs-exec-ssm-lib' },
  { path: '/var/log/amazon/ssm', volume: 'ecs-exec-ssm-log' },
] as const;
type AgentPath = (typeof AGENT_PATHS)[number];

function withoutTrailingSlash(path: string | undefined): string {
  return (path ?? '').replace(/\/+$/, '');
}

type MountProblem = { kind: 'unmounted' | 'read-only' } | { kind: 'undeclared'; volume: string };

/** Why `path` is not writable for the agent, or undefined when a declared volume is mounted read-write. */
function writableMountProblem(
  container: ContainerDefinition,
  declaredVolumes: ReadonlySet<string>,
  path: string,
): MountProblem | undefined {
  const mounts = container.mountPoints.filter((mount) => withoutTrailingSlash(mount.containerPath) === path);
  if (mounts.length === 0) return { kind: 'unmounted' };
  const writable = mounts.filter((mount) => mount.readOnly !== true);
  if (writable.length === 0) return { kind: 'read-only' };
  if (writable.some((mount) => mount.sourceVolume && declaredVolumes.has(mount.sourceVolume)))
    return undefined;
  return { kind: 'undeclared', volume: writable[0]?.sourceVolume ?? 'unnamed' };
}

/** "nothing is mounted at A and B, C is mounted read-only". */
function describeProblems(missing: readonly { entry: AgentPath; problem: MountProblem }[]): string {
  const pathsWith = (kind: MountProblem['kind']) =>
    missing.filter((item) => item.problem.kind === kind).map((item) => item.entry.path);
  const unmounted = pathsWith('unmounted');
  const readOnly = pathsWith('read-only');
  const parts = [
    ...(unmounted.length > 0 ? [`nothing is mounted at ${listOf(unmounted)}`] : []),
    ...(readOnly.length > 0
      ? [`${listOf(readOnly)} ${readOnly.length > 1 ? 'are' : 'is'} mounted read-only`]
      : []),
    ...missing.flatMap((item) =>
      item.problem.kind === 'undeclared'
        ? [
            `the volume mounted at ${item.entry.path} (\`${item.problem.volume}\`) is not declared in the task definition's volumes`,
          ]
        : [],
    ),
  ];
  return listOf(parts);
}

function fixFor(target: ExecTarget, container: ContainerDefinition, missing: readonly AgentPath[]): Fix {
  const name = container.name;
  const mountsJson = missing
    .map(
      (entry) => `{"sourceVolume": "${entry.volume}", "containerPath": "${entry.path}", "readOnly": false}`,
    )
    .join(', ');
  const fix: Fix = {
    summary: `Either set readonlyRootFilesystem=false on container \`${name}\` (the supported way; suppress Security Hub ECS.5 for it with a justification), or keep it and mount writable volumes at ${listOf(missing.map((entry) => entry.path))} (a community workaround AWS does not document).`,
    cloudformation: `AWS::ECS::TaskDefinition ContainerDefinitions[Name=${name}].ReadonlyRootFilesystem: false — or Volumes: [${missing.map((entry) => `{Name: ${entry.volume}}`).join(', ')}] and ContainerDefinitions[Name=${name}].MountPoints: [${missing.map((entry) => `{SourceVolume: ${entry.volume}, ContainerPath: ${entry.path}, ReadOnly: false}`).join(', ')}]`,
    terraform: `aws_ecs_task_definition container_definitions JSON, container "${name}": "readonlyRootFilesystem": false — or "mountPoints": [${mountsJson}] with ${missing.map((entry) => `volume { name = "${entry.volume}" }`).join(' ')}`,
    cdk: `taskDefinition.addContainer('${name}', { readonlyRootFilesystem: false, … }) — or ${missing.map((entry) => `taskDefinition.addVolume({ name: '${entry.volume}' });`).join(' ')} container.addMountPoints(${missing.map((entry) => `{ sourceVolume: '${entry.volume}', containerPath: '${entry.path}', readOnly: false }`).join(', ')});`,
  };
  const cli = newRevisionCommand(target, containerEdit(name, '.readonlyRootFilesystem = false'));
  return cli ? { ...fix, cli } : fix;
}

/** Lint: the mounts and volumes the files leave open, any of which could be the writable one. */
function openMounts(target: ExecTarget, container: ContainerDefinition): [string, string][] {
  const resource = taskDefinitionResource(target);
  return [
    ...unresolvedUnder(target, resource, `containerDefinitions[${container.name}].mountPoints`),
    ...unresolvedUnder(target, resource, 'volumes'),
  ];
}

function judge(
  target: ExecTarget,
  container: ContainerDefinition,
  definition: TaskDefinition,
): CheckResult[] {
  const about = containerProperty(target, container.name, 'readonlyRootFilesystem');
  const source = definitionSource(target);
  if (container.readonlyRootFilesystem !== true) {
    return [
      pass(about, `Container \`${container.name}\` has a writable root filesystem.`, [
        `${source}: container ${container.name} readonlyRootFilesystem=${container.readonlyRootFilesystem ?? 'not set'}`,
      ]),
    ];
  }
  const declaredVolumes = new Set(definition.volumes.map((volume) => volume.name));
  const missing = AGENT_PATHS.flatMap((entry) => {
    const problem = writableMountProblem(container, declaredVolumes, entry.path);
    return problem ? [{ entry, problem }] : [];
  });
  if (missing.length === 0) {
    return [
      pass(
        about,
        `Container \`${container.name}\` has readonlyRootFilesystem=true with writable volumes at ${listOf(AGENT_PATHS.map((entry) => entry.path))}, so the SSM agent can write. Note: this is a community workaround AWS does not document (containers-roadmap #1359); it keeps Security Hub ECS.5 satisfied, but may break if the agent's paths change.`,
        [
          `${source}: container ${container.name} readonlyRootFilesystem=true`,
          ...AGENT_PATHS.map(
            (entry) => `${source}: container ${container.name} mounts a writable volume at ${entry.path}`,
          ),
        ],
      ),
    ];
  }
  const [open, ...moreOpen] = openMounts(target, container);
  if (open) {
    return [
      unknownFromUnresolved(
        target,
        taskDefinitionResource(target),
        `Container \`${container.name}\` has readonlyRootFilesystem=true; whether the SSM agent can write at ${listOf(missing.map((item) => item.entry.path))}`,
        [open, ...moreOpen],
      ),
    ];
  }
  return [
    fail(
      about,
      `Container \`${container.name}\` has readonlyRootFilesystem=true and ${describeProblems(missing)}: the SSM agent cannot write its files, so ECS Exec fails. Security Hub ECS.5 (checkov CKV_AWS_336) asks for read-only root filesystems, which ECS Exec does not support: turn it off and suppress ECS.5 with a justification, or use the writable-volume workaround.`,
      fixFor(
        target,
        container,
        missing.map((item) => item.entry),
      ),
      [`${source}: container ${container.name} readonlyRootFilesystem=true`],
    ),
  ];
}

export const taskDefinitionReadonlyRootFs = defineCheck({
  id: 'task-definition.readonly-root-fs',
  title: 'Containers to exec into have a writable root filesystem',
  layer: 'task-definition',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'The SSM agent that ECS Exec runs in the container must create files in it; AWS documents readonlyRootFilesystem=true as unsupported. Writable volumes at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm are an undocumented workaround. Security Hub ECS.5 recommends read-only root filesystems, so teams must choose: turn it off (and suppress ECS.5 with a justification) or rely on the workaround.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5',
      'https://github.com/aws/containers-roadmap/issues/1359',
    ],
    securityHub: ['ECS.5'],
    checkov: ['CKV_AWS_336'],
  },
  docs: {
    passes:
      'Each container to exec into has `readonlyRootFilesystem` false or unset; or true with writable volumes, declared in the task definition, mounted at /managed-agents, /var/lib/amazon/ssm and /var/log/amazon/ssm (a pass with a note: that workaround is not documented by AWS).',
    fails:
      'A container has `readonlyRootFilesystem=true` and lacks writable volumes at those three paths (nothing mounted, mounted read-only, or an undeclared volume): the SSM agent cannot write its files, so ECS Exec fails. Unknown when the task definition could not be read, or when the linted files leave open a mount or volume that could be the writable one.',
    fix: {
      cli: newRevisionCommandTemplate(containerEdit('CONTAINER', '.readonlyRootFilesystem = false')),
      cloudformation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    ContainerDefinitions:
      - Name: CONTAINER
        ReadonlyRootFilesystem: false   # and suppress Security Hub ECS.5 for it, with a justification
# or keep it read-only, with the (undocumented) writable-volume workaround:
#   Volumes: [{Name: ecs-exec-managed-agents}, {Name: ecs-exec-ssm-lib}, {Name: ecs-exec-ssm-log}]
#   MountPoints: [{SourceVolume: ecs-exec-managed-agents, ContainerPath: /managed-agents},
#                 {SourceVolume: ecs-exec-ssm-lib, ContainerPath: /var/lib/amazon/ssm},
#                 {SourceVolume: ecs-exec-ssm-log, ContainerPath: /var/log/amazon/ssm}]`,
      terraform: `resource "aws_ecs_task_definition" "this" {
  # …
  container_definitions = jsonencode([{
    name                   = "CONTAINER"
    readonlyRootFilesystem = false
    # …
  }])
}`,
      cdk: `taskDefinition.addContainer('CONTAINER', { image, readonlyRootFilesystem: false });`,
    },
  },
  run(target) {
    return judgeEachContainer(target, (container, definition) => judge(target, container, definition));
  },
});
