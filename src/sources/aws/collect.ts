import type * as ECS from '@aws-sdk/client-ecs';
import { IncompleteError, UsageError } from '../../engine/errors.js';
import {
  type Caller,
  type ClientFacts,
  type Cluster,
  type ContainerInstance,
  describeUnavailable,
  type Ec2Instance,
  type ExecTarget,
  type Fact,
  known,
  type NamedPolicy,
  type NetworkFacts,
  parseArn,
  type Role,
  type Service,
  type Task,
  type TaskDefinition,
  unavailable,
} from '../../model/index.js';
import { type AwsApi, memoized } from './api.js';
import { Attempts, unavailableFrom } from './attempt.js';
import { type ClusterResources, collectClusterResources } from './cluster-resources.js';
import { collectNetwork, type NetworkRequest } from './network.js';
import {
  normalizeCluster,
  normalizeContainerInstance,
  normalizeService,
  normalizeTask,
  normalizeTaskDefinition,
} from './normalize.js';
import { readOrganizationScps } from './organizations.js';
import { PolicyReader } from './policy-reader.js';
import { clusterFromRequest, type LiveRequest, regionFromRequest } from './resolve.js';

export interface CollectOptions {
  /** Facts about this machine's CLI and plugin, probed in parallel by the caller. */
  client?: Promise<Fact<ClientFacts>>;
  /** Read the IAM policies of the caller and the task's roles, and the KMS key policy. */
  policies?: boolean;
  /** Read the network path of each task: ENI, subnet, routes, endpoints, security groups, ACLs. */
  network?: boolean;
  /** Service control policies given by the user (root → account), set on every target. */
  serviceControlPolicies?: NamedPolicy[][];
  /** Read the SCPs of the task's account from AWS Organizations instead (`--org-scps`). */
  organizationScps?: boolean;
  onProgress?: (message: string) => void;
}

export interface CollectResult {
  targets: ExecTarget[];
  /** What the user should know but does not make the run incomplete (SCPs that could not be read). */
  notes: string[];
  /** Credential or network failures that left facts unknown: the run is incomplete (exit 3). */
  problems: string[];
}

/** DescribeTasks takes 100 tasks, DescribeServices 10, DescribeContainerInstances 100. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * Collects everything each selected task needs, in parallel waves that follow the dependency
 * graph: (1) caller, cluster, tasks → (2) task definitions, services, container instances,
 * and the cluster's key, log group and bucket → (3) EC2 instances → (4) instance profiles.
 * Every distinct call is made once, however many tasks share its resource.
 */
