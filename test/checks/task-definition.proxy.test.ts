/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { taskDefinitionProxy } from '../../src/checks/task-definition/proxy.js';
import { type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { firstContainer, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

/** The web container with these variables added to its environment. */
function withEnvironment(variables: Record<string, string>, mode: 'live' | 'lint' = 'live'): ExecTarget {
  return targetWith((target) => {
    if (mode === 'lint') {
      target.mode = 'lint';
      target.task = undefined;
    }
    firstContainer(target).environment.push(
      ...Object.entries(variables).map(([name, value]) => ({ name, value })),
    );
  });
}

const PROXY = 'http://user:hunter2@proxy.internal:3128';

const ENVIRONMENT = `${TASK_DEFINITION_ARN}#containerDefinitions[web].environment`;
/** Where the linted file declares a property of the web container. */
const declared = (line: number) => ({ file: 'template.yaml', line, column: 11 });

/** A lint target whose web container has `variables`, with `unresolved` (keyed under ENVIRONMENT). */
function lintWithOpen(variables: Record<string, string>, unresolved: Record<string, string>): ExecTarget {
  const target = withEnvironment(variables, 'lint');
  target.unresolved = Object.fromEntries(
    Object.entries(unresolved).map(([path, reason]) => [`${ENVIRONMENT}${path}`, reason]),
  );
  target.locations = {
    [ENVIRONMENT]: declared(40),
    ...Object.fromEntries(
      Object.keys(variables).map((name, index) => [`${ENVIRONMENT}[${name}]`, declared(41 + index)]),
    ),
  };
  return target;
}

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
    {
      name: 'lint: an open value of another variable is not judged',
      target: lintWithOpen(
        { DB_HOST: '${DatabaseHost}' },
        { '[DB_HOST].value': 'parameter DatabaseHost has no default' },
      ),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(40)),
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
        firstContainer(target).environment.push(
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
        firstContainer(target).environment.push({ name: 'HTTPS_PROXY', value: PROXY });
        firstContainer(target).secrets.push({
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
    {
      name: 'lint: a proxy the files leave open is not judged as set',
      target: lintWithOpen(
        { HTTPS_PROXY: '${ProxyUrl}' },
        { '[HTTPS_PROXY].value': 'parameter ProxyUrl has no default' },
      ),
      statuses: ['unknown'],
      message:
        "Whether container `web` sends the SSM agent's requests through a proxy is not decided by the files (containerDefinitions[web].environment[HTTPS_PROXY].value: parameter ProxyUrl has no default).",
      assert: ([finding]) => expect(finding?.location).toEqual(declared(41)),
    },
    {
      name: 'lint: a NO_PROXY the files leave open is not judged',
      target: lintWithOpen(
        { HTTPS_PROXY: PROXY, NO_PROXY: '${NoProxy}' },
        { '[NO_PROXY].value': 'parameter NoProxy has no default' },
      ),
      statuses: ['unknown'],
      message: /environment\[NO_PROXY\]\.value: parameter NoProxy has no default/,
    },
    {
      name: 'lint: an open environment entry may be the missing NO_PROXY',
      target: lintWithOpen({ HTTPS_PROXY: PROXY }, { '[1]': 'depends on condition UseProxy' }),
      statuses: ['unknown'],
      message: /environment\[1\]: depends on condition UseProxy/,
      assert: ([finding]) => expect(finding?.location).toEqual(declared(40)),
    },
    {
      name: 'lint: the failure points at the NO_PROXY entry that falls short',
      target: lintWithOpen({ HTTPS_PROXY: PROXY, NO_PROXY: 'localhost' }, {}),
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(42)),
    },
  ],
});
