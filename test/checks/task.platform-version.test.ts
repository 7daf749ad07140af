import { taskPlatformVersion } from '../../src/checks/task/platform-version.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

checkTable(taskPlatformVersion, {
  valid: [
    {
      name: 'Linux 1.4.0',
      target: targetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) => {
        if (finding?.evidence[0] !== 'DescribeTasks: platformVersion=1.4.0, platformFamily=Linux')
          throw new Error();
      },
    },
    {
      name: 'Windows Fargate 1.0.0',
      target: targetWith((t) => {
        t.task!.platformVersion = '1.0.0';
        t.task!.platformFamily = 'WINDOWS_SERVER_2019_CORE';
      }),
      statuses: ['pass'],
      message: /1.0.0 is at least 1.0.0 \(Windows\)/,
    },
    {
      name: 'LATEST reported by DescribeTasks',
      target: targetWith((t) => {
        t.task!.platformVersion = 'LATEST';
      }),
      statuses: ['pass'],
      message: /LATEST.*since March 2021/,
    },
    {
      name: 'Fargate Spot capacity provider without launchType',
      target: targetWith((t) => {
        t.task!.launchType = undefined;
        t.task!.capacityProviderName = 'FARGATE_SPOT';
      }),
      statuses: ['pass'],
    },
    {
      name: 'EC2 task: does not apply',
      target: targetWith((t) => {
        t.task!.launchType = 'EC2';
        t.task!.platformVersion = undefined;
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
      name: 'service pinned to 1.3.0',
      target: targetWith((t) => {
        t.task!.platformVersion = '1.3.0';
      }),
      statuses: ['fail'],
      message: /1.3.0 is older than 1.4.0, the minimum for ECS Exec on Linux/,
      fix: /aws ecs update-service --cluster demo --service web --platform-version 1.4.0 --force-new-deployment --region us-east-1[\s\S]*PlatformVersion[\s\S]*platform_version/,
    },
    {
      name: 'standalone task on 1.3.0',
      target: targetWith((t) => {
        t.task!.platformVersion = '1.3.0';
        t.task!.group = 'family:web';
      }),
      statuses: ['fail'],
      fix: /run-task --cluster demo --task-definition web:7 --enable-execute-command --launch-type FARGATE --platform-version 1.4.0/,
    },
    {
      name: 'no platform version reported',
      target: targetWith((t) => {
        t.task!.platformVersion = undefined;
      }),
      statuses: ['unknown'],
    },
  ],
});
