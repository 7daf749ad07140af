/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is CloudFormation’s syntax, the data under test. */
import { beforeAll, describe, expect, it } from 'vitest';
import { collectIacTargets, type IacResult } from '../../../src/sources/iac/index.js';
import { FIXTURES, targetOf, tempFiles, value } from './support.js';

const TEMPLATE = `${FIXTURES}/cloudformation/ecs-exec.yaml`;
const COPILOT = `${FIXTURES}/copilot/api.stack.yml`;

describe('CloudFormation YAML with short-form intrinsics', () => {
  let result: IacResult;
  beforeAll(async () => {
    result = await collectIacTargets([TEMPLATE]);
  });

  it('builds one target: the service with its task definition and cluster', () => {
    expect(result.files).toEqual([TEMPLATE]);
    expect(result.targets).toHaveLength(1);
    const target = result.targets[0]!;
    expect(target).toMatchObject({ mode: 'lint', partition: 'aws', region: 'unknown', accountId: 'unknown' });
    expect(value(target.service)).toMatchObject({
      arn: 'Service',
      name: 'orders',
      // !If [IsProduction, false, true] with Environment defaulting to staging.
      enableExecuteCommand: true,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      deploymentController: 'ECS',
      taskDefinition: 'TaskDefinition',
    });
    expect(value(target.taskDefinition)).toMatchObject({
      arn: 'TaskDefinition',
      family: 'orders-staging',
      taskRoleArn: 'TaskRole',
      executionRoleArn: 'ExecutionRole',
      requiresCompatibilities: ['FARGATE'],
      operatingSystemFamily: 'LINUX',
      cpuArchitecture: 'ARM64',
      volumes: [{ name: 'tmp', kind: 'bind' }],
    });
  });

  it('reads the container, keeping the text of values the files do not decide', () => {
    const container = value(result.targets[0]!.taskDefinition).containerDefinitions[0]!;
    expect(container).toMatchObject({
      name: 'orders',
      image: '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/orders:3.2.1',
      readonlyRootFilesystem: true,
      initProcessEnabled: true,
      // DB_TLS sits behind an undecided condition: left out, and said so.
      environment: [
        { name: 'APP_ENV', value: 'staging' },
        { name: 'DB_HOST', value: '${DatabaseHost}' },
      ],
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp' }],
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      logConfiguration: { logDriver: 'awslogs' },
    });
    expect(result.targets[0]!.unresolved).toMatchObject({
      'TaskDefinition#containerDefinitions[orders].environment[DB_HOST].value':
        'parameter DatabaseHost has no default',
      'TaskDefinition#containerDefinitions[orders].environment[2]':
        'depends on condition HasDatabaseHost, which the files do not decide (parameter DatabaseHost has no default)',
    });
  });

  it('records where EnableExecuteCommand and ReadonlyRootFilesystem are declared', () => {
    const locations = result.targets[0]!.locations!;
    expect(locations['Service#enableExecuteCommand']).toEqual({
      file: TEMPLATE,
      line: 222,
      column: 7,
      pointer: '/Resources/Service/Properties/EnableExecuteCommand',
    });
    expect(locations['TaskDefinition#containerDefinitions[orders].readonlyRootFilesystem']).toEqual({
      file: TEMPLATE,
      line: 188,
      column: 11,
      pointer: '/Resources/TaskDefinition/Properties/ContainerDefinitions/0/ReadonlyRootFilesystem',
    });
    expect(locations['TaskDefinition#containerDefinitions[orders].initProcessEnabled']).toMatchObject({
      line: 190,
    });
    expect(
      locations['TaskDefinition#containerDefinitions[orders].linuxParameters.initProcessEnabled'],
    ).toMatchObject({
      line: 190,
    });
    expect(locations['Cluster#executeCommandConfiguration.logging']).toMatchObject({ line: 97, column: 11 });
    expect(locations.TaskDefinition).toMatchObject({
      line: 164,
      column: 3,
      pointer: '/Resources/TaskDefinition',
    });
    expect(locations.Cluster).toMatchObject({ line: 87, column: 3 });
  });

  it('links the task role and every policy that names it', () => {
    const role = value(result.targets[0]!.taskRole);
    expect(role).toMatchObject({ arn: 'TaskRole', name: 'orders-staging-task', source: 'task-definition' });
    const policies = value(role!.policies);
    expect(policies.identityPolicies.map((policy) => policy.name)).toEqual([
      'ecs-exec',
      'orders-staging-exec-audit',
    ]);
    expect(policies.identityPolicies[0]!.document).toMatchObject({
      Statement: [
        { Action: expect.arrayContaining(['ssmmessages:OpenDataChannel']), Resource: '*' },
        { Action: 'kms:Decrypt', Resource: 'ExecKey' },
      ],
    });
    expect(policies.identityPolicies[1]).toMatchObject({
      arn: 'ExecAuditPolicy',
      document: {
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Resource: 'arn:aws:logs:unknown:unknown:log-group:/ecs/orders-staging/exec:*',
          }),
          expect.objectContaining({ Resource: 'arn:aws:s3:::ExecAuditBucket/staging/exec*' }),
        ]),
      },
    });
  });

  it('says the policies of a role with an AWS managed policy are not all known', () => {
    const role = value(result.targets[0]!.executionRole);
    expect(role!.policies).toEqual({
      known: false,
      reason:
        'attached managed policy arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy is not in the linted files (AWS::Partition is decided at deploy time)',
    });
  });

  it('links the cluster to its KMS key, log group and bucket', () => {
    const target = result.targets[0]!;
    expect(value(target.cluster)).toEqual({
      arn: 'Cluster',
      name: 'orders-staging',
      tags: {},
      executeCommandConfiguration: {
        kmsKeyId: 'ExecKey',
        logging: 'OVERRIDE',
        logConfiguration: {
          cloudWatchLogGroupName: '/ecs/orders-staging/exec',
          cloudWatchEncryptionEnabled: true,
          s3BucketName: 'ExecAuditBucket',
          s3EncryptionEnabled: true,
          s3KeyPrefix: 'staging/exec',
        },
      },
    });
    expect(value(target.kmsKey)).toMatchObject({
      reference: 'ExecKey',
      arn: 'ExecKey',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      policy: { known: true },
    });
    expect(value(target.logGroup)).toEqual({
      name: '/ecs/orders-staging/exec',
      arn: 'arn:aws:logs:unknown:unknown:log-group:/ecs/orders-staging/exec:*',
      kmsKeyId: 'ExecKey',
      retentionInDays: 400,
    });
    // The bucket's name depends on the account, so it goes by its logical id; versioning is Suspended
    // outside production.
    expect(value(target.bucket)).toEqual({
      name: 'ExecAuditBucket',
      encryption: { algorithm: 'aws:kms', kmsMasterKeyId: 'ExecKey' },
      versioning: 'Suspended',
      objectLockEnabled: false,
    });
    expect(target.locations!['arn:aws:s3:::ExecAuditBucket']).toMatchObject({ line: 69 });
  });

  it('collects inline suppressions with their location', () => {
    expect(result.inlineSuppressions).toEqual([
      {
        resource: 'TaskDefinition',
        id: 'task-definition.readonly-root-fs',
        reason:
          'Security Hub ECS.5 requires read-only root filesystems; exec here is break-glass only (SEC-1432).',
        location: {
          file: TEMPLATE,
          line: 169,
          column: 13,
          pointer: '/Resources/TaskDefinition/Metadata/ecs-exec-doctor/suppress/0',
        },
      },
    ]);
  });
});

