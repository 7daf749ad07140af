import { expect } from 'vitest';
import { taskDefinitionRemoteShellDaemon } from '../../src/checks/task-definition/remote-shell-daemon.js';
import { type ContainerDefinition, type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

function web(target: ExecTarget): ContainerDefinition {
  if (!target.taskDefinition.known) throw new Error('fixture has no task definition');
  return target.taskDefinition.value.containerDefinitions[0]!;
}

function webWith(
  change: (container: ContainerDefinition) => void,
  mode: 'live' | 'lint' = 'live',
): ExecTarget {
  return targetWith((target) => {
    if (mode === 'lint') {
      target.mode = 'lint';
      target.task = undefined;
    }
    change(web(target));
  });
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
  ],
});
