import { describe, expect, it } from 'vitest';
import { collectIacTargets } from '../../../src/sources/iac/index.js';
import { FIXTURES, targetOf, tempFiles, value } from './support.js';

const LEGACY = `${FIXTURES}/task-definitions/legacy-api.json`;
const DESCRIBED = `${FIXTURES}/task-definitions/web-describe.json`;
const SERVICE = `${FIXTURES}/services/legacy-api-service.json`;

describe('task definition and service JSON', () => {
  it('reads register-task-definition input, with every property a check judges', async () => {
    const { targets } = await collectIacTargets([LEGACY]);
    const target = targetOf(targets, 'legacy-api');
    expect(target).toMatchObject({ partition: 'aws', region: 'unknown', accountId: '111122223333' });
    expect(target.service).toEqual({ known: true, value: null });
    expect(target.cluster).toEqual({
      known: false,
      reason: 'no service in the linted files runs task definition legacy-api, so its cluster is not known',
    });
    expect(target.taskRole).toEqual({ known: true, value: null });
    expect(value(target.executionRole)).toMatchObject({
      arn: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole',
      name: 'ecsTaskExecutionRole',
      policies: {
        known: false,
        reason: 'role arn:aws:iam::111122223333:role/ecsTaskExecutionRole is not defined in the linted files',
      },
    });
    const definition = value(target.taskDefinition);
    expect(definition).toMatchObject({ arn: 'legacy-api', family: 'legacy-api', pidMode: 'task' });
    expect(definition.taskRoleArn).toBeUndefined();
    const [api, bastion] = definition.containerDefinitions;
    expect(api).toMatchObject({
      readonlyRootFilesystem: true,
      environment: expect.arrayContaining([
        { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAIOSFODNN7EXAMPLE' },
        { name: 'HTTPS_PROXY', value: 'http://proxy.corp.example.com:3128' },
      ]),
      secrets: [{ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: expect.stringContaining('secretsmanager') }],
      logConfiguration: { logDriver: 'splunk' },
    });
    expect(bastion).toMatchObject({
      command: ['/usr/sbin/sshd', '-D', '-e'],
      portMappings: [{ containerPort: 22 }],
    });
    expect(target.locations!['legacy-api#containerDefinitions[api].readonlyRootFilesystem']).toEqual({
      file: LEGACY,
      line: 18,
      column: 7,
      pointer: '/containerDefinitions/0/readonlyRootFilesystem',
    });
    expect(
      target.locations!['legacy-api#containerDefinitions[api].environment[AWS_ACCESS_KEY_ID]'],
    ).toMatchObject({
      line: 23,
    });
  });

  it('reads describe-task-definition output, with the region and account of its ARN', async () => {
    const { targets } = await collectIacTargets([DESCRIBED]);
    const target = targetOf(targets, 'arn:aws:ecs:us-east-1:111122223333:task-definition/web:7');
    expect(target).toMatchObject({ region: 'us-east-1', accountId: '111122223333' });
    expect(value(target.taskDefinition)).toMatchObject({
      family: 'web',
      revision: 7,
      requiresCompatibilities: ['FARGATE'],
    });
    expect(value(target.taskRole)).toMatchObject({
      arn: 'arn:aws:iam::111122223333:role/app-task',
      name: 'app-task',
    });
    expect(target.locations!['arn:aws:ecs:us-east-1:111122223333:task-definition/web:7']).toMatchObject({
      line: 2,
      pointer: '/taskDefinition',
    });
  });

  it('links a service file to the task definition file of its family', async () => {
    const { targets } = await collectIacTargets([SERVICE, LEGACY]);
    expect(targets).toHaveLength(1);
    const target = targets[0]!;
    expect(value(target.service)).toMatchObject({
      arn: 'legacy-api',
      enableExecuteCommand: true,
      platformVersion: '1.4.0',
    });
    expect(value(target.taskDefinition).family).toBe('legacy-api');
    expect(target.cluster).toEqual({ known: false, reason: 'cluster legacy is not in the linted files' });
    expect(target.locations!['legacy-api#enableExecuteCommand']).toMatchObject({
      file: SERVICE,
      line: 8,
      column: 3,
    });
  });

  it('pairs an ecspresso service definition with the task definition beside it', async () => {
    const { targets } = await collectIacTargets([`${FIXTURES}/ecspresso`]);
    expect(targets).toHaveLength(1);
    expect(value(targets[0]!.service)).toMatchObject({
      name: 'ecs-service-def',
      enableExecuteCommand: false,
    });
    // ecspresso writes unset strings as "": they are not set.
    expect(value(targets[0]!.taskDefinition)).toMatchObject({ family: 'nginx', cpuArchitecture: 'ARM64' });
    expect(value(targets[0]!.taskDefinition).pidMode).toBeUndefined();
  });

  it('says which task definition a service names when it is not in the files', async () => {
    const directory = await tempFiles({
      'service.json': JSON.stringify({ cluster: 'prod', serviceName: 'api', taskDefinition: 'api:12' }),
    });
    const { targets } = await collectIacTargets([`${directory}/service.json`]);
    expect(targets[0]!.taskDefinition).toEqual({
      known: false,
      reason: 'task definition api:12 is not in the linted files',
    });
    expect(targets[0]!.taskRole).toEqual({
      known: false,
      reason: 'task definition api:12 is not in the linted files',
    });
  });
});
