import { taskRunning } from '../../src/checks/task/running.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

checkTable(taskRunning, {
  valid: [
    {
      name: 'running task',
      target: targetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) => {
        if (!finding?.evidence[0]?.includes('lastStatus=RUNNING')) throw new Error('no evidence');
      },
    },
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
      name: 'provisioning task: wait',
      target: targetWith((t) => {
        t.task!.lastStatus = 'PROVISIONING';
      }),
      statuses: ['warn'],
      message: /is PROVISIONING: wait/,
      fix: /aws ecs wait tasks-running --cluster demo --tasks 0123456789abcdef0123456789abcdef --region us-east-1/,
    },
    {
      name: 'pending task: wait',
      target: targetWith((t) => {
        t.task!.lastStatus = 'PENDING';
      }),
      statuses: ['warn'],
      message: /PENDING/,
    },
    {
      name: 'activating task: wait',
      target: targetWith((t) => {
        t.task!.lastStatus = 'ACTIVATING';
      }),
      statuses: ['warn'],
    },
    {
      name: 'stopped service task: reason shown, look at the service',
      target: targetWith((t) => {
        t.task!.lastStatus = 'STOPPED';
        t.task!.desiredStatus = 'STOPPED';
        t.task!.stopCode = 'EssentialContainerExited';
        t.task!.stoppedReason = 'Essential container in task exited';
      }),
      statuses: ['fail'],
      message:
        /STOPPED.*stopCode=EssentialContainerExited, stoppedReason="Essential container in task exited"/,
      fix: /describe-services --cluster demo --services web --query "services\[0\]\.events\[:10\]" --region us-east-1\naws ecs list-tasks --cluster demo --service-name web --desired-status RUNNING/,
    },
    {
      name: 'deprovisioning standalone task: run a new one',
      target: targetWith((t) => {
        t.task!.lastStatus = 'DEPROVISIONING';
        t.task!.group = 'family:web';
        t.task!.stoppedReason = 'Task stopped by user';
      }),
      statuses: ['fail'],
      message: /DEPROVISIONING.*Task stopped by user/,
      fix: /run-task --cluster demo --task-definition web:7 --enable-execute-command/,
    },
    {
      name: 'stopped without a reason',
      target: targetWith((t) => {
        t.task!.lastStatus = 'STOPPING';
      }),
      statuses: ['fail'],
      message: /ECS gave no stop reason/,
    },
    {
      name: 'running but being stopped',
      target: targetWith((t) => {
        t.task!.desiredStatus = 'STOPPED';
        t.task!.stoppedReason = 'Scaling activity initiated by deployment';
      }),
      statuses: ['warn'],
      message: /ECS is stopping it.*Scaling activity/,
    },
    {
      name: 'undocumented status',
      target: targetWith((t) => {
        t.task!.lastStatus = 'LIMBO';
      }),
      statuses: ['unknown'],
      message: /lastStatus=LIMBO/,
    },
  ],
});
