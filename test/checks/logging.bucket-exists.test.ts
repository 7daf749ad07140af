import { expect } from 'vitest';
import { loggingBucketExists } from '../../src/checks/logging/bucket-exists.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

function execConfig(target: ExecTarget) {
  if (!target.cluster.known) throw new Error('fixture cluster is unknown');
  return target.cluster.value.executeCommandConfiguration!;
}

checkTable(loggingBucketExists, {
  valid: [
    {
      name: 'the configured bucket exists',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'S3 bucket exec-audit-bucket exists',
      assert: ([finding]) => {
        expect(finding?.resource).toBe('arn:aws:s3:::exec-audit-bucket');
        expect(finding?.evidence).toEqual(['HeadBucket: bucket exec-audit-bucket exists']);
      },
    },
    {
      name: 'lint: the bucket is not in the linted files',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
        t.bucket = undefined;
      }),
      statuses: ['skip'],
      message: 'S3 bucket exec-audit-bucket is not defined in the linted files',
    },
    {
      name: 'OVERRIDE to CloudWatch only',
      target: targetWith((t) => {
        execConfig(t).logConfiguration!.s3BucketName = undefined;
        t.bucket = undefined;
      }),
      statuses: ['skip'],
      message: 'names no S3 bucket',
    },
    {
      name: 'live: the bucket was not looked up',
      target: targetWith((t) => {
        t.bucket = undefined;
      }),
      statuses: ['skip'],
      message: 'S3 bucket exec-audit-bucket was not looked up',
    },
  ],
  invalid: [
    {
      name: 'missing bucket with encryption on: the session is refused',
      target: targetWith((t) => {
        t.bucket = known(null);
      }),
      statuses: ['fail'],
      message: /does not exist: with s3EncryptionEnabled=true .* refuses the session/,
      fix: 'aws s3api create-bucket --bucket exec-audit-bucket --region us-east-1',
      assert: ([finding]) => {
        expect(finding?.fix?.cli).not.toMatch(/LocationConstraint/);
        expect(finding?.fix?.summary).toMatch(/or fix s3BucketName/);
      },
    },
    {
      name: 'missing bucket outside us-east-1: LocationConstraint, transcript lost',
      target: targetWith((t) => {
        t.region = 'eu-west-1';
        execConfig(t).logConfiguration!.s3EncryptionEnabled = false;
        t.bucket = known(null);
      }),
      statuses: ['fail'],
      message: 'cannot upload the transcript when the session ends',
      fix: 'aws s3api create-bucket --bucket exec-audit-bucket --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1',
    },
    {
      name: 'HeadBucket refused',
      target: targetWith((t) => {
        t.bucket = unavailable('403 Forbidden on HeadBucket');
      }),
      statuses: ['unknown'],
      message:
        'Could not read S3 bucket exec-audit-bucket: 403 Forbidden on HeadBucket (needs s3:ListBucket)',
      assert: ([finding]) => expect(finding?.needs).toBe('s3:ListBucket'),
    },
  ],
});
