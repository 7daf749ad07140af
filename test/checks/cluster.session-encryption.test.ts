import { expect } from 'vitest';
import { clusterSessionEncryption } from '../../src/checks/cluster/session-encryption.js';
import { unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { KEY_ARN, targetWith } from '../support/targets.js';

checkTable(clusterSessionEncryption, {
  valid: [
    {
      name: 'cluster sets kmsKeyId',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: `Exec sessions are encrypted with KMS key ${KEY_ARN}.`,
      assert: ([finding]) => expect(finding?.evidence).toEqual([`DescribeClusters: kmsKeyId=${KEY_ARN}`]),
    },
    {
      name: 'lint: cluster sets kmsKeyId',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
      }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence).toEqual([`cluster: kmsKeyId=${KEY_ARN}`]),
    },
  ],
  invalid: [
    {
      name: 'no kmsKeyId: the fix keeps the logging settings',
      target: targetWith((t) => {
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration!.kmsKeyId = undefined;
      }),
      statuses: ['warn'],
      message: /sets no kmsKeyId/,
      fix: /update-cluster replaces the whole exec configuration/,
      assert: ([finding]) => {
        expect(finding?.fix?.cli).toBe(
          `aws ecs update-cluster --cluster demo --configuration '{"executeCommandConfiguration":{"kmsKeyId":"KMS_KEY_ARN","logging":"OVERRIDE","logConfiguration":{"cloudWatchLogGroupName":"/ecs/exec-audit","cloudWatchEncryptionEnabled":true,"s3BucketName":"exec-audit-bucket","s3EncryptionEnabled":true,"s3KeyPrefix":"exec/"}}}' --region us-east-1`,
        );
        expect(finding?.fix?.cloudformation).toMatch(/Configuration.ExecuteCommandConfiguration.KmsKeyId/);
        expect(finding?.fix?.terraform).toMatch(/execute_command_configuration \{ kms_key_id/);
        expect(finding?.fix?.cdk).toMatch(/executeCommandConfiguration: \{ kmsKey \}/);
      },
    },
    {
      name: 'no exec configuration at all',
      target: targetWith((t) => {
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration = undefined;
      }),
      statuses: ['warn'],
      fix: `'{"executeCommandConfiguration":{"kmsKeyId":"KMS_KEY_ARN"}}'`,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual(['DescribeClusters: no executeCommandConfiguration']),
    },
    {
      name: 'cluster not readable',
      target: targetWith((t) => {
        t.cluster = unavailable('AccessDeniedException', 'ecs:DescribeClusters');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeClusters'),
    },
  ],
});
