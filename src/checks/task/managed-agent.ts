import type { ExecTarget, TaskContainer } from '../../model/index.js';
import { fail, info, knownValue, pass, skip, unknown, warn } from '../results.js';
import { clusterName, regionFlag, taskContainersToJudge, taskResource } from '../target-helpers.js';
import { type CheckResult, defineCheck } from '../types.js';
import { awsSidecarKind, EXECUTE_COMMAND_AGENT, executeCommandAgent } from './execute-command-agent.js';
import { explainStoppedAgent } from './managed-agent-reasons.js';
import { replaceTaskFix } from './task-origin.js';

/**
 * ECS refuses ExecuteCommand unless the container's ExecuteCommandAgent (the SSM agent the ECS or
 * Fargate agent starts inside it) is RUNNING. It starts some seconds after the container, and ECS
 * starts it only with the task, so a STOPPED agent means a new task.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedAgent.html
 */

function agentField(container: TaskContainer, value: string): string {
  return `DescribeTasks: containers[${container.name}].managedAgents[${EXECUTE_COMMAND_AGENT}].lastStatus=${value}`;
}

function containerDefinition(target: ExecTarget, name: string) {
  return knownValue(target.taskDefinition)?.containerDefinitions.find(
    (definition) => definition.name === name,
  );
}

function pendingCommand(target: ExecTarget): string {
  const query = `tasks[0].containers[].{name:name,agent:managedAgents[?name=='${EXECUTE_COMMAND_AGENT}'].lastStatus|[0]}`;
  return `aws ecs describe-tasks --cluster ${clusterName(target)} --tasks ${target.task?.id} --query "${query}" ${regionFlag(target)}`;
}

/** A container with no ExecuteCommandAgent at all: an AWS sidecar, or one that never started. */
function withoutAgent(target: ExecTarget, container: TaskContainer): CheckResult {
  const resource = target.task!.arn;
  const requested = target.requestedContainer === container.name;
  const sidecar = awsSidecarKind(container.name);
  const observed = [`DescribeTasks: containers[${container.name}] has no ${EXECUTE_COMMAND_AGENT}`];
  if (sidecar) {
    const message = `Container \`${container.name}\` is the ${sidecar} sidecar that AWS adds to the task; it has no ${EXECUTE_COMMAND_AGENT} and cannot be exec'd into.`;
    const fix = { summary: 'Exec into one of your own containers instead (see task.container-selection).' };
    return requested ? fail(resource, message, fix, observed) : info(resource, message);
  }
  // A running container without the agent means the host never provided it (an ECS agent too old
  // for exec, or a task started without exec); one that never started simply has none yet.
  const why =
    container.lastStatus === 'RUNNING'
      ? 'the container runs, but ECS did not start the agent in it (an ECS agent too old for exec, or missing exec support on the host)'
      : 'containers that never started have none';
  const message = `Container \`${container.name}\` has no ${EXECUTE_COMMAND_AGENT} (lastStatus=${container.lastStatus ?? 'unknown'}), so it cannot be exec'd into: ${why}.`;
  const fix = replaceTaskFix(
    target,
    'ECS starts the agent only when the container starts in an exec-enabled task.',
  );
  return requested ? fail(resource, message, fix, observed) : warn(resource, message, fix, observed);
}

function judgeContainer(target: ExecTarget, container: TaskContainer): CheckResult {
  const resource = target.task!.arn;
  const agent = executeCommandAgent(container);
  if (!agent) return withoutAgent(target, container);
  const status = agent.lastStatus ?? 'unset';
  if (status === 'RUNNING') {
    return pass(resource, `Container \`${container.name}\`: ${EXECUTE_COMMAND_AGENT} is RUNNING.`, [
      agentField(container, status),
    ]);
  }
  if (status === 'PENDING') {
    return warn(
      resource,
      `Container \`${container.name}\`: ${EXECUTE_COMMAND_AGENT} is PENDING; it starts some seconds after the container.`,
      { summary: 'Wait 30–60 s for the agent to reach RUNNING, then retry.', cli: pendingCommand(target) },
      [agentField(container, status)],
    );
  }
  if (status === 'STOPPED') {
    const { explanation, remedy } = explainStoppedAgent(
      agent.reason,
      containerDefinition(target, container.name),
    );
    return fail(
      resource,
      `Container \`${container.name}\`: ${EXECUTE_COMMAND_AGENT} is STOPPED ${explanation}`,
      replaceTaskFix(target, remedy),
      [agentField(container, status), ...(agent.reason ? [`reason: ${agent.reason}`] : [])],
    );
  }
  return unknown(
    resource,
    `Container \`${container.name}\`: ${EXECUTE_COMMAND_AGENT} reports lastStatus=${status}, which ECS does not document.`,
  );
}

export const taskManagedAgent = defineCheck({
  id: 'task.managed-agent',
  title: 'The ExecuteCommandAgent is RUNNING in the target container',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'ECS Exec connects through the SSM agent that ECS starts inside each container of an exec-enabled task. Until it is RUNNING, ExecuteCommand fails (often as TargetNotConnectedException). AWS-added sidecars never have one.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedAgent.html',
    ],
  },
  docs: {
    passes: 'Each target container has an `ExecuteCommandAgent` managed agent whose lastStatus is RUNNING.',
    fails:
      'Fails when an agent is STOPPED (its reason is explained: ECS Exec dependencies missing on a custom AMI, a failed docker exec, or the agent exiting, most often on a read-only root filesystem), when no container of the task has a running agent, or when the named container has none (AWS-added GuardDuty and Service Connect sidecars never do). Warns when an agent is PENDING (wait 30–60 s) and when another container has no agent.',
    fix: {
      cli: `# the agent's status and reason, per container
aws ecs describe-tasks --cluster CLUSTER --tasks TASK_ID --query "tasks[0].containers[].{name:name,agent:managedAgents[?name=='ExecuteCommandAgent']|[0]}" --region REGION
# ECS starts the agent only with the task: fix the reason, then replace the task
aws ecs stop-task --cluster CLUSTER --task TASK_ID --reason "replace for ECS Exec" --region REGION`,
    },
    notApplicable:
      'Skipped when there is no running task (lint mode), when the task has exec disabled (task.exec-enabled reports it), is not RUNNING (task.running), or lacks the named container (task.container-selection).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    if (!task.enableExecuteCommand) {
      return [
        skip(task.arn, 'The task has exec disabled, so ECS started no agents (see task.exec-enabled).'),
      ];
    }
    if (task.lastStatus !== 'RUNNING') {
      return [skip(task.arn, `The task is ${task.lastStatus} (see task.running).`)];
    }
    const containers = taskContainersToJudge(target);
    if (containers.length === 0) {
      return [
        skip(
          task.arn,
          `The task has no container \`${target.requestedContainer}\` (see task.container-selection).`,
        ),
      ];
    }
    const results = containers.map((container) => judgeContainer(target, container));
    const startable = containers.some((container) =>
      ['RUNNING', 'PENDING'].includes(executeCommandAgent(container)?.lastStatus ?? ''),
    );
    if (!startable && !results.some((result) => result.status === 'fail')) {
      results.push(
        fail(
          task.arn,
          `No container of task ${task.id} has a running ${EXECUTE_COMMAND_AGENT}: ECS Exec cannot connect to any of them.`,
          replaceTaskFix(target, 'ECS starts the agents only when an exec-enabled task starts.'),
          containers.map(
            (container) =>
              `DescribeTasks: containers[${container.name}] has no running ${EXECUTE_COMMAND_AGENT}`,
          ),
        ),
      );
    }
    return results;
  },
});
