import { taskAgentVersion } from '../../src/checks/task/agent-version.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { ACCOUNT, REGION, targetWith } from '../support/targets.js';

const INSTANCE_ARN = `arn:aws:ecs:${REGION}:${ACCOUNT}:container-instance/demo/4b6d45ea8c9f4c3a9f0e5a1b2c3d4e5f`;

/** The healthy target moved to an EC2 instance with a current agent. */
function ec2Target(change: (target: ExecTarget) => void = () => {}): ExecTarget {
  return targetWith((t) => {
    t.task!.launchType = 'EC2';
    t.task!.platformVersion = undefined;
    t.task!.containerInstanceArn = INSTANCE_ARN;
    t.containerInstance = known({
      arn: INSTANCE_ARN,
      ec2InstanceId: 'i-0123456789abcdef0',
      status: 'ACTIVE',
      agentConnected: true,
      agentVersion: '1.89.2',
      attributes: { 'ecs.capability.execute-command': '', 'ecs.os-type': 'linux' },
    });
    change(t);
  });
}

function instance(t: ExecTarget) {
  if (!t.containerInstance?.known) throw new Error('fixture has no container instance');
  return t.containerInstance.value;
}

checkTable(taskAgentVersion, {
  valid: [
    {
      name: 'current agent, connected, ACTIVE, exec capability',
      target: ec2Target(),
      statuses: ['pass'],
      assert: ([finding]) => {
        const evidence = finding?.evidence.join('\n') ?? '';
        if (
          !/agentVersion=1.89.2[\s\S]*agentConnected=true[\s\S]*status=ACTIVE[\s\S]*execute-command present/.test(
            evidence,
          )
        ) {
          throw new Error(evidence);
        }
      },
    },
    {
      name: 'ECS Anywhere instance',
      target: ec2Target((t) => {
        t.task!.launchType = 'EXTERNAL';
        instance(t).ec2InstanceId = undefined;
      }),
      statuses: ['pass'],
      message: /4b6d45ea8c9f4c3a9f0e5a1b2c3d4e5f/,
    },
    { name: 'Fargate: does not apply', target: targetWith(() => {}), statuses: ['skip'] },
    {
      name: 'Managed Instances: does not apply',
      target: targetWith((t) => {
        t.task!.launchType = 'MANAGED_INSTANCES';
      }),
      statuses: ['skip'],
    },
    {
      name: 'no running task (lint)',
      target: targetWith((t) => {
        t.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'old agent',
      target: ec2Target((t) => {
        instance(t).agentVersion = '1.48.1';
      }),
      statuses: ['fail'],
      message: /agent on i-0123456789abcdef0 is 1.48.1; ECS Exec needs 1.50.2 or later/,
      fix: /aws ecs update-container-agent --cluster demo --container-instance 4b6d45ea8c9f4c3a9f0e5a1b2c3d4e5f --region us-east-1[\s\S]*amazon-linux-2023/,
    },
    {
      name: 'old agent on Windows: replace the instance, no update-container-agent',
      target: ec2Target((t) => {
        instance(t).agentVersion = '1.55.0';
        t.task!.platformFamily = 'WINDOWS_SERVER_2022_FULL';
      }),
      statuses: ['fail'],
      message: /needs 1.56.0 or later/,
      fix: /current ECS-optimized Windows AMI/,
      assert: ([finding]) => {
        if (finding?.fix?.cli) throw new Error('no CLI for Windows agent updates');
      },
    },
    {
      name: 'disconnected agent',
      target: ec2Target((t) => {
        instance(t).agentConnected = false;
      }),
      statuses: ['fail'],
      message: /disconnected \(agentConnected=false\)/,
      fix: /aws ssm send-command --instance-ids i-0123456789abcdef0 .*systemctl restart ecs/,
    },
    {
      name: 'draining instance',
      target: ec2Target((t) => {
        instance(t).status = 'DRAINING';
      }),
      statuses: ['warn'],
      message: /DRAINING/,
    },
    {
      name: 'inactive instance',
      target: ec2Target((t) => {
        instance(t).status = 'INACTIVE';
      }),
      statuses: ['fail'],
    },
    {
      name: 'custom AMI without the execute-command capability',
      target: ec2Target((t) => {
        instance(t).attributes = { 'ecs.os-type': 'linux' };
      }),
      statuses: ['fail'],
      message: /does not advertise ecs.capability.execute-command.*custom AMIs/,
      fix: /ECS-optimized AMI/,
    },
    {
      name: 'several problems at once',
      target: ec2Target((t) => {
        instance(t).agentVersion = '1.40.0';
        instance(t).agentConnected = false;
        instance(t).attributes = {};
      }),
      statuses: ['fail', 'fail', 'fail'],
    },
    {
      name: 'no agent version reported',
      target: ec2Target((t) => {
        instance(t).agentVersion = undefined;
      }),
      statuses: ['unknown'],
    },
    {
      name: 'container instance unreadable',
      target: ec2Target((t) => {
        t.containerInstance = unavailable('AccessDenied', 'ecs:DescribeContainerInstances');
      }),
      statuses: ['unknown'],
      message: /ecs:DescribeContainerInstances/,
    },
    {
      name: 'container instance not looked up',
      target: ec2Target((t) => {
        t.containerInstance = undefined;
      }),
      statuses: ['unknown'],
    },
  ],
});
