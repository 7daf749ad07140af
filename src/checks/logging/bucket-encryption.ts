import type { ExecTarget } from '../../model/index.js';
import { fail, pass, skip, unknown } from '../results.js';
import { execConfigurationProperty } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import { bucketDestination, type Destination, isNotJudged, lookedUp, observedBy } from './destinations.js';

/**
 * With s3EncryptionEnabled=true the SSM agent calls GetBucketEncryption at session start and
 * accepts only SSE-S3 (`AES256`) and SSE-KMS (`aws:kms`); it treats any other algorithm, such
 * as DSSE-KMS (`aws:kms:dsse`), as unencrypted and refuses the session.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://github.com/aws/amazon-ssm-agent/blob/mainline/agent/s3util/s3util.go
 */
const ACCEPTED_ALGORITHMS = ['AES256', 'aws:kms'];

/** The SSM agent's exact refusal, so users can match what they saw. */
const REFUSAL =
  "We couldn't start the session because encryption is not set up on the selected Amazon S3 bucket. Either encrypt the bucket or choose an option to enable logging without encryption.";

function encryptFix(target: ExecTarget, destination: Destination, kmsMasterKeyId?: string): Fix {
  const byDefault = kmsMasterKeyId
    ? `{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"${kmsMasterKeyId}"}`
    : '{"SSEAlgorithm":"AES256"}';
  return {
    summary: `Set bucket ${destination.name}'s default encryption to SSE-S3 (AES256) or SSE-KMS (aws:kms), the only two the SSM agent accepts, or set s3EncryptionEnabled=false in the cluster's exec configuration.`,
    cli: `aws s3api put-bucket-encryption --bucket ${destination.name} --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":${byDefault}}]}' --region ${target.region}`,
    cloudformation:
      'AWS::S3::Bucket: BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm: aws:kms (or AES256)',
    terraform:
      'aws_s3_bucket_server_side_encryption_configuration: rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" } }',
    cdk: 'new s3.Bucket(this, …, { encryption: s3.BucketEncryption.KMS })',
  };
}

export const loggingBucketEncryption = defineCheck({
  id: 'logging.bucket-encryption',
  title: 'With s3EncryptionEnabled=true, the bucket’s default encryption is SSE-S3 or SSE-KMS',
  layer: 'logging',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'With s3EncryptionEnabled=true, the SSM agent checks the bucket’s default encryption at session start and refuses the session unless it is AES256 (SSE-S3) or aws:kms (SSE-KMS). Since 2023-01-05 every bucket has SSE-S3 by default, so this fails on DSSE-KMS or an unreadable configuration.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html',
    ],
    checkov: ['CKV_AWS_145'],
  },
  docs: {
    passes:
      "With `s3EncryptionEnabled=true`, the bucket's default encryption is SSE-S3 (AES256) or SSE-KMS (aws:kms). In lint, a bucket that sets none gets SSE-S3, S3's default since 2023-01-05.",
    fails:
      'The bucket has no default encryption, or another algorithm such as DSSE-KMS (aws:kms:dsse), which the SSM agent treats as unencrypted: it refuses every session with "We couldn\'t start the session because encryption is not set up on the selected Amazon S3 bucket." Unknown when s3:GetEncryptionConfiguration is denied.',
    fix: {
      cli: `aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"KEY_ARN"}}]}' --region REGION`,
      cloudformation: `ExecLogBucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms   # or AES256`,
      terraform: `resource "aws_s3_bucket_server_side_encryption_configuration" "exec_logs" {
  bucket = aws_s3_bucket.exec_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms" # or "AES256"
    }
  }
}`,
      cdk: `new s3.Bucket(this, 'ExecLogBucket', { encryption: s3.BucketEncryption.KMS });`,
    },
    notApplicable:
      'Skipped unless `logging=OVERRIDE` names a bucket with `s3EncryptionEnabled=true`, and when the bucket does not exist (logging.bucket-exists reports it).',
  },
  run(target) {
    const destination = bucketDestination(target);
    if (isNotJudged(destination)) return [destination.result];
    if (!destination.encryptionEnabled) {
      return [
        skip(
          execConfigurationProperty(target, destination.encryptionSetting),
          's3EncryptionEnabled is false: the SSM agent does not check the bucket’s encryption.',
        ),
      ];
    }
    const lookup = lookedUp(target, target.bucket, destination, 'S3 bucket', 's3:GetEncryptionConfiguration');
    if (isNotJudged(lookup)) return [lookup.result];
    const bucket = lookup.value;
    if (!bucket) {
      return [
        skip(
          destination.resource,
          `Bucket ${destination.name} does not exist; logging.bucket-exists reports it.`,
        ),
      ];
    }
    const encryption = bucket.encryption;
    const about = { resource: destination.resource, property: 'encryption' };
    if (encryption === undefined) {
      // Since 2023-01-05 S3 applies SSE-S3 to every bucket without a configuration, so a
      // template that sets none gets AES256.
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html
      if (target.mode === 'lint') {
        return [
          pass(about, `Bucket ${destination.name} gets SSE-S3 (AES256), S3's default since 2023-01-05.`, [
            `linted files: bucket ${destination.name} sets no BucketEncryption, so S3 applies SSE-S3 (AES256)`,
          ]),
        ];
      }
      return [
        unknown(
          about,
          `Could not read the default encryption of bucket ${destination.name}.`,
          's3:GetEncryptionConfiguration',
        ),
      ];
    }
    if (encryption === null) {
      return [
        fail(
          about,
          `Bucket ${destination.name} has no default encryption but the cluster sets s3EncryptionEnabled=true: the SSM agent refuses every session with "${REFUSAL}" (S3 has applied SSE-S3 to every bucket since 2023-01-05, so re-check with aws s3api get-bucket-encryption.)`,
          encryptFix(target, destination),
          ['GetBucketEncryption: no default-encryption configuration'],
        ),
      ];
    }
    const algorithm = { resource: destination.resource, property: 'encryption.algorithm' };
    const observed = `${observedBy(target, 'GetBucketEncryption')}: ${destination.name} SSEAlgorithm=${encryption.algorithm}`;
    if (ACCEPTED_ALGORITHMS.includes(encryption.algorithm)) {
      return [
        pass(
          algorithm,
          `Bucket ${destination.name} default encryption is ${encryption.algorithm}, which the SSM agent accepts.`,
          [observed],
        ),
      ];
    }
    return [
      fail(
        algorithm,
        `Bucket ${destination.name} default encryption is ${encryption.algorithm}; the SSM agent accepts only AES256 and aws:kms and treats anything else as unencrypted, so it refuses every session with "${REFUSAL}"`,
        encryptFix(target, destination, encryption.kmsMasterKeyId),
        [observed],
      ),
    ];
  },
});
