/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { loggingLogGroupEncryption } from '../../src/checks/logging/log-group-encryption.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, KEY_ARN, targetWith } from '../support/targets.js';

function execConfig(target: ExecTarget) {
  if (!target.cluster.known) throw new Error('fixture cluster is unknown');
  return target.cluster.value.executeCommandConfiguration!;
}

const GROUP_ARN = 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/exec-audit';

function lint(target: ExecTarget): void {
  target.mode = 'lint';
  target.task = undefined;
}

function withoutKey(target: ExecTarget): void {
  target.logGroup = known({ name: '/ecs/exec-audit', retentionInDays: 365 });
}

checkTable(loggingLogGroupEncryption, {
  valid: [
    {
      name: 'encryption required and the group has a KMS key',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: `Log group /ecs/exec-audit is encrypted with KMS key ${KEY_ARN}`,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([`DescribeLogGroups: /ecs/exec-audit kmsKeyId=${KEY_ARN}`]),
    },
    {
      name: 'lint: the group in the linted files has a key',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
      }),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([`linted files: /ecs/exec-audit kmsKeyId=${KEY_ARN}`]),
    },
    {
      name: 'encryption not required',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.cloudWatchEncryptionEnabled = false;
        withoutKey(t);
      }),
      statuses: ['skip'],
      message: 'cloudWatchEncryptionEnabled is false',
    },
    {
      name: 'encryption not required, even when the group could not be read',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.cloudWatchEncryptionEnabled = undefined;
        t.logGroup = unavailable('AccessDenied', 'logs:DescribeLogGroups');
      }),
      statuses: ['skip'],
      message: 'cloudWatchEncryptionEnabled is false',
    },
    {
      name: 'missing group is left to logging.log-group-exists',
      target: targetWith((t) => {
        t.logGroup = known(null);
      }),
      statuses: ['skip'],
      message: 'logging.log-group-exists reports it',
    },
    {
      name: 'logging DEFAULT',
      target: targetWith((t) => {
        execConfig(t).logging = 'DEFAULT';
        execConfig(t).logConfiguration = undefined;
        t.logGroup = undefined;
      }),
      statuses: ['skip'],
      message: 'Exec logging is DEFAULT, not OVERRIDE',
    },
    {
      name: 'lint: encryption not required: the skip points at the cluster setting',
      target: targetWith((t) => {
        lint(t);
        execConfig(t).logConfiguration!.cloudWatchEncryptionEnabled = false;
        t.locations = {
          [`${CLUSTER_ARN}#executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled`]: {
            file: 'template.yaml',
            line: 11,
            column: 13,
          },
        };
      }),
      statuses: ['skip'],
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 11, column: 13 }),
    },
  ],
  invalid: [
    {
      name: 'encryption required, group has no key: the session is refused',
      target: targetWith(withoutKey),
      statuses: ['fail'],
      message:
        'refuses every session with "We couldn\'t start the session because encryption is not set up on the selected CloudWatch Logs log group. Either encrypt the log group or choose an option to enable logging without encryption."',
      fix: `aws logs associate-kms-key --log-group-name /ecs/exec-audit --kms-key-id ${KEY_ARN} --region us-east-1`,
      assert: ([finding]) => {
        expect(finding?.fix?.summary).toMatch(/must allow the logs\.us-east-1\.amazonaws\.com principal/);
        expect(finding?.fix?.summary).toMatch(/or set cloudWatchEncryptionEnabled=false/);
        expect(finding?.fix?.terraform).toBe(`aws_cloudwatch_log_group: kms_key_id = "${KEY_ARN}"`);
        expect(finding?.evidence).toEqual(['DescribeLogGroups: /ecs/exec-audit has no kmsKeyId']);
      },
    },
    {
      name: 'China partition: the logs principal uses its DNS suffix; an unresolved key ARN is taken from the cluster',
      target: targetWith((t) => {
        withoutKey(t);
        t.partition = 'aws-cn';
        t.region = 'cn-north-1';
        t.kmsKey = undefined;
      }),
      statuses: ['fail'],
      fix: /logs\.cn-north-1\.amazonaws\.com\.cn[\s\S]*--kms-key-id arn:aws:kms:us-east-1/,
    },
    {
      name: 'DescribeLogGroups denied',
      target: targetWith((t) => {
        t.logGroup = unavailable('AccessDenied');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('logs:DescribeLogGroups'),
    },
    {
      name: 'lint: a key the files leave open is not counted as set',
      target: targetWith((t) => {
        lint(t);
        t.logGroup = known({ name: '/ecs/exec-audit', kmsKeyId: '${LogKeyArn}' });
        t.unresolved = { [`${GROUP_ARN}#kmsKeyId`]: 'parameter LogKeyArn has no default' };
      }),
      statuses: ['unknown'],
      message:
        'Whether log group /ecs/exec-audit has a KMS key is not decided by the files (kmsKeyId: parameter LogKeyArn has no default).',
    },
    {
      name: 'lint: the failure points at the log group',
      target: targetWith((t) => {
        lint(t);
        withoutKey(t);
        t.locations = { [GROUP_ARN]: { file: 'template.yaml', line: 20, column: 3 } };
      }),
      statuses: ['fail'],
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 20, column: 3 }),
    },
  ],
});