describe('a Copilot service template', () => {
  let result: IacResult;
  beforeAll(async () => {
    result = await collectIacTargets([COPILOT]);
  });

  it('keeps judging the task definition although most values are pipeline parameters', () => {
    const target = targetOf(result.targets, 'TaskDefinition');
    const definition = value(target.taskDefinition);
    expect(definition.family).toBe('TaskDefinition');
    expect(definition.containerDefinitions[0]).toMatchObject({
      name: '${WorkloadName}',
      image: '${ContainerImage}',
      readonlyRootFilesystem: true,
      portMappings: [],
      environmentFiles: [],
    });
    expect(target.unresolved).toMatchObject({
      'TaskDefinition#containerDefinitions[${WorkloadName}].portMappings':
        'depends on condition ExposePort, which the files do not decide (parameter ContainerPort has no default)',
    });
    expect(value(target.service)).toMatchObject({ enableExecuteCommand: true, launchType: 'FARGATE' });
  });

  it('says the cluster it imports is not known', () => {
    const target = targetOf(result.targets, 'TaskDefinition');
    expect(target.cluster).toEqual({
      known: false,
      reason: `${COPILOT}:182:7: Fn::ImportValue names an export the files do not decide (parameter AppName has no default)`,
    });
    expect(target.kmsKey).toBeUndefined();
  });

  it('links roles whose inline policies hold values the files leave open', () => {
    const target = targetOf(result.targets, 'TaskDefinition');
    const policies = value(value(target.taskRole)!.policies);
    expect(policies.identityPolicies.map((policy) => policy.name)).toEqual([
      'DenyIAMExceptTaggedRoles',
      'ExecuteCommand',
    ]);
    // A condition value the files do not decide stays an expression: policy evaluation cannot match it.
    expect(JSON.stringify(policies.identityPolicies[0]!.document)).toContain('{"Fn::Sub":"${AppName}"}');
  });
});

