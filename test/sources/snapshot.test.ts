import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeClustersCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { GetBucketEncryptionCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import { redactSnapshot } from '../../src/sources/aws/redact.js';
import type { LiveRequest } from '../../src/sources/aws/resolve.js';
import { recordingApi, replayApi, SNAPSHOT_FORMAT, Snapshot } from '../../src/sources/aws/snapshot.js';
import {
  ACCOUNT,
  accessDenied,
  arns,
  cluster,
  describeClusters,
  describeKey,
  describeTaskDefinition,
  ec2TaskDefinition,
  HOME,
  type Place,
  s3Errors,
} from '../support/aws-responses.js';
import { answerEc2, liveApi, useMockAws } from './mock-aws.js';

const aws = useMockAws();

/** The exec KMS key lives in a central security account; the image in a shared ECR registry account. */
const SECURITY: Place = { ...HOME, account: '444455556666' };
const REGISTRY = '777788889999';
const request: LiveRequest = { tasks: [arns.task()] };

/** An EC2 task (so the snapshot holds an EC2 reservation's OwnerId) with cross-account key and image. */
function answerCrossAccountEc2Task(): void {
  answerEc2(aws);
  const keyArn = arns.key(SECURITY);
  const definition = ec2TaskDefinition(HOME);
  definition.containerDefinitions = definition.containerDefinitions!.map((container) => ({
    ...container,
    image: arns.ecrImage({ ...HOME, account: REGISTRY }, 'worker:2.0.1'),
  }));
  const base = cluster(HOME);
  const exec = base.configuration!.executeCommandConfiguration!;
  aws.ecs
    .on(DescribeClustersCommand)
    .resolves(
      describeClusters({
        ...base,
        configuration: { executeCommandConfiguration: { ...exec, kmsKeyId: keyArn } },
      }),
    )
    .on(DescribeTaskDefinitionCommand)
    .resolves(describeTaskDefinition(definition));
  aws.kms.on(DescribeKeyCommand).resolves(describeKey(SECURITY));
  // Failures are recorded too: they must replay as the same facts.
  aws.logs.on(DescribeLogGroupsCommand).rejects(accessDenied('logs:DescribeLogGroups'));
  aws.s3.on(GetBucketEncryptionCommand).rejects(s3Errors.noEncryption());
}

/** Records a live run over the mocked SDK into a snapshot, as `--record` writes it (through JSON). */
async function recordRun() {
  const recorder = recordingApi(liveApi());
  const live = await collectLiveTargets(recorder.api, request);
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: 1,
    recordedAt: '2026-11-20T12:00:00.000Z',
    request,
    defaultRegion: await recorder.api.defaultRegion(),
    calls: recorder.calls,
  };
  return { live, snapshot: Snapshot.parse(JSON.parse(JSON.stringify(snapshot))) };
}

/** Replaces each id by its stand-in (000000000001, … in order of first appearance in the text). */
function standInsFor(text: string, ids: string[]): (value: string) => string {
  const ordered = [...ids].sort((a, b) => text.indexOf(a) - text.indexOf(b));
  return (value) =>
    ordered.reduce((result, id, index) => result.replaceAll(id, String(index + 1).padStart(12, '0')), value);
}

describe('snapshots: record, replay, redact', () => {
  it('records each call once, with its answer or its error', async () => {
    answerCrossAccountEc2Task();
    const { snapshot } = await recordRun();

    expect(snapshot.calls.map((call) => call.operation).sort()).toEqual([
      'ec2:DescribeInstances',
      'ecs:DescribeClusters',
      'ecs:DescribeContainerInstances',
      'ecs:DescribeTaskDefinition',
      'ecs:DescribeTasks',
      'iam:GetInstanceProfile',
      'kms:DescribeKey',
      'logs:DescribeLogGroups',
      's3:GetBucketEncryption',
      's3:GetBucketVersioning',
      's3:GetObjectLockConfiguration',
      's3:HeadBucket',
      'sts:GetCallerIdentity',
    ]);
    expect(snapshot.calls.every((call) => call.region === 'us-east-1')).toBe(true);
    expect(snapshot.calls.find((call) => call.operation === 's3:GetBucketEncryption')?.error).toEqual({
      name: 'ServerSideEncryptionConfigurationNotFoundError',
      message: 'The server side encryption configuration was not found',
      httpStatusCode: 404,
    });
    expect(snapshot.calls.find((call) => call.operation === 'kms:DescribeKey')).toMatchObject({
      input: { KeyId: arns.key(SECURITY) },
      region: 'us-east-1',
    });
  });

  it('replays a recorded run to the identical ExecTarget, failures included', async () => {
    answerCrossAccountEc2Task();
    const { live, snapshot } = await recordRun();

    const replayed = await collectLiveTargets(replayApi(snapshot), snapshot.request);

    expect(replayed).toEqual(live);
    expect(replayed.targets[0]!.logGroup).toMatchObject({
      known: false,
      permission: 'logs:DescribeLogGroups',
    });
    expect(replayed.targets[0]!.bucket).toMatchObject({ known: true, value: { encryption: null } });
  });

  it('redacts every account id consistently (ARNs, OwnerId, ECR image URIs), and the result still replays', async () => {
    answerCrossAccountEc2Task();
    const { live, snapshot } = await recordRun();
    const original = JSON.stringify(snapshot);
    // The ids are where the test expects them before redaction.
    expect(original).toContain(`"OwnerId":"${ACCOUNT}"`);
    expect(original).toContain(`${REGISTRY}.dkr.ecr.us-east-1.amazonaws.com/worker:2.0.1`);
    expect(original).not.toContain(`arn:aws:ecr:us-east-1:${REGISTRY}`);

    const redacted = redactSnapshot(snapshot);
    const text = JSON.stringify(redacted);
    const redact = standInsFor(original, [ACCOUNT, SECURITY.account, REGISTRY]);

    for (const id of [ACCOUNT, SECURITY.account, REGISTRY]) expect(text).not.toContain(id);
    expect(text).toBe(redact(original));
    expect(redacted.request.tasks).toEqual([redact(arns.task())]);

    const replayed = await collectLiveTargets(replayApi(Snapshot.parse(redacted)), redacted.request);
    expect(JSON.stringify(replayed)).toBe(redact(JSON.stringify(live)));
    expect(replayed.targets[0]!.accountId).toBe('000000000001');
  });

  it('redacts an id found only in an owner field, wherever it appears, but not inside longer numbers', () => {
    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT,
      version: 1,
      recordedAt: '2026-11-20T12:00:00.000Z',
      request: {},
      calls: [
        {
          operation: 'ec2:DescribeInstances',
          region: 'us-east-1',
          input: { InstanceIds: ['i-0a1b2c3d4e5f67890'] },
          output: { Reservations: [{ OwnerId: '135792468024', ReservationId: 'r-0123456789abcdef0' }] },
        },
        {
          operation: 'ecs:DescribeServices',
          region: 'us-east-1',
          input: { services: ['web'] },
          output: {
            services: [{ deployments: [{ id: 'ecs-svc/1357924680241234567' }] }],
            note: '135792468024',
          },
        },
      ],
    };

    const redacted = redactSnapshot(snapshot);

    expect(redacted.calls[0]!.output).toEqual({
      Reservations: [{ OwnerId: '000000000001', ReservationId: 'r-0123456789abcdef0' }],
    });
    // A longer run of digits that merely starts with the id is not an account id.
    expect(redacted.calls[1]!.output).toEqual({
      services: [{ deployments: [{ id: 'ecs-svc/1357924680241234567' }] }],
      note: '000000000001',
    });
  });
});
