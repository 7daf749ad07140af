import type { ContainerInstance, ExecTarget } from '../../model/index.js';
import { isAtLeast, lastSegment } from '../../model/index.js';
import { fail, pass, skip, unknown, unknownFromFact, warn } from '../results.js';
import { clusterName, isWindows, regionFlag, taskResource } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { launchTypeOf } from './launch-type.js';

/**
 * On EC2 and ECS Anywhere the ECS container agent starts the SSM agent in each container. It
 * does so from 1.50.2 on Linux (1.56 on the ECS-optimized Windows AMIs), only while connected to
 * ECS, and only if it found the ECS Exec dependencies on the host: it then registers the
 * `ecs.capability.execute-command` attribute. Custom AMIs without /var/lib/ecs/deps/execute-command
 * never get it.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://github.com/aws/amazon-ecs-agent/blob/master/agent/app/agent_capability.go
 */
const LINUX_MINIMUM = '1.50.2';
const WINDOWS_MINIMUM = '1.56.0';
const EXEC_CAPABILITY = 'ecs.capability.execute-command';
const RECOMMENDED_AMI = '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id';

/** Where the agent and its ECS Exec dependencies come from: the AMI on EC2, the install script on ECS Anywhere. */
function currentAgentFix(target: ExecTarget, summary: string): Fix {
  if (target.task && launchTypeOf(target.task) === 'EXTERNAL') {
    return {
      summary: `${summary} On ECS Anywhere, update the ecs-init package (or rerun the ECS Anywhere install script) on the instance.`,
    };
  }
  if (isWindows(target)) {
    return {
      summary: `${summary} Agent updates do not apply to Windows instances: launch new instances from a current ECS-optimized Windows AMI.`,
    };
  }
  return {
    summary,
    cloudformation: `AWS::EC2::LaunchTemplate LaunchTemplateData.ImageId: '{{resolve:ssm:${RECOMMENDED_AMI}}}'`,
    terraform: `data "aws_ssm_parameter" "ecs_ami" { name = "${RECOMMENDED_AMI}" } → aws_launch_template.image_id`,
    cdk: 'ecs.EcsOptimizedImage.amazonLinux2023()',
  };
}

function judge(target: ExecTarget, instance: ContainerInstance): CheckResult[] {
  const resource = instance.arn;
  const id = instance.ec2InstanceId ?? lastSegment(instance.arn);
  const region = regionFlag(target);
  const problems: CheckResult[] = [];
  const evidence: string[] = [];

  const minimum = isWindows(target) ? WINDOWS_MINIMUM : LINUX_MINIMUM;
  const version = instance.agentVersion?.replace(/^v/, '');
  if (!version) {
    problems.push(unknown(resource, `DescribeContainerInstances reported no agent version for ${id}.`));
  } else if (isAtLeast(version, minimum)) {
    evidence.push(`DescribeContainerInstances: versionInfo.agentVersion=${version} (≥ ${minimum})`);
  } else {
    const fix = currentAgentFix(
      target,
      `Update the ECS container agent on ${id} to ${minimum} or later, or replace the instance.`,
    );
    if (!isWindows(target) && launchTypeOf(target.task!) === 'EC2') {
      fix.cli = `aws ecs update-container-agent --cluster ${clusterName(target)} --container-instance ${lastSegment(instance.arn)} ${region}`;
    }
    problems.push(
      fail(
        resource,
        `The ECS container agent on ${id} is ${version}; ECS Exec needs ${minimum} or later.`,
        fix,
        [`DescribeContainerInstances: versionInfo.agentVersion=${version}`],
      ),
    );
  }

  if (instance.agentConnected === false) {
    const fix: Fix = {
      summary: `Restart the ECS agent on ${id} (sudo systemctl restart ecs), or drain and replace the instance.`,
    };
    if (instance.ec2InstanceId && !isWindows(target)) {
      fix.cli = `aws ssm send-command --instance-ids ${instance.ec2InstanceId} --document-name AWS-RunShellScript --parameters 'commands=["sudo systemctl restart ecs"]' ${region}`;
    }
    problems.push(
      fail(
        resource,
        `The ECS agent on ${id} is disconnected (agentConnected=false): it cannot start ECS Exec.`,
        fix,
        ['DescribeContainerInstances: agentConnected=false'],
      ),
    );
  } else if (instance.agentConnected === true) {
    evidence.push('DescribeContainerInstances: agentConnected=true');
  }

  const status = instance.status ?? 'unset';
  if (status === 'ACTIVE') {
    evidence.push('DescribeContainerInstances: status=ACTIVE');
  } else if (status === 'DRAINING') {
    problems.push(
      warn(
        resource,
        `Container instance ${id} is DRAINING: exec works for now, but ECS is moving its tasks elsewhere.`,
        { summary: 'Exec into a task on an ACTIVE instance, or wait for the replacement task.' },
        ['DescribeContainerInstances: status=DRAINING'],
      ),
    );
  } else {
    problems.push(
      fail(
        resource,
        `Container instance ${id} is ${status}, not ACTIVE.`,
        { summary: 'Run the task on an ACTIVE container instance.' },
        [`DescribeContainerInstances: status=${status}`],
      ),
    );
  }

  if (Object.hasOwn(instance.attributes, EXEC_CAPABILITY)) {
    evidence.push(`DescribeContainerInstances: attribute ${EXEC_CAPABILITY} present`);
  } else {
    problems.push(
      fail(
        resource,
        `Container instance ${id} does not advertise ${EXEC_CAPABILITY}: the ECS agent found no ECS Exec dependencies (SSM agent binaries and CA bundle under /var/lib/ecs/deps/execute-command), as on custom AMIs.`,
        currentAgentFix(
          target,
          'Use a current ECS-optimized AMI, or add the ECS Exec dependencies to your AMI.',
        ),
        [`DescribeContainerInstances: no attribute ${EXEC_CAPABILITY}`],
      ),
    );
  }

  if (problems.length > 0) return problems;
  const [first, ...rest] = evidence;
  return [pass(resource, `The ECS agent on ${id} meets ECS Exec's requirements.`, [first!, ...rest])];
}

