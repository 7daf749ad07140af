import { fail, info, pass, skip, unknownFromFact, warn } from '../results.js';
import { taskDefinitionAbout, taskResource } from '../target-helpers.js';
import { agentRoleGrantsChannels } from '../task-role/channels.js';
import { defineCheck } from '../types.js';
import { replaceTasksFix, UPDATE_SERVICE_DOCS } from './redeploy.js';

/**
 * A service starts its tasks with its own enableExecuteCommand, so a service without it never
 * produces an exec-able task. In lint mode a service without exec may be deliberate (production
 * services often turn it off), so it fails only when exec is required.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 */
export const serviceExecEnabled = defineCheck({
  id: 'service.exec-enabled',
  title: 'Service has exec enabled',
  layer: 'service',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    "Tasks started by a service carry the service's enableExecuteCommand (CloudFormation EnableExecuteCommand, Terraform enable_execute_command). In lint mode, a service without it fails only when exec is required (--require-exec); it warns when the files show exec is intended, which means the cluster has an exec configuration or the task role grants the ssmmessages actions, and is informational otherwise.",
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html',
      UPDATE_SERVICE_DOCS,
    ],
  },
  docs: {
    passes: 'The service has `enableExecuteCommand=true`.',
    fails:
      'Live: the service has `enableExecuteCommand=false`, so its tasks start without exec. Lint: fails only when exec is required (`--require-exec` or the config file); warns when the files show exec is intended (the cluster has an exec configuration, or the task role grants the four ssmmessages actions); informational otherwise.',
    fix: {
      cli: `# rolling (ECS) services; running tasks keep the old flag until replaced
aws ecs update-service --cluster CLUSTER --service SERVICE --enable-execute-command --force-new-deployment --region REGION
# blue/green (CODE_DEPLOY) services: update-service --enable-execute-command, then start a CodeDeploy deployment`,
      cloudformation: `Service:
  Type: AWS::ECS::Service
  Properties:
    EnableExecuteCommand: true`,
      terraform: `resource "aws_ecs_service" "this" {
  # …
  enable_execute_command = true
  force_new_deployment   = true
}`,
      cdk: `new ecs.FargateService(this, 'Service', { cluster, taskDefinition, enableExecuteCommand: true });`,
    },
    notApplicable:
      'Skipped when no service is in scope or the task was not started by a service (lint: no service in the files runs the task definition).',
  },
  run(target, context) {
    const fact = target.service;
    // Lint: the task definition, or what stands for it when the files do not hold it.
    const scope = target.mode === 'lint' ? taskDefinitionAbout(target) : taskResource(target);
    if (!fact) return [skip(scope, 'No service is in scope.')];
    if (!fact.known) return [unknownFromFact(scope, 'the service', fact)];
    const service = fact.value;
    if (service === null) {
      return [
        skip(
          scope,
          target.mode === 'live'
            ? 'The task was not started by a service.'
            : 'No service in the files runs this task definition.',
        ),
      ];
    }
    const about = { resource: service.arn, property: 'enableExecuteCommand' };
    const source = target.mode === 'live' ? 'DescribeServices' : 'service';
    const evidence = `${source}: enableExecuteCommand=${service.enableExecuteCommand}`;
    if (service.enableExecuteCommand) {
      return [pass(about, `Service ${service.name} has enableExecuteCommand=true.`, [evidence])];
    }
    const message = `Service ${service.name} has enableExecuteCommand=false, so its tasks start without exec.`;
    const fix = replaceTasksFix(target, service, true);
    if (target.mode === 'live' || context.options.requireExec) return [fail(about, message, fix, [evidence])];
    const signals = [
      target.cluster.known && target.cluster.value.executeCommandConfiguration !== undefined
        ? 'cluster: executeCommandConfiguration present'
        : '',
      agentRoleGrantsChannels(target, context.now) ? 'task role: allows the four ssmmessages actions' : '',
    ].filter(Boolean);
    if (signals.length > 0) {
      return [
        warn(about, `${message} The files show exec is intended (${signals.join('; ')}).`, fix, [
          evidence,
          ...signals,
        ]),
      ];
    }
    return [info(about, `${message} Nothing in the files shows exec is intended.`, fix)];
  },
});
