import type { ExecTarget } from '../../model/index.js';
import { fail, pass, skip } from '../results.js';
import { replaceTasksFix } from '../service/redeploy.js';
import { clusterName, regionFlag, taskResource } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import { runTaskCommand, serviceNameOf } from './task-origin.js';

/**
 * The flag is fixed when a task starts: it cannot be turned on for a running task, and
 * UpdateService does not start a deployment, so the fix depends on what started the task.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 */
function fixFor(target: ExecTarget): Fix {
  const task = target.task!;
  const cluster = clusterName(target);
  const region = regionFlag(target);
  const serviceName = serviceNameOf(target);
  const service = serviceName && target.service?.known ? target.service.value : undefined;
  // The service may already have exec on (enabled after this task started): then only new tasks are needed.
  if (service) return replaceTasksFix(target, service, !service.enableExecuteCommand);
  if (serviceName) {
    return {
      summary: `Enable exec on service ${serviceName} and force a new deployment; running tasks keep the old flag.`,
      cli: `aws ecs update-service --cluster ${cluster} --service ${serviceName} --enable-execute-command --force-new-deployment ${region}`,
      cloudformation: 'AWS::ECS::Service: EnableExecuteCommand: true',
      terraform: 'aws_ecs_service: enable_execute_command = true',
      cdk: 'new ecs.FargateService(this, …, { enableExecuteCommand: true })',
    };
  }
  if (task.startedBy?.startsWith('events-rule/') || task.startedBy?.startsWith('chronos-')) {
    return {
      summary:
        'The task was started by EventBridge: set EnableExecuteCommand on the rule or schedule target.',
      cloudformation: 'AWS::Events::Rule Targets[].EcsParameters.EnableExecuteCommand: true',
      terraform: 'aws_cloudwatch_event_target: ecs_target { enable_execute_command = true }',
      cdk: 'new targets.EcsTask({ …, enableExecuteCommand: true })',
    };
  }
  if (task.startedBy && /batch/i.test(task.startedBy)) {
    return {
      summary:
        'The task was started by AWS Batch: set enableExecuteCommand in the job definition ecsProperties.',
      terraform: 'aws_batch_job_definition: ecs_properties.task_properties[].enable_execute_command = true',
    };
  }
  return {
    summary: 'Run a new task with exec enabled; it cannot be turned on for a running task.',
    cli: runTaskCommand(target),
  };
}

export const taskExecEnabled = defineCheck({
  id: 'task.exec-enabled',
  title: 'Task was started with exec enabled',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'ECS refuses ExecuteCommand for a task that was not started with enableExecuteCommand=true. Enabling it on a service later does not change running tasks.',
  references: { docs: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html'] },
  docs: {
    passes: 'DescribeTasks reports `enableExecuteCommand=true` for the task.',
    fails:
      'The task was started with `enableExecuteCommand=false`. The flag cannot be turned on for a running task, so the fix depends on what started it: a service, RunTask, an EventBridge rule or schedule, or AWS Batch.',
    fix: {
      cli: `# a service's task: enable exec and replace the tasks
aws ecs update-service --cluster CLUSTER --service SERVICE --enable-execute-command --force-new-deployment --region REGION
# a standalone task: run a new one with exec enabled
aws ecs run-task --cluster CLUSTER --task-definition TASK_DEFINITION --enable-execute-command --region REGION …`,
      cloudformation: `Service:
  Type: AWS::ECS::Service
  Properties:
    EnableExecuteCommand: true
# EventBridge: AWS::Events::Rule Targets[].EcsParameters.EnableExecuteCommand: true`,
      terraform: `resource "aws_ecs_service" "this" {
  # …
  enable_execute_command = true
}
# EventBridge: aws_cloudwatch_event_target ecs_target { enable_execute_command = true }
# AWS Batch: aws_batch_job_definition ecs_properties.task_properties[].enable_execute_command = true`,
      cdk: `new ecs.FargateService(this, 'Service', { cluster, taskDefinition, enableExecuteCommand: true });
// EventBridge: new targets.EcsTask({ cluster, taskDefinition, enableExecuteCommand: true })`,
    },
    notApplicable: 'Skipped when there is no running task to judge (lint mode).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    if (task.enableExecuteCommand) {
      return [
        pass(task.arn, 'Task was started with enableExecuteCommand=true.', [
          'DescribeTasks: enableExecuteCommand=true',
        ]),
      ];
    }
    return [
      fail(task.arn, `Task ${task.id} was started with enableExecuteCommand=false.`, fixFor(target), [
        'DescribeTasks: enableExecuteCommand=false',
      ]),
    ];
  },
});
