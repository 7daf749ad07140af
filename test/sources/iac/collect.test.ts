import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/engine/errors.js';
import { ExecTarget } from '../../../src/model/index.js';
import { collectIacTargets } from '../../../src/sources/iac/index.js';
import { FIXTURES, tempFiles } from './support.js';

describe('collectIacTargets', () => {
  it('reads a directory of mixed inputs, each by its content', async () => {
    const result = await collectIacTargets([FIXTURES]);
    expect(result.files).toEqual([
      `${FIXTURES}/cdk/cdk.out/manifest.json`,
      `${FIXTURES}/cdk/cdk.out/WebStack.template.json`,
      `${FIXTURES}/cdk-nested/cdk.out/manifest.json`,
      `${FIXTURES}/cdk-nested/cdk.out/PlatformStack.template.json`,
      `${FIXTURES}/cdk-nested/cdk.out/PlatformStackWorkersNestedStackWorkersNestedStackResource9C2B6D1E.nested.template.json`,
      `${FIXTURES}/cloudformation/ecs-exec.yaml`,
      `${FIXTURES}/copilot/api.stack.yml`,
      `${FIXTURES}/ecspresso/ecs-service-def.json`,
      `${FIXTURES}/ecspresso/ecs-task-def.json`,
      `${FIXTURES}/services/legacy-api-service.json`,
      `${FIXTURES}/task-definitions/legacy-api.json`,
      `${FIXTURES}/task-definitions/web-describe.json`,
      `${FIXTURES}/terraform/ecs-modules/plan.json`,
      `${FIXTURES}/terraform/plain/plan.json`,
    ]);
    expect(
      result.targets.map((target) => (target.taskDefinition.known ? target.taskDefinition.value.arn : '-')),
    ).toEqual([
      'nginx',
      'legacy-api',
      'WebTaskDef8A3C7E20',
      'WorkerTaskDef4D5E6F70',
      'TaskDefinition',
      'TaskDefinition',
      'module.ecs_service.aws_ecs_task_definition.this[0]',
      'aws_ecs_task_definition.app',
      'arn:aws:ecs:us-east-1:111122223333:task-definition/web:7',
    ]);
    expect(result.warnings).toEqual([]);
    for (const target of result.targets) {
      expect(ExecTarget.safeParse(target).success).toBe(true);
      expect(target.mode).toBe('lint');
    }
  });

  it('skips other files and node_modules in a walk, and judges a cluster nothing runs in on its own', async () => {
    const directory = await tempFiles({
      'package.json': JSON.stringify({ name: 'infra', version: '1.0.0' }),
      'tsconfig.json': '{ // comments are not JSON\n "compilerOptions": {} }',
      'node_modules/x/template.json': JSON.stringify({ Resources: { C: { Type: 'AWS::ECS::Cluster' } } }),
      'notes.txt': 'Resources: nothing',
      'stacks/cluster.json': JSON.stringify({
        Resources: { Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'ops' } } },
      }),
    });
    const { targets, files, warnings } = await collectIacTargets([directory]);
    expect(files).toEqual([join(directory, 'stacks/cluster.json')]);
    expect(warnings).toEqual([
      expect.stringMatching(/^skipped .*tsconfig\.json:1:3: Expected property name or '}'$/),
    ]);
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({
      cluster: { known: true, value: { arn: 'Cluster', name: 'ops' } },
      taskDefinition: { known: false, reason: 'no task definition in the linted files runs in cluster ops' },
    });
    expect(targets[0]!.service).toBeUndefined();
  });

  it('fails on a malformed file that looks like an input, with one line naming the file and line', async () => {
    const directory = await tempFiles({
      'template.yaml': 'Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n      Properties: {}\n',
      'plan.json': '{"format_version":"1.2","planned_values":{"root_module":{}},}',
    });
    await expect(collectIacTargets([join(directory, 'template.yaml')])).rejects.toThrowError(
      new UsageError(`${join(directory, 'template.yaml')}:4:17: bad indentation of a mapping entry`),
    );
    await expect(collectIacTargets([join(directory, 'plan.json')])).rejects.toThrowError(
      new UsageError(`${join(directory, 'plan.json')}:1:61: Expected double-quoted property name`),
    );
    // In a walk too: the file looks like a template.
    await expect(collectIacTargets([directory])).rejects.toBeInstanceOf(UsageError);
  });

  it('rejects a file given explicitly that is none of the inputs, and a path that does not exist', async () => {
    const directory = await tempFiles({ 'package.json': JSON.stringify({ name: 'infra' }) });
    await expect(collectIacTargets([join(directory, 'package.json')])).rejects.toThrowError(
      `${join(directory, 'package.json')}: not a task definition, service definition, CloudFormation template, CDK manifest or Terraform plan (see --input-type)`,
    );
    await expect(collectIacTargets([join(directory, 'missing.json')])).rejects.toThrowError(
      `${join(directory, 'missing.json')}: no such file or directory`,
    );
  });

  it('reads a file as the --input-type given', async () => {
    const directory = await tempFiles({ 'td.json': JSON.stringify({ family: 'job' }) });
    await expect(collectIacTargets([join(directory, 'td.json')])).rejects.toBeInstanceOf(UsageError);
    const { targets } = await collectIacTargets([join(directory, 'td.json')], { inputType: 'taskdef' });
    expect(targets[0]!.taskDefinition).toMatchObject({
      known: true,
      value: { family: 'job', containerDefinitions: [] },
    });
  });

  it('warns about an inline suppression without a reason', async () => {
    const directory = await tempFiles({
      't.yaml': [
        'Resources:',
        '  Cluster:',
        '    Type: AWS::ECS::Cluster',
        '    Metadata:',
        '      ecs-exec-doctor:',
        '        suppress:',
        '          - id: cluster.session-encryption',
      ].join('\n'),
    });
    const { inlineSuppressions, warnings } = await collectIacTargets([join(directory, 't.yaml')]);
    expect(inlineSuppressions).toEqual([]);
    expect(warnings).toEqual([
      `${join(directory, 't.yaml')}:7:13: ignored suppression on Cluster: it needs a check id and a reason`,
    ]);
  });
});

describe('src/sources/iac', () => {
  it('never loads the AWS SDK: lint must start fast', async () => {
    const root = 'src/sources/iac';
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.ts'));
    for (const file of files) {
      const source = await readFile(join(root, file), 'utf8');
      expect(source, file).not.toMatch(/^import (?!type )[^;]*from '@aws-sdk\//m);
    }
  });
});
