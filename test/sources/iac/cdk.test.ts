import { beforeAll, describe, expect, it } from 'vitest';
import { collectIacTargets, type IacResult } from '../../../src/sources/iac/index.js';
import { FIXTURES, targetOf, value } from './support.js';

const ASSEMBLY = `${FIXTURES}/cdk/cdk.out`;
const TEMPLATE = `${ASSEMBLY}/WebStack.template.json`;

describe('a CDK cloud assembly (ApplicationLoadBalancedFargateService with exec logging)', () => {
  let result: IacResult;
  beforeAll(async () => {
    result = await collectIacTargets([ASSEMBLY]);
  });

  it('reads the stacks the manifest lists, with their environment', () => {
    expect(result.files).toEqual([`${ASSEMBLY}/manifest.json`, TEMPLATE]);
    expect(result.targets).toHaveLength(1);
    expect(result.targets[0]).toMatchObject({
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '111122223333',
    });
  });

  it('keeps logical ids as resource ids, and names unnamed resources by their construct path', () => {
    const target = targetOf(result.targets, 'WebTaskDef8A3C7E20');
    expect(value(target.service)).toMatchObject({
      arn: 'WebService1A2B3C4D',
      name: 'WebStack/Web/Service/Service',
      enableExecuteCommand: true,
      taskDefinition: 'WebTaskDef8A3C7E20',
    });
    expect(value(target.cluster)).toMatchObject({ arn: 'ClusterEB0386A7', name: 'WebStack/Cluster' });
  });

  it('records locations in the JSON template', () => {
    const locations = result.targets[0]!.locations!;
    expect(locations['WebService1A2B3C4D#enableExecuteCommand']).toEqual({
      file: TEMPLATE,
      line: 727,
      column: 5,
      pointer: '/Resources/WebService1A2B3C4D/Properties/EnableExecuteCommand',
    });
    expect(locations['WebTaskDef8A3C7E20#containerDefinitions[web].initProcessEnabled']).toMatchObject({
      line: 605,
      column: 8,
    });
    expect(locations.WebService1A2B3C4D).toMatchObject({ line: 710, column: 3 });
  });

  it('links the task role to the DefaultPolicy the CDK grants exec in', () => {
    const role = value(result.targets[0]!.taskRole)!;
    expect(role).toMatchObject({ arn: 'WebTaskDefTaskRole9F2F5E3B', source: 'task-definition' });
    const [policy] = value(role.policies).identityPolicies;
    expect(policy!.name).toBe('WebTaskDefTaskRoleDefaultPolicy8C8E2B12');
    // Fn::Join with AWS::Partition, the region and account from the stack's environment.
    expect(policy!.document).toMatchObject({
      Statement: expect.arrayContaining([
        expect.objectContaining({
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: 'ExecKey6B1E1D2A',
        }),
        expect.objectContaining({
          Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web/exec:*',
        }),
        expect.objectContaining({ Action: 's3:PutObject', Resource: 'arn:aws:s3:::ExecBucket29559356/*' }),
      ]),
    });
  });

  it('links the exec configuration to the key, log group and bucket of the stack', () => {
    const target = result.targets[0]!;
    expect(value(target.cluster).executeCommandConfiguration).toEqual({
      kmsKeyId: 'ExecKey6B1E1D2A',
      logging: 'OVERRIDE',
      logConfiguration: {
        cloudWatchLogGroupName: '/ecs/web/exec',
        cloudWatchEncryptionEnabled: true,
        s3BucketName: 'ExecBucket29559356',
        s3EncryptionEnabled: true,
        s3KeyPrefix: 'exec-output',
      },
    });
    expect(value(target.kmsKey)).toMatchObject({ reference: 'ExecKey6B1E1D2A', keyState: 'Enabled' });
    expect(value(target.logGroup)).toMatchObject({
      name: '/ecs/web/exec',
      kmsKeyId: 'ExecKey6B1E1D2A',
      retentionInDays: 365,
    });
    expect(value(target.bucket)).toEqual({
      name: 'ExecBucket29559356',
      encryption: { algorithm: 'aws:kms', kmsMasterKeyId: 'ExecKey6B1E1D2A' },
      versioning: 'Enabled',
      objectLockEnabled: false,
    });
    expect(target.locations!['arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web/exec']).toMatchObject({
      file: TEMPLATE,
      line: 294,
    });
  });

  it('reads the assembly when given its manifest.json', async () => {
    const { targets } = await collectIacTargets([`${ASSEMBLY}/manifest.json`]);
    expect(targets).toHaveLength(1);
  });
});

describe('a CDK assembly with a nested stack', () => {
  const NESTED = `${FIXTURES}/cdk-nested/cdk.out`;

  it('passes the parent’s references to the nested stack through its parameters', async () => {
    const { targets, files } = await collectIacTargets([NESTED]);
    expect(files).toContain(
      `${NESTED}/PlatformStackWorkersNestedStackWorkersNestedStackResource9C2B6D1E.nested.template.json`,
    );
    expect(targets).toHaveLength(1);
    const target = targetOf(targets, 'WorkerTaskDef4D5E6F70');
    expect(target).toMatchObject({ region: 'eu-central-1', accountId: '444455556666' });
    expect(value(target.cluster)).toMatchObject({
      arn: 'Cluster3F3BAD43',
      name: 'platform',
      executeCommandConfiguration: { logging: 'DEFAULT' },
    });
    expect(value(target.service)).toMatchObject({ enableExecuteCommand: false, launchType: 'EC2' });
    expect(
      value(target.taskDefinition).containerDefinitions.map(
        (container) => container.logConfiguration?.logDriver,
      ),
    ).toEqual(['awsfirelens', undefined]);
    expect(target.locations!.Cluster3F3BAD43!.file).toBe(`${NESTED}/PlatformStack.template.json`);
  });
});
