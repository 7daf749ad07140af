import { describe, expect, it } from 'vitest';
import { type AuthorizationRequest, evaluate, type NamedPolicy } from '../../src/iam/index.js';

/**
 * `conditionRefusals`: for an implicit deny, the Allow statements of the deciding layer that match
 * the action, the principal and the resource but fail a condition, with the conditions that failed
 * and what the request has. Fixes are built from it (widen this condition, add this tag).
 */

const ACCOUNT = '111122223333';
const CLUSTER = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`;
const request: AuthorizationRequest = {
  principal: {
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops/bob`,
    accountId: ACCOUNT,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/ops`,
  },
  action: 'ecs:ExecuteCommand',
  resource: CLUSTER,
  context: { 'aws:RequestedRegion': 'us-east-1', 'aws:ResourceTag/team': 'web' },
  absentKeys: ['aws:ResourceTag/environment'],
};

const policy = (name: string, ...statements: object[]): NamedPolicy => ({
  name,
  document: { Version: '2012-10-17', Statement: statements },
});

describe('conditionRefusals', () => {
  it('names the statement, each failing condition as written and the request values', () => {
    const result = evaluate(request, {
      identityPolicies: [
        policy('ecs-exec', {
          Sid: 'ExecInProduction',
          Effect: 'Allow',
          Action: 'ecs:ExecuteCommand',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:ResourceTag/environment': 'production', 'aws:ResourceTag/team': 'web' },
            StringEqualsIfExists: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
          },
        }),
      ],
    });
    expect(result.decision).toBe('implicit-deny');
    expect(result.conditionRefusals).toEqual([
      {
        statement: {
          policy: 'ecs-exec',
          layer: 'identity-policy',
          sid: 'ExecInProduction',
          index: 0,
          effect: 'Allow',
        },
        conditions: [
          { operator: 'StringEquals', key: 'aws:ResourceTag/environment', values: ['production'] },
          {
            operator: 'StringEqualsIfExists',
            key: 'aws:RequestedRegion',
            values: ['eu-west-1', 'eu-central-1'],
            actual: ['us-east-1'],
          },
        ],
      },
    ]);
  });

  it('keeps only the deciding layer: an identity statement refused by a condition is not blamed for a boundary deny', () => {
    const result = evaluate(request, {
      identityPolicies: [
        policy('admin', { Effect: 'Allow', Action: '*', Resource: '*' }),
        policy('conditional', {
          Sid: 'NeverMatches',
          Effect: 'Allow',
          Action: 'ecs:ExecuteCommand',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'ap-south-1' } },
        }),
      ],
      permissionBoundary: policy('boundary', {
        Sid: 'OnlyEu',
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      }),
    });
    expect(result.decidedBy).toBe('permission-boundary');
    expect(result.conditionRefusals?.map((refusal) => refusal.statement.sid)).toEqual(['OnlyEu']);
  });

  it('is absent when no statement comes that close, and on allows and explicit denies', () => {
    const wrongResource = evaluate(request, {
      identityPolicies: [
        policy('tasks-only', {
          Effect: 'Allow',
          Action: 'ecs:ExecuteCommand',
          Resource: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/*`,
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        }),
      ],
    });
    expect(wrongResource.decision).toBe('implicit-deny');
    expect(wrongResource.conditionRefusals).toBeUndefined();

    const denied = evaluate(request, {
      identityPolicies: [
        policy(
          'mixed',
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'ecs:*', Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'ecs:ExecuteCommand',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          },
        ),
      ],
    });
    expect(denied.decision).toBe('explicit-deny');
    expect(denied.conditionRefusals).toBeUndefined();
  });

  it('does not take an undecidable condition for a refusal', () => {
    const result = evaluate(request, {
      identityPolicies: [
        policy('ip', {
          Effect: 'Allow',
          Action: 'ecs:ExecuteCommand',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
        }),
      ],
    });
    expect(result.decision).toBe('unknown');
    expect(result.conditionRefusals).toBeUndefined();
  });
});
