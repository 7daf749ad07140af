import { expect } from 'vitest';
import { taskDefinitionInitProcess } from '../../src/checks/task-definition/init-process.js';
import { unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { firstContainer, lintTargetWith, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

checkTable(taskDefinitionInitProcess, {
  valid: [
    {
      name: 'init process enabled',
      target: targetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeTaskDefinition: container web linuxParameters.initProcessEnabled=true',
        ]),
    },
    {
      name: 'lint: init process enabled',
      target: lintTargetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/^task definition: /),
    },
    {
      name: 'Windows task: does not apply',
      target: targetWith((target) => {
        firstContainer(target).initProcessEnabled = undefined;
        target.task!.platformFamily = 'WINDOWS_SERVER_2022_CORE';
      }),
      statuses: ['skip'],
      message: /Windows/,
    },
    {
      name: 'lint: Windows task definition',
      target: lintTargetWith((target) => {
        if (target.taskDefinition.known)
          target.taskDefinition.value.operatingSystemFamily = 'WINDOWS_SERVER_2019_FULL';
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'initProcessEnabled not set',
      target: targetWith((target) => {
        firstContainer(target).initProcessEnabled = undefined;
      }),
      statuses: ['warn'],
      message: 'Container `web` has no init process (initProcessEnabled is not set)',
      fix: /\.linuxParameters\.initProcessEnabled = true.*register-task-definition/,
      assert: ([finding]) => {
        expect(finding?.fix?.cloudformation).toBe(
          'AWS::ECS::TaskDefinition ContainerDefinitions[Name=web].LinuxParameters.InitProcessEnabled: true',
        );
        expect(finding?.fix?.terraform).toContain('"linuxParameters": {"initProcessEnabled": true}');
      },
    },
    {
      name: 'lint: initProcessEnabled=false, no CLI command',
      target: lintTargetWith((target) => {
        firstContainer(target).initProcessEnabled = false;
      }),
      statuses: ['warn'],
      message: /initProcessEnabled is false/,
      fix: /initProcessEnabled: true/,
      assert: ([finding]) => expect(finding?.fix?.cli).toBeUndefined(),
    },
    {
      name: 'sidecar without init process',
      target: targetWith((target) => {
        if (!target.taskDefinition.known) return;
        target.taskDefinition.value.containerDefinitions.push({
          ...firstContainer(target),
          name: 'envoy',
          initProcessEnabled: undefined,
        });
      }),
      statuses: ['pass', 'warn'],
      message: /Container `envoy` has no init process/,
    },
    {
      name: 'task definition could not be read',
      target: targetWith((target) => {
        target.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['unknown'],
    },
    {
      name: 'lint: the warning points at initProcessEnabled where the file sets it',
      target: lintTargetWith((target) => {
        firstContainer(target).initProcessEnabled = false;
        const container = `${TASK_DEFINITION_ARN}#containerDefinitions[web]`;
        target.locations = {
          [container]: { file: 'taskdef.json', line: 3, column: 5 },
          [`${container}.linuxParameters.initProcessEnabled`]: { file: 'taskdef.json', line: 9, column: 9 },
        };
      }),
      statuses: ['warn'],
      assert: ([finding]) => expect(finding?.location).toEqual({ file: 'taskdef.json', line: 9, column: 9 }),
    },
  ],
});
