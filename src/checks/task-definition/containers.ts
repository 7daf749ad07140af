import type { ContainerDefinition, ExecTarget, TaskDefinition } from '../../model/index.js';
import { type About, skip, unknownFromFact } from '../results.js';
import {
  containerDefinitionsToJudge,
  declaredProperty,
  taskDefinitionAbout,
  taskDefinitionResource,
  unresolvedUnder,
} from '../target-helpers.js';
import type { CheckResult } from '../types.js';

/** Helpers shared by the task-definition checks: which containers to judge and what they are given. */

/** Where the task definition's facts came from, for evidence lines. */
export function definitionSource(target: ExecTarget): string {
  return target.mode === 'live' ? 'DescribeTaskDefinition' : 'task definition';
}

/**
 * Runs `judge` on each container to judge (respecting --container). A task definition that could
 * not be read gives `unknown`; a --container the task definition lacks gives `skip`.
 */
export function judgeEachContainer(
  target: ExecTarget,
  judge: (container: ContainerDefinition, definition: TaskDefinition) => CheckResult[],
): CheckResult[] {
  if (!target.taskDefinition.known) {
    return [unknownFromFact(taskDefinitionAbout(target), 'the task definition', target.taskDefinition)];
  }
  const containers = containerDefinitionsToJudge(target);
  if (containers.length === 0) {
    return [
      skip(
        { resource: taskDefinitionResource(target), property: 'containerDefinitions' },
        target.requestedContainer
          ? `The task definition has no container named \`${target.requestedContainer}\`.`
          : 'The task definition has no containers.',
      ),
    ];
  }
  const definition = target.taskDefinition.value;
  return containers.flatMap((container) => judge(container, definition));
}

/**
 * A property of one container (`readonlyRootFilesystem`, `environment[HTTP_PROXY]`), or the
 * container where the files do not declare it: what a finding about the container points at.
 */
export function containerProperty(target: ExecTarget, containerName: string, path: string): About {
  return declaredProperty(
    target,
    taskDefinitionResource(target),
    `containerDefinitions[${containerName}].${path}`,
  );
}

/** One variable a container is given, and where from. Secrets carry no value: it is never read. */
export interface ContainerVariable {
  name: string;
  value?: string;
  /** `environment`, `secrets`, or the override of a running task. */
  origin: string;
  fromSecret: boolean;
  fromOverride: boolean;
}

/**
 * The container's variables in the order the container sees them: the task definition's
 * `environment` and `secrets`, then the running task's container overrides, which win on a
 * shared name (RunTask `overrides.containerOverrides[].environment`).
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerOverride.html
 */
export function containerVariables(target: ExecTarget, container: ContainerDefinition): ContainerVariable[] {
  const fromDefinition: ContainerVariable[] = [
    ...container.environment.map((variable) => ({
      name: variable.name,
      value: variable.value,
      origin: 'environment',
      fromSecret: false,
      fromOverride: false,
    })),
    ...container.secrets.map((secret) => ({
      name: secret.name,
      origin: 'secrets',
      fromSecret: true,
      fromOverride: false,
    })),
  ];
  const task = target.task;
  const fromOverrides: ContainerVariable[] = (task?.overrides.containerOverrides ?? [])
    .filter((override) => override.name === container.name)
    .flatMap((override) =>
      override.environment.map((variable) => ({
        name: variable.name,
        value: variable.value,
        origin: `container override of task ${task?.id}`,
        fromSecret: false,
        fromOverride: true,
      })),
    );
  return [...fromDefinition, ...fromOverrides];
}

/** The model path of a variable's entry in the task definition: `environment[NAME]` or `secrets[NAME]`. */
export function variablePath(variable: ContainerVariable): string {
  return `${variable.fromSecret ? 'secrets' : 'environment'}[${variable.name}]`;
}

/**
 * Lint: the container's `environment` and `secrets` lists and items the files leave open, and the
 * values the files leave open of the variables `judgesValueOf` names, as `[path, reason]`. Any of
 * them could set or change a variable a check judges.
 */
export function openVariables(
  target: ExecTarget,
  container: ContainerDefinition,
  judgesValueOf: (name: string) => boolean = () => false,
): [string, string][] {
  const resource = taskDefinitionResource(target);
  const base = `containerDefinitions[${container.name}]`;
  return [`${base}.environment`, `${base}.secrets`]
    .flatMap((list) => unresolvedUnder(target, resource, list))
    .filter(([path]) => {
      const value = /\[([^\]]*)\]\.value$/.exec(path);
      return value ? judgesValueOf(value[1]!) : true;
    });
}

/** The evidence line for one variable, naming the API or file it was read from (never its value). */
export function variableEvidence(
  target: ExecTarget,
  container: ContainerDefinition,
  variable: ContainerVariable,
): string {
  return variable.fromOverride
    ? `DescribeTasks: ${variable.origin} gives container ${container.name} ${variable.name}`
    : `${definitionSource(target)}: container ${container.name} ${variable.origin} defines ${variable.name}`;
}

/** The S3 objects of the container's `environmentFiles`, from the task definition and the overrides. */
export function containerEnvironmentFiles(target: ExecTarget, container: ContainerDefinition): string[] {
  const overrides = (target.task?.overrides.containerOverrides ?? []).filter(
    (override) => override.name === container.name,
  );
  return [
    ...container.environmentFiles.map((file) => file.value),
    ...overrides.flatMap((override) => override.environmentFiles.map((file) => file.value)),
  ];
}

/** `a`, `a and b`, `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
