import { pass, unknownFromFact, unknownFromUnresolved, warn } from '../results.js';
import {
  clusterAbout,
  clusterResource,
  execConfigurationProperty,
  openExecSetting,
} from '../target-helpers.js';
import { defineCheck } from '../types.js';
import {
  clusterEvidence,
  EXEC_CONFIGURATION_DOCS,
  UPDATE_CLUSTER_NOTE,
  updateClusterCommand,
} from './exec-configuration.js';

/**
 * Sessions always run over TLS 1.2; a cluster `kmsKeyId` adds a customer-controlled layer on the
 * data channel between your machine and the container, whose use KMS logs and a key policy governs.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
export const clusterSessionEncryption = defineCheck({
  id: 'cluster.session-encryption',
  title: 'A customer KMS key encrypts exec sessions',
  layer: 'cluster',
  suite: 'audit',
  modes: ['live', 'lint'],
  rationale:
    'Without kmsKeyId, session data is protected by TLS only. With it, the data channel is also encrypted with your KMS key: every session then needs kms:GenerateDataKey for the caller and kms:Decrypt for the task role, which you control and CloudTrail records.',
  references: {
    docs: [
      EXEC_CONFIGURATION_DOCS,
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
    ],
  },
  docs: {
    passes:
      'The cluster sets `executeCommandConfiguration.kmsKeyId`: session data is encrypted with your KMS key on top of TLS.',
    fails:
      'Warns when the cluster sets no `kmsKeyId`: session data is protected by TLS only. Unknown when the cluster could not be read, or when the linted files leave `kmsKeyId` open.',
    fix: {
      cli: `# then the caller needs kms:GenerateDataKey and the task role kms:Decrypt on the key
# update-cluster replaces the whole exec configuration: repeat your logging settings
aws ecs update-cluster --cluster CLUSTER --configuration '{"executeCommandConfiguration":{"kmsKeyId":"KMS_KEY_ARN","logging":"DEFAULT"}}' --region REGION`,
      cloudformation: `Cluster:
  Type: AWS::ECS::Cluster
  Properties:
    Configuration:
      ExecuteCommandConfiguration:
        KmsKeyId: !GetAtt ExecKey.Arn`,
      terraform: `resource "aws_ecs_cluster" "this" {
  name = "CLUSTER"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
    }
  }
}`,
      cdk: `new ecs.Cluster(this, 'Cluster', { executeCommandConfiguration: { kmsKey: execKey } });`,
    },
  },
  run(target) {
    if (!target.cluster.known)
      return [unknownFromFact(clusterAbout(target), 'the cluster configuration', target.cluster)];
    const open = openExecSetting(target, 'kmsKeyId');
    if (open) {
      return [
        unknownFromUnresolved(
          target,
          clusterResource(target),
          'Whether the cluster encrypts exec sessions with a KMS key',
          [open],
        ),
      ];
    }
    const about = execConfigurationProperty(target, 'kmsKeyId');
    const configuration = target.cluster.value.executeCommandConfiguration;
    if (configuration?.kmsKeyId) {
      return [
        pass(about, `Exec sessions are encrypted with KMS key ${configuration.kmsKeyId}.`, [
          clusterEvidence(target, `kmsKeyId=${configuration.kmsKeyId}`),
        ]),
      ];
    }
    return [
      warn(
        about,
        'The cluster sets no kmsKeyId: exec session data is protected by TLS only, not by a key you control.',
        {
          summary: `Set a symmetric KMS key as the cluster's exec kmsKeyId; the caller then needs kms:GenerateDataKey and the task role kms:Decrypt on it. ${UPDATE_CLUSTER_NOTE}`,
          cli: updateClusterCommand(target, { ...configuration, kmsKeyId: 'KMS_KEY_ARN' }),
          cloudformation: 'AWS::ECS::Cluster Configuration.ExecuteCommandConfiguration.KmsKeyId: <key ARN>',
          terraform:
            'aws_ecs_cluster: configuration { execute_command_configuration { kms_key_id = aws_kms_key.exec.arn } }',
          cdk: 'new ecs.Cluster(this, …, { executeCommandConfiguration: { kmsKey } })',
        },
        [clusterEvidence(target, configuration ? 'kmsKeyId absent' : 'no executeCommandConfiguration')],
      ),
    ];
  },
});
