import { expect } from 'vitest';
import { taskExecEnabled } from '../../src/checks/task/exec-enabled.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

checkTable(taskExecEnabled, {
  valid: [
    { name: 'task started with exec enabled', target: targetWith(() => {}), statuses: ['pass'] },
    {
      name: 'no running task (lint)',
      target: targetWith((t) => {
        t.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'service task started before exec was enabled on the service: only a new deployment is needed',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
      }),
      statuses: ['fail'],
      message: /enableExecuteCommand=false/,
      fix: /update-service --cluster demo --service web --force-new-deployment --region us-east-1/,
      assert: (findings) => expect(findings[0]!.fix!.cli).not.toContain('--enable-execute-command'),
    },
    {
      name: 'service without exec: enable it and redeploy',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
        if (t.service?.known && t.service.value) t.service.value.enableExecuteCommand = false;
      }),
      statuses: ['fail'],
      fix: /update-service --cluster demo --service web --enable-execute-command --force-new-deployment --region us-east-1/,
    },
    {
      name: 'standalone RunTask task',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
        t.task!.group = 'family:web';
        t.task!.startedBy = undefined;
      }),
      statuses: ['fail'],
      fix: /run-task --cluster demo --task-definition web:7 --enable-execute-command/,
    },
    {
      name: 'EventBridge-started task',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
        t.task!.group = 'family:web';
        t.task!.startedBy = 'events-rule/nightly-job';
      }),
      statuses: ['fail'],
      fix: /EcsParameters.EnableExecuteCommand/,
    },
  ],
});
