import { expect } from 'vitest';
import { taskDefinitionPidMode } from '../../src/checks/task-definition/pid-mode.js';
import { type ExecTarget, type TaskDefinition, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { CLUSTER_ARN, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

function definition(target: ExecTarget): TaskDefinition {
  if (!target.taskDefinition.known) throw new Error('fixture has no task definition');
  return target.taskDefinition.value;
}

/** pidMode=task with the web container and a sidecar. */
function sharedPidNamespace(target: ExecTarget): void {
  const taskDefinition = definition(target);
  taskDefinition.pidMode = 'task';
  taskDefinition.containerDefinitions.push({
    ...taskDefinition.containerDefinitions[0]!,
    name: 'datadog-agent',
  });
}

checkTable(taskDefinitionPidMode, {
  valid: [
    {
      name: 'pidMode not set',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'pidMode is not set: each container has its own PID namespace.',
      assert: ([finding]) => expect(finding?.evidence).toEqual(['DescribeTaskDefinition: pidMode=not set']),
    },
    {
      name: 'pidMode=host',
      target: targetWith((target) => {
        definition(target).pidMode = 'host';
      }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence).toEqual(['DescribeTaskDefinition: pidMode=host']),
    },
    {
      name: 'pidMode=task with a single container',
      target: targetWith((target) => {
        definition(target).pidMode = 'task';
      }),
      statuses: ['pass'],
      message: /single container `web`/,
    },
    {
      name: 'lint: pidMode not set',
      target: targetWith((target) => {
        target.mode = 'lint';
        target.task = undefined;
      }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence).toEqual(['task definition: pidMode=not set']),
    },
  ],
  invalid: [
    {
      name: 'pidMode=task with two containers',
      target: targetWith(sharedPidNamespace),
      statuses: ['warn'],
      message:
        'pidMode=task: containers `web` and `datadog-agent` share one PID namespace, and ECS Exec allows one session per PID namespace, so exec reaches only one of them, and which one is not deterministic (containers-roadmap #2268).',
      fix: /jq 'del\(\.pidMode\) \| del\(.*update-service --cluster demo --service web --task-definition web/,
    },
    {
      name: 'pidMode=task names every container, even with --container',
      target: targetWith((target) => {
        sharedPidNamespace(target);
        target.requestedContainer = 'web';
      }),
      statuses: ['warn'],
      message: /`web` and `datadog-agent`/,
    },
    {
      name: 'lint: pidMode=task with two containers, no CLI command',
      target: targetWith((target) => {
        target.mode = 'lint';
        target.task = undefined;
        sharedPidNamespace(target);
      }),
      statuses: ['warn'],
      fix: 'AWS::ECS::TaskDefinition: remove PidMode',
      assert: ([finding]) => expect(finding?.fix?.cli).toBeUndefined(),
    },
    {
      name: 'task definition could not be read',
      target: targetWith((target) => {
        target.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeTaskDefinition'),
    },
    {
      name: 'lint: the warning points at pidMode',
      target: targetWith((target) => {
        target.mode = 'lint';
        target.task = undefined;
        sharedPidNamespace(target);
        target.locations = {
          [TASK_DEFINITION_ARN]: { file: 'taskdef.json', line: 1, column: 1 },
          [`${TASK_DEFINITION_ARN}#pidMode`]: { file: 'taskdef.json', line: 8, column: 3 },
        };
      }),
      statuses: ['warn'],
      assert: ([finding]) => expect(finding?.location).toEqual({ file: 'taskdef.json', line: 8, column: 3 }),
    },
    {
      name: 'lint: a task definition the files lack points at the service property naming it',
      target: targetWith((target) => {
        target.mode = 'lint';
        target.task = undefined;
        target.taskDefinition = { known: false, reason: 'task definition web:7 is not in the linted files' };
        target.locations = { 'web#taskDefinition': { file: 'service.json', line: 4, column: 3 } };
        if (target.service?.known && target.service.value) target.service.value.arn = 'web';
      }),
      statuses: ['unknown'],
      message: 'Could not read the task definition: task definition web:7 is not in the linted files',
      assert: ([finding]) => {
        expect(finding?.resource).toBe('web');
        expect(finding?.location).toEqual({ file: 'service.json', line: 4, column: 3 });
      },
    },
    {
      name: 'lint: a cluster nothing in the files runs in stands for the missing task definition',
      target: targetWith((target) => {
        target.mode = 'lint';
        target.task = undefined;
        target.service = undefined;
        target.taskDefinition = {
          known: false,
          reason: 'no task definition in the linted files runs in cluster demo',
        };
        target.locations = { [CLUSTER_ARN]: { file: 'cluster.yaml', line: 3, column: 3 } };
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.location).toEqual({ file: 'cluster.yaml', line: 3, column: 3 }),
    },
  ],
});
