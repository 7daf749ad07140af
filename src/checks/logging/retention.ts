import type { ExecTarget } from '../../model/index.js';
import { pass, skip, unknown, warn } from '../results.js';
import { execConfigurationProperty, regionFlag } from '../target-helpers.js';
import { type CheckResult, defineCheck } from '../types.js';
import {
  bucketDestination,
  isNotJudged,
  logGroupDestination,
  lookedUp,
  observedBy,
  overrideLogConfiguration,
} from './destinations.js';

/**
 * A log group without a retention policy keeps transcripts forever: a cost and a privacy choice
 * that should be made on purpose (transcripts hold whatever was typed or printed).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
 */
function logGroupRetention(target: ExecTarget): CheckResult {
  const destination = logGroupDestination(target);
  if (isNotJudged(destination)) return destination.result;
  const lookup = lookedUp(
    target,
    target.logGroup,
    destination,
    'CloudWatch log group',
    'logs:DescribeLogGroups',
  );
  if (isNotJudged(lookup)) return lookup.result;
  const logGroup = lookup.value;
  if (!logGroup) {
    return skip(
      destination.resource,
      `Log group ${destination.name} does not exist; logging.log-group-exists reports it.`,
    );
  }
  const about = { resource: destination.resource, property: 'retentionInDays' };
  if (logGroup.retentionInDays !== undefined) {
    return pass(
      about,
      `Log group ${destination.name} keeps transcripts for ${logGroup.retentionInDays} days.`,
      [
        `${observedBy(target, 'DescribeLogGroups')}: ${destination.name} retentionInDays=${logGroup.retentionInDays}`,
      ],
    );
  }
  return warn(
    about,
    `Log group ${destination.name} has no retention policy: exec transcripts, which hold whatever was typed or printed, are kept forever.`,
    {
      summary: `Choose how long to keep exec transcripts and set it on log group ${destination.name}.`,
      cli: `aws logs put-retention-policy --log-group-name ${destination.name} --retention-in-days 365 ${regionFlag(target)}`,
      cloudformation: 'AWS::Logs::LogGroup: RetentionInDays: 365',
      terraform: 'aws_cloudwatch_log_group: retention_in_days = 365',
      cdk: 'new logs.LogGroup(this, …, { retention: logs.RetentionDays.ONE_YEAR })',
    },
    [`${observedBy(target, 'DescribeLogGroups')}: ${destination.name} has no retentionInDays`],
  );
}

