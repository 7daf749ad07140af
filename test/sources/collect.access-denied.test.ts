import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loggingBucketEncryption } from '../../src/checks/logging/bucket-encryption.js';
import { loggingBucketExists } from '../../src/checks/logging/bucket-exists.js';
import { IncompleteError } from '../../src/engine/errors.js';
import { runChecks } from '../../src/engine/run.js';
import { type ExecTarget, known } from '../../src/model/index.js';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import { OPERATIONS, type OperationName } from '../../src/sources/aws/operations.js';
import type { LiveRequest } from '../../src/sources/aws/resolve.js';
import { accessDenied, arns, BUCKET, CLUSTER, SERVICE, TASK_ID } from '../support/aws-responses.js';
import { defaultContext } from '../support/targets.js';
import {
  answerEc2,
  answerFargate,
  liveApi,
  type MockAws,
  type MockedOperation,
  rejectOperation,
  useMockAws,
} from './mock-aws.js';

const aws = useMockAws();
const request: LiveRequest = { cluster: CLUSTER, tasks: [TASK_ID] };

/** What a fact becomes when IAM refuses the call that would give it. */
function denied(operation: OperationName) {
  const permission = OPERATIONS[operation].permission;
  return { known: false, reason: `AccessDenied on ${permission}`, permission };
}

const bucketWith = (facts: Record<string, unknown>) => known({ name: BUCKET, ...facts });
const keyArn = arns.key();

interface DeniedCase {
  operation: MockedOperation;
  answer: (aws: MockAws) => void;
  /** The target keys the denial changes, with their new values (undefined: absent). Every other key is unchanged. */
  changes: Partial<Record<keyof ExecTarget, unknown>>;
  /** The permission the checks' `unknown` finding names, when a check is the one to name it. */
  finding?: { check: typeof loggingBucketEncryption; needs: string };
}

const cases: DeniedCase[] = [
  {
    operation: 'sts:GetCallerIdentity',
    answer: answerFargate,
    changes: { caller: denied('sts:GetCallerIdentity') },
  },
  {
    operation: 'ecs:DescribeClusters',
    answer: answerFargate,
    // Without the exec configuration there is no key, log group or bucket to look up.
    changes: {
      cluster: denied('ecs:DescribeClusters'),
      kmsKey: undefined,
      logGroup: undefined,
      bucket: undefined,
    },
  },
  {
    operation: 'ecs:DescribeServices',
    answer: answerFargate,
    changes: { service: denied('ecs:DescribeServices') },
  },
  {
    operation: 'ecs:DescribeTaskDefinition',
    answer: answerFargate,
    // The task and execution roles come from the definition, so they are unknown for the same reason.
    changes: {
      taskDefinition: denied('ecs:DescribeTaskDefinition'),
      taskRole: denied('ecs:DescribeTaskDefinition'),
      executionRole: denied('ecs:DescribeTaskDefinition'),
      executionRoleArn: undefined,
    },
  },
  {
    operation: 'ecs:DescribeContainerInstances',
    answer: answerEc2,
    changes: {
      containerInstance: denied('ecs:DescribeContainerInstances'),
      ec2Instance: denied('ecs:DescribeContainerInstances'),
      taskRole: denied('ecs:DescribeContainerInstances'),
    },
  },
  {
    operation: 'ec2:DescribeInstances',
    answer: answerEc2,
    changes: { ec2Instance: denied('ec2:DescribeInstances'), taskRole: denied('ec2:DescribeInstances') },
  },
  {
    operation: 'iam:GetInstanceProfile',
    answer: answerEc2,
    changes: { taskRole: denied('iam:GetInstanceProfile') },
  },
  { operation: 'kms:DescribeKey', answer: answerFargate, changes: { kmsKey: denied('kms:DescribeKey') } },
  {
    operation: 'logs:DescribeLogGroups',
    answer: answerFargate,
    changes: { logGroup: denied('logs:DescribeLogGroups') },
  },
  // The three Get calls answered, so the bucket is known to exist.
  { operation: 's3:HeadBucket', answer: answerFargate, changes: {} },
  {
    operation: 's3:GetBucketEncryption',
    answer: answerFargate,
    // The model keeps bucket sub-facts as plain values: unread is undefined, and the check names the permission.
    changes: { bucket: bucketWith({ versioning: 'Enabled', objectLockEnabled: true }) },
    finding: { check: loggingBucketEncryption, needs: 's3:GetEncryptionConfiguration' },
  },
  {
    operation: 's3:GetBucketVersioning',
    answer: answerFargate,
    changes: {
      bucket: bucketWith({
        encryption: { algorithm: 'aws:kms', kmsMasterKeyId: keyArn },
        objectLockEnabled: true,
      }),
    },
  },
  {
    operation: 's3:GetObjectLockConfiguration',
    answer: answerFargate,
    changes: {
      bucket: bucketWith({
        encryption: { algorithm: 'aws:kms', kmsMasterKeyId: keyArn },
        versioning: 'Enabled',
      }),
    },
  },
];

