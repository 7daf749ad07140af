/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { loggingLogGroupExists } from '../../src/checks/logging/log-group-exists.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, KEY_ARN, targetWith } from '../support/targets.js';

const GROUP_ARN = 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/exec-audit';

function execConfig(target: ExecTarget) {
  if (!target.cluster.known) throw new Error('fixture cluster is unknown');
  return target.cluster.value.executeCommandConfiguration!;
}

const NAME_SETTING = `${CLUSTER_ARN}#executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName`;

function lint(target: ExecTarget): void {
  target.mode = 'lint';
  target.task = undefined;
}

checkTable(loggingLogGroupExists, {
  valid: [
    {
      name: 'the configured log group exists',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'CloudWatch log group /ecs/exec-audit exists in us-east-1',
      assert: ([finding]) => {
        expect(finding?.resource).toBe(GROUP_ARN);
        expect(finding?.evidence).toEqual(['DescribeLogGroups: log group /ecs/exec-audit exists']);
      },
    },
    {
      name: 'lint: the log group is defined in the linted files',
      target: targetWith(lint),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual(['linted files: log group /ecs/exec-audit exists']),
    },
    {
      name: 'lint: the log group is not in the linted files: the skip points at the cluster setting naming it',
      target: targetWith((t) => {
        lint(t);
        t.logGroup = undefined;
        t.locations = { [NAME_SETTING]: { file: 'template.yaml', line: 10, column: 13 } };
      }),
      statuses: ['skip'],
      message: 'is not defined in the linted files; it is checked in live mode',
      assert: ([finding]) => {
        expect(finding?.resource).toBe(CLUSTER_ARN);
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 10, column: 13 });
      },
    },
    {
      name: 'no exec configuration (DEFAULT logging)',
      target: targetWith((t) => {
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration = undefined;
        t.logGroup = undefined;
      }),
      statuses: ['skip'],
      message: 'Exec logging is DEFAULT, not OVERRIDE',
    },
    {
      name: 'logging NONE',
      target: targetWith((t) => {
        execConfig(t).logging = 'NONE';
        execConfig(t).logConfiguration = undefined;
      }),
      statuses: ['skip'],
      message: 'Exec logging is NONE',
    },
    {
      name: 'OVERRIDE to S3 only',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.cloudWatchLogGroupName = undefined;
        t.logGroup = undefined;
      }),
      statuses: ['skip'],
      message: 'names no CloudWatch log group',
    },
  ],
  invalid: [
    {
      name: 'missing log group with encryption on: the session is refused',
      target: targetWith((t) => {
        t.logGroup = known(null);
      }),
      statuses: ['fail'],
      message: /does not exist in us-east-1: with cloudWatchEncryptionEnabled=true .* refuses the session/,
      fix: `aws logs create-log-group --log-group-name /ecs/exec-audit --kms-key-id ${KEY_ARN} --region us-east-1`,
      assert: ([finding]) => {
        expect(finding?.fix?.summary).toMatch(/key policy allows logs\.us-east-1\.amazonaws\.com/);
        expect(finding?.fix?.terraform).toBe(
          `aws_cloudwatch_log_group: name = "/ecs/exec-audit", kms_key_id = "${KEY_ARN}"`,
        );
      },
    },
    {
      name: 'missing log group without encryption: logging is disabled for the session',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.cloudWatchEncryptionEnabled = false;
        t.logGroup = known(null);
      }),
      statuses: ['fail'],
      message: 'the SSM agent disables CloudWatch logging for the session',
      assert: ([finding]) => {
        expect(finding?.fix?.cli).toBe(
          'aws logs create-log-group --log-group-name /ecs/exec-audit --region us-east-1',
        );
        expect(finding?.fix?.cloudformation).toBe('AWS::Logs::LogGroup: LogGroupName: /ecs/exec-audit');
      },
    },
    {
      name: 'missing log group, cluster key not resolved: a key placeholder in the fix',
      target: targetWith((t) => {
        t.kmsKey = undefined;
        execConfig(t).kmsKeyId = 'alias/exec';
        t.logGroup = known(null);
      }),
      statuses: ['fail'],
      fix: '--kms-key-id arn:aws:kms:us-east-1:111122223333:key/KEY_ID',
    },
    {
      name: 'DescribeLogGroups denied',
      target: targetWith((t) => {
        t.logGroup = unavailable('AccessDenied');
      }),
      statuses: ['unknown'],
      message:
        'Could not read CloudWatch log group /ecs/exec-audit: AccessDenied (needs logs:DescribeLogGroups)',
      assert: ([finding]) => expect(finding?.needs).toBe('logs:DescribeLogGroups'),
    },
    {
      name: 'cluster could not be described',
      target: targetWith((t) => {
        t.cluster = unavailable('AccessDenied', 'ecs:DescribeClusters');
      }),
      statuses: ['unknown'],
      message: 'Could not read the cluster exec configuration',
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeClusters'),
    },
    {
      name: 'lint: a log group name the files leave open is not looked for',
      target: targetWith((t) => {
        lint(t);
        execConfig(t).logConfiguration!.cloudWatchLogGroupName = '${LogGroupName}';
        t.logGroup = { known: false, reason: 'parameter LogGroupName has no default' };
        t.unresolved = { [NAME_SETTING]: 'parameter LogGroupName has no default' };
      }),
      statuses: ['unknown'],
      message:
        'Which CloudWatch log group records exec sessions is not decided by the files (executeCommandConfiguration.logConfiguration.cloudWatchLogGroupName: parameter LogGroupName has no default).',
      assert: ([finding]) => expect(finding?.resource).toBe(CLUSTER_ARN),
    },
  ],
});
