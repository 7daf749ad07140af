import type { ExecTarget, KmsKey } from '../../model/index.js';
import { parseArn } from '../../model/index.js';
import { type About, fail, pass, skip, unknown, unknownFromFact } from '../results.js';
import { clusterAbout, execConfigurationProperty, regionFlag } from '../target-helpers.js';
import type { CheckResult, Fix } from '../types.js';
import { defineCheck } from '../types.js';
import { UPDATE_CLUSTER_NOTE, updateClusterCommand } from './exec-configuration.js';

/**
 * With a cluster key, the Session Manager plugin calls kms:GenerateDataKey and the agent in the
 * container calls kms:Decrypt, both in the task's region. GenerateDataKey works only on an enabled
 * symmetric encryption key, so any other key makes every session fail in the handshake.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */

const DESCRIBE_KEY = 'kms:DescribeKey';

function keyEvidence(target: ExecTarget, fact: string): string {
  return `${target.mode === 'live' ? 'DescribeKey' : 'KMS key'}: ${fact}`;
}

function createKeyCommand(target: ExecTarget): string {
  return `aws kms create-key --key-spec SYMMETRIC_DEFAULT --key-usage ENCRYPT_DECRYPT ${regionFlag(target)}`;
}

/** Point the cluster at another key (made by `keyCommand`), keeping its logging settings. */
function useAnotherKeyFix(target: ExecTarget, summary: string, keyCommand = createKeyCommand(target)): Fix {
  const configuration = target.cluster.known ? target.cluster.value.executeCommandConfiguration : undefined;
  return {
    summary: `${summary} ${UPDATE_CLUSTER_NOTE}`,
    cli: `${keyCommand}\n${updateClusterCommand(target, { ...configuration, kmsKeyId: 'NEW_KEY_ARN' })}`,
    cloudformation:
      'AWS::ECS::Cluster Configuration.ExecuteCommandConfiguration.KmsKeyId: a symmetric key ARN',
    terraform:
      'aws_ecs_cluster: configuration { execute_command_configuration { kms_key_id = aws_kms_key.exec.arn } }',
    cdk: 'new ecs.Cluster(this, …, { executeCommandConfiguration: { kmsKey: new kms.Key(this, …) } })',
  };
}

/** Each key state that refuses GenerateDataKey, with the way back to Enabled. */
function stateFix(target: ExecTarget, key: KmsKey): Fix {
  const keyId = `--key-id ${key.arn} ${regionFlag(target)}`;
  switch (key.keyState) {
    case 'Disabled':
      return { summary: 'Enable the key.', cli: `aws kms enable-key ${keyId}` };
    case 'PendingDeletion':
    case 'PendingReplicaDeletion':
      return {
        summary: 'Cancel the scheduled deletion; the key is then Disabled, so enable it too.',
        cli: `aws kms cancel-key-deletion ${keyId}\naws kms enable-key ${keyId}`,
      };
    case 'PendingImport':
      return {
        summary:
          'The key has no key material: import it (get-parameters-for-import, then import-key-material).',
        cli: `aws kms get-parameters-for-import ${keyId} --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_4096\naws kms import-key-material ${keyId} --encrypted-key-material fileb://EncryptedKeyMaterial.bin --import-token fileb://ImportToken.bin --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE`,
      };
    case 'Unavailable':
      return {
        summary: "The key's custom key store is disconnected: reconnect it.",
        cli: `aws kms connect-custom-key-store --custom-key-store-id CUSTOM_KEY_STORE_ID ${regionFlag(target)}`,
      };
    case 'Creating':
    case 'Updating':
      return { summary: `The key is ${key.keyState}: wait until it is Enabled, then retry.` };
    default:
      return useAnotherKeyFix(target, 'Use an enabled symmetric key.');
  }
}

/** The key's region: from its ARN, else from the reference if that is an ARN. */
function keyRegion(key: KmsKey): string | undefined {
  return parseArn(key.arn)?.region || parseArn(key.reference)?.region || undefined;
}

