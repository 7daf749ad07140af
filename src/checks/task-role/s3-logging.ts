import type { ExecTarget } from '../../model/index.js';
import { describeUnavailable, isArn, partitionDnsSuffix } from '../../model/index.js';
import {
  type Ask,
  DIRECT_CALL_ABSENT_KEYS,
  directCallContext,
  evidenceLines,
  judge,
  scpEvidence,
} from '../iam-helpers.js';
import { reasonsOf, requirementResult } from '../iam-results.js';
import { isResult, type Subject } from '../iam-subjects.js';
import { type KeyToJudge, keyAsk, keyToJudge, keyUseResult } from '../kms-helpers.js';
import { bucketDestination, type Destination, isNotJudged } from '../logging/destinations.js';
import { knownValue } from '../results.js';
import { type CheckResult, defineCheck } from '../types.js';
import { agentRoleSubject } from './subject.js';

/**
 * With an S3 destination, the SSM agent uploads the transcript at session end with the task role
 * (s3:PutObject under the key prefix). With s3EncryptionEnabled=true it first reads the bucket's
 * default encryption (s3:GetEncryptionConfiguration) and refuses the session if it cannot. With an
 * SSE-KMS bucket, S3 asks KMS for a data key on the role's behalf, so the role also needs
 * kms:GenerateDataKey on the bucket's key, through S3 (kms:ViaService).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html#require-sse-kms
 */

const UNABLE_TO_VALIDATE =
  "Couldn't start the session because we are unable to validate encryption on Amazon S3 bucket";

/** The prefix as the docs' grant writes it: `bucket/prefix*`. */
function prefixOf(target: ExecTarget): string {
  return knownValue(target.cluster)?.executeCommandConfiguration?.logConfiguration?.s3KeyPrefix ?? '';
}

/** An object the agent would write: the transcript, named after the session, under the prefix. */
function transcriptArn(target: ExecTarget, destination: Destination): string {
  const prefix = prefixOf(target).replace(/\/+$/, '');
  return `${destination.resource}/${prefix ? `${prefix}/` : ''}ecs-execute-command-SESSION_ID.log`;
}

function s3Ask(target: ExecTarget, action: string, resource: string, now: Date): Ask {
  return { action, resource, context: directCallContext(target, now), absentKeys: DIRECT_CALL_ABSENT_KEYS };
}

/** The bucket's key: the cluster's key (whose policy was read) or one the tool knows only by id. */
function bucketKey(target: ExecTarget, keyId: string): KeyToJudge {
  const clusterKey = knownValue(target.kmsKey);
  if (clusterKey && [clusterKey.arn, clusterKey.keyId, clusterKey.reference].includes(keyId)) {
    return keyToJudge(target, clusterKey);
  }
  const resource = keyId.startsWith('alias/') ? keyId : `key/${keyId}`;
  return {
    arn: isArn(keyId)
      ? keyId
      : `arn:${target.partition}:kms:${target.region}:${target.accountId}:${resource}`,
    region: target.region,
    policy: {
      known: false,
      reason: `the key policy of the bucket's key ${keyId} is not read`,
      permission: 'kms:GetKeyPolicy',
    },
  };
}

/**
 * SSE-KMS: kms:GenerateDataKey through S3. When the key policy is not known, an identity grant is
 * reported as info: the key policy must still allow it.
 */
function bucketKeyResult(
  target: ExecTarget,
  subject: Subject,
  keyId: string,
  bucket: string,
  now: Date,
): CheckResult {
  const key = bucketKey(target, keyId);
  const ask = keyAsk(
    target,
    subject,
    key,
    {
      action: 'kms:GenerateDataKey',
      // Lint may not know the region: then a kms:ViaService condition stays undecided.
      context: {
        ...(target.region === 'unknown'
          ? {}
          : { 'kms:ViaService': `s3.${target.region}.${partitionDnsSuffix(target.partition)}` }),
        'aws:ViaAWSService': true,
      },
      encryptionContextKeys: ['aws:s3:arn'],
    },
    now,
  );
  const judged = judge(subject, ask);
  const keyPolicy = key.policy;
  if (!keyPolicy.known && judged.evaluation.decision === 'unknown') {
    const identityOnly = judge(subject, { ...ask, resourcePolicyKind: 'generic' });
    if (identityOnly.evaluation.decision === 'allowed') {
      return {
        status: 'info',
        resource: subject.resource,
        message: `Bucket ${bucket} uses SSE-KMS with key ${keyId}: ${subject.label}'s policies allow kms:GenerateDataKey on it, and the key policy (not read) must allow it too, by trusting the account or naming the role.`,
        evidence: [...evidenceLines([identityOnly]), scpEvidence(subject), describeUnavailable(keyPolicy)],
      };
    }
  }
  return keyUseResult(target, {
    resource: subject.resource,
    subject,
    key,
    judged,
    consequence: `Bucket ${bucket} uses SSE-KMS: S3 asks KMS for a data key on the role's behalf, so the transcript upload fails.`,
    policyName: 'ecs-exec-s3-kms',
  });
}

