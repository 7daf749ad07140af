/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { clusterAuditLogging } from '../../src/checks/cluster/audit-logging.js';
import {
  type ContainerDefinition,
  type ExecTarget,
  type ExecuteCommandConfiguration,
  unavailable,
} from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, targetWith } from '../support/targets.js';

const EXEC = `${CLUSTER_ARN}#executeCommandConfiguration`;

/** Lint, where the file declares the exec configuration's `logging` and `logConfiguration`. */
const lint = (t: ExecTarget): void => {
  t.mode = 'lint';
  t.task = undefined;
  t.locations = {
    [`${EXEC}.logging`]: { file: 'template.yaml', line: 8, column: 11 },
    [`${EXEC}.logConfiguration`]: { file: 'template.yaml', line: 9, column: 11 },
  };
};

function withExecConfiguration(
  configuration: ExecuteCommandConfiguration | undefined,
  change: (target: ExecTarget) => void = () => {},
): ExecTarget {
  return targetWith((t) => {
    if (t.cluster.known) t.cluster.value.executeCommandConfiguration = configuration;
    change(t);
  });
}

/** Gives the task definition these containers, each with the given log driver (undefined: none). */
const withContainers =
  (drivers: Record<string, string | undefined>) =>
  (t: ExecTarget): void => {
    if (!t.taskDefinition.known) return;
    const template = t.taskDefinition.value.containerDefinitions[0]!;
    t.taskDefinition.value.containerDefinitions = Object.entries(drivers).map(
      ([name, logDriver]): ContainerDefinition => ({
        ...template,
        name,
        logConfiguration: logDriver ? { logDriver } : undefined,
      }),
    );
  };

checkTable(clusterAuditLogging, {
  valid: [
    {
      name: 'OVERRIDE to a log group and a bucket',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message:
        'Sessions are recorded to CloudWatch Logs group /ecs/exec-audit and S3 bucket exec-audit-bucket/exec/.',
    },
    {
      name: 'no exec configuration (DEFAULT) and the container logs with awslogs',
      target: withExecConfiguration(undefined),
      statuses: ['pass'],
      message: /logging=DEFAULT and every container logs with awslogs/,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeClusters: logging=absent (DEFAULT)',
          'task definition: container `web` logDriver=awslogs',
        ]),
    },
    {
      name: 'DEFAULT: only the requested container is judged',
      target: withExecConfiguration({ logging: 'DEFAULT' }, (t) => {
        withContainers({ web: 'awslogs', 'log-router': 'awsfirelens' })(t);
        t.requestedContainer = 'web';
      }),
      statuses: ['pass'],
    },
    {
      name: 'lint: DEFAULT with awslogs containers',
      target: withExecConfiguration({ logging: 'DEFAULT' }, (t) => {
        t.mode = 'lint';
        t.task = undefined;
        withContainers({ web: 'awslogs', worker: 'awslogs' })(t);
      }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence[0]).toBe('cluster: logging=DEFAULT'),
    },
  ],
  invalid: [
    {
      name: 'logging NONE',
      target: withExecConfiguration({ logging: 'NONE', kmsKeyId: 'alias/exec' }),
      statuses: ['fail'],
      message: 'logging=NONE: exec sessions are not recorded anywhere.',
      fix: `--configuration '{"executeCommandConfiguration":{"kmsKeyId":"alias/exec","logging":"OVERRIDE","logConfiguration":{"cloudWatchLogGroupName":"LOG_GROUP_NAME"}}}' --region us-east-1`,
    },
    {
      name: 'DEFAULT with a FireLens container',
      target: withExecConfiguration(undefined, withContainers({ web: 'awsfirelens' })),
      statuses: ['fail'],
      message: 'container `web` (awsfirelens) does not use it: sessions there leave no transcript',
      fix: /Set logging=OVERRIDE with a CloudWatch Logs group or S3 bucket \(works with any log driver\), or give those containers the awslogs driver/,
    },
    {
      name: 'DEFAULT with splunk and no driver: both named',
      target: withExecConfiguration(
        { logging: 'DEFAULT' },
        withContainers({ web: 'awslogs', api: 'splunk', worker: undefined }),
      ),
      statuses: ['fail'],
      message: 'containers `api` (splunk), `worker` (no log driver) do not use it',
      assert: ([finding]) =>
        expect(finding?.evidence).toContain('task definition: container `worker` logDriver=none'),
    },
    {
      name: 'OVERRIDE without a destination',
      target: withExecConfiguration({ logging: 'OVERRIDE' }),
      statuses: ['fail'],
      message: /names no CloudWatch Logs group and no S3 bucket/,
      fix: /LOG_GROUP_NAME/,
    },
    {
      name: 'cluster not readable',
      target: targetWith((t) => {
        t.cluster = unavailable('AccessDeniedException', 'ecs:DescribeClusters');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeClusters'),
    },
    {
      name: 'DEFAULT but the task definition is not readable',
      target: withExecConfiguration(undefined, (t) => {
        t.taskDefinition = unavailable('AccessDeniedException', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['unknown'],
      message: /log drivers/,
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeTaskDefinition'),
    },
    {
      name: 'DEFAULT and the requested container is not in the task definition',
      target: withExecConfiguration(undefined, (t) => {
        t.requestedContainer = 'sidecar';
      }),
      statuses: ['unknown'],
      message: /No container named sidecar/,
    },
    {
      name: 'lint: logging NONE points at logging',
      target: withExecConfiguration({ logging: 'NONE' }, lint),
      statuses: ['fail'],
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 8, column: 11 }),
    },
    {
      name: 'lint: OVERRIDE whose only destination the files leave open (it may be empty)',
      target: withExecConfiguration(
        { logging: 'OVERRIDE', logConfiguration: { s3BucketName: '${AuditBucket}' } },
        (t) => {
          lint(t);
          t.unresolved = {
            [`${EXEC}.logConfiguration.s3BucketName`]: 'parameter AuditBucket has no default',
          };
        },
      ),
      statuses: ['unknown'],
      message:
        'Whether exec sessions are recorded is not decided by the files (executeCommandConfiguration.logConfiguration.s3BucketName: parameter AuditBucket has no default).',
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 9, column: 11 }),
    },
  ],
});
