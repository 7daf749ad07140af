import type { Check, CheckOptions, Layer } from '../checks/types.js';
import type { ExecTarget } from '../model/index.js';

/**
 * Layers whose readiness checks matter only once exec is on for the task. Cluster-level defects
 * (an exec configuration or log destination that would refuse every session) and the service's
 * own exec flag are judged regardless.
 */
const ONLY_WHEN_EXEC_IS_ON = new Set<Layer>(['task', 'task-definition', 'task-role', 'caller', 'network']);

/**
 * Many teams never use exec, so in lint a service without exec is not judged as if it needed it.
 * A lone task definition is judged as if exec were on: teams lint them to prepare for exec.
 * Live `check` always requires exec: the user is asking to exec.
 */
export function execOffSkipReason(
  check: Check,
  target: ExecTarget,
  options: CheckOptions,
): string | undefined {
  if (target.mode !== 'lint' || options.requireExec) return undefined;
  if (check.suite !== 'readiness' || !ONLY_WHEN_EXEC_IS_ON.has(check.layer)) return undefined;
  const service = target.service?.known ? target.service.value : undefined;
  if (!service || service.enableExecuteCommand) return undefined;
  return `Exec is off for service ${service.name} and not required (use --require-exec or require-exec: true to judge it).`;
}
