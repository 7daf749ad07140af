import { callerSubject, isResult } from '../iam-subjects.js';
import { judgeSessionKeyUse, sessionKey } from '../kms-helpers.js';
import { defineCheck } from '../types.js';

/**
 * With a cluster kmsKeyId, the Session Manager plugin on the user's machine calls
 * kms:GenerateDataKey with the caller's credentials during the session handshake. Both an
 * identity policy and the key policy must allow it (or the key policy names the caller). The call
 * goes to KMS directly, so a kms:ViaService condition on the grant never matches.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */

export const callerKmsGenerateDataKey = defineCheck({
  id: 'caller.kms-generate-data-key',
  title: "The caller may call kms:GenerateDataKey on the cluster's exec KMS key",
  layer: 'caller',
  suite: 'readiness',
  modes: ['live'],
  needs: ['policies'],
  rationale:
    'With a cluster KMS key, the Session Manager plugin calls kms:GenerateDataKey with your credentials in the handshake. KMS needs the key policy to allow it, by naming you or by trusting the account so that your IAM policies can; otherwise every session fails.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html',
    ],
  },
  docs: {
    passes:
      "The key policy names the caller, or trusts the account and the caller's identity policies allow `kms:GenerateDataKey` on the key, within the permission boundary and the SCPs when given. The request carries the encryption context keys `aws:ssm:SessionId` and `aws:ssm:TargetId` (their values are not known in advance: a key policy that only tests their presence still decides).",
    fails:
      'Fails when the key policy neither names the caller nor trusts the account, when no identity policy allows it, on an explicit Deny, or when the only grant requires `kms:ViaService` (the plugin calls KMS directly). Every session then fails with "Error calling KMS GenerateDataKey API". Unknown when the key policy could not be read (kms:GetKeyPolicy) or a condition tests the encryption context values.',
    fix: {
      cli: `# an identity statement scoped to the key (the key policy must trust the account):
aws iam put-role-policy --role-name ROLE --policy-name ecs-exec-kms --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:GenerateDataKey","Resource":"KEY_ARN"}]}'
# or a key policy statement naming the caller:
aws kms get-key-policy --key-id KEY_ARN --policy-name default --query Policy --output text > key-policy.json
# add {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ACCOUNT:role/ROLE"},"Action":"kms:GenerateDataKey","Resource":"*"} to Statement, then:
aws kms put-key-policy --key-id KEY_ARN --policy-name default --policy file://key-policy.json`,
      cdk: `key.grant(role, 'kms:GenerateDataKey');`,
    },
    notApplicable:
      'Skipped when the cluster configures no KMS key, or the key does not exist (cluster.kms-key-usable reports it).',
  },
  run(target, context) {
    const subject = callerSubject(target, context);
    const key = sessionKey(target, subject.resource);
    if (isResult(key)) return [key];
    if (isResult(subject)) return [subject];
    return [
      judgeSessionKeyUse(
        target,
        subject,
        key,
        {
          resource: subject.resource,
          action: 'kms:GenerateDataKey',
          consequence:
            'The Session Manager plugin calls it with your credentials in the session handshake, so every session fails with "Error calling KMS GenerateDataKey API: AccessDeniedException".',
          policyName: 'ecs-exec-kms',
        },
        context.now,
      ),
    ];
  },
});
