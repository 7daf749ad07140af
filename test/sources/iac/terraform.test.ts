import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectIacTargets, type IacResult } from '../../../src/sources/iac/index.js';
import { FIXTURES, targetOf, tempFiles, value } from './support.js';

const MODULES = `${FIXTURES}/terraform/ecs-modules/plan.json`;
const PLAIN = `${FIXTURES}/terraform/plain/plan.json`;

describe('a plan of terraform-aws-modules/ecs (single-line `terraform show -json` output)', () => {
  let result: IacResult;
  beforeAll(async () => {
    result = await collectIacTargets([MODULES]);
  });

  it('reads resources of child modules by address, with the region and account of data sources', () => {
    expect(result.targets).toHaveLength(1);
    const target = targetOf(result.targets, 'module.ecs_service.aws_ecs_task_definition.this[0]');
    expect(target).toMatchObject({ partition: 'aws', region: 'eu-west-1', accountId: '111122223333' });
    expect(value(target.service)).toMatchObject({
      arn: 'module.ecs_service.aws_ecs_service.this[0]',
      name: 'web',
      enableExecuteCommand: true,
      // task_definition = local.task_definition: paired within the module instance.
      taskDefinition: 'module.ecs_service.aws_ecs_task_definition.this[0]',
    });
  });

  it('parses container_definitions, a JSON string', () => {
    const definition = value(result.targets[0]!.taskDefinition);
    expect(definition).toMatchObject({
      family: 'web',
      taskRoleArn: 'module.ecs_service.aws_iam_role.tasks[0]',
      executionRoleArn: 'module.ecs_service.aws_iam_role.task_exec[0]',
    });
    expect(definition.containerDefinitions).toEqual([
      expect.objectContaining({
        name: 'web',
        readonlyRootFilesystem: true,
        initProcessEnabled: true,
        user: '0',
      }),
    ]);
  });

  it('follows var.cluster_arn through the module call and module.ecs_cluster.arn to the cluster', () => {
    expect(value(result.targets[0]!.cluster)).toMatchObject({
      arn: 'module.ecs_cluster.aws_ecs_cluster.this[0]',
      name: 'demo',
    });
  });

  it('leaves a value known only after apply unknown, and says why', () => {
    const target = result.targets[0]!;
    expect(value(target.cluster).executeCommandConfiguration!.kmsKeyId).toBe('(known after apply)');
    expect(target.kmsKey).toEqual({
      known: false,
      reason: `${MODULES}:1:2385: configuration[0].execute_command_configuration[0].kms_key_id is known only after apply`,
    });
    expect(target.unresolved).toMatchObject({
      'module.ecs_cluster.aws_ecs_cluster.this[0]#executeCommandConfiguration.kmsKeyId':
        'configuration[0].execute_command_configuration[0].kms_key_id is known only after apply',
    });
  });

  it('finds the log group and bucket by name', () => {
    const target = result.targets[0]!;
    expect(value(target.logGroup)).toEqual({
      name: '/aws/ecs/demo',
      arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/ecs/demo:*',
      retentionInDays: 90,
    });
    expect(value(target.bucket)).toEqual({
      name: 'demo-exec-audit-111122223333',
      encryption: { algorithm: 'aws:kms' },
      versioning: 'Enabled',
      objectLockEnabled: false,
    });
  });

  it('gives the roles the policies of aws_iam_role_policy and of attached aws_iam_policy', () => {
    const target = result.targets[0]!;
    const tasks = value(target.taskRole)!;
    expect(tasks).toMatchObject({
      arn: 'module.ecs_service.aws_iam_role.tasks[0]',
      source: 'task-definition',
    });
    expect(value(tasks.policies).identityPolicies).toEqual([
      {
        name: 'module.ecs_service.aws_iam_role_policy.tasks[0]',
        document: expect.objectContaining({
          Statement: [expect.objectContaining({ Sid: 'ECSExec', Resource: '*' })],
        }),
      },
    ]);
    const execution = value(target.executionRole)!;
    expect(value(execution.policies).identityPolicies).toEqual([
      expect.objectContaining({ name: 'module.ecs_service.aws_iam_policy.task_exec[0]' }),
    ]);
  });

  it('locates resources and attributes in a single-line plan', () => {
    const locations = result.targets[0]!.locations!;
    expect(locations['module.ecs_service.aws_ecs_service.this[0]']).toEqual({
      file: MODULES,
      line: 1,
      column: 3994,
      pointer: '/planned_values/root_module/child_modules/1/resources/0',
    });
    expect(locations['module.ecs_service.aws_ecs_service.this[0]#enableExecuteCommand']).toMatchObject({
      line: 1,
      pointer: '/planned_values/root_module/child_modules/1/resources/0/values/enable_execute_command',
    });
  });
});

