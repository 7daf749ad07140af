import { expect } from 'vitest';
import { taskRoleKmsDecrypt } from '../../src/checks/task-role/kms-decrypt.js';
import { checkTable } from '../support/check-table.js';
import {
  ADMINISTRATOR_ACCESS,
  accessDenied,
  allow,
  asLint,
  deny,
  KEY_ARN,
  keyPolicyNaming,
  policy,
  scps,
  setKeyPolicy,
  TASK_ROLE_ARN,
  taskRoleWith,
} from '../support/iam-targets.js';

const DECRYPT = policy('ecs-exec-kms', allow('kms:Decrypt', KEY_ARN, { Sid: 'Decrypt' }));

/** The key policy the linted files declare: the account root, as CloudFormation leaves it open. */
const LINT_ROOT_TRUST = {
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::unknown:root' }, Action: 'kms:*', Resource: '*' },
  ],
};

checkTable(taskRoleKmsDecrypt, {
  valid: [
    {
      name: 'the key policy trusts the account and the role may decrypt',
      target: taskRoleWith([DECRYPT]),
      statuses: ['pass'],
      message:
        /task role `app-task` may call kms:Decrypt on KMS key arn:aws:kms:us-east-1:111122223333:key\/1234abcd/,
      assert: (findings) =>
        expect(findings[0]!.evidence[0]).toMatch(
          /allowed by key policy 1234abcd-12ab-34cd-56ef-1234567890ab statement Enable IAM User Permissions, identity policy ecs-exec-kms statement Decrypt/,
        ),
    },
    {
      name: 'the key policy names the role directly: no identity policy needed',
      target: taskRoleWith([], (t) => setKeyPolicy(t, keyPolicyNaming(TASK_ROLE_ARN, ['kms:Decrypt']))),
      statuses: ['pass'],
      assert: (findings) =>
        expect(findings[0]!.evidence[0]).toMatch(/allowed by key policy .* statement KeyUsers/),
    },
    {
      name: 'lint: the key policy and the role policy come from the files',
      target: taskRoleWith([policy('ecs-exec', allow('kms:Decrypt', 'ExecKey'))], (t) => {
        asLint(t);
        setKeyPolicy(t, LINT_ROOT_TRUST);
      }),
      statuses: ['pass'],
      message: /may call kms:Decrypt on KMS key ExecKey/,
    },
    {
      name: 'the cluster configures no KMS key',
      target: taskRoleWith([DECRYPT], (t) => {
        if (t.cluster.known) delete t.cluster.value.executeCommandConfiguration!.kmsKeyId;
        t.kmsKey = undefined;
      }),
      statuses: ['skip'],
    },
    {
      name: 'no task role',
      target: taskRoleWith([DECRYPT], (t) => {
        t.taskRole = { known: true, value: null };
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'a key policy without account-root trust that names another role',
      target: taskRoleWith([DECRYPT], (t) =>
        setKeyPolicy(t, keyPolicyNaming('arn:aws:iam::111122223333:role/other', ['kms:Decrypt'])),
      ),
      statuses: ['fail'],
      message:
        /neither names arn:aws:iam::111122223333:role\/app-task nor lets IAM policies of account 111122223333 allow kms:Decrypt.*Fetching data key failed/,
      fix: /"Principal":\{"AWS":"arn:aws:iam::111122223333:role\/app-task"\},"Action":"kms:Decrypt"/,
      assert: (findings) =>
        expect(findings[0]!.fix!.cli).toMatch(/aws kms get-key-policy .*\n.*\naws kms put-key-policy/),
    },
    {
      name: 'the key policy trusts the account, but the role may not decrypt',
      target: taskRoleWith([policy('app', allow('s3:GetObject', '*'))]),
      statuses: ['fail'],
      fix: /put-role-policy --role-name app-task --policy-name ecs-exec-kms --policy-document '.*"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key\/1234abcd/,
    },
    {
      name: 'AdministratorAccess, but an SCP denies kms:Decrypt outside a service',
      target: taskRoleWith([ADMINISTRATOR_ACCESS], (t) => {
        t.serviceControlPolicies = scps(
          allow('*', '*'),
          deny('kms:Decrypt', '*', {
            Sid: 'OnlyViaServices',
            Condition: { Null: { 'kms:ViaService': 'true' } },
          }),
        );
      }),
      statuses: ['fail'],
      message: /denied by SCP deny-exec statement OnlyViaServices/,
    },
    {
      name: 'the grant requires kms:ViaService: the agent calls KMS directly',
      target: taskRoleWith([
        policy(
          'ecs-exec-kms',
          allow('kms:Decrypt', KEY_ARN, {
            Sid: 'ViaSsm',
            Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } },
          }),
        ),
      ]),
      statuses: ['fail'],
      message: /ecs-exec-kms statement ViaSsm allows it only through an AWS service/,
    },
    {
      name: 'the key policy could not be read',
      target: taskRoleWith([DECRYPT], (t) => {
        if (t.kmsKey?.known && t.kmsKey.value) t.kmsKey.value.policy = accessDenied('kms:GetKeyPolicy');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('kms:GetKeyPolicy'),
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
      name: 'lint: the key policy names the role by its logical id',
      target: taskRoleWith([], (t) => {
        asLint(t);
        setKeyPolicy(t, keyPolicyNaming('TaskRole', ['kms:Decrypt']));
      }),
      statuses: ['unknown'],
      message: /names TaskRole, which the linted files do not resolve to an ARN/,
    },
  ],
});
