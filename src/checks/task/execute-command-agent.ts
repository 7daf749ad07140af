import type { TaskContainer } from '../../model/index.js';

/**
 * ECS reports the in-container SSM agent as the managed agent named `ExecuteCommandAgent`.
 * Look it up by name: `managedAgents[0]` is not guaranteed to be it, and containers that never
 * started, GuardDuty and Service Connect sidecars have no `managedAgents` key at all.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedAgent.html
 */
export const EXECUTE_COMMAND_AGENT = 'ExecuteCommandAgent';

export function executeCommandAgent(container: TaskContainer) {
  return container.managedAgents?.find((agent) => agent.name === EXECUTE_COMMAND_AGENT);
}

/** ECS Exec can open a session only into a container whose ExecuteCommandAgent is RUNNING. */
export function isExecAble(container: TaskContainer): boolean {
  return executeCommandAgent(container)?.lastStatus === 'RUNNING';
}

/**
 * Sidecars that AWS adds to the task, outside the task definition: the GuardDuty Runtime
 * Monitoring agent and the Service Connect proxy. They never get an ExecuteCommandAgent.
 * https://docs.aws.amazon.com/guardduty/latest/ug/how-runtime-monitoring-works-ecs-fargate.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html
 */
export function awsSidecarKind(containerName: string): string | undefined {
  if (containerName.startsWith('aws-guardduty-agent-')) return 'GuardDuty Runtime Monitoring';
  if (containerName.startsWith('ecs-service-connect-')) return 'Service Connect';
  return undefined;
}