export async function collectLiveTargets(
  api: AwsApi,
  request: LiveRequest,
  options: CollectOptions = {},
): Promise<CollectResult> {
  const region = request.region ?? regionFromRequest(request) ?? (await api.defaultRegion());
  if (!region) {
    throw new IncompleteError('no AWS region: pass --region, set AWS_REGION, or give the task as an ARN');
  }
  const attempts = new Attempts(memoized(api));
  const clusterReference = clusterFromRequest(request);
  const progress = options.onProgress ?? (() => {});

  progress('describing the cluster and tasks');
  const clusterPromise = describeCluster(attempts, clusterReference, region);
  // A cluster that is not found rejects the Promise.all below; this derived promise would then
  // reject unobserved (an unhandled rejection), so it settles to nothing instead.
  const clusterResourcesPromise: Promise<ClusterResources> = clusterPromise.then(
    (cluster) => (cluster.known ? collectClusterResources(attempts, cluster.value, region) : {}),
    () => ({}),
  );
  const [caller, cluster, tasks] = await Promise.all([
    describeCaller(attempts, region),
    clusterPromise,
    describeRequestedTasks(attempts, clusterReference, request, region),
  ]);
  // Policies are read beside the task's dependencies, never before them: they are off the
  // critical path for everything but the IAM checks.
  const policies = new PolicyReader(attempts, region, options.policies === true, caller);
  const callerPolicies = policies.ofCaller();
  const taskAccount = parseArn(tasks[0]?.arn ?? '')?.accountId;
  const organizationScps =
    options.organizationScps && taskAccount ? readOrganizationScps(attempts, taskAccount, region) : undefined;
  // An awsvpc task's network starts from its own ENI, known now; bridge and host tasks wait for their host.
  const networks = new Map<string, Promise<Fact<NetworkFacts> | undefined>>();
  if (options.network) {
    for (const task of tasks) {
      if (task.networkInterface) networks.set(task.arn, collectNetwork(attempts, { task, region }));
    }
  }

  progress(`reading ${tasks.length === 1 ? 'the task' : `${tasks.length} tasks`}' dependencies`);
  const [taskDefinitions, services, containerInstances, clusterResources, client] = await Promise.all([
    describeTaskDefinitions(attempts, tasks, region),
    describeServices(attempts, clusterReference, tasks, region),
    describeContainerInstances(attempts, clusterReference, tasks, region),
    clusterResourcesPromise,
    options.client,
  ]);

  for (const task of tasks) {
    const definition = taskDefinitions.get(task.taskDefinitionArn)!;
    const value = definition.known ? definition.value : undefined;
    policies.ofRole(task.overrides.taskRoleArn ?? value?.taskRoleArn);
    policies.ofRole(task.overrides.executionRoleArn ?? value?.executionRoleArn);
  }
  const hosts = await describeHosts(attempts, tasks, containerInstances, region, progress);
  // Bridge and host tasks leave by their host's interface: known now, before the roles.
  if (options.network) {
    for (const task of tasks) {
      if (networks.has(task.arn)) continue;
      const definition = taskDefinitions.get(task.taskDefinitionArn)!;
      const request: NetworkRequest = { task, region };
      if (definition.known && definition.value.networkMode)
        request.networkMode = definition.value.networkMode;
      const host = hosts.get(task.arn);
      if (host) request.ec2Instance = host;
      networks.set(task.arn, collectNetwork(attempts, request));
    }
  }
  const taskRoles = await resolveTaskRoles(attempts, tasks, taskDefinitions, hosts, region);
  // An instance profile's role is known only now: read its policies at once, beside the rest.
  for (const role of taskRoles.values()) if (role.known && role.value) policies.ofRole(role.value.arn);

  const [callerWithPolicies, keyPolicy] = await Promise.all([
    callerPolicies,
    policies.ofKey(clusterResources.kmsKey),
  ]);
  const kmsKey = keyPolicy ?? clusterResources.kmsKey;
  const notes: string[] = [];
  const orgScps = await organizationScps;
  if (orgScps && !orgScps.known)
    notes.push(`--org-scps: SCPs not read, so not evaluated: ${describeUnavailable(orgScps)}`);
  const serviceControlPolicies = orgScps?.known ? orgScps.value : options.serviceControlPolicies;
  const targets = await Promise.all(
    tasks.map(async (task): Promise<ExecTarget> => {
      const taskArn = parseArn(task.arn);
      const taskDefinition = taskDefinitions.get(task.taskDefinitionArn)!;
      const target: ExecTarget = {
        mode: 'live',
        partition: taskArn?.partition ?? 'aws',
        region: taskArn?.region ?? region,
        accountId: taskArn?.accountId ?? '',
        cluster,
        task,
        taskDefinition,
        taskRole: await policies.withPolicies(taskRoles.get(task.arn)!),
        ...clusterResources,
      };
      if (kmsKey) target.kmsKey = kmsKey;
      const network = await networks.get(task.arn);
      if (network) target.network = network;
      if (serviceControlPolicies) target.serviceControlPolicies = serviceControlPolicies;
      if (request.container) target.requestedContainer = request.container;
      if (client) target.client = client;
      target.caller = callerWithPolicies;
      const serviceName = serviceNameOf(task);
      target.service = serviceName ? (services.get(serviceName) ?? known(null)) : known(null);
      if (task.containerInstanceArn) {
        target.containerInstance =
          containerInstances.get(task.containerInstanceArn) ?? unavailable('container instance not returned');
      }
      const host = hosts.get(task.arn);
      if (host) target.ec2Instance = host;
      const executionRoleArn =
        task.overrides.executionRoleArn ??
        (taskDefinition.known ? taskDefinition.value.executionRoleArn : undefined);
      if (executionRoleArn) {
        target.executionRoleArn = executionRoleArn;
        const source = task.overrides.executionRoleArn ? 'task-override' : 'task-definition';
        target.executionRole = await policies.withPolicies(
          known({ arn: executionRoleArn, name: executionRoleArn.split('/').pop()!, source }),
        );
      } else if (!taskDefinition.known) {
        target.executionRole = unavailableFrom(taskDefinition);
      }
      return target;
    }),
  );
  return { targets, notes, problems: attempts.problems };
}

