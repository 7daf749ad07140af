import { expect } from 'vitest';
import { taskDefinitionProxy } from '../../src/checks/task-definition/proxy.js';
import { type ContainerDefinition, type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

function web(target: ExecTarget): ContainerDefinition {
  if (!target.taskDefinition.known) throw new Error('fixture has no task definition');
  return target.taskDefinition.value.containerDefinitions[0]!;
}

/** The web container with these variables added to its environment. */
function withEnvironment(variables: Record<string, string>, mode: 'live' | 'lint' = 'live'): ExecTarget {
  return targetWith((target) => {
    if (mode === 'lint') {
      target.mode = 'lint';
      target.task = undefined;
    }
    web(target).environment.push(...Object.entries(variables).map(([name, value]) => ({ name, value })));
  });
}

const PROXY = 'http://user:hunter2@proxy.internal:3128';

checkTable(taskDefinitionProxy, {
  valid: [
    {
      name: 'no proxy',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'Container `web` sets no HTTP_PROXY or HTTPS_PROXY.',
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeTaskDefinition: container web defines no HTTP_PROXY or HTTPS_PROXY',
        ]),
    },
    {
      name: 'proxy with NO_PROXY listing both addresses',
      target: withEnvironment({ HTTPS_PROXY: PROXY, NO_PROXY: 'localhost,169.254.169.254, 169.254.170.2' }),
      statuses: ['pass'],
      message:
        'Container `web` sets HTTPS_PROXY (environment), and NO_PROXY covers 169.254.169.254 and 169.254.170.2.',
      assert: ([finding]) => {
        expect(finding?.evidence[0]).toBe(
          'DescribeTaskDefinition: container web environment defines NO_PROXY=localhost,169.254.169.254, 169.254.170.2',
        );
        expect(JSON.stringify(finding)).not.toContain('hunter2');
      },
    },
    {
      name: 'lower-case variables, NO_PROXY as a CIDR block',
      target: withEnvironment({ http_proxy: PROXY, no_proxy: '169.254.0.0/16' }),
      statuses: ['pass'],
    },
    {
      name: 'NO_PROXY=*',
      target: withEnvironment({ HTTP_PROXY: PROXY, NO_PROXY: '*' }),
      statuses: ['pass'],
    },
    {
      name: 'an empty proxy variable sets no proxy',
      target: withEnvironment({ HTTPS_PROXY: '' }),
      statuses: ['pass'],
    },
    {
      name: 'lint: proxy with NO_PROXY',
      target: withEnvironment({ HTTP_PROXY: PROXY, NO_PROXY: '169.254.169.254,169.254.170.2' }, 'lint'),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/^task definition: /),
    },
  ],
  invalid: [
    {
      name: 'proxy without NO_PROXY',
      target: withEnvironment({ HTTPS_PROXY: PROXY }),
      statuses: ['fail'],
      message:
        /Container `web` sets HTTPS_PROXY \(environment\), but there is no NO_PROXY: .*TargetNotConnectedException/,
      fix: /Set NO_PROXY=169\.254\.169\.254,169\.254\.170\.2 on container `web`/,
      assert: ([finding]) => {
        expect(JSON.stringify(finding)).not.toContain('hunter2');
        expect(finding?.fix?.cli).toContain('"value": "169.254.169.254,169.254.170.2"');
        expect(finding?.fix?.cloudformation).toBe(
          'AWS::ECS::TaskDefinition ContainerDefinitions[Name=web].Environment: - Name: NO_PROXY, Value: 169.254.169.254,169.254.170.2',
        );
      },
    },
    {
      name: 'NO_PROXY lacks the task credential endpoint',
      target: withEnvironment({ HTTP_PROXY: PROXY, NO_PROXY: 'localhost,169.254.169.254' }),
      statuses: ['fail'],
      message: /NO_PROXY=localhost,169\.254\.169\.254 does not cover 169\.254\.170\.2:/,
      fix: 'Set NO_PROXY=localhost,169.254.169.254,169.254.170.2 on container `web`',
    },
    {
      name: 'NO_PROXY wins over no_proxy, as in Go',
      target: withEnvironment({
        HTTPS_PROXY: PROXY,
        NO_PROXY: '.internal',
        no_proxy: '169.254.169.254,169.254.170.2',
      }),
      statuses: ['fail'],
      message: /NO_PROXY=\.internal does not cover 169\.254\.169\.254 and 169\.254\.170\.2/,
    },
    {
      name: 'a CIDR block that misses an address',
      target: withEnvironment({ HTTPS_PROXY: PROXY, NO_PROXY: '169.254.169.0/24' }),
      statuses: ['fail'],
      message: /does not cover 169\.254\.170\.2:/,
    },
    {
      name: 'proxy set by the running task’s container override',
      target: targetWith((target) => {
        target.task!.overrides.containerOverrides[0]!.environment.push({ name: 'HTTPS_PROXY', value: PROXY });
      }),
      statuses: ['fail'],
      message: /HTTPS_PROXY \(container override of task 0123456789abcdef0123456789abcdef\)/,
      fix: /and in the container overrides the task is started with/,
    },
    {
      name: 'an override empties NO_PROXY',
      target: targetWith((target) => {
        web(target).environment.push(
          { name: 'HTTPS_PROXY', value: PROXY },
          { name: 'NO_PROXY', value: '169.254.169.254,169.254.170.2' },
        );
        target.task!.overrides.containerOverrides[0]!.environment.push({ name: 'NO_PROXY', value: '' });
      }),
      statuses: ['fail'],
      message: /there is no NO_PROXY/,
    },
    {
      name: 'NO_PROXY from a secret cannot be read',
      target: targetWith((target) => {
        web(target).environment.push({ name: 'HTTPS_PROXY', value: PROXY });
        web(target).secrets.push({
          name: 'NO_PROXY',
          valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/no-proxy',
        });
      }),
      statuses: ['unknown'],
      message: /takes NO_PROXY from a secret whose value the tool does not read/,
      assert: ([finding]) => expect(finding?.needs).toBe('the value of secret NO_PROXY'),
    },
    {
      name: 'lint: proxy without NO_PROXY, fix without a CLI command',
      target: withEnvironment({ HTTP_PROXY: PROXY }, 'lint'),
      statuses: ['fail'],
      fix: /"environment": \[\{"name": "NO_PROXY", "value": "169\.254\.169\.254,169\.254\.170\.2"\}\]/,
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
