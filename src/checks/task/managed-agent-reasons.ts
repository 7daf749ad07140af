import type { ContainerDefinition } from '../../model/index.js';

/**
 * Why the ECS or Fargate agent reports an ExecuteCommandAgent as STOPPED, from the reasons the
 * ECS agent writes (agent/engine/execcmd/manager_init_task*.go, manager_start.go).
 * https://github.com/aws/amazon-ecs-agent/tree/master/agent/engine/execcmd
 */
interface KnownReason {
  pattern: RegExp;
  cause: string;
  remedy: string;
}

const CUSTOM_AMI_REMEDY =
  'Use a current ECS-optimized AMI (or install the ECS Exec dependencies on your AMI), then replace the task.';

const KNOWN_REASONS: KnownReason[] = [
  {
    pattern: /could not find certs/i,
    cause:
      'the host has no CA bundle for the SSM agent under /var/lib/ecs/deps/execute-command (a custom AMI without the ECS Exec dependencies)',
    remedy: CUSTOM_AMI_REMEDY,
  },
  {
    pattern: /no valid versions were found/i,
    cause:
      'the host has no SSM agent binaries under /var/lib/ecs/deps/execute-command/bin (a custom AMI without the ECS Exec dependencies)',
    remedy: CUSTOM_AMI_REMEDY,
  },
  {
    pattern: /unable to start ExecuteCommandAgent/i,
    cause: 'the container runtime could not start the SSM agent inside the container (docker exec failed)',
    remedy:
      'Check that the container is running and the host’s Docker daemon is healthy, then replace the task.',
  },
  {
    pattern: /process exited with exit code/i,
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
  const known = reason ? KNOWN_REASONS.find((candidate) => candidate.pattern.test(reason)) : undefined;
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
