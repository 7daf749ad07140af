import type { ExecTarget, Task } from '../../model/index.js';
import { fail, pass, skip, unknown, warn } from '../results.js';
import { clusterName, regionFlag, taskResource } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import { runTaskCommand, serviceNameOf } from './task-origin.js';

/**
 * ECS Exec opens a session only into a RUNNING task. The lifecycle runs PROVISIONING → PENDING →
 * ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED; the first three will
 * become RUNNING, the last four never will again.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html
 */
const STARTING = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const ENDING = new Set(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED']);

function waitFix(target: ExecTarget): Fix {
  return {
    summary:
      'Wait until the task is RUNNING and its ExecuteCommandAgent has started (30–60 s more), then retry.',
    cli: `aws ecs wait tasks-running --cluster ${clusterName(target)} --tasks ${target.task?.id} ${regionFlag(target)}`,
  };
}

/** A stopped task never runs again: a service starts a replacement, a standalone task is run anew. */
function stoppedFix(target: ExecTarget): Fix {
  const cluster = clusterName(target);
  const region = regionFlag(target);
  const service = serviceNameOf(target);
  if (service) {
    return {
      summary: `Exec into a running replacement task of service ${service}; the service events say why this one stopped.`,
      cli: [
        `aws ecs describe-services --cluster ${cluster} --services ${service} --query "services[0].events[:10]" ${region}`,
        `aws ecs list-tasks --cluster ${cluster} --service-name ${service} --desired-status RUNNING ${region}`,
      ].join('\n'),
    };
  }
  return {
    summary: 'Run a new task with exec enabled; a stopped task cannot be started again.',
    cli: runTaskCommand(target),
  };
}

function stopDetails(task: Task): string {
  const parts = [
    task.stopCode ? `stopCode=${task.stopCode}` : undefined,
    task.stoppedReason ? `stoppedReason="${task.stoppedReason}"` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'ECS gave no stop reason';
}

export const taskRunning = defineCheck({
  id: 'task.running',
  title: 'Task is RUNNING',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'ExecuteCommand needs a RUNNING task. A starting task will get there (wait); a stopping or stopped task never will, so exec must target another task.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html',
    ],
  },
  docs: {
    passes: 'DescribeTasks reports `lastStatus=RUNNING`, and ECS is not stopping the task.',
    fails:
      'Fails for a task that is stopping or stopped (DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED), with its stop code and reason. Warns for a task still starting (PROVISIONING, PENDING, ACTIVATING: wait) and for a RUNNING task with desiredStatus=STOPPED. Unknown for an undocumented status.',
    fix: {
      cli: `# a starting task: wait for it
aws ecs wait tasks-running --cluster CLUSTER --tasks TASK_ID --region REGION
# a stopped service task: find a running replacement, and why this one stopped
aws ecs list-tasks --cluster CLUSTER --service-name SERVICE --desired-status RUNNING --region REGION
aws ecs describe-services --cluster CLUSTER --services SERVICE --query "services[0].events[:10]" --region REGION
# a stopped standalone task: run a new one
aws ecs run-task --cluster CLUSTER --task-definition TASK_DEFINITION --enable-execute-command --region REGION …`,
    },
    notApplicable: 'Skipped when there is no running task to judge (lint mode).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    const status = `DescribeTasks: lastStatus=${task.lastStatus}, desiredStatus=${task.desiredStatus ?? 'unset'}`;
    if (task.lastStatus === 'RUNNING' && task.desiredStatus === 'STOPPED') {
      return [
        warn(
          task.arn,
          `Task ${task.id} is RUNNING but ECS is stopping it (desiredStatus=STOPPED; ${stopDetails(task)}).`,
          stoppedFix(target),
          [status],
        ),
      ];
    }
    if (task.lastStatus === 'RUNNING') return [pass(task.arn, `Task ${task.id} is RUNNING.`, [status])];
    if (STARTING.has(task.lastStatus)) {
      return [
        warn(task.arn, `Task ${task.id} is ${task.lastStatus}: wait until it is RUNNING.`, waitFix(target), [
          status,
        ]),
      ];
    }
    if (ENDING.has(task.lastStatus)) {
      return [
        fail(
          task.arn,
          `Task ${task.id} is ${task.lastStatus} and cannot be exec'd into (${stopDetails(task)}).`,
          stoppedFix(target),
          [status],
        ),
      ];
    }
    return [
      unknown(
        task.arn,
        `Task ${task.id} reports lastStatus=${task.lastStatus}, a status ECS does not document.`,
      ),
    ];
  },
});
