import { expect } from 'vitest';
import { loggingRetention } from '../../src/checks/logging/retention.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

const GROUP_ARN = 'arn:aws:logs:us-east-1:111122223333:log-group:/ecs/exec-audit';
const BUCKET_ARN = 'arn:aws:s3:::exec-audit-bucket';

function execConfig(target: ExecTarget) {
  if (!target.cluster.known) throw new Error('fixture cluster is unknown');
  return target.cluster.value.executeCommandConfiguration!;
}

function bucket(versioning: string | undefined, objectLockEnabled: boolean | undefined) {
  return (target: ExecTarget) => {
    target.bucket = known({
      name: 'exec-audit-bucket',
      encryption: { algorithm: 'AES256' },
      versioning,
      objectLockEnabled,
    });
  };
}

function noRetention(target: ExecTarget): void {
  target.logGroup = known({ name: '/ecs/exec-audit', kmsKeyId: 'k' });
}

checkTable(loggingRetention, {
  valid: [
    {
      name: 'retention set; bucket versioned without Object Lock',
      target: targetWith(() => {}),
      statuses: ['pass', 'pass'],
      message: /keeps transcripts for 365 days[\s\S]*has versioning.*it has no Object Lock/,
      assert: ([group, bucketFinding]) => {
        expect(group?.resource).toBe(GROUP_ARN);
        expect(group?.evidence).toEqual(['DescribeLogGroups: /ecs/exec-audit retentionInDays=365']);
        expect(bucketFinding?.resource).toBe(BUCKET_ARN);
        expect(bucketFinding?.evidence).toEqual([
          'GetBucketVersioning: exec-audit-bucket versioning=Enabled',
        ]);
      },
    },
    {
      name: 'bucket with Object Lock',
      target: targetWith(bucket('Enabled', true)),
      statuses: ['pass', 'pass'],
      message: 'has Object Lock: transcripts cannot be overwritten or deleted',
    },
    {
      name: 'versioned bucket whose Object Lock was not read',
      target: targetWith(bucket('Enabled', undefined)),
      statuses: ['pass', 'pass'],
      message: 'whether it has Object Lock was not read',
    },
    {
      name: 'lint: both resources in the linted files',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
      }),
      statuses: ['pass', 'pass'],
      assert: ([group]) =>
        expect(group?.evidence).toEqual(['linted files: /ecs/exec-audit retentionInDays=365']),
    },
    {
      name: 'CloudWatch only: one finding',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.s3BucketName = undefined;
        t.bucket = undefined;
      }),
      statuses: ['pass'],
    },
    {
      name: 'missing destinations are left to the exists checks',
      target: targetWith((t) => {
        t.logGroup = known(null);
        t.bucket = known(null);
      }),
      statuses: ['skip', 'skip'],
      message: /logging\.log-group-exists reports it[\s\S]*logging\.bucket-exists reports it/,
    },
    {
      name: 'OVERRIDE without destinations',
      target: targetWith((t) => {
        execConfig(t).logConfiguration = {};
        t.logGroup = undefined;
        t.bucket = undefined;
      }),
      statuses: ['skip'],
      message: 'names no log group and no bucket',
    },
    {
      name: 'logging DEFAULT',
      target: targetWith((t) => {
        execConfig(t).logging = undefined;
        execConfig(t).logConfiguration = undefined;
      }),
      statuses: ['skip'],
      message: 'Exec logging is DEFAULT, not OVERRIDE',
    },
  ],
  invalid: [
    {
      name: 'log group without retention',
      target: targetWith(noRetention),
      statuses: ['warn', 'pass'],
      message: 'Log group /ecs/exec-audit has no retention policy',
      fix: 'aws logs put-retention-policy --log-group-name /ecs/exec-audit --retention-in-days 365 --region us-east-1',
      assert: ([group]) =>
        expect(group?.fix?.terraform).toBe('aws_cloudwatch_log_group: retention_in_days = 365'),
    },
    {
      name: 'bucket with versioning suspended',
      target: targetWith(bucket('Suspended', false)),
      statuses: ['pass', 'warn'],
      message: 'has neither versioning nor Object Lock: anyone who may write to it can overwrite or delete',
      fix: 'aws s3api put-bucket-versioning --bucket exec-audit-bucket --versioning-configuration Status=Enabled',
      assert: ([, bucketFinding]) =>
        expect(bucketFinding?.evidence).toEqual([
          'GetBucketVersioning: exec-audit-bucket versioning=Suspended',
        ]),
    },
    {
      name: 'bucket never versioned, Object Lock not read',
      target: targetWith(bucket('Disabled', undefined)),
      statuses: ['pass', 'warn'],
    },
    {
      name: 'bucket versioning not read',
      target: targetWith(bucket(undefined, false)),
      statuses: ['pass', 'unknown'],
      assert: ([, bucketFinding]) => expect(bucketFinding?.needs).toBe('s3:GetBucketVersioning'),
    },
    {
      name: 'neither resource could be read',
      target: targetWith((t) => {
        t.logGroup = unavailable('AccessDenied', 'logs:DescribeLogGroups');
        t.bucket = unavailable('AccessDenied');
      }),
      statuses: ['unknown', 'unknown'],
      assert: ([group, bucketFinding]) => {
        expect(group?.needs).toBe('logs:DescribeLogGroups');
        expect(bucketFinding?.needs).toBe('s3:GetBucketVersioning');
      },
    },
    {
      name: 'lint: each warning points at the property to set, or the resource lacking it',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
        noRetention(t);
        bucket('Suspended', false)(t);
        t.locations = {
          [GROUP_ARN]: { file: 'template.yaml', line: 20, column: 3 },
          [BUCKET_ARN]: { file: 'template.yaml', line: 30, column: 3 },
          [`${BUCKET_ARN}#versioning`]: { file: 'template.yaml', line: 36, column: 9 },
        };
      }),
      statuses: ['warn', 'warn'],
      assert: (findings) => expect(findings.map((finding) => finding.location?.line)).toEqual([20, 36]),
    },
  ],
});
