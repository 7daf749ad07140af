import {
  AccessDeniedException,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Attempts } from '../../src/sources/aws/attempt.js';
import { readOrganizationScps } from '../../src/sources/aws/organizations.js';
import { createSdkApi } from '../../src/sources/aws/sdk-api.js';

const organizations = mockClient(OrganizationsClient);
const ACCOUNT = '111122223333';
const OU = 'ou-ab12-cdef3456';
const ROOT = 'r-ab12';

/** A policy summary and DescribePolicy answer, as the Organizations API reference shows them. */
function scp(id: string, name: string, statement: object) {
  return {
    summary: {
      Id: id,
      Arn: `arn:aws:organizations::999988887777:policy/o-exampleorgid/service_control_policy/${id}`,
      Name: name,
      Description: name,
      Type: 'SERVICE_CONTROL_POLICY' as const,
      AwsManaged: id === 'p-FullAWSAccess',
    },
    content: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
  };
}

const FULL_ACCESS = scp('p-FullAWSAccess', 'FullAWSAccess', { Effect: 'Allow', Action: '*', Resource: '*' });
const DENY_EXEC = scp('p-examplepolicyid111', 'DenyExecOutsideEu', {
  Sid: 'DenyExecOutsideEu',
  Effect: 'Deny',
  Action: 'ecs:ExecuteCommand',
  Resource: '*',
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
});

describe('readOrganizationScps (--org-scps)', () => {
  beforeEach(() => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    organizations.reset();
  });
  afterEach(() => organizations.reset());

  it('reads the SCPs of every level, root → OU → account, every page of each', async () => {
    organizations
      .on(ListParentsCommand, { ChildId: ACCOUNT })
      .resolves({ Parents: [{ Id: OU, Type: 'ORGANIZATIONAL_UNIT' }] })
      .on(ListParentsCommand, { ChildId: OU })
      .resolves({ Parents: [{ Id: ROOT, Type: 'ROOT' }] });
    organizations
      .on(ListPoliciesForTargetCommand, { TargetId: ROOT, Filter: 'SERVICE_CONTROL_POLICY' })
      .resolves({ Policies: [FULL_ACCESS.summary] })
      .on(ListPoliciesForTargetCommand, { TargetId: OU, Filter: 'SERVICE_CONTROL_POLICY' })
      .resolves({ Policies: [FULL_ACCESS.summary], NextToken: 'page-2' })
      .on(ListPoliciesForTargetCommand, {
        TargetId: OU,
        Filter: 'SERVICE_CONTROL_POLICY',
        NextToken: 'page-2',
      })
      .resolves({ Policies: [DENY_EXEC.summary] })
      .on(ListPoliciesForTargetCommand, { TargetId: ACCOUNT, Filter: 'SERVICE_CONTROL_POLICY' })
      .resolves({ Policies: [FULL_ACCESS.summary] });
    organizations
      .on(DescribePolicyCommand, { PolicyId: FULL_ACCESS.summary.Id })
      .resolves({ Policy: { PolicySummary: FULL_ACCESS.summary, Content: FULL_ACCESS.content } })
      .on(DescribePolicyCommand, { PolicyId: DENY_EXEC.summary.Id })
      .resolves({ Policy: { PolicySummary: DENY_EXEC.summary, Content: DENY_EXEC.content } });

    const scps = await readOrganizationScps(
      new Attempts(createSdkApi({ region: 'us-east-1' })),
      ACCOUNT,
      'us-east-1',
    );
    expect(scps.known).toBe(true);
    if (!scps.known) return;
    expect(scps.value.map((level) => level.map((policy) => policy.name))).toEqual([
      ['FullAWSAccess'],
      ['FullAWSAccess', 'DenyExecOutsideEu'],
      ['FullAWSAccess'],
    ]);
    expect(scps.value[1]![1]!.document).toBe(DENY_EXEC.content);
  });

  it('outside the management account: unavailable, naming the permission', async () => {
    organizations.on(ListParentsCommand).rejects(
      new AccessDeniedException({
        message: 'You don’t have permissions to access this resource.',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const scps = await readOrganizationScps(
      new Attempts(createSdkApi({ region: 'us-east-1' })),
      ACCOUNT,
      'us-east-1',
    );
    expect(scps).toEqual({
      known: false,
      reason: 'AccessDenied on organizations:ListParents',
      permission: 'organizations:ListParents',
    });
  });
});
