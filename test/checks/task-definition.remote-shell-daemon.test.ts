/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { taskDefinitionRemoteShellDaemon } from '../../src/checks/task-definition/remote-shell-daemon.js';
import { type ContainerDefinition, type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { firstContainer, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

function webWith(
  change: (container: ContainerDefinition) => void,
  mode: 'live' | 'lint' = 'live',
): ExecTarget {
  return targetWith((target) => {
    if (mode === 'lint') {
      target.mode = 'lint';
      target.task = undefined;
    }
    change(firstContainer(target));
  });
}

const WEB = `${TASK_DEFINITION_ARN}#containerDefinitions[web]`;
/** Where the linted file declares a property of the web container. */
const declared = (line: number) => ({ file: 'template.yaml', line, column: 11 });

/** A lint target whose web container is changed by `change`, with properties the files leave open. */
function lintWithOpen(
  change: (container: ContainerDefinition) => void,
  unresolved: Record<string, string>,
): ExecTarget {
  const target = webWith(change, 'lint');
  target.unresolved = Object.fromEntries(
    Object.entries(unresolved).map(([path, reason]) => [`${WEB}.${path}`, reason]),
  );
  target.locations = {
    [WEB]: declared(30),
    [`${WEB}.image`]: declared(31),
    [`${WEB}.portMappings`]: declared(32),
  };
  return target;
}

checkTable(taskDefinitionRemoteShellDaemon, {
  valid: [
    {
      name: 'web server on 8080, image default command',
      target: targetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeTaskDefinition: container web maps ports 8080',
          'DescribeTaskDefinition: container web entryPoint/command not set (image default); image 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2',
        ]),
    },
    {
      name: 'a command that mentions ssh but runs no server',
      target: webWith((container) => {
        container.command = [
          'sh',
          '-c',
          'ssh-keyscan github.com >> ~/.ssh/known_hosts && exec node server.js',
        ];
      }),
      statuses: ['pass'],
    },
    {
      name: 'lint: no side door',
      target: webWith(() => {}, 'lint'),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/^task definition: /),
    },
    {
      name: 'lint: an image whose account and region are open still names its repository',
      target: lintWithOpen(
        (container) => {
          container.image = '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/orders:3.2.1';
        },
        { image: 'AWS::AccountId is decided at deploy time' },
      ),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(32)),
    },
  ],
  invalid: [
    {
      name: 'port 22 and sshd',
      target: webWith((container) => {
        container.portMappings.push({ containerPort: 22, protocol: 'tcp' });
        container.entryPoint = ['/usr/sbin/sshd', '-D'];
      }),
      statuses: ['warn'],
      message:
        'Container `web` exposes port 22 and runs sshd (entryPoint/command): a shell door outside ECS Exec, with no per-container IAM authorization, no CloudTrail ExecuteCommand event and no session transcript.',
      fix: 'aws ecs execute-command --cluster demo --task 0123456789abcdef0123456789abcdef --container web --interactive --command "/bin/sh" --region us-east-1',
    },
    {
      name: 'host port 22 only',
      target: webWith((container) => {
        container.portMappings = [{ containerPort: 2222, hostPort: 22 }];
      }),
      statuses: ['warn'],
      message: /exposes port 22/,
    },
    {
      name: 'sshd inside a shell command',
      target: webWith((container) => {
        container.command = ['sh', '-c', 'ssh-keygen -A && /usr/sbin/sshd && exec node server.js'];
      }),
      statuses: ['warn'],
      message: /runs sshd/,
    },
    {
      name: 'command-over-HTTP servers',
      target: webWith((container) => {
        container.command = ['shell2http', '-port=8080', '/date', 'date'];
        container.entryPoint = ['/usr/bin/ttyd'];
      }),
      statuses: ['warn'],
      message: /runs ttyd and shell2http/,
    },
    {
      name: 'an image whose default command serves a shell',
      target: webWith((container) => {
        container.image = 'lscr.io/linuxserver/openssh-server:latest';
      }),
      statuses: ['warn'],
      message: /uses the image lscr\.io\/linuxserver\/openssh-server:latest, which serves a shell/,
    },
    {
      name: 'lint: gotty, fix names the service flag, no CLI command',
      target: webWith((container) => {
        container.command = ['gotty', '-w', 'bash'];
      }, 'lint'),
      statuses: ['warn'],
      fix: 'aws_ecs_service: enable_execute_command = true',
      assert: ([finding]) => expect(finding?.fix?.cli).toBeUndefined(),
    },
    {
      name: 'task definition could not be read',
      target: targetWith((target) => {
        target.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['unknown'],
    },
    {
      name: 'lint: port mappings the files leave open may map port 22',
      target: lintWithOpen(
        (container) => {
          container.portMappings = [];
        },
        { portMappings: 'depends on condition ExposePort, which the files do not decide' },
      ),
      statuses: ['unknown'],
      message:
        'Whether container `web` serves a shell outside ECS Exec is not decided by the files (containerDefinitions[web].portMappings: depends on condition ExposePort, which the files do not decide).',
      assert: ([finding]) => expect(finding?.location).toEqual(declared(32)),
    },
    {
      name: 'lint: an image the files leave open may be a shell server',
      target: lintWithOpen(
        (container) => {
          container.image = '${ContainerImage}';
        },
        {
          image: 'parameter ContainerImage has no default',
          'portMappings[0].protocol': 'parameter Protocol has no default',
        },
      ),
      statuses: ['unknown'],
      message: /\(containerDefinitions\[web\]\.image: parameter ContainerImage has no default\)\.$/,
      assert: ([finding]) => expect(finding?.location).toEqual(declared(31)),
    },
    {
      name: 'lint: a door the files decide warns whatever else is open, at its property',
      target: lintWithOpen(
        (container) => {
          container.image = '${ContainerImage}';
          container.portMappings = [{ containerPort: 22 }];
        },
        { image: 'parameter ContainerImage has no default' },
      ),
      statuses: ['warn'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(32)),
    },
  ],
});