async function collectOne(): Promise<{ target: ExecTarget; problems: string[] }> {
  const { targets, problems } = await collectLiveTargets(liveApi(), request);
  expect(targets).toHaveLength(1);
  return { target: targets[0]!, problems };
}

describe('collectLiveTargets when IAM denies one API', () => {
  it('covers every operation the collector calls', () => {
    const source = ['collect.ts', 'ecs-reads.ts', 'task-roles.ts', 'cluster-resources.ts']
      .map((file) => readFileSync(new URL(`../../src/sources/aws/${file}`, import.meta.url), 'utf8'))
      .join('\n');
    const called = new Set(
      [...source.matchAll(/\.attempt\(\s*'([a-z0-9-]+:\w+)'/g)].map((match) => match[1]),
    );
    const covered = new Set([...cases.map((c) => c.operation), 'ecs:DescribeTasks', 'ecs:ListTasks']);
    expect([...covered].sort()).toEqual([...called].sort());
  });

  it.each(cases)(
    '$operation: its facts are unknown naming the IAM action, all others collected',
    async (testCase) => {
      testCase.answer(aws);
      const { target: baseline } = await collectOne();

      rejectOperation(aws, testCase.operation, accessDenied(testCase.operation));
      const { target, problems } = await collectOne();

      // Access denied is a finding, not an incomplete run.
      expect(problems).toEqual([]);
      const keys = new Set([...Object.keys(baseline), ...Object.keys(target)]) as Set<keyof ExecTarget>;
      for (const key of keys) {
        const expected = key in testCase.changes ? testCase.changes[key] : baseline[key];
        expect({ [key]: target[key] }).toEqual({ [key]: expected });
      }
      if (testCase.finding) {
        const findings = runChecks([target], [testCase.finding.check], defaultContext);
        expect(findings.map(({ status, needs }) => ({ status, needs }))).toEqual([
          { status: 'unknown', needs: testCase.finding.needs },
        ]);
      }
    },
  );

  it('every S3 call denied: the bucket is unknown, naming s3:ListBucket (what HeadBucket needs)', async () => {
    answerFargate(aws);
    for (const operation of [
      's3:HeadBucket',
      's3:GetBucketEncryption',
      's3:GetBucketVersioning',
      's3:GetObjectLockConfiguration',
    ] as const) {
      rejectOperation(aws, operation, accessDenied(operation));
    }
    const { target } = await collectOne();

    expect(target.bucket).toEqual(denied('s3:HeadBucket'));
    expect(target.bucket).toMatchObject({ permission: 's3:ListBucket' });
    const findings = runChecks([target], [loggingBucketExists], defaultContext);
    expect(findings.map(({ status, needs }) => ({ status, needs }))).toEqual([
      { status: 'unknown', needs: 's3:ListBucket' },
    ]);
  });

  it.each([
    ['ecs:DescribeTasks', request],
    ['ecs:ListTasks', { cluster: CLUSTER, service: SERVICE }],
  ] as const)(
    '%s: without the task nothing can be judged, so the run stops with one line',
    async (operation, asked) => {
      answerFargate(aws);
      rejectOperation(aws, operation, accessDenied(operation));

      const error = await collectLiveTargets(liveApi(), asked).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IncompleteError);
      expect((error as Error).message).toBe(`cannot read the task: AccessDenied on ${operation}`);
      expect((error as Error).message).not.toContain('\n');
    },
  );
});
