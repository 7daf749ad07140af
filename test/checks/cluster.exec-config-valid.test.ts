/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { clusterExecConfigValid } from '../../src/checks/cluster/exec-config-valid.js';
import { type ExecTarget, type ExecuteCommandConfiguration, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, targetWith } from '../support/targets.js';

function withExecConfiguration(
  configuration: ExecuteCommandConfiguration | undefined,
  change: (target: ExecTarget) => void = () => {},
): ExecTarget {
  return targetWith((t) => {
    if (t.cluster.known) t.cluster.value.executeCommandConfiguration = configuration;
    change(t);
  });
}

const lint = (t: ExecTarget) => {
  t.mode = 'lint';
  t.task = undefined;
  t.client = undefined;
};

const LOG = `${CLUSTER_ARN}#executeCommandConfiguration.logConfiguration`;

/** Lint, with the destination names at `open` (`cloudWatchLogGroupName`…) left open by the files. */
function lintWithOpen(configuration: ExecuteCommandConfiguration, ...open: string[]): ExecTarget {
  return withExecConfiguration(configuration, (t) => {
    lint(t);
    t.unresolved = Object.fromEntries(
      open.map((name) => [`${LOG}.${name}`, 'parameter LogDestination has no default']),
    );
    t.locations = { [LOG]: { file: 'template.yaml', line: 9, column: 11 } };
  });
}

checkTable(clusterExecConfigValid, {
  valid: [
    {
      name: 'OVERRIDE with a log group and a bucket',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message:
        /logging=OVERRIDE to CloudWatch Logs group \/ecs\/exec-audit and S3 bucket exec-audit-bucket\/exec\//,
      assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/^DescribeClusters: logging=OVERRIDE/),
    },
    {
      name: 'no exec configuration at all (logging DEFAULT)',
      target: withExecConfiguration(undefined),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeClusters: no executeCommandConfiguration: logging DEFAULT',
        ]),
    },
    {
      name: 'DEFAULT without logConfiguration',
      target: withExecConfiguration({ logging: 'DEFAULT' }),
      statuses: ['pass'],
      message: /logging=DEFAULT/,
    },
    {
      name: 'NONE without logConfiguration',
      target: withExecConfiguration({ logging: 'NONE' }),
      statuses: ['pass'],
    },
    {
      name: 'kmsKeyId only (logging absent means DEFAULT)',
      target: withExecConfiguration({ kmsKeyId: 'alias/exec' }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/logging=absent \(DEFAULT\)/),
    },
    {
      name: 'DEFAULT with an empty logConfiguration sets nothing',
      target: withExecConfiguration({ logging: 'DEFAULT', logConfiguration: {} }),
      statuses: ['pass'],
    },
    {
      name: 'lint: OVERRIDE to an S3 bucket only',
      target: withExecConfiguration(
        { logging: 'OVERRIDE', logConfiguration: { s3BucketName: 'audit' } },
        lint,
      ),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence[0]).toBe('cluster: logging=OVERRIDE to S3 bucket audit/'),
    },
    {
      name: 'lint: OVERRIDE with a bucket the files name and a log group they leave open',
      target: lintWithOpen(
        {
          logging: 'OVERRIDE',
          logConfiguration: { cloudWatchLogGroupName: '${LogGroup}', s3BucketName: 'audit' },
        },
        'cloudWatchLogGroupName',
      ),
      statuses: ['pass'],
      message: 'The exec configuration is consistent: logging=OVERRIDE to S3 bucket audit/.',
    },
  ],
  invalid: [
    {
      name: 'logConfiguration with logging DEFAULT',
      target: withExecConfiguration({
        logging: 'DEFAULT',
        logConfiguration: { cloudWatchLogGroupName: '/ecs/audit' },
      }),
      statuses: ['fail'],
      message:
        /logConfiguration with logging=DEFAULT; ECS accepts a logConfiguration only with logging=OVERRIDE/,
      fix: /aws ecs update-cluster --cluster demo --configuration '\{"executeCommandConfiguration":\{"logging":"OVERRIDE","logConfiguration":\{"cloudWatchLogGroupName":"\/ecs\/audit"\}\}\}' --region us-east-1/,
    },
    {
      name: 'logConfiguration with logging absent (DEFAULT)',
      target: withExecConfiguration({ kmsKeyId: 'alias/exec', logConfiguration: { s3BucketName: 'audit' } }),
      statuses: ['fail'],
      fix: /"kmsKeyId":"alias\/exec","logging":"OVERRIDE","logConfiguration":\{"s3BucketName":"audit"\}/,
    },
    {
      name: 'logConfiguration with logging NONE: the fix removes it',
      target: withExecConfiguration({ logging: 'NONE', logConfiguration: { s3BucketName: 'audit' } }),
      statuses: ['fail'],
      message: /logging=NONE/,
      fix: /Remove the logConfiguration/,
      assert: ([finding]) => {
        expect(finding?.fix?.cli).toContain('{"executeCommandConfiguration":{"logging":"NONE"}}');
        expect(finding?.fix?.cloudformation).toMatch(/Logging: OVERRIDE/);
      },
    },
    {
      name: 'OVERRIDE without logConfiguration',
      target: withExecConfiguration({ logging: 'OVERRIDE', kmsKeyId: 'alias/exec' }),
      statuses: ['fail'],
      message: /logging=OVERRIDE but names no CloudWatch Logs group and no S3 bucket/,
      fix: /"kmsKeyId":"alias\/exec","logging":"OVERRIDE","logConfiguration":\{"cloudWatchLogGroupName":"LOG_GROUP_NAME"\}/,
    },
    {
      name: 'OVERRIDE with only an encryption flag',
      target: withExecConfiguration({
        logging: 'OVERRIDE',
        logConfiguration: { cloudWatchEncryptionEnabled: true },
      }),
      statuses: ['fail'],
      fix: /CloudWatchLogGroupName \(or S3BucketName\)/,
    },
    {
      name: 'lint: logConfiguration with logging DEFAULT',
      target: withExecConfiguration(
        { logging: 'DEFAULT', logConfiguration: { s3BucketName: 'audit' } },
        lint,
      ),
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/^cluster: logging=DEFAULT/),
    },
    {
      name: 'cluster not readable',
      target: targetWith((t) => {
        t.cluster = unavailable('AccessDeniedException', 'ecs:DescribeClusters');
      }),
      statuses: ['unknown'],
      message:
        /Could not read the cluster configuration: AccessDeniedException \(needs ecs:DescribeClusters\)/,
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeClusters'),
    },
    {
      name: 'lint: OVERRIDE whose only destination the files leave open (it may be empty)',
      target: lintWithOpen(
        { logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: '${LogGroup}' } },
        'cloudWatchLogGroupName',
      ),
      statuses: ['unknown'],
      message:
        'Whether the exec configuration is consistent is not decided by the files (executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName: parameter LogDestination has no default).',
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 9, column: 11 }),
    },
    {
      name: 'lint: DEFAULT with only an open destination name (it may be empty)',
      target: lintWithOpen(
        { logging: 'DEFAULT', logConfiguration: { s3BucketName: '${Bucket}' } },
        's3BucketName',
      ),
      statuses: ['unknown'],
    },
    {
      name: 'lint: the inconsistency points at the logConfiguration',
      target: lintWithOpen({ logging: 'NONE', logConfiguration: { s3BucketName: 'audit' } }),
      statuses: ['fail'],
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 9, column: 11 }),
    },
  ],
});
