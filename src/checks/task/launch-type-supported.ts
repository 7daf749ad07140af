import type { ExecTarget, Task } from '../../model/index.js';
import { fail, pass, skip, unknown } from '../results.js';
import { clusterName, regionFlag, taskResource } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { launchTypeOf } from './launch-type.js';
import { serviceNameOf } from './task-origin.js';

/**
 * ECS Exec supports Fargate, EC2 and ECS Anywhere. It is not supported for tasks in an IPv6-only
 * configuration. ECS Managed Instances are not in the documented list; they block SSM access to
 * the host, which is not the same thing, and no statement either way was found, so the tool says
 * so rather than pass.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-shared-model-managed-instances.html
 */
const SUPPORTED = new Set(['FARGATE', 'EC2', 'EXTERNAL']);

function dualStackFix(target: ExecTarget): Fix {
  const service = serviceNameOf(target);
  const summary =
    'Run the task in dual-stack subnets so it gets an IPv4 address as well; ECS Exec does not support IPv6-only tasks.';
  const iac = {
    cloudformation: 'AWS::ECS::Service NetworkConfiguration.AwsvpcConfiguration.Subnets: dual-stack subnets',
    terraform: 'aws_ecs_service: network_configuration { subnets = [dual-stack subnet ids] }',
  };
  if (!service) return { summary, ...iac };
  return {
    summary,
    cli: `aws ecs update-service --cluster ${clusterName(target)} --service ${service} --network-configuration "awsvpcConfiguration={subnets=[DUAL_STACK_SUBNET_IDS],securityGroups=[SECURITY_GROUP_IDS]}" --force-new-deployment ${regionFlag(target)}`,
    ...iac,
  };
}

function ipv6OnlyResult(target: ExecTarget, task: Task): CheckResult | undefined {
  const eni = task.networkInterface;
  if (!eni?.ipv6Address || eni.privateIPv4Address) return undefined;
  return fail(
    task.arn,
    `Task ${task.id} is IPv6-only (ENI ${eni.networkInterfaceId ?? eni.attachmentId} has IPv6 ${eni.ipv6Address} and no IPv4 address): ECS Exec does not support IPv6-only tasks.`,
    dualStackFix(target),
    [`DescribeTasks: ENI ipv6Address=${eni.ipv6Address}, no privateIPv4Address`],
  );
}

function launchTypeResult(task: Task): CheckResult {
  const launchType = launchTypeOf(task);
  const provider = task.capacityProviderName ? `, capacityProviderName=${task.capacityProviderName}` : '';
  const evidence = `DescribeTasks: launchType=${task.launchType ?? 'unset'}${provider}`;
  if (launchType && SUPPORTED.has(launchType)) {
    const ipv4 = task.networkInterface?.privateIPv4Address;
    const network = ipv4 ? [`DescribeTasks: ENI privateIPv4Address=${ipv4}`] : [];
    return pass(task.arn, `Launch type ${launchType} supports ECS Exec.`, [evidence, ...network]);
  }
  if (launchType === 'MANAGED_INSTANCES') {
    return unknown(
      task.arn,
      'The task runs on ECS Managed Instances. The ECS Exec documentation lists Fargate, EC2 and ECS Anywhere only; support on Managed Instances is not verified, so try it before relying on it.',
    );
  }
  return unknown(
    task.arn,
    `DescribeTasks did not say how the task is hosted (${evidence.slice('DescribeTasks: '.length)}); a custom capacity provider may be Managed Instances, whose ECS Exec support is not verified.`,
  );
}

export const taskLaunchTypeSupported = defineCheck({
  id: 'task.launch-type-supported',
  title: 'The task runs where ECS Exec is supported',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'ECS Exec works on Fargate, EC2 and ECS Anywhere, not for IPv6-only tasks. Its support on ECS Managed Instances is not documented.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-shared-model-managed-instances.html',
    ],
  },
  docs: {
    passes: 'The task runs on FARGATE, EC2 or EXTERNAL (ECS Anywhere) and has an IPv4 address.',
    fails:
      'Fails when the task is IPv6-only (its ENI has an IPv6 address and no IPv4 address): ECS Exec does not support IPv6-only tasks. Unknown on ECS Managed Instances, whose ECS Exec support is not documented, and when DescribeTasks does not say how the task is hosted.',
    fix: {
      cli: `# run the service in dual-stack subnets so its tasks get an IPv4 address as well
aws ecs update-service --cluster CLUSTER --service SERVICE --network-configuration "awsvpcConfiguration={subnets=[DUAL_STACK_SUBNET_IDS],securityGroups=[SECURITY_GROUP_IDS]}" --force-new-deployment --region REGION`,
      cloudformation: `Service:
  Type: AWS::ECS::Service
  Properties:
    NetworkConfiguration:
      AwsvpcConfiguration:
        Subnets: [DUAL_STACK_SUBNET_ID]`,
      terraform: `resource "aws_ecs_service" "this" {
  # …
  network_configuration {
    subnets = [aws_subnet.dual_stack.id]
  }
}`,
    },
    notApplicable: 'Skipped when there is no running task to judge (lint mode).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    const ipv6Only = ipv6OnlyResult(target, task);
    return ipv6Only ? [ipv6Only, launchTypeResult(task)] : [launchTypeResult(task)];
  },
});
