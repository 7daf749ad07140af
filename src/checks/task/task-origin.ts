import type { ExecTarget } from '../../model/index.js';
import { clusterName, regionFlag, taskDefinitionLabel } from '../target-helpers.js';
import type { Fix } from '../types.js';

/** The service that started the task: ECS sets a service task's group to `service:NAME`. */
export function serviceNameOf(target: ExecTarget): string | undefined {
  const group = target.task?.group;
  return group?.startsWith('service:') ? group.slice('service:'.length) : undefined;
}

/** A RunTask command for the target's task definition, with exec enabled. */
export function runTaskCommand(target: ExecTarget, extraFlags = ''): string {
  const flags = extraFlags ? `${extraFlags} ` : '';
  return `aws ecs run-task --cluster ${clusterName(target)} --task-definition ${taskDefinitionLabel(target)} --enable-execute-command ${flags}${regionFlag(target)} …`;
}

function stopTaskCommand(target: ExecTarget, reason: string): string {
  const task = target.task?.id ?? 'TASK_ID';
  return `aws ecs stop-task --cluster ${clusterName(target)} --task ${task} --reason "${reason}" ${regionFlag(target)}`;
}

/**
 * A fresh task is the only cure for what is fixed at task start (the managed agent, a restarted
 * container). A service replaces a stopped task by itself; a standalone task must be run again.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 */
export function replaceTaskFix(target: ExecTarget, why: string): Fix {
  const service = serviceNameOf(target);
  if (service) {
    return {
      summary: `${why} Stop task ${target.task?.id ?? ''}; service ${service} starts a replacement.`,
      cli: stopTaskCommand(target, 'replace for ECS Exec'),
    };
  }
  return {
    summary: `${why} Run a new task, then stop this one.`,
    cli: `${runTaskCommand(target)}\n${stopTaskCommand(target, 'replaced for ECS Exec')}`,
  };
}
