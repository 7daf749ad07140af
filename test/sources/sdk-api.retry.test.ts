import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSdkApi } from '../../src/sources/aws/sdk-api.js';
import { cluster, describeClusters } from '../support/aws-responses.js';

/**
 * aws-sdk-client-mock replaces `send`, so the SDK's retry middleware never runs under it. To test
 * that createSdkApi's retry configuration absorbs throttling, this file points the real ECS client
 * at a local HTTP server (AWS_ENDPOINT_URL_ECS) that speaks ECS's JSON protocol: the first request
 * gets ThrottlingException, the next one the answer. Nothing leaves the machine.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
const requests: { target: string | undefined; body: string }[] = [];
let throttleFirst = 1;
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push({ target: request.headers['x-amz-target'] as string | undefined, body });
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (requests.length <= throttleFirst) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      response.end(JSON.stringify(describeClusters(cluster())));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  requests.length = 0;
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_ENDPOINT_URL_ECS', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => vi.unstubAllEnvs();
});

describe('createSdkApi retries', () => {
  it('a ThrottlingException once, then success: the SDK retries and the call succeeds', async () => {
    throttleFirst = 1;
    const api = createSdkApi({ region: 'us-east-1' });

    const output = await api.call(
      'ecs:DescribeClusters',
      { clusters: ['demo'], include: ['CONFIGURATIONS', 'TAGS'] },
      'us-east-1',
    );

    expect(output.clusters?.[0]?.clusterName).toBe('demo');
    expect(output).not.toHaveProperty('$metadata');
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.target).toBe('AmazonEC2ContainerServiceV20141113.DescribeClusters');
      expect(JSON.parse(request.body)).toEqual({ clusters: ['demo'], include: ['CONFIGURATIONS', 'TAGS'] });
    }
  });
});
