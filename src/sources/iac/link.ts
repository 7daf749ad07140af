import type { ExecTarget, Fact, Role, RoleSource, SourceLocation } from '../../model/index.js';
import { lastSegment, parseArn } from '../../model/index.js';
import type {
  BucketNode,
  ClusterNode,
  Environment,
  IacGraph,
  KeyNode,
  Link,
  LogGroupNode,
  RoleNode,
  ServiceNode,
  TaskDefinitionNode,
} from './graph.js';
import { nodeKey } from './graph.js';

/**
 * Builds one lint target per (task definition, service using it): a service brings its task
 * definition and cluster; a task definition no service runs stands alone; a cluster nothing runs in
 * is judged on its own. Links follow references within a template or plan, and names or ARNs the
 * files give. What the files do not hold is `known: false` with the reason, never guessed.
 */

interface Node {
  scope: string;
  id: string;
}

type Found<T> = { node: T } | { value: string } | { unresolved: string };

/** The forms a name or ARN may take: as given, its last path segment, an ARN's resource. */
function nameForms(value: string): string[] {
  const arn = parseArn(value);
  return [...new Set([value, lastSegment(value), ...(arn ? [arn.resource] : [])])];
}

/**
 * Finds the resource a link names. A reference finds its resource directly. A name or ARN finds a
 * resource of the same file by id or name, else the one resource of the run with that name (an
 * ECS service file names its task definition file's family; a plan names a cluster a template makes).
 */
class Index<T extends Node> {
  private readonly byKey = new Map<string, T>();
  private readonly inScope = new Map<string, T[]>();
  private readonly inRun = new Map<string, T[]>();

  constructor(nodes: readonly T[], names: (node: T) => (string | undefined)[]) {
    for (const node of nodes) {
      this.byKey.set(nodeKey(node.scope, node.id), node);
      add(this.inScope, nodeKey(node.scope, node.id), node);
      for (const name of names(node)) {
        if (!name) continue;
        add(this.inScope, nodeKey(node.scope, name), node);
        add(this.inRun, name, node);
      }
    }
  }

  find(link: Link, scope: string): Found<T> {
    if (link.kind === 'unresolved') return { unresolved: link.reason };
    if (link.kind === 'resource') {
      const node = this.byKey.get(nodeKey(link.scope, link.id));
      return node ? { node } : { value: link.id };
    }
    const forms = nameForms(link.value);
    for (const form of forms) {
      const matches = unique(this.inScope.get(nodeKey(scope, form)));
      if (matches.length === 1) return { node: matches[0]! };
    }
    for (const form of forms) {
      const matches = unique(this.inRun.get(form));
      if (matches.length === 1) return { node: matches[0]! };
      if (matches.length > 1) {
        return {
          unresolved: `${link.value} matches ${matches.length} resources of the linted files (${matches.map((node) => node.id).join(', ')})`,
        };
      }
    }
    return { value: link.value };
  }
}

function add<T>(map: Map<string, T[]>, key: string, node: T): void {
  const list = map.get(key);
  if (list) list.push(node);
  else map.set(key, [node]);
}

function unique<T>(nodes: T[] | undefined): T[] {
  return [...new Set(nodes ?? [])];
}

function unknownFact<T>(reason: string): Fact<T> {
  return { known: false, reason };
}

class Linker {
  private readonly taskDefinitions: Index<TaskDefinitionNode>;
  private readonly clusters: Index<ClusterNode>;
  private readonly roles: Index<RoleNode>;
  private readonly keys: Index<KeyNode>;
  private readonly logGroups: Index<LogGroupNode>;
  private readonly buckets: Index<BucketNode>;

  constructor(private readonly graph: IacGraph) {
    this.taskDefinitions = new Index(graph.taskDefinitions, (node) => [
      node.family,
      node.revision === undefined ? undefined : `${node.family}:${node.revision}`,
    ]);
    this.clusters = new Index(graph.clusters, (node) => [node.name]);
    this.roles = new Index(graph.roles, (node) => [node.name, node.arn]);
    const aliases = (node: KeyNode) =>
      graph.aliases
        .filter((alias) => alias.scope === node.scope && alias.keyId === node.id)
        .map((alias) => alias.alias);
    this.keys = new Index(graph.keys, (node) => [...node.names, ...aliases(node)]);
    this.logGroups = new Index(graph.logGroups, (node) => [node.name]);
    this.buckets = new Index(graph.buckets, (node) => [node.name]);
  }

