import { taskContainerRunning } from '../../src/checks/task/container-running.js';
import { unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

checkTable(taskContainerRunning, {
  valid: [
    {
      name: 'container running',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: /`web` is RUNNING/,
    },
    {
      name: 'a non-essential init container has exited',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'migrate', lastStatus: 'STOPPED', exitCode: 0 });
        if (t.taskDefinition.known) {
          t.taskDefinition.value.containerDefinitions.push({
            name: 'migrate',
            essential: false,
            environment: [],
            environmentFiles: [],
            secrets: [],
            mountPoints: [],
            portMappings: [],
          });
        }
      }),
      statuses: ['pass', 'info'],
      message: /`migrate` is STOPPED \(exitCode=0\)/,
    },
    {
      name: 'AWS sidecar (not in the task definition) running',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'aws-guardduty-agent-FvWGoDU', lastStatus: 'RUNNING' });
      }),
      statuses: ['pass', 'pass'],
    },
    {
      name: 'task not running: task.running reports it',
      target: targetWith((t) => {
        t.task!.lastStatus = 'PENDING';
      }),
      statuses: ['skip'],
    },
    {
      name: 'requested container not in the task',
      target: targetWith((t) => {
        t.requestedContainer = 'nope';
      }),
      statuses: ['skip'],
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
      name: 'restart policy enabled: warn that a restarted container cannot be exec’d',
      target: targetWith((t) => {
        if (t.taskDefinition.known)
          t.taskDefinition.value.containerDefinitions[0]!.restartPolicy = { enabled: true };
      }),
      statuses: ['warn'],
      message: /restartPolicy enabled.*until the task is replaced/,
      fix: /stop-task --cluster demo --task 0123456789abcdef0123456789abcdef/,
      assert: ([finding]) => {
        if (!finding?.evidence.some((line) => line.includes('restartPolicy.enabled=true'))) throw new Error();
      },
    },
    {
      name: 'container pending',
      target: targetWith((t) => {
        t.task!.containers[0]!.lastStatus = 'PENDING';
      }),
      statuses: ['warn'],
      fix: /describe-tasks --cluster demo/,
    },
    {
      name: 'essential container stopped, with exit code and reason',
      target: targetWith((t) => {
        t.task!.containers[0]!.lastStatus = 'STOPPED';
        t.task!.containers[0]!.exitCode = 137;
        t.task!.containers[0]!.reason = 'OutOfMemoryError: Container killed due to memory usage';
      }),
      statuses: ['fail'],
      message: /`web` is STOPPED \(exitCode=137, reason="OutOfMemoryError/,
      fix: /logs/,
    },
    {
      name: 'requested non-essential container stopped',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'aws-guardduty-agent-FvWGoDU', lastStatus: 'STOPPED' });
        t.requestedContainer = 'aws-guardduty-agent-FvWGoDU';
      }),
      statuses: ['fail'],
    },
    {
      name: 'undocumented container status',
      target: targetWith((t) => {
        t.task!.containers[0]!.lastStatus = undefined;
      }),
      statuses: ['unknown'],
    },
    {
      name: 'task definition unreadable: restart policy unknown',
      target: targetWith((t) => {
        t.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['pass', 'unknown'],
      message: /ecs:DescribeTaskDefinition/,
    },
  ],
});
