import { expect } from 'vitest';
import { taskRoleS3Logging } from '../../src/checks/task-role/s3-logging.js';
import { checkTable } from '../support/check-table.js';
import {
  accessDenied,
  allow,
  asLint,
  deny,
  KEY_ARN,
  keyPolicyNaming,
  policy,
  scps,
  setKeyPolicy,
  taskRoleWith,
} from '../support/iam-targets.js';

const BUCKET_ARN = 'arn:aws:s3:::exec-audit-bucket';
const PUT = allow('s3:PutObject', `${BUCKET_ARN}/exec/*`, { Sid: 'Transcripts' });
const ENCRYPTION = allow('s3:GetEncryptionConfiguration', BUCKET_ARN, { Sid: 'BucketEncryption' });
const DATA_KEY = allow('kms:GenerateDataKey', KEY_ARN, { Sid: 'BucketKey' });
const ALL = policy('ecs-exec-s3', PUT, ENCRYPTION, DATA_KEY);

checkTable(taskRoleS3Logging, {
  valid: [
    {
      name: 'PutObject under the prefix, the encryption read, and the SSE-KMS key',
      target: taskRoleWith([ALL]),
      statuses: ['pass', 'pass', 'pass'],
      message:
        /may put session transcripts in arn:aws:s3:::exec-audit-bucket\/exec\/\*[\s\S]*may read bucket exec-audit-bucket's default encryption[\s\S]*may call kms:GenerateDataKey/,
      assert: (findings) =>
        expect(findings[0]!.evidence[0]).toBe(
          's3:PutObject on `arn:aws:s3:::exec-audit-bucket/exec/ecs-execute-command-SESSION_ID.log`: allowed by identity policy ecs-exec-s3 statement Transcripts',
        ),
    },
    {
      name: 'the bucket key may be used only through S3',
      target: taskRoleWith([
        policy(
          'ecs-exec-s3',
          PUT,
          ENCRYPTION,
          allow('kms:GenerateDataKey', KEY_ARN, {
            Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
          }),
        ),
      ]),
      statuses: ['pass', 'pass', 'pass'],
    },
    {
      name: 'a prefix without a trailing slash, granted as the docs write it',
      target: taskRoleWith(
        [policy('ecs-exec-s3', allow('s3:PutObject', `${BUCKET_ARN}/staging/exec*`), ENCRYPTION, DATA_KEY)],
        (t) => {
          const log = t.cluster.known
            ? t.cluster.value.executeCommandConfiguration?.logConfiguration
            : undefined;
          if (log) log.s3KeyPrefix = 'staging/exec';
        },
      ),
      statuses: ['pass', 'pass', 'pass'],
    },
    {
      name: 'SSE-S3 and no encryption check: PutObject alone',
      target: taskRoleWith([policy('ecs-exec-s3', PUT)], (t) => {
        const log = t.cluster.known
          ? t.cluster.value.executeCommandConfiguration?.logConfiguration
          : undefined;
        if (log) log.s3EncryptionEnabled = false;
        if (t.bucket?.known && t.bucket.value) t.bucket.value.encryption = { algorithm: 'AES256' };
      }),
      statuses: ['pass'],
    },
    {
      name: 'an SSE-KMS bucket with another key: the identity side allows it, its key policy is not read',
      target: taskRoleWith(
        [policy('ecs-exec-s3', PUT, ENCRYPTION, allow('kms:GenerateDataKey', '*'))],
        (t) => {
          if (t.bucket?.known && t.bucket.value) {
            t.bucket.value.encryption = {
              algorithm: 'aws:kms',
              kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/bucket-key',
            };
          }
        },
      ),
      statuses: ['pass', 'pass', 'info'],
      message: /the key policy \(not read\) must allow it too/,
    },
    {
      name: 'lint: the policies come from the files',
      target: taskRoleWith([ALL], (t) => {
        asLint(t);
        if (t.bucket?.known && t.bucket.value) t.bucket.value.encryption = { algorithm: 'AES256' };
      }),
      statuses: ['pass', 'pass'],
    },
    {
      name: 'no S3 destination',
      target: taskRoleWith([ALL], (t) => {
        const log = t.cluster.known
          ? t.cluster.value.executeCommandConfiguration?.logConfiguration
          : undefined;
        if (log) delete log.s3BucketName;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'PutObject granted under another prefix',
      target: taskRoleWith([
        policy('ecs-exec-s3', allow('s3:PutObject', `${BUCKET_ARN}/other/*`), ENCRYPTION, DATA_KEY),
      ]),
      statuses: ['fail', 'pass', 'pass'],
      message: /may not call s3:PutObject on arn:aws:s3:::exec-audit-bucket\/exec\/\*: .*so it is lost/,
      fix: /put-role-policy --role-name app-task --policy-name ecs-exec-s3 --policy-document '.*"Action":"s3:PutObject","Resource":"arn:aws:s3:::exec-audit-bucket\/exec\/\*"/,
    },
    {
      name: 'no GetEncryptionConfiguration with s3EncryptionEnabled=true',
      target: taskRoleWith([policy('ecs-exec-s3', PUT, DATA_KEY)]),
      statuses: ['pass', 'fail', 'pass'],
      message:
        /refuses every session: "Couldn't start the session because we are unable to validate encryption on Amazon S3 bucket"/,
      fix: /"Action":"s3:GetEncryptionConfiguration","Resource":"arn:aws:s3:::exec-audit-bucket"/,
    },
    {
      name: 'SSE-KMS: the role may not generate data keys with the bucket key',
      target: taskRoleWith([policy('ecs-exec-s3', PUT, ENCRYPTION)]),
      statuses: ['pass', 'pass', 'fail'],
      message:
        /Bucket exec-audit-bucket uses SSE-KMS: S3 asks KMS for a data key on the role's behalf, so the transcript upload fails/,
    },
    {
      name: 'SSE-KMS: a key policy without account-root trust',
      target: taskRoleWith([ALL], (t) =>
        setKeyPolicy(t, keyPolicyNaming('arn:aws:iam::111122223333:role/other', ['kms:*'])),
      ),
      statuses: ['pass', 'pass', 'fail'],
      fix: /aws kms put-key-policy/,
    },
    {
      name: 'an SCP denies s3:PutObject',
      target: taskRoleWith([ALL], (t) => {
        t.serviceControlPolicies = scps(allow('*', '*'), deny('s3:PutObject', '*', { Sid: 'NoUploads' }));
      }),
      statuses: ['fail', 'pass', 'pass'],
      message: /denied by SCP deny-exec statement NoUploads/,
    },
    {
      name: 'policies unavailable: AccessDenied on iam:GetRolePolicy',
      target: taskRoleWith([], (t) => {
        if (t.taskRole.known && t.taskRole.value)
          t.taskRole.value.policies = accessDenied('iam:GetRolePolicy');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('iam:GetRolePolicy'),
    },
    {
      name: 'an upload condition on a key the tool cannot know',
      target: taskRoleWith([
        policy(
          'ecs-exec-s3',
          allow('s3:PutObject', `${BUCKET_ARN}/exec/*`, {
            Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
          }),
          ENCRYPTION,
          DATA_KEY,
        ),
      ]),
      statuses: ['unknown', 'pass', 'pass'],
      assert: (findings) => expect(findings[0]!.needs).toBe('context keys s3:x-amz-server-side-encryption'),
    },
  ],
});