async function describeCaller(attempts: Attempts, region: string): Promise<Fact<Caller>> {
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
async function describeCluster(
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

async function describeRequestedTasks(
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

async function describeTaskDefinitions(
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

function serviceNameOf(task: Task): string | undefined {
  return task.group?.startsWith('service:') ? task.group.slice('service:'.length) : undefined;
}

async function describeServices(
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

async function describeContainerInstances(
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

/** The EC2 host of each EC2 task: its instance profile, and its subnet and public IP for bridge and host mode. */
async function describeHosts(
  attempts: Attempts,
  tasks: readonly Task[],
  containerInstances: Map<string, Fact<ContainerInstance>>,
  region: string,
  progress: (message: string) => void,
): Promise<Map<string, Fact<Ec2Instance>>> {
  const hosts = new Map<string, Fact<Ec2Instance>>();
  const needInstance = new Map<string, string>();
  for (const task of tasks) {
    const instance = task.containerInstanceArn
      ? containerInstances.get(task.containerInstanceArn)
      : undefined;
    if (task.launchType === 'EC2' || (instance?.known && instance.value.ec2InstanceId)) {
      if (instance?.known && instance.value.ec2InstanceId)
        needInstance.set(task.arn, instance.value.ec2InstanceId);
      else if (instance && !instance.known) hosts.set(task.arn, unavailableFrom(instance));
    }
  }
  if (needInstance.size > 0) progress('reading EC2 instances');
  const instanceIds = [...new Set(needInstance.values())];
  const described = new Map<string, Fact<Ec2Instance>>();
  await Promise.all(
    chunks(instanceIds, 100).map(async (batch) => {
      const result = await attempts.attempt('ec2:DescribeInstances', { InstanceIds: batch }, region);
      for (const id of batch) {
        if (!result.ok) {
          described.set(id, unavailableFrom(result));
          continue;
        }
        const instance = result.value.Reservations?.flatMap(
          (reservation) => reservation.Instances ?? [],
        ).find((candidate) => candidate.InstanceId === id);
        if (!instance) {
          described.set(id, unavailable(`EC2 instance ${id} not found`));
          continue;
        }
        const facts: Ec2Instance = { instanceId: id };
        if (instance.IamInstanceProfile?.Arn) facts.iamInstanceProfileArn = instance.IamInstanceProfile.Arn;
        if (instance.PublicIpAddress) facts.publicIpAddress = instance.PublicIpAddress;
        if (instance.SubnetId) facts.subnetId = instance.SubnetId;
        if (instance.VpcId) facts.vpcId = instance.VpcId;
        described.set(id, known(facts));
      }
    }),
  );
  for (const [taskArn, instanceId] of needInstance) hosts.set(taskArn, described.get(instanceId)!);
  return hosts;
}

/**
 * The SSM agent in the container uses the task role: a RunTask override first, then the task
 * definition's. With neither, an EC2 task falls back to the instance profile's role through IMDS.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
async function resolveTaskRoles(
  attempts: Attempts,
  tasks: readonly Task[],
  taskDefinitions: Map<string, Fact<TaskDefinition>>,
  hosts: Map<string, Fact<Ec2Instance>>,
  region: string,
): Promise<Map<string, Fact<Role | null>>> {
  const entries = await Promise.all(
    tasks.map(async (task): Promise<[string, Fact<Role | null>]> => {
      const definition = taskDefinitions.get(task.taskDefinitionArn)!;
      const roleArn =
        task.overrides.taskRoleArn ?? (definition.known ? definition.value.taskRoleArn : undefined);
      if (roleArn) {
        const source = task.overrides.taskRoleArn ? 'task-override' : 'task-definition';
        return [task.arn, known({ arn: roleArn, name: roleArn.split('/').pop()!, source })];
      }
      if (!definition.known) return [task.arn, unavailableFrom(definition)];
      return [task.arn, await instanceProfileRole(attempts, hosts.get(task.arn), region)];
    }),
  );
  return new Map(entries);
}

async function instanceProfileRole(
  attempts: Attempts,
  instance: Fact<Ec2Instance> | undefined,
  region: string,
): Promise<Fact<Role | null>> {
  if (!instance) return known(null);
  if (!instance.known) return instance;
  const profileArn = instance.value.iamInstanceProfileArn;
  if (!profileArn) return known(null);
  const profileName = profileArn.split('/').pop()!;
  const result = await attempts.attempt(
    'iam:GetInstanceProfile',
    { InstanceProfileName: profileName },
    region,
  );
  if (!result.ok) return unavailableFrom(result);
  const role = result.value.InstanceProfile?.Roles?.[0];
  if (!role?.Arn) return known(null);
  return known({
    arn: role.Arn,
    name: role.RoleName ?? role.Arn.split('/').pop()!,
    source: 'instance-profile',
    instanceProfileArn: profileArn,
  });
}
