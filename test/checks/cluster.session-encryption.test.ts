import { expect } from 'vitest';
import { clusterSessionEncryption } from '../../src/checks/cluster/session-encryption.js';
import { type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, KEY_ARN, targetWith } from '../support/targets.js';

const lint = (t: ExecTarget) => {
  t.mode = 'lint';
  t.task = undefined;
};
const EXEC = `${CLUSTER_ARN}#executeCommandConfiguration`;
/** Where the linted file declares a property. */
const declared = (line: number) => ({ file: 'template.yaml', line, column: 9 });

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
    {
      name: 'lint: a missing kmsKeyId points at the exec configuration that lacks it',
      target: targetWith((t) => {
        lint(t);
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration!.kmsKeyId = undefined;
        t.locations = { [CLUSTER_ARN]: declared(2), [EXEC]: declared(6) };
      }),
      statuses: ['warn'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(6)),
    },
    {
      name: 'lint: a kmsKeyId the files leave open is not counted as set',
      target: targetWith((t) => {
        lint(t);
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration!.kmsKeyId = '(known after apply)';
        t.unresolved = { [`${EXEC}.kmsKeyId`]: 'kms_key_id is known only after apply' };
        t.locations = { [`${EXEC}.kmsKeyId`]: declared(7) };
      }),
      statuses: ['unknown'],
      message:
        'Whether the cluster encrypts exec sessions with a KMS key is not decided by the files (executeCommandConfiguration.kmsKeyId: kms_key_id is known only after apply).',
      assert: ([finding]) => expect(finding?.location).toEqual(declared(7)),
    },
    {
      name: 'lint: a cluster the files lack points at the service property naming it',
      target: targetWith((t) => {
        lint(t);
        t.cluster = { known: false, reason: 'cluster legacy is not in the linted files' };
        if (t.service?.known && t.service.value) t.service.value.arn = 'legacy-api';
        t.locations = { 'legacy-api#cluster': { file: 'service.json', line: 2, column: 3 } };
      }),
      statuses: ['unknown'],
      message: 'Could not read the cluster configuration: cluster legacy is not in the linted files',
      assert: ([finding]) => {
        expect(finding?.resource).toBe('legacy-api');
        expect(finding?.location).toEqual({ file: 'service.json', line: 2, column: 3 });
      },
    },
  ],
});
