import { expect } from 'vitest';
import { loggingBucketEncryption } from '../../src/checks/logging/bucket-encryption.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { KEY_ARN, targetWith } from '../support/targets.js';

const REFUSAL =
  "We couldn't start the session because encryption is not set up on the selected Amazon S3 bucket. Either encrypt the bucket or choose an option to enable logging without encryption.";

function execConfig(target: ExecTarget) {
  if (!target.cluster.known) throw new Error('fixture cluster is unknown');
  return target.cluster.value.executeCommandConfiguration!;
}

function bucketEncryption(encryption: { algorithm: string; kmsMasterKeyId?: string } | null | undefined) {
  return (target: ExecTarget) => {
    target.bucket = known({ name: 'exec-audit-bucket', encryption, versioning: 'Enabled' });
  };
}

checkTable(loggingBucketEncryption, {
  valid: [
    {
      name: 'SSE-KMS',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'default encryption is aws:kms, which the SSM agent accepts',
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual(['GetBucketEncryption: exec-audit-bucket SSEAlgorithm=aws:kms']),
    },
    {
      name: 'SSE-S3',
      target: targetWith(bucketEncryption({ algorithm: 'AES256' })),
      statuses: ['pass'],
      message: 'default encryption is AES256',
    },
    {
      name: 'lint: no BucketEncryption in the template gets the SSE-S3 default',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
        bucketEncryption(undefined)(t);
      }),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence[0]).toMatch(/sets no BucketEncryption, so S3 applies SSE-S3/),
    },
    {
      name: 'encryption not required',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.s3EncryptionEnabled = false;
        bucketEncryption({ algorithm: 'aws:kms:dsse' })(t);
      }),
      statuses: ['skip'],
      message: 's3EncryptionEnabled is false',
    },
    {
      name: 'missing bucket is left to logging.bucket-exists',
      target: targetWith((t) => {
        t.bucket = known(null);
      }),
      statuses: ['skip'],
      message: 'logging.bucket-exists reports it',
    },
    {
      name: 'logging NONE',
      target: targetWith((t) => {
        execConfig(t).logging = 'NONE';
        execConfig(t).logConfiguration = undefined;
        t.bucket = undefined;
      }),
      statuses: ['skip'],
      message: 'Exec logging is NONE',
    },
  ],
  invalid: [
    {
      name: 'DSSE-KMS is treated as unencrypted',
      target: targetWith(bucketEncryption({ algorithm: 'aws:kms:dsse', kmsMasterKeyId: KEY_ARN })),
      statuses: ['fail'],
      message: `default encryption is aws:kms:dsse; the SSM agent accepts only AES256 and aws:kms and treats anything else as unencrypted, so it refuses every session with "${REFUSAL}"`,
      fix: `aws s3api put-bucket-encryption --bucket exec-audit-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"${KEY_ARN}"}}]}' --region us-east-1`,
      assert: ([finding]) => expect(finding?.fix?.summary).toMatch(/or set s3EncryptionEnabled=false/),
    },
    {
      name: 'no default encryption',
      target: targetWith(bucketEncryption(null)),
      statuses: ['fail'],
      message:
        /no default encryption .* "We couldn't start the session because encryption is not set up on the selected Amazon S3 bucket\. .*since 2023-01-05/,
      fix: '{"SSEAlgorithm":"AES256"}',
    },
    {
      name: 'GetBucketEncryption not read',
      target: targetWith(bucketEncryption(undefined)),
      statuses: ['unknown'],
      message: 'Could not read the default encryption of bucket exec-audit-bucket',
      assert: ([finding]) => expect(finding?.needs).toBe('s3:GetEncryptionConfiguration'),
    },
    {
      name: 'bucket could not be read at all',
      target: targetWith((t) => {
        t.bucket = unavailable('AccessDenied');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('s3:GetEncryptionConfiguration'),
    },
    {
      name: 'lint: the failure points at the algorithm',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
        bucketEncryption({ algorithm: 'aws:kms:dsse' })(t);
        t.locations = {
          'arn:aws:s3:::exec-audit-bucket#encryption.algorithm': {
            file: 'template.yaml',
            line: 33,
            column: 15,
          },
        };
      }),
      statuses: ['fail'],
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 33, column: 15 }),
    },
  ],
});
