import { fail, pass, skip, unknownFromFact } from '../results.js';
import { taskResource } from '../target-helpers.js';
import { defineCheck } from '../types.js';
import { replaceTasksFix, UPDATE_SERVICE_DOCS } from './redeploy.js';

/**
 * Turning exec on with UpdateService does not start a deployment: tasks already running keep
 * enableExecuteCommand=false until they are replaced.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export const serviceTasksPredateExec = defineCheck({
  id: 'service.tasks-predate-exec',
  title: "Service's running tasks were started after exec was enabled",
  layer: 'service',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'UpdateService with --enable-execute-command does not trigger a deployment, so tasks that were running keep enableExecuteCommand=false. They must be replaced: --force-new-deployment for rolling services, a CodeDeploy deployment for blue/green services.',
  references: { docs: [UPDATE_SERVICE_DOCS] },
  docs: {
    passes: 'The service has exec enabled and the running task was started with `enableExecuteCommand=true`.',
    fails:
      'The service has exec enabled, but the task was started before that and keeps `enableExecuteCommand=false`: UpdateService does not start a deployment.',
    fix: {
      cli: `# rolling (ECS) services
aws ecs update-service --cluster CLUSTER --service SERVICE --force-new-deployment --region REGION
# blue/green (CODE_DEPLOY) services take no --force-new-deployment: start a CodeDeploy deployment
aws deploy create-deployment --application-name APPLICATION --deployment-group-name DEPLOYMENT_GROUP --revision 'REVISION' --region REGION
# EXTERNAL controllers: create a new task set with your deployment tool`,
      cloudformation: `# CloudFormation replaces tasks only when a deployment starts: after setting
# EnableExecuteCommand: true, run aws ecs update-service --force-new-deployment once.
Service:
  Type: AWS::ECS::Service
  Properties:
    EnableExecuteCommand: true`,
      terraform: `resource "aws_ecs_service" "this" {
  # …
  enable_execute_command = true
  force_new_deployment   = true
  triggers = {
    redeployment = plantimestamp() # replaces the tasks on every apply
  }
}`,
    },
    notApplicable:
      'Skipped when no service is in scope, the task was not started by a service, the service does not enable exec (service.exec-enabled reports it), or there is no running task.',
  },
  run(target) {
    const fact = target.service;
    if (!fact) return [skip(taskResource(target), 'No service is in scope.')];
    if (!fact.known) return [unknownFromFact(taskResource(target), 'the service', fact)];
    const service = fact.value;
    if (service === null) return [skip(taskResource(target), 'The task was not started by a service.')];
    if (!service.enableExecuteCommand) {
      return [
        skip(service.arn, `Service ${service.name} does not enable exec; service.exec-enabled reports it.`),
      ];
    }
    const task = target.task;
    if (!task) return [skip(service.arn, 'No running task to judge.')];
    const evidence: [string, string] = [
      'DescribeServices: enableExecuteCommand=true',
      `DescribeTasks: enableExecuteCommand=${task.enableExecuteCommand}${task.startedAt ? `, startedAt=${task.startedAt}` : ''}`,
    ];
    if (task.enableExecuteCommand) {
      return [
        pass(task.arn, `Task ${task.id} was started after service ${service.name} enabled exec.`, evidence),
      ];
    }
    return [
      fail(
        task.arn,
        `Service ${service.name} has exec enabled, but task ${task.id} was started before that and keeps enableExecuteCommand=false.`,
        replaceTasksFix(target, service, false),
        evidence,
      ),
    ];
  },
});
