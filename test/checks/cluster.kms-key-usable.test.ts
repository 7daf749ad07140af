import { expect } from 'vitest';
import { clusterKmsKeyUsable } from '../../src/checks/cluster/kms-key-usable.js';
import { type ExecTarget, type KmsKey, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, KEY_ARN, targetWith } from '../support/targets.js';

function withKey(
  change: (key: KmsKey) => void,
  changeTarget: (target: ExecTarget) => void = () => {},
): ExecTarget {
  return targetWith((t) => {
    if (t.kmsKey?.known && t.kmsKey.value) change(t.kmsKey.value);
    changeTarget(t);
  });
}

const lint = (t: ExecTarget) => {
  t.mode = 'lint';
  t.task = undefined;
  t.client = undefined;
};

const KEY_IN_EU = 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab';

checkTable(clusterKmsKeyUsable, {
  valid: [
    {
      name: 'enabled symmetric key in the task region',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: /is enabled, symmetric and in us-east-1/,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeKey: keyState=Enabled',
          'DescribeKey: keySpec=SYMMETRIC_DEFAULT',
          'DescribeKey: keyUsage=ENCRYPT_DECRYPT',
          "DescribeKey: region us-east-1 (the task's)",
        ]),
    },
    {
      name: 'no key configured',
      target: targetWith((t) => {
        t.kmsKey = undefined;
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration!.kmsKeyId = undefined;
      }),
      statuses: ['skip'],
      message: /configures no KMS key/,
    },
    {
      name: 'lint: key defined in the template, referenced without a region',
      target: withKey((key) => {
        key.reference = 'ExecKey';
        key.arn = 'ExecKey';
        key.keyId = 'ExecKey';
      }, lint),
      statuses: ['pass'],
      assert: ([finding]) => {
        expect(finding?.evidence[0]).toBe('KMS key: keyState=Enabled');
        expect(finding?.evidence).toContain(
          'key referenced without a region (ExecKey): KMS resolves it in us-east-1',
        );
      },
    },
  ],
  invalid: [
    {
      name: 'key does not exist',
      target: targetWith((t) => {
        t.kmsKey = known(null);
      }),
      statuses: ['fail'],
      message: `KMS key ${KEY_ARN} does not exist in us-east-1.`,
      fix: /aws kms create-key --key-spec SYMMETRIC_DEFAULT --key-usage ENCRYPT_DECRYPT --region us-east-1\naws ecs update-cluster --cluster demo --configuration '\{"executeCommandConfiguration":\{"kmsKeyId":"NEW_KEY_ARN","logging":"OVERRIDE","logConfiguration":\{"cloudWatchLogGroupName":"\/ecs\/exec-audit"/,
    },
    {
      name: 'DescribeKey denied',
      target: targetWith((t) => {
        t.kmsKey = unavailable('AccessDeniedException', 'kms:DescribeKey');
      }),
      statuses: ['unknown'],
      message: /Could not read the cluster KMS key: AccessDeniedException \(needs kms:DescribeKey\)/,
      assert: ([finding]) => expect(finding?.needs).toBe('kms:DescribeKey'),
    },
    {
      name: 'lookup failed without naming a permission: kms:DescribeKey is named',
      target: targetWith((t) => {
        t.kmsKey = unavailable('the key is not defined in the files');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('kms:DescribeKey'),
    },
    {
      name: 'key configured but never looked up',
      target: targetWith((t) => {
        t.kmsKey = undefined;
      }),
      statuses: ['unknown'],
      message: /was not looked up/,
    },
    {
      name: 'Disabled key',
      target: withKey((key) => {
        key.keyState = 'Disabled';
      }),
      statuses: ['fail'],
      message: /is Disabled; sessions need an Enabled key/,
      fix: `aws kms enable-key --key-id ${KEY_ARN} --region us-east-1`,
    },
    {
      name: 'key pending deletion: cancel, then enable',
      target: withKey((key) => {
        key.keyState = 'PendingDeletion';
      }),
      statuses: ['fail'],
      fix: `aws kms cancel-key-deletion --key-id ${KEY_ARN} --region us-east-1\naws kms enable-key --key-id ${KEY_ARN} --region us-east-1`,
    },
    {
      name: 'key waiting for imported key material',
      target: withKey((key) => {
        key.keyState = 'PendingImport';
      }),
      statuses: ['fail'],
      fix: /aws kms import-key-material --key-id/,
    },
    {
      name: 'key in a disconnected custom key store',
      target: withKey((key) => {
        key.keyState = 'Unavailable';
      }),
      statuses: ['fail'],
      fix: /connect-custom-key-store/,
    },
    {
      name: 'asymmetric key',
      target: withKey((key) => {
        key.keySpec = 'RSA_2048';
      }),
      statuses: ['fail'],
      message: /has keySpec=RSA_2048; ECS Exec needs a symmetric encryption key \(SYMMETRIC_DEFAULT\)/,
      fix: /create-key --key-spec SYMMETRIC_DEFAULT/,
    },
    {
      name: 'HMAC key',
      target: withKey((key) => {
        key.keySpec = 'HMAC_256';
        key.keyUsage = 'GENERATE_VERIFY_MAC';
      }),
      statuses: ['fail', 'fail'],
      message: /keyUsage=GENERATE_VERIFY_MAC/,
    },
    {
      name: 'disabled and asymmetric: both reported',
      target: withKey((key) => {
        key.keyState = 'Disabled';
        key.keySpec = 'ECC_NIST_P256';
      }),
      statuses: ['fail', 'fail'],
    },
    {
      name: 'key in another region',
      target: withKey((key) => {
        key.arn = KEY_IN_EU;
        key.reference = KEY_IN_EU;
      }),
      statuses: ['fail'],
      message: /is in eu-west-1, but the task runs in us-east-1/,
      fix: /Use a symmetric key in us-east-1/,
    },
    {
      name: 'multi-Region key in another region: replicate it',
      target: withKey((key) => {
        key.arn = KEY_IN_EU;
        key.reference = KEY_IN_EU;
        key.multiRegion = true;
      }),
      statuses: ['fail'],
      fix: `aws kms replicate-key --key-id ${KEY_IN_EU} --replica-region us-east-1 --region eu-west-1`,
    },
    {
      name: 'lint: key only partly known gives unknown, never pass',
      target: withKey((key) => {
        key.keySpec = undefined;
        key.keyUsage = undefined;
      }, lint),
      statuses: ['unknown', 'unknown'],
      message: /The keySpec of KMS key .* is not known/,
    },
    {
      name: 'lint: disabled key in the template',
      target: withKey((key) => {
        key.keyState = 'Disabled';
      }, lint),
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.evidence).toEqual(['KMS key: keyState=Disabled']),
    },
    {
      name: 'lint: every finding points at the cluster kmsKeyId that names the key',
      target: withKey(
        (key) => {
          key.keyState = 'Disabled';
        },
        (t) => {
          lint(t);
          t.locations = {
            [`${CLUSTER_ARN}#executeCommandConfiguration.kmsKeyId`]: {
              file: 'template.yaml',
              line: 7,
              column: 11,
            },
          };
        },
      ),
      statuses: ['fail'],
      assert: ([finding]) =>
        expect(finding?.location).toEqual({ file: 'template.yaml', line: 7, column: 11 }),
    },
    {
      name: 'lint: a cluster the files lack is unknown, not "no key configured"',
      target: targetWith((t) => {
        lint(t);
        t.cluster = { known: false, reason: 'cluster legacy is not in the linted files' };
        t.kmsKey = undefined;
      }),
      statuses: ['unknown'],
      message: 'Could not read the cluster configuration: cluster legacy is not in the linted files',
    },
  ],
});
