import type { ExecTarget } from '../../model/index.js';
import { fail, info, pass, skip, warn } from '../results.js';
import { executeCommandLine, taskResource } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import {
  awsSidecarKind,
  EXECUTE_COMMAND_AGENT,
  executeCommandAgent,
  isExecAble,
} from './execute-command-agent.js';

/**
 * ExecuteCommand needs `--container` when the task has more than one container, and AWS adds
 * containers of its own (GuardDuty Runtime Monitoring, Service Connect), so a task defined with
 * one container may hold several. The commands printed here name each container that can be
 * exec'd into now, i.e. whose ExecuteCommandAgent is RUNNING.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 */

function commandsFor(target: ExecTarget, names: string[]): string {
  return names.map((name) => executeCommandLine(target, name)).join('\n');
}

/** Containers that can be exec'd into now; else those whose agent is at least there (PENDING). */
function candidateNames(target: ExecTarget): string[] {
  const containers = target.task?.containers ?? [];
  const ready = containers.filter(isExecAble);
  const chosen = ready.length > 0 ? ready : containers.filter((container) => executeCommandAgent(container));
  return chosen.map((container) => container.name);
}

function chooseFix(target: ExecTarget, summary: string): Fix {
  const names = candidateNames(target);
  return names.length > 0 ? { summary, cli: commandsFor(target, names) } : { summary };
}

export const taskContainerSelection = defineCheck({
  id: 'task.container-selection',
  title: 'The container to exec into is named (or the task has only one)',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'ExecuteCommand rejects a call without --container when the task has several containers, and AWS-added sidecars count. The exact command for each exec-able container saves a guess.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html',
    ],
  },
  docs: {
    passes:
      'The task has a single container, or the container named with `--container` is in the task; the finding prints the ready-to-run `aws ecs execute-command` line.',
    fails:
      'Fails when the named container is not in the task. Warns when the task has several containers (AWS-added sidecars count) and none was named: ExecuteCommand then needs `--container`. The fix lists the command for each exec-able container.',
    fix: {
      cli: 'aws ecs execute-command --cluster CLUSTER --task TASK_ID --container CONTAINER --interactive --command "/bin/sh" --region REGION',
    },
    notApplicable:
      'Skipped when there is no running task (lint mode) or the task has exec disabled (task.exec-enabled reports it).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    if (!task.enableExecuteCommand) {
      return [
        skip(task.arn, 'The task has exec disabled, so no container is exec-able (see task.exec-enabled).'),
      ];
    }
    const names = task.containers.map((container) => container.name);
    const evidence = `DescribeTasks: containers=[${names.join(', ')}]`;
    const requested = target.requestedContainer;

    if (requested) {
      const container = task.containers.find((candidate) => candidate.name === requested);
      if (!container) {
        return [
          fail(
            task.arn,
            `Task ${task.id} has no container \`${requested}\`; its containers are: ${names.map((name) => `\`${name}\``).join(', ')}.`,
            chooseFix(target, 'Name one of the task’s containers with --container.'),
            [evidence],
          ),
        ];
      }
      const command = executeCommandLine(target, requested);
      if (!isExecAble(container)) {
        const sidecar = awsSidecarKind(requested);
        const agentStatus = executeCommandAgent(container)?.lastStatus;
        const why = sidecar
          ? `it is the ${sidecar} sidecar AWS adds to the task, which never has an ${EXECUTE_COMMAND_AGENT}`
          : agentStatus === 'STOPPED'
            ? `its ${EXECUTE_COMMAND_AGENT} has STOPPED, so the task must be replaced (see task.managed-agent)`
            : `its ${EXECUTE_COMMAND_AGENT} is not RUNNING yet (see task.managed-agent); once it is: ${command}`;
        return [info(task.arn, `Container \`${requested}\` is in the task, but ${why}.`)];
      }
      return [pass(task.arn, `Container \`${requested}\` is in the task. Run: ${command}`, [evidence])];
    }

    if (names.length === 1) {
      const command = executeCommandLine(target, names[0]!);
      return [pass(task.arn, `The task has one container, \`${names[0]}\`. Run: ${command}`, [evidence])];
    }

    const execAble = task.containers.filter(isExecAble).map((container) => container.name);
    const listed =
      execAble.length > 0
        ? `Exec-able now: ${execAble.map((name) => `\`${name}\``).join(', ')}.`
        : `None has a RUNNING ${EXECUTE_COMMAND_AGENT} yet (see task.managed-agent).`;
    return [
      warn(
        task.arn,
        `Task ${task.id} has ${names.length} containers (${names.map((name) => `\`${name}\``).join(', ')}): name the container with --container. ${listed}`,
        chooseFix(target, 'Pass --container with one of these commands.'),
        [evidence],
      ),
    ];
  },
});
