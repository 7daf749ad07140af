import { IncompleteError } from '../../engine/errors.js';
import {
  type ClientFacts,
  describeUnavailable,
  type ExecTarget,
  type Fact,
  known,
  type NamedPolicy,
  type NetworkFacts,
  parseArn,
  unavailable,
} from '../../model/index.js';
import { type AwsApi, memoized } from './api.js';
import { Attempts, unavailableFrom } from './attempt.js';
import { type ClusterResources, collectClusterResources } from './cluster-resources.js';
import {
  describeCaller,
  describeCluster,
  describeContainerInstances,
  describeRequestedTasks,
  describeServices,
  describeTaskDefinitions,
  serviceNameOf,
} from './ecs-reads.js';
import { collectNetwork, type NetworkRequest } from './network.js';
import { readOrganizationScps } from './organizations.js';
import { PolicyReader } from './policy-reader.js';
import { clusterFromRequest, type LiveRequest, regionFromRequest } from './resolve.js';
import { describeHosts, resolveTaskRoles } from './task-roles.js';

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