  targets(): ExecTarget[] {
    const targets: ExecTarget[] = [];
    const usedTaskDefinitions = new Set<TaskDefinitionNode>();
    const usedClusters = new Set<ClusterNode>();
    for (const service of this.graph.services) {
      const definition = service.taskDefinition
        ? this.taskDefinitions.find(service.taskDefinition, service.scope)
        : { unresolved: `service ${service.name} names no task definition` };
      const cluster: Found<ClusterNode> = service.cluster
        ? this.clusters.find(service.cluster, service.scope)
        : {
            unresolved: `service ${service.name} names no cluster, so it runs in the default cluster, which is not in the linted files`,
          };
      if ('node' in definition) usedTaskDefinitions.add(definition.node);
      if ('node' in cluster) usedClusters.add(cluster.node);
      targets.push(this.target(definition, service, cluster));
    }
    for (const definition of this.graph.taskDefinitions) {
      if (usedTaskDefinitions.has(definition)) continue;
      targets.push(
        this.target({ node: definition }, null, {
          unresolved: `no service in the linted files runs task definition ${definition.family}, so its cluster is not known`,
        }),
      );
    }
    for (const cluster of this.graph.clusters) {
      if (usedClusters.has(cluster)) continue;
      targets.push(
        this.target(
          { unresolved: `no task definition in the linted files runs in cluster ${cluster.name}` },
          undefined,
          { node: cluster },
        ),
      );
    }
    return targets;
  }

  private target(
    definition: Found<TaskDefinitionNode>,
    service: ServiceNode | null | undefined,
    cluster: Found<ClusterNode>,
  ): ExecTarget {
    const definitionNode = 'node' in definition ? definition.node : undefined;
    const clusterNode = 'node' in cluster ? cluster.node : undefined;
    const environment = this.environmentOf(definitionNode ?? service ?? clusterNode);
    const involved: Node[] = [definitionNode, service ?? undefined, clusterNode].filter(
      (node): node is NonNullable<typeof node> => node !== undefined,
    );
    const target: ExecTarget = {
      mode: 'lint',
      partition: environment.partition ?? 'aws',
      region: environment.region ?? 'unknown',
      accountId: environment.accountId ?? 'unknown',
      cluster: this.clusterFact(cluster),
      taskDefinition: this.definitionFact(definition),
      taskRole: { known: true, value: null },
    };
    if (service !== undefined) target.service = service ? service.fact : { known: true, value: null };
    if (definitionNode) this.addRoles(target, definitionNode, involved);
    else if (!target.taskDefinition.known) target.taskRole = unknownFact(target.taskDefinition.reason);
    if (clusterNode) this.addDestinations(target, clusterNode, involved);
    this.addRecords(target, involved);
    return target;
  }

  private environmentOf(node: Node | undefined): Environment {
    if (!node) return {};
    return this.graph.scopes.get(node.scope)?.environment ?? {};
  }

  private definitionFact(found: Found<TaskDefinitionNode>): ExecTarget['taskDefinition'] {
    if ('node' in found) return found.node.fact;
    if ('value' in found) return unknownFact(`task definition ${found.value} is not in the linted files`);
    return unknownFact(found.unresolved);
  }

  private clusterFact(found: Found<ClusterNode>): ExecTarget['cluster'] {
    if ('node' in found) return found.node.fact;
    if ('value' in found) return unknownFact(`cluster ${found.value} is not in the linted files`);
    return unknownFact(found.unresolved);
  }

  private roleFact(
    link: Link | undefined,
    scope: string,
    source: RoleSource,
    involved: Node[],
  ): Fact<Role | null> {
    if (!link) return { known: true, value: null };
    const found = this.roles.find(link, scope);
    if ('unresolved' in found) return unknownFact(found.unresolved);
    if ('node' in found) {
      involved.push(found.node);
      return {
        known: true,
        value: { arn: found.node.id, name: found.node.name, source, policies: found.node.policies },
      };
    }
    // A role outside the files: it is set, but its policies are not known.
    return {
      known: true,
      value: {
        arn: found.value,
        name: lastSegment(found.value),
        source,
        policies: unknownFact(`role ${found.value} is not defined in the linted files`),
      },
    };
  }

