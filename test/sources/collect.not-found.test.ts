import {
  DescribeLogGroupsCommand,
  type DescribeLogGroupsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  ClusterNotFoundException,
  DescribeClustersCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  ServiceNotFoundException,
} from '@aws-sdk/client-ecs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/engine/errors.js';
import { type ExecTarget, known } from '../../src/model/index.js';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import type { LiveRequest } from '../../src/sources/aws/resolve.js';
import {
  accessDenied,
  arns,
  BUCKET,
  CLUSTER,
  clusterMissing,
  describeLogGroups,
  HOME,
  kmsKeyNotFound,
  LOG_GROUP,
  logGroup,
  REGION,
  SERVICE,
  s3Errors,
  TASK_ID,
} from '../support/aws-responses.js';
import { answerFargate, liveApi, useMockAws } from './mock-aws.js';

const aws = useMockAws();
const request: LiveRequest = { cluster: CLUSTER, tasks: [TASK_ID] };

async function collectOne(): Promise<ExecTarget> {
  const { targets } = await collectLiveTargets(liveApi(), request);
  return targets[0]!;
}

async function usageError(asked: LiveRequest): Promise<Error> {
  const error = await collectLiveTargets(liveApi(), asked).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UsageError);
  return error as Error;
}

describe('collectLiveTargets: what does not exist', () => {
  it('a cluster DescribeClusters reports MISSING is a usage error', async () => {
    answerFargate(aws);
    aws.ecs
      .on(DescribeClustersCommand)
      .resolves(clusterMissing(HOME, 'nope'))
      // ECS answers DescribeTasks in a missing cluster with ClusterNotFoundException.
      .on(DescribeTasksCommand)
      .rejects(
        new ClusterNotFoundException({ $metadata: { httpStatusCode: 400 }, message: 'Cluster not found.' }),
      );

    const error = await usageError({ cluster: 'nope', tasks: [TASK_ID] });
    expect(error.message).toBe(`cluster "nope" not found in ${REGION}`);
  });

  it('a task DescribeTasks reports MISSING is a usage error naming it', async () => {
    answerFargate(aws);
    const missingArn = arns.task(HOME, 'ffffffffffffffffffffffffffffffff');
    aws.ecs
      .on(DescribeTasksCommand)
      .resolves({ tasks: [], failures: [{ arn: missingArn, reason: 'MISSING' }] });

    const error = await usageError({ cluster: CLUSTER, tasks: ['ffffffffffffffffffffffffffffffff'] });
    expect(error.message).toBe(`task not found in cluster "${CLUSTER}" (${REGION}): ${missingArn} (MISSING)`);
  });

  it('a service ListTasks does not know is a usage error', async () => {
    answerFargate(aws);
    aws.ecs
      .on(ListTasksCommand)
      .rejects(
        new ServiceNotFoundException({ $metadata: { httpStatusCode: 400 }, message: 'Service not found.' }),
      );

    const error = await usageError({ cluster: CLUSTER, service: 'nope' });
    expect(error.message).toBe(`service not found in cluster "${CLUSTER}" (${REGION})`);
  });

  it('a service with no running task is a usage error', async () => {
    answerFargate(aws);
    aws.ecs.on(ListTasksCommand).resolves({ taskArns: [] });

    const error = await usageError({ cluster: CLUSTER, service: SERVICE });
    expect(error.message).toBe(`service "${SERVICE}" has no running tasks (${REGION})`);
  });

  it('a KMS key that does not exist is known to be null', async () => {
    answerFargate(aws);
    aws.kms.on(DescribeKeyCommand).rejects(kmsKeyNotFound(arns.key()));

    expect((await collectOne()).kmsKey).toEqual(known(null));
  });

  it('a log group no page of DescribeLogGroups holds is known to be null', async () => {
    answerFargate(aws);
    aws.logs
      .on(DescribeLogGroupsCommand)
      .callsFake((input: DescribeLogGroupsCommandInput) =>
        input.nextToken === undefined
          ? describeLogGroups([logGroup(HOME, `${LOG_GROUP}-old`)], 'page-2')
          : describeLogGroups([]),
      );

    expect((await collectOne()).logGroup).toEqual(known(null));
    expect(aws.logs).toHaveReceivedCommandTimes(DescribeLogGroupsCommand, 2);
  });

  it('a bucket HeadBucket answers 404 for is known to be null', async () => {
    answerFargate(aws);
    aws.s3
      .on(HeadBucketCommand)
      .rejects(s3Errors.headNotFound())
      .on(GetBucketEncryptionCommand)
      .rejects(s3Errors.noSuchBucket())
      .on(GetBucketVersioningCommand)
      .rejects(s3Errors.noSuchBucket())
      .on(GetObjectLockConfigurationCommand)
      .rejects(s3Errors.noSuchBucket());

    expect((await collectOne()).bucket).toEqual(known(null));
  });

  it('a bucket without default encryption or Object Lock: encryption null, objectLockEnabled false', async () => {
    answerFargate(aws);
    aws.s3
      .on(GetBucketEncryptionCommand)
      .rejects(s3Errors.noEncryption())
      .on(GetObjectLockConfigurationCommand)
      .rejects(s3Errors.noObjectLock());

    expect((await collectOne()).bucket).toEqual(
      known({ name: BUCKET, encryption: null, versioning: 'Enabled', objectLockEnabled: false }),
    );
  });

  it('a bucket never versioned (GetBucketVersioning answers no Status) reads as Disabled', async () => {
    answerFargate(aws);
    aws.s3.on(GetBucketVersioningCommand).resolves({});

    expect((await collectOne()).bucket).toMatchObject({ known: true, value: { versioning: 'Disabled' } });
  });

  it('HeadBucket denied but no encryption configuration: the bucket exists, without encryption', async () => {
    answerFargate(aws);
    aws.s3
      .on(HeadBucketCommand)
      .rejects(accessDenied('s3:HeadBucket'))
      .on(GetBucketEncryptionCommand)
      .rejects(s3Errors.noEncryption());

    expect((await collectOne()).bucket).toEqual(
      known({ name: BUCKET, encryption: null, versioning: 'Enabled', objectLockEnabled: true }),
    );
  });
});