export const taskRoleS3Logging = defineCheck({
  id: 'task-role.s3-logging',
  title: 'The task role may write exec transcripts to the S3 bucket',
  layer: 'task-role',
  suite: 'readiness',
  modes: ['live', 'lint'],
  needs: ['policies'],
  rationale:
    'The SSM agent uploads the session transcript to the configured bucket with the task role: s3:PutObject under the key prefix, and with s3EncryptionEnabled=true, s3:GetEncryptionConfiguration on the bucket, without which it refuses the session. An SSE-KMS bucket also needs kms:GenerateDataKey on its key.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
    ],
  },
  docs: {
    passes:
      "With `logging=OVERRIDE` and an `s3BucketName`, the task role's policies allow `s3:PutObject` on `arn:aws:s3:::BUCKET/PREFIX*` and, with `s3EncryptionEnabled=true`, `s3:GetEncryptionConfiguration` on the bucket, within the permission boundary and the SCPs when given. With an SSE-KMS bucket, `kms:GenerateDataKey` on its key through S3 is judged too (with the key policy when it is the cluster's key). Bucket policies are not evaluated.",
    fails:
      'Fails for a denied `s3:PutObject` (the transcript upload at session end fails) or `s3:GetEncryptionConfiguration` (with `s3EncryptionEnabled=true` the agent refuses every session: "Couldn\'t start the session because we are unable to validate encryption on Amazon S3 bucket"), and for a denied `kms:GenerateDataKey` on an SSE-KMS bucket\'s key. Info when the identity policies allow the key but its key policy was not read; unknown when the policies could not be read or a condition needs a context key the tool cannot know.',
    fix: {
      cli: `aws iam put-role-policy --role-name TASK_ROLE --policy-name ecs-exec-s3 --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::BUCKET/PREFIX*"},{"Effect":"Allow","Action":"s3:GetEncryptionConfiguration","Resource":"arn:aws:s3:::BUCKET"}]}'`,
      terraform: `resource "aws_iam_role_policy" "ecs_exec_s3" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:PutObject", Resource = "\${aws_s3_bucket.exec.arn}/PREFIX*" },
      { Effect = "Allow", Action = "s3:GetEncryptionConfiguration", Resource = aws_s3_bucket.exec.arn },
    ]
  })
}`,
      cdk: "execBucket.grantPut(taskDefinition.taskRole, 'PREFIX*'); // plus s3:GetEncryptionConfiguration on the bucket",
    },
    notApplicable:
      'Skipped unless `logging=OVERRIDE` names an S3 bucket, and when the task has no task role.',
  },
  run(target, context) {
    const destination = bucketDestination(target);
    if (isNotJudged(destination)) return [destination.result];
    const subject = agentRoleSubject(target, context);
    if (isResult(subject)) return [subject];
    const now = context.now;
    const bucket = destination.name;
    const objects = `${destination.resource}/${prefixOf(target)}*`;
    const results = [
      requirementResult({
        subject,
        judged: [judge(subject, s3Ask(target, 's3:PutObject', transcriptArn(target, destination), now))],
        passMessage: `${subject.label} may put session transcripts in ${objects}.`,
        failMessage: (denied) =>
          `${subject.label} may not call s3:PutObject on ${objects}: ${reasonsOf(denied)}. The SSM agent uploads the transcript at session end, so it is lost.`,
        grant: {
          statement: {
            Sid: 'EcsExecTranscripts',
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: objects,
          },
          policyName: 'ecs-exec-s3',
        },
      }),
    ];
    if (destination.encryptionEnabled) {
      results.push(
        requirementResult({
          subject,
          judged: [judge(subject, s3Ask(target, 's3:GetEncryptionConfiguration', destination.resource, now))],
          passMessage: `${subject.label} may read bucket ${bucket}'s default encryption, which the SSM agent checks with s3EncryptionEnabled=true.`,
          failMessage: (denied) =>
            `${subject.label} may not call s3:GetEncryptionConfiguration on bucket ${bucket}: ${reasonsOf(denied)}. With s3EncryptionEnabled=true the SSM agent refuses every session: "${UNABLE_TO_VALIDATE}".`,
          grant: {
            statement: {
              Sid: 'EcsExecBucketEncryption',
              Effect: 'Allow',
              Action: 's3:GetEncryptionConfiguration',
              Resource: destination.resource,
            },
            policyName: 'ecs-exec-s3-encryption',
          },
        }),
      );
    }
    const encryption = knownValue(target.bucket)?.encryption;
    if (encryption?.algorithm === 'aws:kms' && encryption.kmsMasterKeyId) {
      results.push(bucketKeyResult(target, subject, encryption.kmsMasterKeyId, bucket, now));
    }
    return results;
  },
});
