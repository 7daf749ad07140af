import type { ContainerDefinition, ExecTarget } from '../../model/index.js';
import { pass, unknownFromUnresolved, warn } from '../results.js';
import {
  executeCommandLine,
  taskDefinitionResource,
  unresolvedReason,
  unresolvedUnder,
} from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { containerProperty, definitionSource, judgeEachContainer, listOf } from './containers.js';

/**
 * A shell served by the container itself (SSH, or a command-over-HTTP server) bypasses what makes
 * ECS Exec auditable: IAM authorization per task and container (`ecs:ExecuteCommand` with its
 * condition keys), a CloudTrail ExecuteCommand event, and the session transcript in CloudWatch
 * Logs or S3.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
const SSH_SERVERS = ['sshd', 'dropbear'];
const WEB_SHELL_SERVERS = [
  'shell2http',
  'gotty',
  'ttyd',
  'wetty',
  'shellinaboxd',
  'websocketd',
  'wssh',
  'sshwifty',
];
const SHELL_SERVERS = new Set([...SSH_SERVERS, ...WEB_SHELL_SERVERS]);
/** Image repositories whose default command is such a server (the task definition may not say). */
const SHELL_SERVER_IMAGES = new Set([...SHELL_SERVERS, 'openssh-server', 'shellinabox', 'webssh']);
const SSH_PORT = 22;

