import type { ExecTarget } from '../../model/index.js';
import { isAtLeast } from '../../model/index.js';
import { fail, pass, skip, unknown } from '../results.js';
import { clusterName, isWindows, regionFlag, taskResource } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import { launchTypeOf } from './launch-type.js';
import { runTaskCommand, serviceNameOf } from './task-origin.js';

/**
 * ECS Exec needs Fargate platform version 1.4.0 or later on Linux, 1.0.0 or later on Windows.
 * Linux and Windows version numbers are independent. DescribeTasks normally reports the version
 * ECS resolved; `LATEST` has meant 1.4.0 or later on Linux since March 2021.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html
 * https://aws.amazon.com/about-aws/whats-new/2021/03/aws-fargate-updates-platform-version-1-4-0-to-be-the-latest-version/
 */
const LINUX_MINIMUM = '1.4.0';
const WINDOWS_MINIMUM = '1.0.0';

function fixFor(target: ExecTarget, minimum: string): Fix {
  const service = serviceNameOf(target);
  const iac = {
    cloudformation: `AWS::ECS::Service: PlatformVersion: ${minimum} (or LATEST)`,
    terraform: `aws_ecs_service: platform_version = "${minimum}" (or "LATEST")`,
    cdk: 'new ecs.FargateService(this, …, { platformVersion: ecs.FargatePlatformVersion.LATEST })',
  };
  if (service) {
    return {
      summary: `Move service ${service} to platform version ${minimum} or LATEST; the new deployment replaces the tasks.`,
      cli: `aws ecs update-service --cluster ${clusterName(target)} --service ${service} --platform-version ${minimum} --force-new-deployment ${regionFlag(target)}`,
      ...iac,
    };
  }
  return {
    summary: `Run a new task on platform version ${minimum} or LATEST.`,
    cli: runTaskCommand(target, `--launch-type FARGATE --platform-version ${minimum}`),
    ...iac,
  };
}

export const taskPlatformVersion = defineCheck({
  id: 'task.platform-version',
  title: 'Fargate platform version supports ECS Exec',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'Fargate runs the ECS Exec agent only from platform version 1.4.0 (Linux) or 1.0.0 (Windows). A task pinned to an older version cannot be exec’d into.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html',
      'https://aws.amazon.com/about-aws/whats-new/2021/03/aws-fargate-updates-platform-version-1-4-0-to-be-the-latest-version/',
    ],
  },
  docs: {
    passes:
      'The Fargate platform version is 1.4.0 or later on Linux, or 1.0.0 or later on Windows (LATEST counts).',
    fails:
      'The task runs on an older Fargate platform version. Unknown when DescribeTasks reports no platform version.',
    fix: {
      cli: `aws ecs update-service --cluster CLUSTER --service SERVICE --platform-version LATEST --force-new-deployment --region REGION
# a standalone task
aws ecs run-task --cluster CLUSTER --task-definition TASK_DEFINITION --launch-type FARGATE --platform-version LATEST --enable-execute-command --region REGION …`,
      cloudformation: `Service:
  Type: AWS::ECS::Service
  Properties:
    PlatformVersion: LATEST`,
      terraform: `resource "aws_ecs_service" "this" {
  # …
  platform_version = "LATEST"
}`,
      cdk: `new ecs.FargateService(this, 'Service', { cluster, taskDefinition, platformVersion: ecs.FargatePlatformVersion.LATEST });`,
    },
    notApplicable: 'Skipped for tasks not on Fargate, and when there is no running task (lint mode).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    const launchType = launchTypeOf(task);
    if (launchType !== 'FARGATE') {
      return [
        skip(
          task.arn,
          `Platform versions apply to Fargate only; the launch type is ${launchType ?? 'not reported'}.`,
        ),
      ];
    }
    const windows = isWindows(target);
    const minimum = windows ? WINDOWS_MINIMUM : LINUX_MINIMUM;
    const os = windows ? 'Windows' : 'Linux';
    const version = task.platformVersion;
    if (!version)
      return [unknown(task.arn, 'DescribeTasks reported no platformVersion for this Fargate task.')];
    const evidence: [string, ...string[]] = [
      `DescribeTasks: platformVersion=${version}, platformFamily=${task.platformFamily ?? 'unset'}`,
    ];
    if (version === 'LATEST') {
      return [
        pass(
          task.arn,
          windows
            ? 'The task reports platform version LATEST; every Windows Fargate version is 1.0.0 or later.'
            : 'The task reports platform version LATEST, which has meant 1.4.0 or later on Linux since March 2021.',
          evidence,
        ),
      ];
    }
    if (isAtLeast(version, minimum)) {
      return [
        pass(task.arn, `Fargate platform version ${version} is at least ${minimum} (${os}).`, evidence),
      ];
    }
    return [
      fail(
        task.arn,
        `Fargate platform version ${version} is older than ${minimum}, the minimum for ECS Exec on ${os}.`,
        fixFor(target, minimum),
        evidence,
      ),
    ];
  },
});
