import type { ExecTarget } from '../../model/index.js';
import { pass, unknownFromFact, warn } from '../results.js';
import { taskDefinitionAbout, taskDefinitionResource } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import { definitionSource, listOf } from './containers.js';
import { newRevisionCommand, newRevisionCommandTemplate } from './new-revision.js';

/**
 * ECS Exec allows one session per PID namespace. With `pidMode: task` every container shares
 * one namespace, so exec reaches only one of them, and which one is not deterministic
 * (containers-roadmap #2268).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
function fixFor(target: ExecTarget): Fix {
  const fix: Fix = {
    summary:
      'Remove pidMode=task unless a container needs to see the others’ processes (e.g. a monitoring sidecar); otherwise expect exec to reach only one container.',
    cloudformation: 'AWS::ECS::TaskDefinition: remove PidMode',
    terraform: 'aws_ecs_task_definition: remove pid_mode',
    cdk: 'TaskDefinition props: remove pidMode: ecs.PidMode.TASK',
  };
  const cli = newRevisionCommand(target, 'del(.pidMode)');
  return cli ? { ...fix, cli } : fix;
}

export const taskDefinitionPidMode = defineCheck({
  id: 'task-definition.pid-mode',
  title: 'Containers do not share a task PID namespace',
  layer: 'task-definition',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'ECS Exec supports one session per PID namespace. With pidMode=task all containers of the task share one, so exec works into only one container, and which one is not deterministic.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode',
      'https://github.com/aws/containers-roadmap/issues/2268',
    ],
  },
  docs: {
    passes: '`pidMode` is unset or `host`, or `pidMode=task` with a single container.',
    fails:
      'Warns when `pidMode=task` and the task has several containers: they share one PID namespace, ECS Exec allows one session per PID namespace, so exec reaches only one of them, and which one is not deterministic. Unknown when the task definition could not be read.',
    fix: {
      cli: newRevisionCommandTemplate('del(.pidMode)'),
      cloudformation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    # remove PidMode: task`,
      terraform: `resource "aws_ecs_task_definition" "this" {
  # remove pid_mode = "task"
}`,
      cdk: `new ecs.FargateTaskDefinition(this, 'TaskDefinition', { /* remove pidMode: ecs.PidMode.TASK */ });`,
    },
  },
  run(target) {
    if (!target.taskDefinition.known) {
      return [unknownFromFact(taskDefinitionAbout(target), 'the task definition', target.taskDefinition)];
    }
    const about = { resource: taskDefinitionResource(target), property: 'pidMode' };
    const { pidMode, containerDefinitions } = target.taskDefinition.value;
    const evidence = `${definitionSource(target)}: pidMode=${pidMode ?? 'not set'}`;
    const names = containerDefinitions.map((container) => `\`${container.name}\``);
    if (pidMode !== 'task') {
      return [
        pass(
          about,
          pidMode
            ? `pidMode=${pidMode}: the task's containers do not share a task PID namespace.`
            : 'pidMode is not set: each container has its own PID namespace.',
          [evidence],
        ),
      ];
    }
    if (containerDefinitions.length <= 1) {
      return [
        pass(about, `pidMode=task with a single container ${names.join('')}: exec is not limited.`, [
          evidence,
          `${definitionSource(target)}: ${containerDefinitions.length} container definition(s)`,
        ]),
      ];
    }
    return [
      warn(
        about,
        `pidMode=task: containers ${listOf(names)} share one PID namespace, and ECS Exec allows one session per PID namespace, so exec reaches only one of them, and which one is not deterministic (containers-roadmap #2268).`,
        fixFor(target),
        [evidence],
      ),
    ];
  },
});
