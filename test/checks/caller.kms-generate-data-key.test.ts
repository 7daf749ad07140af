import { expect } from 'vitest';
import { callerKmsGenerateDataKey } from '../../src/checks/caller/kms-generate-data-key.js';
import { checkTable } from '../support/check-table.js';
import {
  ADMINISTRATOR_ACCESS,
  accessDenied,
  allow,
  callerWith,
  DEVELOPER_ROLE_ARN,
  deny,
  KEY_ARN,
  keyPolicyNaming,
  policy,
  ROOT_TRUST,
  scps,
  sessionCaller,
  setKeyPolicy,
  USER_ARN,
} from '../support/iam-targets.js';

const GENERATE = policy('ecs-exec-kms', allow('kms:GenerateDataKey', KEY_ARN, { Sid: 'SessionKey' }));

/** A key policy trusting the account, plus a condition on the session's encryption context. */
function rootTrustWith(condition: Record<string, unknown>): unknown {
  return {
    Version: '2012-10-17',
    Statement: [{ ...ROOT_TRUST.Statement[0], Condition: condition }],
  };
}

checkTable(callerKmsGenerateDataKey, {
  valid: [
    {
      name: 'the key policy trusts the account and an identity policy allows it',
      target: callerWith([GENERATE]),
      statuses: ['pass'],
      assert: (findings) =>
        expect(findings[0]!.evidence[0]).toBe(
          `kms:GenerateDataKey on \`${KEY_ARN}\`: allowed by key policy 1234abcd-12ab-34cd-56ef-1234567890ab statement Enable IAM User Permissions, identity policy ecs-exec-kms statement SessionKey`,
        ),
    },
    {
      name: 'the key policy names the caller directly: no identity policy needed',
      target: callerWith([], (t) => setKeyPolicy(t, keyPolicyNaming(USER_ARN, ['kms:GenerateDataKey']))),
      statuses: ['pass'],
      message: /caller `alice` may call kms:GenerateDataKey/,
    },
    {
      name: 'the key policy names the role of an assumed-role caller',
      target: callerWith([], (t) => {
        sessionCaller(t, []);
        setKeyPolicy(t, keyPolicyNaming(DEVELOPER_ROLE_ARN, ['kms:GenerateDataKey*']));
      }),
      statuses: ['pass'],
    },
    {
      name: 'a key policy that only requires the session encryption context to be present',
      target: callerWith([GENERATE], (t) =>
        setKeyPolicy(t, rootTrustWith({ Null: { 'kms:EncryptionContext:aws:ssm:SessionId': 'false' } })),
      ),
      statuses: ['pass'],
    },
    {
      name: 'a key policy that limits the encryption context keys to the SSM ones',
      target: callerWith([GENERATE], (t) =>
        setKeyPolicy(
          t,
          rootTrustWith({
            'ForAllValues:StringEquals': {
              'kms:EncryptionContextKeys': ['aws:ssm:SessionId', 'aws:ssm:TargetId'],
            },
          }),
        ),
      ),
      statuses: ['pass'],
    },
    {
      name: 'the cluster configures no KMS key',
      target: callerWith([GENERATE], (t) => {
        if (t.cluster.known) delete t.cluster.value.executeCommandConfiguration!.kmsKeyId;
        t.kmsKey = undefined;
      }),
      statuses: ['skip'],
    },
    {
      name: 'the key does not exist',
      target: callerWith([GENERATE], (t) => {
        t.kmsKey = { known: true, value: null };
      }),
      statuses: ['skip'],
      message: /cluster\.kms-key-usable reports it/,
    },
  ],
  invalid: [
    {
      name: 'a key policy without account-root trust: the identity policy alone never grants',
      target: callerWith([GENERATE], (t) =>
        setKeyPolicy(t, keyPolicyNaming('arn:aws:iam::111122223333:role/app-task', ['kms:Decrypt'])),
      ),
      statuses: ['fail'],
      message:
        /neither names arn:aws:iam::111122223333:user\/alice nor lets IAM policies of account 111122223333 allow kms:GenerateDataKey/,
      fix: /aws kms put-key-policy --key-id arn:aws:kms:us-east-1:111122223333:key\/1234abcd-12ab-34cd-56ef-1234567890ab --policy-name default --region us-east-1 --policy file:\/\/key-policy\.json/,
      assert: (findings) =>
        expect(findings[0]!.fix!.summary).toContain(
          '"Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"}',
        ),
    },
    {
      name: 'a session caller and a key policy without root trust: the reason and the fix both name the role',
      target: callerWith([], (t) => {
        sessionCaller(t, [GENERATE]);
        setKeyPolicy(t, keyPolicyNaming('arn:aws:iam::111122223333:role/app-task', ['kms:Decrypt']));
      }),
      statuses: ['fail'],
      message: `neither names ${DEVELOPER_ROLE_ARN} nor lets IAM policies of account 111122223333 allow kms:GenerateDataKey`,
      fix: `"Principal":{"AWS":"${DEVELOPER_ROLE_ARN}"}`,
      assert: (findings) => expect(findings[0]!.message).not.toContain('assumed-role'),
    },
    {
      name: 'the key policy trusts the account, but no identity policy allows it',
      target: callerWith([policy('ecs-exec', allow('ecs:ExecuteCommand', '*'))]),
      statuses: ['fail'],
      message: /every session fails with "Error calling KMS GenerateDataKey API/,
      fix: /put-user-policy --user-name alice --policy-name ecs-exec-kms --policy-document '.*"Action":"kms:GenerateDataKey","Resource":"arn:aws:kms:us-east-1:111122223333:key\/1234abcd/,
    },
    {
      name: 'the only grant requires kms:ViaService: the plugin calls KMS directly',
      target: callerWith([
        policy(
          'kms-via-ssm',
          allow('kms:GenerateDataKey', KEY_ARN, {
            Sid: 'ViaSsm',
            Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } },
          }),
        ),
      ]),
      statuses: ['fail'],
      message:
        /: identity policy kms-via-ssm statement ViaSsm requires kms:ViaService=ssm\.us-east-1\.amazonaws\.com; the request has no kms:ViaService\. .*kms-via-ssm statement ViaSsm allows it only through an AWS service \(kms:ViaService\), but this call goes to KMS directly/,
    },
    {
      name: 'AdministratorAccess, but an SCP denies KMS data keys',
      target: callerWith([ADMINISTRATOR_ACCESS], (t) => {
        t.serviceControlPolicies = scps(
          allow('*', '*'),
          deny('kms:GenerateDataKey*', '*', { Sid: 'NoDataKeys' }),
        );
      }),
      statuses: ['fail'],
      message: /denied by SCP deny-exec statement NoDataKeys/,
    },
    {
      name: 'a key policy conditioned on the session id value',
      target: callerWith([GENERATE], (t) =>
        setKeyPolicy(
          t,
          rootTrustWith({ StringLike: { 'kms:EncryptionContext:aws:ssm:SessionId': 'alice-*' } }),
        ),
      ),
      statuses: ['unknown'],
      assert: (findings) =>
        expect(findings[0]!.needs).toBe('context keys kms:EncryptionContext:aws:ssm:SessionId'),
    },
    {
      name: 'the key policy could not be read',
      target: callerWith([GENERATE], (t) => {
        if (t.kmsKey?.known && t.kmsKey.value) t.kmsKey.value.policy = accessDenied('kms:GetKeyPolicy');
      }),
      statuses: ['unknown'],
      message: /depends on its key policy, which could not be read: AccessDenied on kms:GetKeyPolicy/,
      assert: (findings) => expect(findings[0]!.needs).toBe('kms:GetKeyPolicy'),
    },
    {
      name: 'policies unavailable: AccessDenied on iam:GetRolePolicy',
      target: callerWith([], (t) => {
        sessionCaller(t, []);
        if (t.caller?.known) t.caller.value.policies = accessDenied('iam:GetRolePolicy');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('iam:GetRolePolicy'),
    },
    {
      name: 'the key could not be described',
      target: callerWith([GENERATE], (t) => {
        t.kmsKey = accessDenied('kms:DescribeKey');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('kms:DescribeKey'),
    },
  ],
});
