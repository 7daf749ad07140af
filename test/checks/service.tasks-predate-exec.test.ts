import { expect } from 'vitest';
import { serviceTasksPredateExec } from '../../src/checks/service/tasks-predate-exec.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { TASK_ARN, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

function taskWithoutExec(deploymentController = 'ECS'): ExecTarget {
  return targetWith((t) => {
    t.task!.enableExecuteCommand = false;
    if (t.service?.known && t.service.value) t.service.value.deploymentController = deploymentController;
  });
}

checkTable(serviceTasksPredateExec, {
  valid: [
    {
      name: 'service and task both have exec',
      target: targetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) => {
        expect(finding?.resource).toBe(TASK_ARN);
        expect(finding?.evidence).toEqual([
          'DescribeServices: enableExecuteCommand=true',
          'DescribeTasks: enableExecuteCommand=true, startedAt=2026-11-20T10:01:00.000Z',
        ]);
      },
    },
    {
      name: 'service without exec: service.exec-enabled reports it',
      target: targetWith((t) => {
        if (t.service?.known && t.service.value) t.service.value.enableExecuteCommand = false;
        t.task!.enableExecuteCommand = false;
      }),
      statuses: ['skip'],
      message: /service.exec-enabled reports it/,
    },
    {
      name: 'task not started by a service',
      target: targetWith((t) => {
        t.service = known(null);
      }),
      statuses: ['skip'],
    },
    {
      name: 'no service in scope',
      target: targetWith((t) => {
        t.service = undefined;
      }),
      statuses: ['skip'],
    },
    {
      name: 'no running task',
      target: targetWith((t) => {
        t.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'rolling service: task started before exec was enabled',
      target: taskWithoutExec(),
      statuses: ['fail'],
      message:
        'Service web has exec enabled, but task 0123456789abcdef0123456789abcdef was started before that and keeps enableExecuteCommand=false.',
      fix: /UpdateService does not start one/,
      assert: ([finding]) => {
        expect(finding?.fix?.cli).toBe(
          'aws ecs update-service --cluster demo --service web --force-new-deployment --region us-east-1',
        );
        expect(finding?.fix?.cloudformation).toBeUndefined();
      },
    },
    {
      name: 'service without a deployment controller in the facts defaults to rolling',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
        if (t.service?.known && t.service.value) t.service.value.deploymentController = undefined;
      }),
      statuses: ['fail'],
      fix: /--force-new-deployment/,
    },
    {
      name: 'blue/green service: a CodeDeploy deployment, never force-new-deployment',
      target: taskWithoutExec('CODE_DEPLOY'),
      statuses: ['fail'],
      fix: /^Start a CodeDeploy deployment/,
      assert: ([finding]) => {
        expect(finding?.fix?.cli).toMatch(/^aws deploy create-deployment --application-name AppECS-demo-web/);
        expect(finding?.fix?.cli).toContain(`\\"TaskDefinition\\":\\"${TASK_DEFINITION_ARN}\\"`);
        expect(finding?.fix?.cli).toMatch(/--region us-east-1$/);
        expect(finding?.fix?.summary).not.toMatch(/^Enable/);
        expect(finding?.fix?.cli).not.toMatch(/force-new-deployment|update-service/);
      },
    },
    {
      name: 'external controller: a new task set',
      target: taskWithoutExec('EXTERNAL'),
      statuses: ['fail'],
      fix: /create-task-set/,
      assert: ([finding]) => expect(finding?.fix?.cli).toBeUndefined(),
    },
    {
      name: 'service not readable',
      target: targetWith((t) => {
        t.service = unavailable('AccessDeniedException', 'ecs:DescribeServices');
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeServices'),
    },
  ],
});