function judgeKey(target: ExecTarget, about: About, key: KmsKey): CheckResult[] {
  const problems: CheckResult[] = [];
  const unknowns: CheckResult[] = [];
  const evidence: string[] = [];
  const name = key.arn;

  if (key.keyState === 'Enabled') evidence.push(keyEvidence(target, 'keyState=Enabled'));
  else {
    problems.push(
      fail(
        about,
        `KMS key ${name} is ${key.keyState}; sessions need an Enabled key.`,
        stateFix(target, key),
        [keyEvidence(target, `keyState=${key.keyState}`)],
      ),
    );
  }

  const expected = { keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT' } as const;
  for (const field of ['keySpec', 'keyUsage'] as const) {
    const value = key[field];
    if (value === undefined) {
      unknowns.push(unknown(about, `The ${field} of KMS key ${name} is not known.`, DESCRIBE_KEY));
    } else if (value === expected[field]) evidence.push(keyEvidence(target, `${field}=${value}`));
    else {
      problems.push(
        fail(
          about,
          `KMS key ${name} has ${field}=${value}; ECS Exec needs a symmetric encryption key (${expected[field]}), because the plugin calls GenerateDataKey.`,
          useAnotherKeyFix(target, 'Create a symmetric ENCRYPT_DECRYPT key and point the cluster at it.'),
          [keyEvidence(target, `${field}=${value}`)],
        ),
      );
    }
  }

  const region = keyRegion(key);
  if (region === undefined) {
    evidence.push(`key referenced without a region (${key.reference}): KMS resolves it in ${target.region}`);
  } else if (region === target.region) evidence.push(keyEvidence(target, `region ${region} (the task's)`));
  else {
    const keyCommand = key.multiRegion
      ? `aws kms replicate-key --key-id ${key.arn} --replica-region ${target.region} --region ${region}`
      : createKeyCommand(target);
    problems.push(
      fail(
        about,
        `KMS key ${name} is in ${region}, but the task runs in ${target.region}; the plugin and the agent call KMS in the task's region.`,
        useAnotherKeyFix(
          target,
          key.multiRegion
            ? `Replicate this multi-Region key to ${target.region} and point the cluster at the replica.`
            : `Use a symmetric key in ${target.region}.`,
          keyCommand,
        ),
        [keyEvidence(target, `arn=${key.arn}`)],
      ),
    );
  }

  if (problems.length > 0 || unknowns.length > 0) return [...problems, ...unknowns];
  return [
    pass(
      about,
      `KMS key ${name} is enabled, symmetric and in ${target.region}.`,
      evidence as [string, ...string[]],
    ),
  ];
}

export const clusterKmsKeyUsable = defineCheck({
  id: 'cluster.kms-key-usable',
  title: 'Cluster KMS key exists, is enabled and is symmetric',
  layer: 'cluster',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'When the cluster configures kmsKeyId, the Session Manager plugin on your machine calls kms:GenerateDataKey and the agent in the container calls kms:Decrypt in the task region. A missing, disabled, pending-deletion, asymmetric or HMAC key, or a key in another region, makes every session fail during the encryption handshake.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
      'https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html',
    ],
  },
  docs: {
    passes:
      "The cluster's `kmsKeyId` (an id, alias or ARN) resolves to a key in the task's region that is Enabled, with key spec SYMMETRIC_DEFAULT and key usage ENCRYPT_DECRYPT.",
    fails:
      "The key does not exist in the task's region, is not Enabled (Disabled, PendingDeletion, PendingImport, Unavailable…), is asymmetric or HMAC, or lives in another region. Unknown when kms:DescribeKey is denied, the key was not looked up, or the cluster could not be read.",
    fix: {
      cli: `# a disabled key, or one pending deletion
aws kms cancel-key-deletion --key-id KEY_ARN --region REGION
aws kms enable-key --key-id KEY_ARN --region REGION
# or a new symmetric key for the cluster (update-cluster replaces the whole exec configuration: repeat your logging settings)
aws kms create-key --key-spec SYMMETRIC_DEFAULT --key-usage ENCRYPT_DECRYPT --region REGION
aws ecs update-cluster --cluster CLUSTER --configuration '{"executeCommandConfiguration":{"kmsKeyId":"NEW_KEY_ARN","logging":"DEFAULT"}}' --region REGION`,
      cloudformation: `ExecKey:
  Type: AWS::KMS::Key
  Properties:
    KeySpec: SYMMETRIC_DEFAULT
    KeyUsage: ENCRYPT_DECRYPT
Cluster:
  Type: AWS::ECS::Cluster
  Properties:
    Configuration:
      ExecuteCommandConfiguration:
        KmsKeyId: !GetAtt ExecKey.Arn`,
      terraform: `resource "aws_kms_key" "exec" {
  key_usage                = "ENCRYPT_DECRYPT"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
}

resource "aws_ecs_cluster" "this" {
  name = "CLUSTER"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
    }
  }
}`,
      cdk: `const execKey = new kms.Key(this, 'ExecKey');
new ecs.Cluster(this, 'Cluster', { executeCommandConfiguration: { kmsKey: execKey } });`,
    },
    notApplicable: 'Skipped when the cluster configures no `kmsKeyId` for exec sessions.',
  },
  run(target) {
    // Every finding points at the cluster's kmsKeyId: the key it names, or the one to name instead.
    const about = execConfigurationProperty(target, 'kmsKeyId');
    const configuredKey = target.cluster.known
      ? target.cluster.value.executeCommandConfiguration?.kmsKeyId
      : undefined;
    const fact = target.kmsKey;
    if (!fact && !target.cluster.known)
      return [unknownFromFact(clusterAbout(target), 'the cluster configuration', target.cluster)];
    if (!fact) {
      return configuredKey
        ? [unknown(about, `KMS key ${configuredKey} was not looked up.`, DESCRIBE_KEY)]
        : [skip(about, 'The cluster configures no KMS key for exec sessions.')];
    }
    if (!fact.known) {
      return [
        unknownFromFact(about, 'the cluster KMS key', {
          ...fact,
          permission: fact.permission ?? DESCRIBE_KEY,
        }),
      ];
    }
    if (fact.value === null) {
      return [
        fail(
          about,
          `${configuredKey ? `KMS key ${configuredKey}` : 'The configured KMS key'} does not exist in ${target.region}.`,
          useAnotherKeyFix(target, `Point the cluster at a symmetric key that exists in ${target.region}.`),
          [keyEvidence(target, `key not found in ${target.region}`)],
        ),
      ];
    }
    return judgeKey(target, about, fact.value);
  },
});
