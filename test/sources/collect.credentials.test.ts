import { ExpiredTokenException, GetCallerIdentityCommand, STSServiceException } from '@aws-sdk/client-sts';
import { describe, expect, it, vi } from 'vitest';
import { IncompleteError } from '../../src/engine/errors.js';
import { Attempts } from '../../src/sources/aws/attempt.js';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import { classifyError } from '../../src/sources/aws/errors.js';
import { createSdkApi } from '../../src/sources/aws/sdk-api.js';
import { CLUSTER, TASK_ID } from '../support/aws-responses.js';
import { answerFargate, liveApi, useMockAws } from './mock-aws.js';

const aws = useMockAws();
const request = { cluster: CLUSTER, tasks: [TASK_ID] };

const EXPIRED = 'The security token included in the request is expired';

/**
 * Credential errors arrive with HTTP 403, like access denied, but mean nothing can be read.
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 */
const credentialErrors: [string, () => Error][] = [
  [
    'ExpiredTokenException',
    () => new ExpiredTokenException({ $metadata: { httpStatusCode: 403 }, message: EXPIRED }),
  ],
  [
    'ExpiredToken',
    () =>
      new STSServiceException({
        name: 'ExpiredToken',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: EXPIRED,
      }),
  ],
  [
    'InvalidClientTokenId',
    () =>
      new STSServiceException({
        name: 'InvalidClientTokenId',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'The security token included in the request is invalid.',
      }),
  ],
];

describe('collectLiveTargets: credentials, region and throttling', () => {
  it.each(credentialErrors)(
    '%s on GetCallerIdentity: the run stops, incomplete, with one line',
    async (name, error) => {
      answerFargate(aws);
      const thrown = error();
      aws.sts.on(GetCallerIdentityCommand).rejects(thrown);

      const caught = await collectLiveTargets(liveApi(), request).catch((failure: unknown) => failure);

      expect(caught).toBeInstanceOf(IncompleteError);
      expect((caught as Error).message).toBe(
        `AWS credentials refused: sts:GetCallerIdentity failed: ${name}: ${thrown.message}`,
      );
      expect((caught as Error).message).not.toContain('\n');
    },
  );

  it('no region anywhere (no flag, env, profile or ARN): the run stops, incomplete, saying how to give one', async () => {
    vi.stubEnv('AWS_REGION', '');
    vi.stubEnv('AWS_DEFAULT_REGION', '');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');

    const caught = await collectLiveTargets(createSdkApi({}), request).catch((failure: unknown) => failure);

    expect(caught).toBeInstanceOf(IncompleteError);
    expect((caught as Error).message).toBe(
      'no AWS region: pass --region, set AWS_REGION, or give the task as an ARN',
    );
    expect(aws.ecs.calls()).toHaveLength(0);
  });

  it('a throttling error that outlasts the SDK retries is classified throttled: the fact is unknown, the run not incomplete', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(classifyError(throttled)).toBe('throttled');

    const attempts = new Attempts({
      defaultRegion: async () => 'us-east-1',
      call: async () => {
        throw throttled;
      },
    });
    const result = await attempts.attempt('ecs:DescribeServices', { services: ['web'] }, 'us-east-1');

    expect(result).toMatchObject({
      ok: false,
      kind: 'throttled',
      reason: 'ecs:DescribeServices failed: ThrottlingException: Rate exceeded',
    });
    expect(attempts.problems).toEqual([]);
  });
});
