import type { ContainerDefinition } from '../../model/index.js';
import type { CatalogueCheckId } from '../catalogue-ids.js';

/**
 * Why the ECS or Fargate agent reports an ExecuteCommandAgent as STOPPED, from the reasons the
 * ECS agent writes (agent/engine/execcmd/manager_init_task*.go, manager_start.go). `explain`
 * shares this table, so a pasted reason gets the same answer as the check.
 * https://github.com/aws/amazon-ecs-agent/tree/master/agent/engine/execcmd
 */
export interface StoppedAgentReason {
  /** Stable id of the reason, for `explain`. */
  id: string;
  pattern: RegExp;
  /** The reasons as the ECS agent writes them, with <placeholders> for what varies. */
  messages: string[];
  cause: string;
  remedy: string;
  /** The checks that confirm this cause on a live task. */
  checks: CatalogueCheckId[];
}

const CUSTOM_AMI_REMEDY =
  'Use a current ECS-optimized AMI (or install the ECS Exec dependencies on your AMI), then replace the task.';

export const STOPPED_AGENT_REASONS: StoppedAgentReason[] = [
  {
    id: 'agent-stopped-no-certs',
    pattern: /could not find certs/i,
    messages: ['could not find certs'],
    checks: ['task.agent-version'],
    cause:
      'the host has no CA bundle for the SSM agent under /var/lib/ecs/deps/execute-command (a custom AMI without the ECS Exec dependencies)',
    remedy: CUSTOM_AMI_REMEDY,
  },
  {
    id: 'agent-stopped-no-binaries',
    pattern: /no valid versions were found/i,
    messages: ['no valid versions were found in <path>'],
    checks: ['task.agent-version'],
    cause:
      'the host has no SSM agent binaries under /var/lib/ecs/deps/execute-command/bin (a custom AMI without the ECS Exec dependencies)',
    remedy: CUSTOM_AMI_REMEDY,
  },
  {
    id: 'agent-stopped-start-failed',
    pattern: /unable to start ExecuteCommandAgent/i,
    messages: [
      'unable to start ExecuteCommandAgent [create]: <error>',
      'unable to start ExecuteCommandAgent [pre-start]: <error>',
      'unable to start ExecuteCommandAgent [inspect]: <error>',
    ],
    checks: ['task.container-running', 'task.agent-version'],
    cause: 'the container runtime could not start the SSM agent inside the container (docker exec failed)',
    remedy:
      'Check that the container is running and the host’s Docker daemon is healthy, then replace the task.',
  },
  {
    id: 'agent-stopped-exited',
    pattern: /process exited with exit code/i,
    messages: ['ExecuteCommandAgent process exited with exit code: <code>'],
    checks: ['task-definition.readonly-root-fs'],
    cause:
      'the SSM agent started, then exited inside the container; most often the root filesystem is read-only or /var/lib/amazon/ssm and /var/log/amazon/ssm are not writable',
    remedy: 'Make the container’s root filesystem writable, then replace the task.',
  },
];

export interface StoppedAgentExplanation {
  /** The sentence that follows "ExecuteCommandAgent is STOPPED". */
  explanation: string;
  remedy: string;
}

export function explainStoppedAgent(
  reason: string | undefined,
  definition: ContainerDefinition | undefined,
): StoppedAgentExplanation {
  const known = reason
    ? STOPPED_AGENT_REASONS.find((candidate) => candidate.pattern.test(reason))
    : undefined;
  const quoted = reason ? `reason "${reason}"` : 'no reason given';
  const readOnly = definition?.readonlyRootFilesystem
    ? ` Container \`${definition.name}\` has readonlyRootFilesystem=true, which the SSM agent does not support.`
    : '';
  if (!known) {
    return {
      explanation: `(${quoted}).${readOnly}`,
      remedy: 'Read the reason, fix its cause, then replace the task; ECS starts the agent with the task.',
    };
  }
  return { explanation: `(${quoted}): ${known.cause}.${readOnly}`, remedy: known.remedy };
}