/** The programs a command line names: words split on shell syntax, without their directory. */
function programsIn(words: readonly string[]): string[] {
  return words
    .join(' ')
    .split(/[\s;&|()<>'"`=]+/)
    .map((word) => word.split('/').pop() ?? word)
    .filter(Boolean);
}

/** `registry/owner/name:tag@digest` → `name`. */
function imageRepositoryName(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const name = withoutDigest.split('/').pop() ?? withoutDigest;
  return name.split(':')[0] ?? name;
}

/** A way into the container outside ECS Exec, and the container property that opens it. */
interface SideDoor {
  text: string;
  path: string;
}

function sideDoors(container: ContainerDefinition): SideDoor[] {
  const doors: SideDoor[] = [];
  if (container.portMappings.some((port) => port.containerPort === SSH_PORT || port.hostPort === SSH_PORT)) {
    doors.push({ text: 'exposes port 22', path: 'portMappings' });
  }
  const servers = (words: readonly string[] | undefined) =>
    programsIn(words ?? []).filter((program) => SHELL_SERVERS.has(program));
  const inEntryPoint = servers(container.entryPoint);
  const programs = new Set([...inEntryPoint, ...servers(container.command)]);
  if (programs.size > 0) {
    doors.push({
      text: `runs ${listOf([...programs])} (entryPoint/command)`,
      path: inEntryPoint.length > 0 ? 'entryPoint' : 'command',
    });
  }
  const repository = container.image ? imageRepositoryName(container.image) : undefined;
  if (repository && SHELL_SERVER_IMAGES.has(repository) && !programs.has(repository)) {
    doors.push({ text: `uses the image ${container.image}, which serves a shell`, path: 'image' });
  }
  return doors;
}

/** A repository name as registries allow it; a placeholder (`${ImageRepo}`, `<Fn::If>`) is not one. */
const REPOSITORY_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * Lint: the port mappings the files leave open, and the image when the files leave its repository
 * name open (an image whose account, region or tag alone is open still names its repository).
 */
function openDoors(target: ExecTarget, container: ContainerDefinition): [string, string][] {
  const resource = taskDefinitionResource(target);
  const base = `containerDefinitions[${container.name}]`;
  const ports = unresolvedUnder(target, resource, `${base}.portMappings`).filter(
    ([path]) => !path.endsWith('.protocol'),
  );
  const imageReason = unresolvedReason(target, resource, `${base}.image`);
  const repository = container.image ? imageRepositoryName(container.image) : '';
  const image: [string, string][] =
    imageReason && !REPOSITORY_NAME.test(repository) ? [[`${base}.image`, imageReason]] : [];
  return [...ports, ...image];
}

function fixFor(target: ExecTarget, container: ContainerDefinition): Fix {
  const fix: Fix = {
    summary: `Remove the SSH or web-shell server and its port from container \`${container.name}\`, and use ECS Exec, which IAM authorizes per container, CloudTrail records, and session logging transcribes.`,
    cloudformation: `AWS::ECS::TaskDefinition ContainerDefinitions[Name=${container.name}]: remove the port 22 mapping and the server from EntryPoint/Command; AWS::ECS::Service: EnableExecuteCommand: true`,
    terraform: `aws_ecs_task_definition container_definitions JSON, container "${container.name}": remove the port 22 mapping and the server; aws_ecs_service: enable_execute_command = true`,
    cdk: `new ecs.FargateService(this, …, { enableExecuteCommand: true }) and drop the server from container '${container.name}'`,
  };
  return target.mode === 'live' ? { ...fix, cli: executeCommandLine(target, container.name) } : fix;
}

function judge(target: ExecTarget, container: ContainerDefinition): CheckResult[] {
  const source = definitionSource(target);
  const doors = sideDoors(container);
  if (doors.length > 0) {
    return [
      warn(
        containerProperty(target, container.name, doors[0]!.path),
        `Container \`${container.name}\` ${listOf(doors.map((door) => door.text))}: a shell door outside ECS Exec, with no per-container IAM authorization, no CloudTrail ExecuteCommand event and no session transcript.`,
        fixFor(target, container),
        doors.map((door) => `${source}: container ${container.name} ${door.text}`),
      ),
    ];
  }
  const [open, ...moreOpen] = openDoors(target, container);
  if (open) {
    return [
      unknownFromUnresolved(
        target,
        taskDefinitionResource(target),
        `Whether container \`${container.name}\` serves a shell outside ECS Exec`,
        [open, ...moreOpen],
      ),
    ];
  }
  const ports = container.portMappings.map((port) => port.containerPort).filter((port) => port !== undefined);
  const commandLine = [...(container.entryPoint ?? []), ...(container.command ?? [])].join(' ');
  return [
    pass(
      containerProperty(target, container.name, 'portMappings'),
      `Container \`${container.name}\` shows no SSH or web-shell server in its ports, entryPoint/command or image.`,
      [
        `${source}: container ${container.name} maps ${ports.length > 0 ? `ports ${ports.join(', ')}` : 'no ports'}`,
        `${source}: container ${container.name} entryPoint/command ${commandLine ? `\`${commandLine}\`` : 'not set (image default)'}; image ${container.image ?? 'not set'}`,
      ],
    ),
  ];
}

export const taskDefinitionRemoteShellDaemon = defineCheck({
  id: 'task-definition.remote-shell-daemon',
  title: 'Containers serve no SSH or command-over-HTTP shell beside ECS Exec',
  layer: 'task-definition',
  suite: 'hardening',
  modes: ['live', 'lint'],
  rationale:
    'An SSH daemon, port 22, or a command-over-HTTP server (shell2http, gotty, ttyd, wetty…) gives a shell that bypasses ECS Exec: no ecs:ExecuteCommand authorization and its condition keys, no CloudTrail event, no session log. ECS Exec gives the same access with an audit trail.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html',
    ],
  },
  docs: {
    passes:
      'No container maps port 22, runs an SSH or web-shell server (sshd, dropbear, shell2http, gotty, ttyd, wetty, shellinaboxd, websocketd, wssh, sshwifty) in its entryPoint or command, or uses an image named after one.',
    fails:
      'Warns when a container does: that shell bypasses the per-container IAM authorization of ecs:ExecuteCommand, the CloudTrail ExecuteCommand event and the session transcript. Unknown when the linted files leave a port mapping or the image repository open and nothing else shows such a server.',
    fix: {
      cli: `# remove the server and its port from the task definition, enable exec, then:
aws ecs execute-command --cluster CLUSTER --task TASK_ID --container CONTAINER --interactive --command "/bin/sh" --region REGION`,
      cloudformation: `Service:
  Type: AWS::ECS::Service
  Properties:
    EnableExecuteCommand: true
# and in AWS::ECS::TaskDefinition: remove the port 22 mapping and the server from EntryPoint/Command`,
      terraform: `resource "aws_ecs_service" "this" {
  enable_execute_command = true
  # …
}
# and in aws_ecs_task_definition: remove the port 22 mapping and the server`,
      cdk: `new ecs.FargateService(this, 'Service', { cluster, taskDefinition, enableExecuteCommand: true });
// and drop the SSH or web-shell server from the container`,
    },
  },
  run(target) {
    return judgeEachContainer(target, (container) => judge(target, container));
  },
});