describe('a plan with references in static blocks', () => {
  let result: IacResult;
  beforeAll(async () => {
    result = await collectIacTargets([PLAIN]);
  });

  it('links service → task definition → roles → policies, and cluster → key, log group, bucket', () => {
    const target = targetOf(result.targets, 'aws_ecs_task_definition.app');
    expect(target).toMatchObject({ region: 'us-west-2', accountId: 'unknown' });
    expect(value(target.service)).toMatchObject({ arn: 'aws_ecs_service.app', enableExecuteCommand: false });
    expect(value(target.taskDefinition)).toMatchObject({ pidMode: 'task', taskRoleArn: 'aws_iam_role.task' });
    const role = value(target.taskRole)!;
    expect(role).toMatchObject({ arn: 'aws_iam_role.task', name: 'payments-task' });
    expect(value(role.policies).identityPolicies).toEqual([
      expect.objectContaining({ name: 'payments-ecs-exec', arn: 'aws_iam_policy.exec' }),
    ]);
    expect(value(target.executionRole)!.policies).toEqual({
      known: false,
      reason:
        'attached managed policy arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy is not in the linted files',
    });
    expect(value(target.cluster).executeCommandConfiguration).toMatchObject({ kmsKeyId: 'aws_kms_key.exec' });
    expect(value(target.kmsKey)).toMatchObject({ reference: 'aws_kms_key.exec', keyState: 'Enabled' });
    expect(value(target.logGroup)).toMatchObject({
      name: '/ecs/payments/exec',
      kmsKeyId: 'aws_kms_key.exec',
    });
    // retention_in_days = 0 means never expire: no retention, as CloudWatch Logs reports it.
    expect(value(target.logGroup)!.retentionInDays).toBeUndefined();
    // A bucket this plan creates with no aws_s3_bucket_versioning has never had versioning.
    expect(value(target.bucket)).toMatchObject({ name: 'payments-exec-audit', versioning: 'Disabled' });
  });

  it('locates a container definition property at the task definition resource', () => {
    const locations = targetOf(result.targets, 'aws_ecs_task_definition.app').locations!;
    const resource = {
      file: PLAIN,
      line: 169,
      column: 9,
      pointer: '/planned_values/root_module/resources/9',
    };
    expect(locations['aws_ecs_task_definition.app']).toEqual(resource);
    expect(locations['aws_ecs_task_definition.app#containerDefinitions[app].portMappings']).toEqual(resource);
    expect(locations['aws_ecs_task_definition.app#pidMode']).toMatchObject({ line: 182, column: 13 });
    expect(locations['aws_ecs_service.app#enableExecuteCommand']).toEqual({
      file: PLAIN,
      line: 209,
      column: 13,
      pointer: '/planned_values/root_module/resources/10/values/enable_execute_command',
    });
  });

  it('makes the task definition unknown when container_definitions is known only after apply', async () => {
    const plan = JSON.parse(await readFile(PLAIN, 'utf8'));
    const definition = plan.planned_values.root_module.resources[9];
    delete definition.values.container_definitions;
    plan.resource_changes[9].change.after_unknown.container_definitions = true;
    const directory = await tempFiles({ 'plan.json': JSON.stringify(plan, undefined, 2) });
    const { targets } = await collectIacTargets([`${directory}/plan.json`]);
    expect(targets[0]!.taskDefinition).toEqual({
      known: false,
      reason: expect.stringMatching(
        /plan\.json:\d+:\d+: aws_ecs_task_definition\.app containerDefinitions is not decided by the plan: container_definitions is known only after apply$/,
      ),
    });
    // The roles and the service are still judged.
    expect(value(targets[0]!.taskRole)).toMatchObject({ arn: 'aws_iam_role.task' });
  });
});