describe('resolution across templates', () => {
  it('follows Fn::ImportValue to the export of another template of the run', async () => {
    const directory = await tempFiles({
      'cluster.yaml': [
        'Resources:',
        '  Cluster:',
        '    Type: AWS::ECS::Cluster',
        '    Properties:',
        '      ClusterName: shared',
        '      Configuration:',
        '        ExecuteCommandConfiguration:',
        '          Logging: NONE',
        'Outputs:',
        '  ClusterArn:',
        '    Value: !GetAtt Cluster.Arn',
        '    Export:',
        '      Name: shared-ClusterArn',
      ].join('\n'),
      'service.yaml': [
        'Resources:',
        '  TaskDefinition:',
        '    Type: AWS::ECS::TaskDefinition',
        '    Properties:',
        '      Family: api',
        '      ContainerDefinitions: [{Name: api, Image: api:1}]',
        '  Service:',
        '    Type: AWS::ECS::Service',
        '    Properties:',
        '      Cluster: !ImportValue shared-ClusterArn',
        '      TaskDefinition: !Ref TaskDefinition',
      ].join('\n'),
    });
    const { targets } = await collectIacTargets([directory]);
    expect(targets).toHaveLength(1);
    expect(value(targets[0]!.cluster)).toMatchObject({ arn: 'Cluster', name: 'shared' });
    expect(targets[0]!.taskRole).toEqual({ known: true, value: null });
  });

  it('makes a resource unknown when a property a check judges depends on an undecided condition', async () => {
    const directory = await tempFiles({
      'template.yaml': [
        'Parameters:',
        '  Hardened: {Type: String}',
        'Conditions:',
        '  IsHardened: !Equals [!Ref Hardened, "yes"]',
        'Resources:',
        '  TaskDefinition:',
        '    Type: AWS::ECS::TaskDefinition',
        '    Properties:',
        '      ContainerDefinitions:',
        '        - Name: app',
        '          ReadonlyRootFilesystem: !If [IsHardened, true, false]',
      ].join('\n'),
    });
    const { targets } = await collectIacTargets([`${directory}/template.yaml`]);
    expect(targets[0]!.taskDefinition).toEqual({
      known: false,
      reason: `${directory}/template.yaml:11:11: TaskDefinition containerDefinitions[app].readonlyRootFilesystem is not decided by the files: depends on condition IsHardened, which the files do not decide (parameter Hardened has no default)`,
    });
    expect(targets[0]!.locations?.TaskDefinition).toMatchObject({ line: 6 });
  });
});
