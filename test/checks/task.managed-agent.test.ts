import { taskManagedAgent } from '../../src/checks/task/managed-agent.js';
import type { TaskContainer } from '../../src/model/index.js';
import { unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

/** AWS adds these with no `managedAgents` key at all; the reference checker crashed on them. */
const guardDuty: TaskContainer = { name: 'aws-guardduty-agent-FvWGoDU', lastStatus: 'RUNNING' };
const serviceConnect: TaskContainer = { name: 'ecs-service-connect-3yFnN', lastStatus: 'RUNNING' };

function agent(lastStatus: string, reason?: string) {
  return [{ name: 'ExecuteCommandAgent', lastStatus, ...(reason ? { reason } : {}) }];
}

checkTable(taskManagedAgent, {
  valid: [
    { name: 'agent running', target: targetWith(() => {}), statuses: ['pass'], message: /`web`.*RUNNING/ },
    {
      name: 'GuardDuty and Service Connect sidecars without managedAgents do not crash',
      target: targetWith((t) => {
        t.task!.containers.push(guardDuty, serviceConnect);
      }),
      statuses: ['pass', 'info', 'info'],
      message: /GuardDuty Runtime Monitoring sidecar[\s\S]*Service Connect sidecar/,
    },
    {
      name: 'agent found by name, not index 0',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = [
          { name: 'SomeFutureAgent', lastStatus: 'STOPPED' },
          { name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' },
        ];
      }),
      statuses: ['pass'],
    },
    {
      name: '--container picks the exec-able one',
      target: targetWith((t) => {
        t.task!.containers.push(guardDuty);
        t.requestedContainer = 'web';
      }),
      statuses: ['pass'],
    },
    {
      name: 'exec disabled: task.exec-enabled reports it',
      target: targetWith((t) => {
        t.task!.enableExecuteCommand = false;
        t.task!.containers[0]!.managedAgents = undefined;
      }),
      statuses: ['skip'],
      message: /task.exec-enabled/,
    },
    {
      name: 'task not running: task.running reports it',
      target: targetWith((t) => {
        t.task!.lastStatus = 'STOPPED';
      }),
      statuses: ['skip'],
    },
    {
      name: 'requested container not in the task',
      target: targetWith((t) => {
        t.requestedContainer = 'nope';
      }),
      statuses: ['skip'],
      message: /task.container-selection/,
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
      name: 'agent pending: wait 30–60 s',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = agent('PENDING');
      }),
      statuses: ['warn'],
      message: /PENDING/,
      fix: /Wait 30–60 s[\s\S]*describe-tasks --cluster demo --tasks 0123456789abcdef0123456789abcdef/,
    },
    {
      name: 'agent stopped on a custom AMI without certs',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = agent('STOPPED', 'could not find certs');
      }),
      statuses: ['fail'],
      message: /STOPPED \(reason "could not find certs"\): the host has no CA bundle/,
      fix: /ECS-optimized AMI[\s\S]*aws ecs stop-task --cluster demo --task 0123456789abcdef0123456789abcdef/,
    },
    {
      name: 'agent stopped: no SSM binaries on the host',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = agent(
          'STOPPED',
          'no valid versions were found in /managed-agents/execute-command/bin',
        );
      }),
      statuses: ['fail'],
      message: /no SSM agent binaries/,
    },
    {
      name: 'agent process exited, read-only root filesystem named',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = agent(
          'STOPPED',
          'ExecuteCommandAgent process exited with exit code: 1',
        );
        if (t.taskDefinition.known)
          t.taskDefinition.value.containerDefinitions[0]!.readonlyRootFilesystem = true;
      }),
      statuses: ['fail'],
      message: /exited inside the container[\s\S]*`web` has readonlyRootFilesystem=true/,
      fix: /root filesystem writable/,
    },
    {
      name: 'docker exec failure',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = agent(
          'STOPPED',
          'unable to start ExecuteCommandAgent [pre-start]: container not running',
        );
      }),
      statuses: ['fail'],
      message: /docker exec failed/,
    },
    {
      name: 'agent stopped, unknown reason, standalone task',
      target: targetWith((t) => {
        t.task!.group = 'family:web';
        t.task!.containers[0]!.managedAgents = agent('STOPPED', 'something new');
      }),
      statuses: ['fail'],
      message: /reason "something new"/,
      fix: /run-task --cluster demo --task-definition web:7 --enable-execute-command[\s\S]*stop-task/,
    },
    {
      name: 'the requested container is a GuardDuty sidecar',
      target: targetWith((t) => {
        t.task!.containers.push(guardDuty);
        t.requestedContainer = guardDuty.name;
      }),
      statuses: ['fail'],
      message: /GuardDuty Runtime Monitoring sidecar/,
      fix: /your own containers/,
    },
    {
      name: 'only container never got an agent: warn, then the all-lacking fail',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = undefined;
      }),
      statuses: ['warn', 'fail'],
      message: /No container of task 0123456789abcdef0123456789abcdef has a running ExecuteCommandAgent/,
      fix: /stop-task/,
    },
    {
      name: 'all containers lack a running agent (sidecars and a started-too-early app)',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = [];
        t.task!.containers.push(guardDuty, serviceConnect);
      }),
      statuses: ['warn', 'info', 'info', 'fail'],
    },
    {
      name: 'requested container without an agent',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = undefined;
        t.requestedContainer = 'web';
      }),
      statuses: ['fail'],
      message: /`web` has no ExecuteCommandAgent/,
    },
    {
      name: 'multi-container: one stopped, one running',
      target: targetWith((t) => {
        t.task!.containers.push({ name: 'worker', lastStatus: 'RUNNING', managedAgents: agent('STOPPED') });
      }),
      statuses: ['pass', 'fail'],
      message: /`worker`.*no reason given/,
    },
    {
      name: 'undocumented agent status',
      target: targetWith((t) => {
        t.task!.containers[0]!.managedAgents = agent('WEIRD');
      }),
      statuses: ['unknown', 'fail'],
    },
    {
      name: 'task definition unreadable still judges the agents',
      target: targetWith((t) => {
        t.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
        t.task!.containers[0]!.managedAgents = agent(
          'STOPPED',
          'ExecuteCommandAgent process exited with exit code: 2',
        );
      }),
      statuses: ['fail'],
    },
  ],
});
