import { expect } from 'vitest';
import { taskDefinitionReadonlyRootFs } from '../../src/checks/task-definition/readonly-root-fs.js';
import { type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { firstContainer, lintTargetWith, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

/** readonlyRootFilesystem=true with writable volumes at the agent's paths, minus `without`. */
function readOnlyWithAgentVolumes(without: string[] = []) {
  return (target: ExecTarget) => {
    if (!target.taskDefinition.known) return;
    const paths = ['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm/'].filter(
      (path) => !without.includes(path),
    );
    target.taskDefinition.value.volumes = paths.map((_, index) => ({ name: `agent-${index}`, kind: 'bind' }));
    firstContainer(target).readonlyRootFilesystem = true;
    firstContainer(target).mountPoints = paths.map((path, index) => ({
      sourceVolume: `agent-${index}`,
      containerPath: path,
      readOnly: false,
    }));
  };
}

const WEB = `${TASK_DEFINITION_ARN}#containerDefinitions[web]`;
/** Where the linted file declares a property. */
const declared = (line: number) => ({ file: 'template.yaml', line, column: 11 });

checkTable(taskDefinitionReadonlyRootFs, {
  valid: [
    {
      name: 'root filesystem not read-only',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'Container `web` has a writable root filesystem.',
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeTaskDefinition: container web readonlyRootFilesystem=not set',
        ]),
    },
    {
      name: 'read-only root with writable volumes at the three agent paths (workaround)',
      target: targetWith(readOnlyWithAgentVolumes()),
      statuses: ['pass'],
      message:
        /readonlyRootFilesystem=true with writable volumes .*community workaround AWS does not document.*ECS\.5/,
    },
    {
      name: 'lint: readonlyRootFilesystem=false',
      target: lintTargetWith((target) => {
        firstContainer(target).readonlyRootFilesystem = false;
      }),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual(['task definition: container web readonlyRootFilesystem=false']),
    },
    {
      name: '--container names only the writable container of two',
      target: targetWith((target) => {
        if (!target.taskDefinition.known) return;
        target.taskDefinition.value.containerDefinitions.push({
          ...firstContainer(target),
          name: 'proxy',
          readonlyRootFilesystem: true,
        });
        target.requestedContainer = 'web';
      }),
      statuses: ['pass'],
    },
    {
      name: '--container names a container the task definition lacks',
      target: targetWith((target) => {
        target.requestedContainer = 'worker';
      }),
      statuses: ['skip'],
      message: 'The task definition has no container named `worker`.',
    },
    {
      name: 'lint: readonlyRootFilesystem unset points at the container that lacks it',
      target: lintTargetWith((target) => {
        target.locations = { [TASK_DEFINITION_ARN]: declared(1), [WEB]: declared(30) };
      }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(30)),
    },
  ],
  invalid: [
    {
      name: 'read-only root without volumes',
      target: targetWith((target) => {
        firstContainer(target).readonlyRootFilesystem = true;
      }),
      statuses: ['fail'],
      message:
        /Container `web` has readonlyRootFilesystem=true and nothing is mounted at \/managed-agents, \/var\/lib\/amazon\/ssm and \/var\/log\/amazon\/ssm: .*Security Hub ECS\.5/,
      fix: /aws ecs describe-task-definition --task-definition web:7 .*\.readonlyRootFilesystem = false.*aws ecs register-task-definition --cli-input-json file:\/\/web-taskdef\.json --region us-east-1 && aws ecs update-service --cluster demo --service web --task-definition web --region us-east-1/,
      assert: ([finding]) => {
        expect(finding?.fix?.summary).toMatch(/Either set readonlyRootFilesystem=false on container `web`/);
        expect(finding?.fix?.cloudformation).toContain(
          'MountPoints: [{SourceVolume: ecs-exec-managed-agents, ContainerPath: /managed-agents, ReadOnly: false}',
        );
        expect(finding?.fix?.terraform).toContain(
          '"mountPoints": [{"sourceVolume": "ecs-exec-managed-agents", "containerPath": "/managed-agents", "readOnly": false}',
        );
        expect(finding?.fix?.cdk).toContain("taskDefinition.addVolume({ name: 'ecs-exec-ssm-log' });");
      },
    },
    {
      name: 'one agent path mounted read-only',
      target: targetWith((target) => {
        readOnlyWithAgentVolumes()(target);
        firstContainer(target).mountPoints[2]!.readOnly = true;
      }),
      statuses: ['fail'],
      message: /\/var\/log\/amazon\/ssm is mounted read-only/,
      assert: ([finding]) => {
        expect(finding?.fix?.terraform).not.toContain('/managed-agents');
        expect(finding?.fix?.terraform).toContain('/var/log/amazon/ssm');
      },
    },
    {
      name: 'agent path mounted from an undeclared volume',
      target: targetWith((target) => {
        readOnlyWithAgentVolumes()(target);
        if (target.taskDefinition.known) target.taskDefinition.value.volumes.pop();
      }),
      statuses: ['fail'],
      message: /the volume mounted at \/var\/log\/amazon\/ssm \(`agent-2`\) is not declared/,
    },
    {
      name: 'one agent path missing',
      target: targetWith(readOnlyWithAgentVolumes(['/managed-agents'])),
      statuses: ['fail'],
      message: /nothing is mounted at \/managed-agents: /,
    },
    {
      name: 'lint: read-only root, fix without a CLI command',
      target: lintTargetWith((target) => {
        firstContainer(target).readonlyRootFilesystem = true;
      }),
      statuses: ['fail'],
      fix: /ReadonlyRootFilesystem: false/,
      assert: ([finding]) => {
        expect(finding?.fix?.cli).toBeUndefined();
        expect(finding?.evidence).toEqual(['task definition: container web readonlyRootFilesystem=true']);
      },
    },
    {
      name: 'two containers: each judged by name',
      target: targetWith((target) => {
        if (!target.taskDefinition.known) return;
        target.taskDefinition.value.containerDefinitions.push({
          ...firstContainer(target),
          name: 'proxy',
          readonlyRootFilesystem: true,
        });
      }),
      statuses: ['pass', 'fail'],
      message: /Container `proxy` has readonlyRootFilesystem=true/,
      fix: /select\(\.name == "proxy"\)/,
    },
    {
      name: 'task definition could not be read',
      target: targetWith((target) => {
        target.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['unknown'],
      message: /Could not read the task definition: AccessDenied \(needs ecs:DescribeTaskDefinition\)/,
      assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeTaskDefinition'),
    },
    {
      name: 'lint: the failure points at readonlyRootFilesystem',
      target: lintTargetWith((target) => {
        firstContainer(target).readonlyRootFilesystem = true;
        target.locations = { [WEB]: declared(30), [`${WEB}.readonlyRootFilesystem`]: declared(33) };
      }),
      statuses: ['fail'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(33)),
    },
    {
      name: 'lint: a mount the files leave open may be the writable one',
      target: lintTargetWith((target) => {
        readOnlyWithAgentVolumes(['/managed-agents'])(target);
        target.unresolved = {
          [`${WEB}.mountPoints[2]`]: 'depends on condition HasAgentVolumes, which the files do not decide',
        };
        target.locations = { [WEB]: declared(30), [`${WEB}.mountPoints`]: declared(35) };
      }),
      statuses: ['unknown'],
      message:
        'Container `web` has readonlyRootFilesystem=true; whether the SSM agent can write at /managed-agents is not decided by the files (containerDefinitions[web].mountPoints[2]: depends on condition HasAgentVolumes, which the files do not decide).',
      assert: ([finding]) => expect(finding?.location).toEqual(declared(35)),
    },
    {
      name: 'lint: a volume the files leave open may be the undeclared one',
      target: lintTargetWith((target) => {
        readOnlyWithAgentVolumes()(target);
        if (target.taskDefinition.known) target.taskDefinition.value.volumes.pop();
        target.unresolved = { [`${TASK_DEFINITION_ARN}#volumes[2]`]: 'depends on condition HasAgentVolumes' };
      }),
      statuses: ['unknown'],
      message: /volumes\[2\]: depends on condition HasAgentVolumes/,
    },
  ],
});
