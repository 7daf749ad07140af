import type { ContainerDefinition, ExecTarget, TaskContainer } from '../model/index.js';
import type { About } from './results.js';

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

/**
 * Lint: why the files leave `property` (a model path) of `resource` open, e.g. a parameter without
 * a default; undefined when they decide it. See ExecTarget.unresolved.
 */
export function unresolvedReason(target: ExecTarget, resource: string, property: string): string | undefined {
  return target.unresolved?.[`${resource}#${property}`];
}

/**
 * Lint: the properties at or under `property` of `resource` that the files leave open, as
 * `[path, reason]`: `containerDefinitions[web].environment` finds the list itself, an item behind
 * an undecided `Fn::If` (`…environment[2]`) and a value (`…environment[DB_HOST].value`).
 */
export function unresolvedUnder(target: ExecTarget, resource: string, property: string): [string, string][] {
  const prefix = `${resource}#${property}`;
  return Object.entries(target.unresolved ?? {}).flatMap(([key, reason]): [string, string][] => {
    const rest = key.slice(prefix.length);
    const under = key.startsWith(prefix) && (rest === '' || rest.startsWith('.') || rest.startsWith('['));
    return under ? [[key.slice(resource.length + 1), reason]] : [];
  });
}

/** The property that encloses `path`: `a.b[c].d` → `a.b[c]` → `a.b` → `a` → undefined. */
function enclosingProperty(path: string): string | undefined {
  let depth = 0;
  for (let index = path.length - 1; index > 0; index--) {
    const char = path[index];
    if (char === ']') depth++;
    else if (char === '[' && --depth === 0) return path.slice(0, index);
    else if (char === '.' && depth === 0) return path.slice(0, index);
  }
  return undefined;
}

/**
 * `path` (a model path) of `resource`, or, where the files do not declare it (lint), the nearest
 * enclosing property they do: a missing `containerDefinitions[web].readonlyRootFilesystem` points
 * at the container. The engine falls back to the resource when the files declare none of them.
 */
export function declaredProperty(target: ExecTarget, resource: string, path: string): About {
  for (let candidate: string | undefined = path; candidate; candidate = enclosingProperty(candidate)) {
    if (target.locations?.[`${resource}#${candidate}`]) return { resource, property: candidate };
  }
  return { resource, property: path };
}

/**
 * A property of the cluster's exec configuration (`kmsKeyId`, `logConfiguration.s3BucketName`), or
 * the nearest enclosing one the files declare: what a cluster or logging finding points at.
 */
export function execConfigurationProperty(target: ExecTarget, path: string): About {
  return declaredProperty(target, clusterResource(target), `executeCommandConfiguration.${path}`);
}

/** Lint: this exec configuration setting as `[path, reason]` when the files leave it open. */
export function openExecSetting(target: ExecTarget, path: string): [string, string] | undefined {
  const property = `executeCommandConfiguration.${path}`;
  const reason = unresolvedReason(target, clusterResource(target), property);
  return reason === undefined ? undefined : [property, reason];
}

/**
 * What a finding about the cluster is about. In lint, when the files do not hold the cluster, it is
 * the service's `cluster` property that names it, else the task definition: where a user can act.
 */
export function clusterAbout(target: ExecTarget): About {
  if (target.cluster.known || target.mode === 'live') return clusterResource(target);
  const service = target.service?.known ? target.service.value : undefined;
  if (service) return { resource: service.arn, property: 'cluster' };
  return target.taskDefinition.known ? taskDefinitionResource(target) : clusterResource(target);
}

/**
 * What a finding about the task definition is about. In lint, when the files do not hold it (or
 * leave a property it needs open), it is the service's `taskDefinition` property, else the cluster
 * (one nothing in the files runs in).
 */
export function taskDefinitionAbout(target: ExecTarget): About {
  if (target.taskDefinition.known || target.mode === 'live') return taskDefinitionResource(target);
  const service = target.service?.known ? target.service.value : undefined;
  if (service) return { resource: service.arn, property: 'taskDefinition' };
  return target.cluster.known ? clusterResource(target) : taskDefinitionResource(target);
}
