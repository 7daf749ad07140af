import type { ContainerDefinition, ExecTarget } from '../../model/index.js';
import { pass, skip, warn } from '../results.js';
import { isWindows, taskDefinitionResource } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { containerProperty, definitionSource, judgeEachContainer } from './containers.js';
import { containerEdit, newRevisionCommand, newRevisionCommandTemplate } from './new-revision.js';

/**
 * Exec sessions start processes the container's main process does not own. When a session or
 * the agent dies, they become zombies unless an init process (PID 1) reaps them; the ECS Exec
 * docs recommend `initProcessEnabled`. The parameter does not exist for Windows containers.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
function fixFor(target: ExecTarget, container: ContainerDefinition): Fix {
  const name = container.name;
  const fix: Fix = {
    summary: `Set linuxParameters.initProcessEnabled=true on container \`${name}\` so processes left by exec sessions are reaped.`,
    cloudformation: `AWS::ECS::TaskDefinition ContainerDefinitions[Name=${name}].LinuxParameters.InitProcessEnabled: true`,
    terraform: `aws_ecs_task_definition container_definitions JSON, container "${name}": "linuxParameters": {"initProcessEnabled": true}`,
    cdk: `taskDefinition.addContainer('${name}', { linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }), … })`,
  };
  const cli = newRevisionCommand(target, containerEdit(name, '.linuxParameters.initProcessEnabled = true'));
  return cli ? { ...fix, cli } : fix;
}

function judge(target: ExecTarget, container: ContainerDefinition): CheckResult[] {
  const about = containerProperty(target, container.name, 'linuxParameters.initProcessEnabled');
  const evidence = `${definitionSource(target)}: container ${container.name} linuxParameters.initProcessEnabled=${container.initProcessEnabled ?? 'not set'}`;
  if (container.initProcessEnabled === true) {
    return [
      pass(
        about,
        `Container \`${container.name}\` runs an init process that reaps exec sessions' processes.`,
        [evidence],
      ),
    ];
  }
  return [
    warn(
      about,
      `Container \`${container.name}\` has no init process (initProcessEnabled is ${container.initProcessEnabled === false ? 'false' : 'not set'}): processes left by exec sessions are not reaped and pile up as zombies.`,
      fixFor(target, container),
      [evidence],
    ),
  ];
}

export const taskDefinitionInitProcess = defineCheck({
  id: 'task-definition.init-process',
  title: 'Containers run an init process to reap processes left by exec sessions',
  layer: 'task-definition',
  suite: 'hardening',
  modes: ['live', 'lint'],
  rationale:
    'Commands started by ECS Exec are children of the SSM agent, not of the application. If a session or the agent is killed, they are orphaned; without an init process as PID 1 nobody reaps them. AWS recommends linuxParameters.initProcessEnabled=true with ECS Exec.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
    ],
  },
  docs: {
    passes: 'Each container sets `linuxParameters.initProcessEnabled=true`.',
    fails:
      'Warns when a container does not set it (or sets it false): processes left by exec sessions are not reaped and pile up as zombies.',
    fix: {
      cli: newRevisionCommandTemplate(
        containerEdit('CONTAINER', '.linuxParameters.initProcessEnabled = true'),
      ),
      cloudformation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    ContainerDefinitions:
      - Name: CONTAINER
        LinuxParameters:
          InitProcessEnabled: true`,
      terraform: `resource "aws_ecs_task_definition" "this" {
  container_definitions = jsonencode([{
    name            = "CONTAINER"
    linuxParameters = { initProcessEnabled = true }
    # …
  }])
}`,
      cdk: `taskDefinition.addContainer('CONTAINER', {
  image,
  linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }),
});`,
    },
    notApplicable: 'Skipped for Windows containers, which have no linuxParameters.',
  },
  run(target) {
    if (isWindows(target)) {
      return [
        skip(
          { resource: taskDefinitionResource(target), property: 'operatingSystemFamily' },
          'Windows containers have no linuxParameters.initProcessEnabled.',
        ),
      ];
    }
    return judgeEachContainer(target, (container) => judge(target, container));
  },
});
