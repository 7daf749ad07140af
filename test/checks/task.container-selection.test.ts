import { taskContainerSelection } from '../../src/checks/task/container-selection.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

const TASK_ID = '0123456789abcdef0123456789abcdef';
const command = (container: string, shell = '/bin/sh') =>
  `aws ecs execute-command --cluster demo --task ${TASK_ID} --container ${container} --interactive --command "${shell}" --region us-east-1`;
const running = [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }];

checkTable(taskContainerSelection, {
  valid: [
    {
      name: 'one container: the exact command',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: command('web'),
    },
    {
      name: 'Windows Fargate: PowerShell, not /bin/sh',
      target: targetWith((t) => {
        t.task!.platformFamily = 'WINDOWS_SERVER_2019_CORE';
        t.task!.platformVersion = '1.0.0';
      }),
      statuses: ['pass'],
      message: command('web', 'powershell.exe'),
    },
    {
      name: '--container names an exec-able container',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'aws-guardduty-agent-FvWGoDU', lastStatus: 'RUNNING' });
        t.requestedContainer = 'web';
      }),
      statuses: ['pass'],
      message: command('web'),
    },
    {
      name: '--container names a container whose agent is not running',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = [{ name: 'ExecuteCommandAgent', lastStatus: 'PENDING' }];
        t.requestedContainer = 'web';
      }),
      statuses: ['info'],
      message: /not RUNNING yet/,
    },
    {
      name: 'exec disabled: task.exec-enabled reports it',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
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
      name: 'GuardDuty and Service Connect sidecars make it multi-container: one command, for `web`',
      target: targetWith((t) => {
        t.task!.containers.push(
          { name: 'aws-guardduty-agent-FvWGoDU', lastStatus: 'RUNNING' },
          { name: 'ecs-service-connect-3yFnN', lastStatus: 'RUNNING' },
        );
      }),
      statuses: ['warn'],
      message: /3 containers.*name the container.*Exec-able now: `web`\./,
      fix: command('web'),
      assert: ([finding]) => {
        if (finding?.fix?.cli !== command('web')) throw new Error(finding?.fix?.cli);
      },
    },
    {
      name: 'two app containers: a command each',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'worker', lastStatus: 'RUNNING', managedAgents: running });
      }),
      statuses: ['warn'],
      assert: ([finding]) => {
        if (finding?.fix?.cli !== `${command('web')}\n${command('worker')}`)
          throw new Error(finding?.fix?.cli);
      },
    },
    {
      name: 'several containers, none exec-able yet: commands for the pending ones',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = [{ name: 'ExecuteCommandAgent', lastStatus: 'PENDING' }];
        t.task!.containers.push({ name: 'aws-guardduty-agent-FvWGoDU', lastStatus: 'RUNNING' });
      }),
      statuses: ['warn'],
      message: /None has a RUNNING ExecuteCommandAgent yet/,
      fix: command('web'),
    },
    {
      name: '--container not in the task: the real names listed',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'worker', lastStatus: 'RUNNING', managedAgents: running });
        t.requestedContainer = 'api';
      }),
      statuses: ['fail'],
      message: /no container `api`; its containers are: `web`, `worker`/,
      fix: command('worker'),
    },
  ],
});
