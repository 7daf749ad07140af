import { taskLaunchTypeSupported } from '../../src/checks/task/launch-type-supported.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

checkTable(taskLaunchTypeSupported, {
  valid: [
    {
      name: 'Fargate with IPv4',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: /FARGATE/,
      assert: ([finding]) => {
        if (!finding?.evidence.includes('DescribeTasks: ENI privateIPv4Address=10.0.1.25')) throw new Error();
      },
    },
    {
      name: 'dual-stack task',
      target: targetWith((t) => {
        t.task!.networkInterface!.ipv6Address = '2600:1f18:abcd::1';
      }),
      statuses: ['pass'],
    },
    {
      name: 'EC2 bridge-mode task (no task ENI)',
      target: targetWith((t) => {
        t.task!.launchType = 'EC2';
        t.task!.networkInterface = undefined;
      }),
      statuses: ['pass'],
      message: /EC2/,
    },
    {
      name: 'ECS Anywhere',
      target: targetWith((t) => {
        t.task!.launchType = 'EXTERNAL';
        t.task!.networkInterface = undefined;
      }),
      statuses: ['pass'],
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
      name: 'IPv6-only service task',
      target: targetWith((t) => {
        t.task!.networkInterface!.privateIPv4Address = undefined;
        t.task!.networkInterface!.ipv6Address = '2600:1f18:abcd::1';
      }),
      statuses: ['fail', 'pass'],
      message: /IPv6-only \(ENI eni-0123456789abcdef0 has IPv6 2600:1f18:abcd::1 and no IPv4 address\)/,
      fix: /update-service --cluster demo --service web --network-configuration[\s\S]*dual-stack/,
    },
    {
      name: 'Managed Instances: unknown, never pass',
      target: targetWith((t) => {
        t.task!.launchType = 'MANAGED_INSTANCES';
        t.task!.capacityProviderName = 'mi-provider';
      }),
      statuses: ['unknown'],
      message: /Managed Instances.*not verified/,
    },
    {
      name: 'custom capacity provider without a launch type',
      target: targetWith((t) => {
        t.task!.launchType = undefined;
        t.task!.capacityProviderName = 'my-provider';
      }),
      statuses: ['unknown'],
      message: /capacityProviderName=my-provider/,
    },
  ],
});
