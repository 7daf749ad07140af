import type { ContainerDefinition, ExecTarget, TaskContainer } from '../model/index.js';

/** Helpers shared by checks: what a target is called and which containers it judges. */

/** The task ARN in live mode, else the task definition's ARN or family. */
export function taskResource(target: ExecTarget): string {
  if (target.task) return target.task.arn;
  return taskDefinitionResource(target);
}

export function taskDefinitionResource(target: ExecTarget): string {
  if (target.taskDefinition.known) {
    const definition = target.taskDefinition.value;
    return definition.arn ?? definition.family;
  }
  return target.task?.taskDefinitionArn ?? 'task-definition';
}

export function clusterResource(target: ExecTarget): string {
  if (target.cluster.known) return target.cluster.value.arn;
  return target.task?.clusterArn ?? 'cluster';
}

export function clusterName(target: ExecTarget): string {
  if (target.cluster.known) return target.cluster.value.name;
  return (target.task?.clusterArn ?? 'CLUSTER').split('/').pop() ?? 'CLUSTER';
}

/** `family:revision`, the form the CLI accepts. */
export function taskDefinitionLabel(target: ExecTarget): string {
  if (!target.taskDefinition.known)
    return target.task?.taskDefinitionArn.split('/').pop() ?? 'TASK_DEFINITION';
  const { family, revision } = target.taskDefinition.value;
  return revision === undefined ? family : `${family}:${revision}`;
}

/** The task definition's containers, filtered to --container when given. */
export function containerDefinitionsToJudge(target: ExecTarget): ContainerDefinition[] {
  if (!target.taskDefinition.known) return [];
  const all = target.taskDefinition.value.containerDefinitions;
  return target.requestedContainer ? all.filter((c) => c.name === target.requestedContainer) : all;
}

/** The running task's containers, filtered to --container when given. */
export function taskContainersToJudge(target: ExecTarget): TaskContainer[] {
  const all = target.task?.containers ?? [];
  return target.requestedContainer ? all.filter((c) => c.name === target.requestedContainer) : all;
}

export function isWindows(target: ExecTarget): boolean {
  const family =
    target.task?.platformFamily ??
    (target.taskDefinition.known ? target.taskDefinition.value.operatingSystemFamily : '');
  return /windows/i.test(family ?? '');
}

/** The region flag to append to commands, so they work whatever the user's default region is. */
export function regionFlag(target: ExecTarget): string {
  return `--region ${target.region}`;
}

/**
 * A ready-to-run `aws ecs execute-command` for one container of the target task. Windows
 * containers (Server Core, the only Windows images ECS Exec supports) have no /bin/sh.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 */
export function executeCommandLine(target: ExecTarget, containerName: string): string {
  const task = target.task?.id ?? 'TASK_ID';
  const shell = isWindows(target) ? 'powershell.exe' : '/bin/sh';
  return `aws ecs execute-command --cluster ${clusterName(target)} --task ${task} --container ${containerName} --interactive --command "${shell}" ${regionFlag(target)}`;
}