export const taskAgentVersion = defineCheck({
  id: 'task.agent-version',
  title: 'The container instance’s ECS agent supports ECS Exec',
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    'On EC2 and ECS Anywhere, the ECS container agent starts the SSM agent in the container. It must be recent enough, connected, on an ACTIVE instance that advertises the execute-command capability.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-agent-update.html',
    ],
  },
  docs: {
    passes:
      'EC2 and ECS Anywhere: the container instance runs ECS agent 1.50.2 or later (1.56.0 on Windows), is connected and ACTIVE, and advertises the `ecs.capability.execute-command` attribute.',
    fails:
      'Fails when the agent is older than the minimum, is disconnected, the instance is not ACTIVE, or it lacks `ecs.capability.execute-command` (a custom AMI without the ECS Exec dependencies under /var/lib/ecs/deps/execute-command). Warns when the instance is DRAINING. Unknown when the container instance could not be read.',
    fix: {
      cli: `aws ecs update-container-agent --cluster CLUSTER --container-instance CONTAINER_INSTANCE_ID --region REGION
# a disconnected agent: restart it on the instance
aws ssm send-command --instance-ids INSTANCE_ID --document-name AWS-RunShellScript --parameters 'commands=["sudo systemctl restart ecs"]' --region REGION`,
      cloudformation: `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      ImageId: '{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}'`,
      terraform: `data "aws_ssm_parameter" "ecs_ami" {
  name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

resource "aws_launch_template" "ecs" {
  image_id = data.aws_ssm_parameter.ecs_ami.value
  # …
}`,
      cdk: `new ecs.AsgCapacityProvider(this, 'Capacity', {
  autoScalingGroup: new autoscaling.AutoScalingGroup(this, 'Asg', { vpc, instanceType, machineImage: ecs.EcsOptimizedImage.amazonLinux2023() }),
});`,
    },
    notApplicable: 'Skipped for Fargate (AWS runs the agent) and when there is no running task (lint mode).',
  },
  run(target) {
    const task = target.task;
    if (!task) return [skip(taskResource(target), 'No running task to judge.')];
    const launchType = launchTypeOf(task);
    if (launchType !== 'EC2' && launchType !== 'EXTERNAL') {
      return [
        skip(
          task.arn,
          `The ECS agent is AWS-managed here; the launch type is ${launchType ?? 'not reported'}.`,
        ),
      ];
    }
    const instance = target.containerInstance;
    if (!instance) {
      return [
        unknown(
          task.arn,
          `No container instance was looked up for this ${launchType} task.`,
          'ecs:DescribeContainerInstances',
        ),
      ];
    }
    if (!instance.known) return [unknownFromFact(task.arn, 'the container instance', instance)];
    return judge(target, instance.value);
  },
});
