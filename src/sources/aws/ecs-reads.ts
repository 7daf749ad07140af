import type * as ECS from '@aws-sdk/client-ecs';
import { IncompleteError, UsageError } from '../../engine/errors.js';
import {
  type Caller,
  type Cluster,
  type ContainerInstance,
  type Fact,
  known,
  type Service,
  type Task,
  type TaskDefinition,
  unavailable,
} from '../../model/index.js';
import { type Attempts, unavailableFrom } from './attempt.js';
import { chunks } from './chunks.js';
import {
  normalizeCluster,
  normalizeContainerInstance,
  normalizeService,
  normalizeTask,
  normalizeTaskDefinition,
} from './normalize.js';
import type { LiveRequest } from './resolve.js';

/** The ECS and STS reads of a check: the caller, the cluster, the tasks and what they name. */

export async function describeCaller(attempts: Attempts, region: string): Promise<Fact<Caller>> {
  const result = await attempts.attempt('sts:GetCallerIdentity', {}, region);
  if (!result.ok) {
    // Without valid credentials nothing else can be read: stop at once with the reason.
    if (result.kind === 'credentials') throw new IncompleteError(`AWS credentials refused: ${result.reason}`);
    if (result.kind === 'network') throw new IncompleteError(`cannot reach AWS: ${result.reason}`);
    return unavailableFrom(result);
  }
  const { Arn, Account, UserId } = result.value;
  return known({ arn: Arn ?? '', accountId: Account ?? '', userId: UserId ?? '' });
}

/**
 * `include` is required: without CONFIGURATIONS, DescribeClusters omits the exec configuration
 * and logging looks "not configured".
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeClusters.html
 */
export async function describeCluster(
  attempts: Attempts,
  reference: string,
  region: string,
): Promise<Fact<Cluster>> {
  const result = await attempts.attempt(
    'ecs:DescribeClusters',
    { clusters: [reference], include: ['CONFIGURATIONS', 'TAGS'] },
    region,
  );
  if (!result.ok) return unavailableFrom(result);
  const cluster = result.value.clusters?.[0];
  if (!cluster) throw new UsageError(`cluster "${reference}" not found in ${region}`);
  return known(normalizeCluster(cluster));
}

export async function describeRequestedTasks(
  attempts: Attempts,
  cluster: string,
  request: LiveRequest,
  region: string,
): Promise<Task[]> {
  const taskReferences = request.tasks?.length
    ? request.tasks
    : await listTasks(attempts, cluster, request, region);
  const batches = await Promise.all(
    chunks(taskReferences, 100).map((batch) =>
      attempts.attempt('ecs:DescribeTasks', { cluster, tasks: batch, include: ['TAGS'] }, region),
    ),
  );
  const tasks: ECS.Task[] = [];
  const missing: string[] = [];
  for (const result of batches) {
    if (!result.ok) throw taskLookupError(result, cluster, region);
    tasks.push(...(result.value.tasks ?? []));
    missing.push(...(result.value.failures ?? []).map((failure) => `${failure.arn} (${failure.reason})`));
  }
  if (missing.length > 0) {
    throw new UsageError(`task not found in cluster "${cluster}" (${region}): ${missing.join(', ')}`);
  }
  return tasks.map(normalizeTask);
}

async function listTasks(
  attempts: Attempts,
  cluster: string,
  request: LiveRequest,
  region: string,
): Promise<string[]> {
  if (!request.service && !request.all)
    throw new UsageError('name a task (--task), a service (--service) or --all');
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const input: ECS.ListTasksCommandInput = { cluster, desiredStatus: 'RUNNING' };
    if (request.service) input.serviceName = request.service;
    if (nextToken) input.nextToken = nextToken;
    const result = await attempts.attempt('ecs:ListTasks', input, region);
    if (!result.ok) throw taskLookupError(result, cluster, region);
    arns.push(...(result.value.taskArns ?? []));
    nextToken = result.value.nextToken;
  } while (nextToken);
  if (arns.length === 0) {
    const scope = request.service ? `service "${request.service}"` : `cluster "${cluster}"`;
    throw new UsageError(`${scope} has no running tasks (${region})`);
  }
  return arns;
}

/** Without the task itself nothing can be judged: these failures end the run with one line. */
function taskLookupError(
  failure: { kind: string; reason: string; error: unknown },
  cluster: string,
  region: string,
): Error {
  const name = (failure.error as { name?: string }).name;
  if (name === 'ClusterNotFoundException')
    return new UsageError(`cluster "${cluster}" not found in ${region}`);
  if (name === 'ServiceNotFoundException')
    return new UsageError(`service not found in cluster "${cluster}" (${region})`);
  if (name === 'InvalidParameterException') return new UsageError(`${failure.reason}`);
  return new IncompleteError(`cannot read the task: ${failure.reason}`);
}

export async function describeTaskDefinitions(
  attempts: Attempts,
  tasks: readonly Task[],
  region: string,
): Promise<Map<string, Fact<TaskDefinition>>> {
  const arns = [...new Set(tasks.map((task) => task.taskDefinitionArn))];
  const entries = await Promise.all(
    arns.map(async (arn): Promise<[string, Fact<TaskDefinition>]> => {
      const result = await attempts.attempt('ecs:DescribeTaskDefinition', { taskDefinition: arn }, region);
      if (!result.ok) return [arn, unavailableFrom(result)];
      const definition = result.value.taskDefinition;
      return [
        arn,
        definition ? known(normalizeTaskDefinition(definition)) : unavailable('task definition not returned'),
      ];
    }),
  );
  return new Map(entries);
}

export function serviceNameOf(task: Task): string | undefined {
  return task.group?.startsWith('service:') ? task.group.slice('service:'.length) : undefined;
}

export async function describeServices(
  attempts: Attempts,
  cluster: string,
  tasks: readonly Task[],
  region: string,
): Promise<Map<string, Fact<Service | null>>> {
  const names = [...new Set(tasks.map(serviceNameOf).filter((name): name is string => name !== undefined))];
  const services = new Map<string, Fact<Service | null>>();
  await Promise.all(
    chunks(names, 10).map(async (batch) => {
      const result = await attempts.attempt('ecs:DescribeServices', { cluster, services: batch }, region);
      for (const name of batch) {
        if (!result.ok) {
          services.set(name, unavailableFrom(result));
          continue;
        }
        const service = result.value.services?.find((candidate) => candidate.serviceName === name);
        services.set(
          name,
          service ? known(normalizeService(service)) : unavailable(`service "${name}" not returned`),
        );
      }
    }),
  );
  return services;
}

export async function describeContainerInstances(
  attempts: Attempts,
  cluster: string,
  tasks: readonly Task[],
  region: string,
): Promise<Map<string, Fact<ContainerInstance>>> {
  const arns = [
    ...new Set(tasks.map((task) => task.containerInstanceArn).filter((arn): arn is string => !!arn)),
  ];
  const instances = new Map<string, Fact<ContainerInstance>>();
  await Promise.all(
    chunks(arns, 100).map(async (batch) => {
      const result = await attempts.attempt(
        'ecs:DescribeContainerInstances',
        { cluster, containerInstances: batch },
        region,
      );
      for (const arn of batch) {
        if (!result.ok) {
          instances.set(arn, unavailableFrom(result));
          continue;
        }
        const instance = result.value.containerInstances?.find(
          (candidate) => candidate.containerInstanceArn === arn,
        );
        instances.set(
          arn,
          instance
            ? known(normalizeContainerInstance(instance))
            : unavailable('container instance not found'),
        );
      }
    }),
  );
  return instances;
}
