import { expect } from 'vitest';
import { serviceExecEnabled } from '../../src/checks/service/exec-enabled.js';
import { SSMMESSAGES_ACTIONS } from '../../src/checks/task-role/channels.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { allow, policy, taskRoleWith } from '../support/iam-targets.js';
import { CLUSTER_ARN, defaultContext, targetWith } from '../support/targets.js';

const SERVICE_ARN = 'arn:aws:ecs:us-east-1:111122223333:service/demo/web';

function withServiceExec(enabled: boolean, change: (target: ExecTarget) => void = () => {}): ExecTarget {
  return targetWith((t) => {
    if (t.service?.known && t.service.value) t.service.value.enableExecuteCommand = enabled;
    change(t);
  });
}

const lint = (t: ExecTarget) => {
  t.mode = 'lint';
  t.task = undefined;
  t.client = undefined;
};

const requireExec = { ...defaultContext, options: { requireExec: true } };

checkTable(serviceExecEnabled, {
  valid: [
    {
      name: 'service has exec enabled',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'Service web has enableExecuteCommand=true.',
      assert: ([finding]) => {
        expect(finding?.resource).toBe(SERVICE_ARN);
        expect(finding?.evidence).toEqual(['DescribeServices: enableExecuteCommand=true']);
      },
    },
    {
      name: 'lint: service has exec enabled',
      target: withServiceExec(true, lint),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.evidence).toEqual(['service: enableExecuteCommand=true']),
    },
    {
      name: 'no service in scope',
      target: targetWith((t) => {
        t.service = undefined;
      }),
      statuses: ['skip'],
    },
    {
      name: 'task not started by a service',
      target: targetWith((t) => {
        t.service = known(null);
      }),
      statuses: ['skip'],
      message: 'The task was not started by a service.',
    },
    {
      name: 'lint: no service runs the task definition',
      target: targetWith((t) => {
        lint(t);
        t.service = known(null);
      }),
      statuses: ['skip'],
      message: /No service in the files/,
    },
    {
      name: 'lint: exec off and nothing shows it is intended',
      target: withServiceExec(false, (t) => {
        lint(t);
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration = undefined;
      }),
      statuses: ['info'],
      message: /Nothing in the files shows exec is intended/,
      fix: /EnableExecuteCommand: true/,
    },
    {
      name: 'lint: a cluster nothing in the files runs in: the skip points at the cluster',
      target: targetWith((t) => {
        lint(t);
        t.service = undefined;
        t.taskDefinition = {
          known: false,
          reason: 'no task definition in the linted files runs in cluster demo',
        };
        t.locations = { [CLUSTER_ARN]: { file: 'cluster.yaml', line: 3, column: 3 } };
      }),
      statuses: ['skip'],
      message: 'No service is in scope.',
      assert: ([finding]) => expect(finding?.location).toEqual({ file: 'cluster.yaml', line: 3, column: 3 }),
    },
  ],
  invalid: [
    {
      name: 'live: service without exec',
      target: withServiceExec(false),
      statuses: ['fail'],
      message: 'Service web has enableExecuteCommand=false, so its tasks start without exec.',
      fix: 'aws ecs update-service --cluster demo --service web --enable-execute-command --force-new-deployment --region us-east-1',
      assert: ([finding]) => {
        expect(finding?.fix?.cloudformation).toBe('AWS::ECS::Service: EnableExecuteCommand: true');
        expect(finding?.fix?.terraform).toMatch(/enable_execute_command = true/);
        expect(finding?.fix?.cdk).toMatch(/enableExecuteCommand: true/);
      },
    },
    {
      name: 'live: blue/green service without exec needs a CodeDeploy deployment',
      target: withServiceExec(false, (t) => {
        if (t.service?.known && t.service.value) t.service.value.deploymentController = 'CODE_DEPLOY';
      }),
      statuses: ['fail'],
      fix: /aws ecs update-service --cluster demo --service web --enable-execute-command --region us-east-1\naws deploy create-deployment --application-name AppECS-demo-web --deployment-group-name DgpECS-demo-web/,
      assert: ([finding]) => expect(finding?.fix?.cli).not.toMatch(/force-new-deployment/),
    },
    {
      name: 'lint: exec required',
      target: withServiceExec(false, lint),
      context: requireExec,
      statuses: ['fail'],
      fix: /--force-new-deployment/,
    },
    {
      name: 'lint: the cluster has an exec configuration, so exec looks intended',
      target: withServiceExec(false, lint),
      statuses: ['warn'],
      message: /The files show exec is intended \(cluster: executeCommandConfiguration present\)/,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'service: enableExecuteCommand=false',
          'cluster: executeCommandConfiguration present',
        ]),
    },
    {
      name: 'lint: the task role grants the four ssmmessages actions, so exec looks intended',
      target: taskRoleWith([policy('ecs-exec', allow(SSMMESSAGES_ACTIONS, '*'))], (t) => {
        if (t.service?.known && t.service.value) t.service.value.enableExecuteCommand = false;
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration = undefined;
        lint(t);
      }),
      statuses: ['warn'],
      message: /task role: allows the four ssmmessages actions/,
    },
    {
      name: 'lint: nothing signals exec (no exec configuration, task role without ssmmessages)',
      target: taskRoleWith([policy('app', allow('s3:GetObject', '*'))], (t) => {
        if (t.service?.known && t.service.value) t.service.value.enableExecuteCommand = false;
        if (t.cluster.known) t.cluster.value.executeCommandConfiguration = undefined;
        lint(t);
      }),
      statuses: ['info'],
      message: /Nothing in the files shows exec is intended/,
    },
    {
      name: 'service not readable',
      target: targetWith((t) => {
        t.service = unavailable('AccessDeniedException', 'ecs:DescribeServices');
      }),
      statuses: ['unknown'],
      message: /Could not read the service: AccessDeniedException/,
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeServices'),
    },
    {
      name: 'lint: the finding points at enableExecuteCommand',
      target: withServiceExec(false, (t) => {
        lint(t);
        t.locations = {
          [SERVICE_ARN]: { file: 'service.json', line: 1, column: 1 },
          [`${SERVICE_ARN}#enableExecuteCommand`]: { file: 'service.json', line: 7, column: 3 },
        };
      }),
      context: requireExec,
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.location).toEqual({ file: 'service.json', line: 7, column: 3 }),
    },
  ],
});
