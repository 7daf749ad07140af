import { isResult } from '../iam-subjects.js';
import { judgeSessionKeyUse, sessionKey } from '../kms-helpers.js';
import { taskResource } from '../target-helpers.js';
import { defineCheck } from '../types.js';
import { agentRoleSubject } from './subject.js';

/**
 * With a cluster kmsKeyId, the SSM agent in the container decrypts the session's data key (made by
 * the plugin's GenerateDataKey) with kms:Decrypt under the task role, directly, with the
 * encryption context aws:ssm:SessionId + aws:ssm:TargetId. The key policy must allow it, by naming
 * the role or by trusting the account so that the role's IAM policies can.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://github.com/aws/amazon-ssm-agent/blob/mainline/agent/session/crypto/blockcipher.go
 */

export const taskRoleKmsDecrypt = defineCheck({
  id: 'task-role.kms-decrypt',
  title: "The task role may call kms:Decrypt on the cluster's exec KMS key",
  layer: 'task-role',
  suite: 'readiness',
  modes: ['live', 'lint'],
  needs: ['policies'],
  rationale:
    "With a cluster KMS key, the SSM agent in the container decrypts each session's data key with the task role. KMS needs the key policy to allow it, by naming the role or by trusting the account so that the role's IAM policies can; otherwise the handshake fails.",
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
    ],
  },
  docs: {
    passes:
      "The key policy names the task role, or trusts the account and the role's identity policies allow `kms:Decrypt` on the key, within the permission boundary and the SCPs when given. In lint, the key policy and the role's policies come from the files.",
    fails:
      'Fails when the key policy neither names the role nor trusts the account, when no identity policy allows `kms:Decrypt` on the key, on an explicit Deny, or when the only grant requires `kms:ViaService` (the agent calls KMS directly). Sessions then fail in the handshake with "Fetching data key failed: Unable to retrieve data key". Unknown when the key policy or the role\'s policies could not be read, or a condition tests the encryption context values.',
    fix: {
      cli: `aws iam put-role-policy --role-name TASK_ROLE --policy-name ecs-exec-kms --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"KEY_ARN"}]}'`,
      cloudformation: `TaskRole:
  Type: AWS::IAM::Role
  Properties:
    Policies:
      - PolicyName: ecs-exec-kms
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: kms:Decrypt
              Resource: !GetAtt ExecKey.Arn`,
      terraform: `resource "aws_iam_role_policy" "ecs_exec_kms" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.exec.arn }]
  })
}`,
      cdk: 'execKey.grantDecrypt(taskDefinition.taskRole);',
    },
    notApplicable:
      'Skipped when the cluster configures no KMS key, when the key does not exist (cluster.kms-key-usable reports it), or when the task has no task role.',
  },
  run(target, context) {
    const key = sessionKey(target, taskResource(target));
    if (isResult(key)) return [key];
    const subject = agentRoleSubject(target, context);
    if (isResult(subject)) return [subject];
    return [
      judgeSessionKeyUse(
        target,
        subject,
        key,
        {
          resource: subject.resource,
          action: 'kms:Decrypt',
          consequence:
            'The SSM agent in the container decrypts the session\'s data key with this role, so every session fails in the handshake with "Fetching data key failed: Unable to retrieve data key".',
          policyName: 'ecs-exec-kms',
        },
        context.now,
      ),
    ];
  },
});