  private addRoles(target: ExecTarget, definition: TaskDefinitionNode, involved: Node[]): void {
    target.taskRole = this.roleFact(definition.taskRole, definition.scope, 'task-definition', involved);
    if (!definition.executionRole) return;
    target.executionRole = this.roleFact(
      definition.executionRole,
      definition.scope,
      'task-definition',
      involved,
    );
    const executionRoleArn = definition.fact.known ? definition.fact.value.executionRoleArn : undefined;
    if (executionRoleArn) target.executionRoleArn = executionRoleArn;
  }

  private addDestinations(target: ExecTarget, cluster: ClusterNode, involved: Node[]): void {
    if (!cluster.fact.known) return;
    const configuration = cluster.fact.value.executeCommandConfiguration;
    const kmsKeyId = configuration?.kmsKeyId;
    if (kmsKeyId && cluster.kmsKey) {
      const found = this.keys.find(cluster.kmsKey, cluster.scope);
      if ('node' in found) {
        involved.push(found.node);
        const key = found.node.fact;
        target.kmsKey = key.known ? { known: true, value: { reference: kmsKeyId, ...key.value } } : key;
      } else {
        target.kmsKey = unknownFact(
          'value' in found
            ? `KMS key ${found.value} is not defined in the linted files; it is checked in live mode`
            : found.unresolved,
        );
      }
    }
    const log = configuration?.logConfiguration;
    if (log?.cloudWatchLogGroupName && cluster.logGroup) {
      const found = this.logGroups.find(cluster.logGroup, cluster.scope);
      if ('node' in found) {
        involved.push(found.node);
        target.logGroup = found.node.fact;
      } else if ('unresolved' in found) target.logGroup = unknownFact(found.unresolved);
    }
    if (log?.s3BucketName && cluster.bucket) {
      const found = this.buckets.find(cluster.bucket, cluster.scope);
      if ('node' in found) {
        involved.push(found.node);
        target.bucket = found.node.fact;
      } else if ('unresolved' in found) target.bucket = unknownFact(found.unresolved);
    }
  }

  /**
   * The locations of every resource involved. The logging checks name a log group or bucket by the
   * ARN they build from the target, so those ARNs point at the declaration too.
   */
  private addRecords(target: ExecTarget, involved: Node[]): void {
    const locations: Record<string, SourceLocation> = {};
    const unresolved: Record<string, string> = {};
    for (const node of involved) {
      const key = nodeKey(node.scope, node.id);
      Object.assign(locations, this.graph.locations.get(key));
      Object.assign(unresolved, this.graph.unresolved.get(key));
    }
    const logGroup = target.logGroup?.known ? target.logGroup.value : undefined;
    const bucket = target.bucket?.known ? target.bucket.value : undefined;
    const logGroupNode = this.graph.logGroups.find((node) => involved.includes(node));
    const bucketNode = this.graph.buckets.find((node) => involved.includes(node));
    if (logGroup && logGroupNode) {
      const arn = `arn:${target.partition}:logs:${target.region}:${target.accountId}:log-group:${logGroup.name}`;
      this.aliasNodeRecords(logGroupNode, arn, locations, unresolved);
    }
    if (bucket && bucketNode) {
      const arn = `arn:${target.partition}:s3:::${bucket.name}`;
      this.aliasNodeRecords(bucketNode, arn, locations, unresolved);
    }
    if (Object.keys(locations).length > 0) target.locations = locations;
    if (Object.keys(unresolved).length > 0) target.unresolved = unresolved;
  }

  /** A log group or bucket's own records, under the ARN the logging checks name it by. */
  private aliasNodeRecords(
    node: Node,
    alias: string,
    locations: Record<string, SourceLocation>,
    unresolved: Record<string, string>,
  ): void {
    const key = nodeKey(node.scope, node.id);
    aliasRecords(this.graph.locations.get(key), node.id, alias, locations);
    aliasRecords(this.graph.unresolved.get(key), node.id, alias, unresolved);
  }
}

export function linkTargets(graph: IacGraph): ExecTarget[] {
  return new Linker(graph).targets();
}

/** Copies the node's `ID` and `ID#property` records into `into` as `ALIAS` and `ALIAS#property`. */
function aliasRecords<T>(
  records: Record<string, T> | undefined,
  id: string,
  alias: string,
  into: Record<string, T>,
) {
  for (const [key, value] of Object.entries(records ?? {})) {
    if (key === id) into[alias] = value;
    else if (key.startsWith(`${id}#`)) into[`${alias}${key.slice(id.length)}`] = value;
  }
}