/**
 * Without versioning or Object Lock, anyone who may write to the audit bucket can overwrite or
 * delete transcripts. Object Lock needs versioning, so a bucket whose versioning is not Enabled
 * has no Object Lock either.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
function bucketProtection(target: ExecTarget): CheckResult {
  const destination = bucketDestination(target);
  if (isNotJudged(destination)) return destination.result;
  const lookup = lookedUp(target, target.bucket, destination, 'S3 bucket', 's3:GetBucketVersioning');
  if (isNotJudged(lookup)) return lookup.result;
  const bucket = lookup.value;
  if (!bucket) {
    return skip(
      destination.resource,
      `Bucket ${destination.name} does not exist; logging.bucket-exists reports it.`,
    );
  }
  const versioning = { resource: destination.resource, property: 'versioning' };
  const observed = (text: string) =>
    `${observedBy(target, 'GetBucketVersioning')}: ${destination.name} ${text}`;
  if (bucket.objectLockEnabled) {
    return pass(
      { resource: destination.resource, property: 'objectLockEnabled' },
      `Bucket ${destination.name} has Object Lock: transcripts cannot be overwritten or deleted.`,
      [`${observedBy(target, 'GetObjectLockConfiguration')}: ${destination.name} ObjectLockEnabled=Enabled`],
    );
  }
  if (bucket.versioning === 'Enabled') {
    const objectLock =
      bucket.objectLockEnabled === false
        ? 'it has no Object Lock, so a principal with s3:DeleteObjectVersion can still remove them'
        : 'whether it has Object Lock was not read';
    return pass(
      versioning,
      `Bucket ${destination.name} has versioning, so overwritten or deleted transcripts stay recoverable; ${objectLock}.`,
      [observed('versioning=Enabled')],
    );
  }
  if (bucket.versioning === undefined) {
    return unknown(
      versioning,
      `Could not read whether bucket ${destination.name} has versioning or Object Lock.`,
      's3:GetBucketVersioning',
    );
  }
  return warn(
    versioning,
    `Bucket ${destination.name} has neither versioning nor Object Lock: anyone who may write to it can overwrite or delete exec transcripts.`,
    {
      summary: `Enable versioning on bucket ${destination.name} (and Object Lock for tamper-proof transcripts).`,
      cli: `aws s3api put-bucket-versioning --bucket ${destination.name} --versioning-configuration Status=Enabled`,
      cloudformation:
        'AWS::S3::Bucket: VersioningConfiguration: { Status: Enabled } (and ObjectLockEnabled: true)',
      terraform: 'aws_s3_bucket_versioning: versioning_configuration { status = "Enabled" }',
      cdk: 'new s3.Bucket(this, …, { versioned: true, objectLockEnabled: true })',
    },
    [observed(`versioning=${bucket.versioning}`)],
  );
}

export const loggingRetention = defineCheck({
  id: 'logging.retention',
  title: 'The audit log group has a retention policy; the audit bucket keeps transcripts safe',
  layer: 'logging',
  suite: 'audit',
  modes: ['live', 'lint'],
  rationale:
    'A log group without retention keeps every transcript forever (cost, privacy). An audit bucket without versioning or Object Lock lets transcripts be overwritten or deleted.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
    ],
    securityHub: ['CloudWatch.16', 'S3.14', 'S3.15'],
    checkov: ['CKV_AWS_66', 'CKV_AWS_21'],
  },
  docs: {
    passes:
      'The exec log group has a retention policy; the exec log bucket has versioning or Object Lock, so transcripts cannot be silently overwritten or deleted.',
    fails:
      'Warns when the log group has no retention policy (transcripts, which hold whatever was typed or printed, are kept forever) or the bucket has neither versioning nor Object Lock. Unknown when the bucket versioning could not be read.',
    fix: {
      cli: `aws logs put-retention-policy --log-group-name LOG_GROUP_NAME --retention-in-days 365 --region REGION
aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled`,
      cloudformation: `ExecLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    RetentionInDays: 365
ExecLogBucket:
  Type: AWS::S3::Bucket
  Properties:
    VersioningConfiguration:
      Status: Enabled
    ObjectLockEnabled: true   # for tamper-proof transcripts`,
      terraform: `resource "aws_cloudwatch_log_group" "exec" {
  name              = "LOG_GROUP_NAME"
  retention_in_days = 365
}

resource "aws_s3_bucket_versioning" "exec_logs" {
  bucket = aws_s3_bucket.exec_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}`,
      cdk: `new logs.LogGroup(this, 'ExecLogGroup', { retention: logs.RetentionDays.ONE_YEAR });
new s3.Bucket(this, 'ExecLogBucket', { versioned: true, objectLockEnabled: true });`,
    },
    notApplicable:
      'Skipped unless the cluster uses `logging=OVERRIDE` with a log group or bucket, and for a destination that does not exist (the logging.*-exists checks report it).',
  },
  run(target) {
    const configured = overrideLogConfiguration(target);
    if (isNotJudged(configured)) return [configured.result];
    const { cloudWatchLogGroupName, s3BucketName } = configured.config;
    const results = [
      ...(cloudWatchLogGroupName ? [logGroupRetention(target)] : []),
      ...(s3BucketName ? [bucketProtection(target)] : []),
    ];
    if (results.length > 0) return results;
    return [
      skip(
        execConfigurationProperty(target, 'logConfiguration'),
        'The exec logging configuration names no log group and no bucket.',
      ),
    ];
  },
});
