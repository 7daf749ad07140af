import type { ContainerDefinition, ExecTarget, TaskContainer } from '../../model/index.js';
import { fail, info, knownValue, pass, skip, unknown, unknownFromFact, warn } from '../results.js';
import { clusterName, regionFlag, taskContainersToJudge, taskResource } from '../target-helpers.js';
import { type CheckResult, defineCheck } from '../types.js';
import { replaceTaskFix } from './task-origin.js';

/**
 * ECS Exec reaches a container only while it runs. A container that ECS restarted under its
 * `restartPolicy` cannot be exec'd into until the task is replaced, and DescribeTasks does not
 * say whether it restarted: its Container object has no restart counter (the count is only in
 * the task metadata endpoint v4 and Container Insights), so a restart policy is always a caveat.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Container.html
 */

function describeExit(container: TaskContainer): string {
  const parts = [
    container.exitCode === undefined ? undefined : `exitCode=${container.exitCode}`,
    container.reason ? `reason="${container.reason}"` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function judgeContainer(
  target: ExecTarget,
  container: TaskContainer,
  definition: ContainerDefinition | undefined,
): CheckResult {
  const resource = target.task!.arn;
  const name = container.name;
  const observed: [string] = [
    `DescribeTasks: containers[${name}].lastStatus=${container.lastStatus ?? 'unset'}`,
  ];
  if (container.lastStatus === 'RUNNING') {
    if (definition?.restartPolicy?.enabled) {
      return warn(
        resource,
        `Container \`${name}\` is RUNNING, but it has restartPolicy enabled: once ECS restarts it, it cannot be exec'd into until the task is replaced, and DescribeTasks does not report restarts.`,
        replaceTaskFix(target, `If exec into \`${name}\` fails after a restart, replace the task.`),
        [...observed, `task definition: containers[${name}].restartPolicy.enabled=true`],
      );
    }
    return pass(resource, `Container \`${name}\` is RUNNING.`, observed);
  }
  if (container.lastStatus === 'PENDING') {
    return warn(
      resource,
      `Container \`${name}\` is PENDING: wait until it is RUNNING.`,
      {
        summary: 'Wait until the container is RUNNING, then retry.',
        cli: `aws ecs describe-tasks --cluster ${clusterName(target)} --tasks ${target.task!.id} --query "tasks[0].containers[?name=='${name}'].lastStatus" ${regionFlag(target)}`,
      },
      observed,
    );
  }
  if (container.lastStatus === 'STOPPED') {
    const message = `Container \`${name}\` is STOPPED${describeExit(container)} and cannot be exec'd into.`;
    // A non-essential container (an init step, an AWS sidecar outside the task definition) may
    // stop while the task runs on; only the one the user asked for, or an essential one, blocks.
    const blocks =
      target.requestedContainer === name || (definition !== undefined && definition.essential !== false);
    if (!blocks) return info(resource, message);
    return fail(
      resource,
      message,
      replaceTaskFix(
        target,
        `Read the container's logs for why it exited, fix it, then exec into a new task.`,
      ),
      observed,
    );
  }
  return unknown(resource, `Container \`${name}\` reports lastStatus=${container.lastStatus ?? 'unset'}.`);
}

export const taskContainerRunning = defineCheck({
  id: 'task.container-running',
  title: 'The target container is RUNNING',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'ECS Exec opens a session into a running container. A stopped container, or one restarted by its restart policy, cannot be exec’d into until the task is replaced.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-restart-policy.html',
    ],
  },
  docs: {
    passes: 'Each target container reports `lastStatus=RUNNING` and has no restart policy.',
    fails:
      'Fails when the container named with `--container`, or an essential one, is STOPPED (another stopped container is informational). Warns when a container is PENDING (wait), or RUNNING with `restartPolicy` enabled: once ECS restarts it, it cannot be exec’d into until the task is replaced, and DescribeTasks does not report restarts.',
    fix: {
      cli: `# read why the container exited, fix it, then replace the task (a service starts a new one)
aws ecs describe-tasks --cluster CLUSTER --tasks TASK_ID --query "tasks[0].containers[].{name:name,status:lastStatus,exitCode:exitCode,reason:reason}" --region REGION
aws ecs stop-task --cluster CLUSTER --task TASK_ID --reason "replace for ECS Exec" --region REGION`,
    },
    notApplicable:
      'Skipped when there is no running task (lint mode), when the task is not RUNNING (task.running reports it), or when the named container is not in the task (task.container-selection reports it).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    if (task.lastStatus !== 'RUNNING')
      return [skip(task.arn, `The task is ${task.lastStatus} (see task.running).`)];
    const containers = taskContainersToJudge(target);
    if (containers.length === 0) {
      return [
        skip(
          task.arn,
          `The task has no container \`${target.requestedContainer}\` (see task.container-selection).`,
        ),
      ];
    }
    const definitions = knownValue(target.taskDefinition)?.containerDefinitions ?? [];
    const results = containers.map((container) =>
      judgeContainer(
        target,
        container,
        definitions.find((definition) => definition.name === container.name),
      ),
    );
    if (!target.taskDefinition.known) {
      results.push(
        unknownFromFact(task.arn, 'the task definition (restartPolicy, essential)', target.taskDefinition),
      );
    }
    return results;
  },
});
