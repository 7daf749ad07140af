import type {
  Bucket,
  Cluster,
  Fact,
  KmsKey,
  LogGroup,
  PrincipalPolicies,
  Service,
  SourceLocation,
  TaskDefinition,
} from '../../model/index.js';

/**
 * What the IaC readers produce before linking: every resource they understood, with its facts,
 * and links to the resources it names. Linking then builds one ExecTarget per task definition.
 *
 * A scope is one file (a template, a plan) or, for ECS JSON, all task definition and service files
 * together. Resource ids (logical ids, Terraform addresses) are unique only within a scope, so a
 * node is keyed by scope and id.
 */

/** How a resource names another one. */
export type Link =
  /** A resource declared in the files (`scope` and `id`). */
  | { kind: 'resource'; scope: string; id: string }
  /** A name or ARN the files give; it may match a resource of the same scope by name. */
  | { kind: 'value'; value: string }
  /** A value the files do not decide. */
  | { kind: 'unresolved'; reason: string };

export interface Environment {
  partition?: string;
  region?: string;
  accountId?: string;
}

interface NodeBase {
  scope: string;
  /** The logical id or Terraform address: the resource id of findings. */
  id: string;
}

export interface TaskDefinitionNode extends NodeBase {
  fact: Fact<TaskDefinition>;
  family: string;
  revision?: number;
  taskRole?: Link;
  executionRole?: Link;
}

export interface ServiceNode extends NodeBase {
  fact: Fact<Service>;
  name: string;
  /** Undefined: the service names no cluster, so it runs in the `default` cluster. */
  cluster?: Link;
  taskDefinition?: Link;
}

export interface ClusterNode extends NodeBase {
  fact: Fact<Cluster>;
  name: string;
  kmsKey?: Link;
  logGroup?: Link;
  bucket?: Link;
}

export interface RoleNode extends NodeBase {
  name: string;
  /** The role's ARN when the files state it (a Terraform role that already exists). */
  arn?: string;
  policies: Fact<PrincipalPolicies>;
}

export interface KeyNode extends NodeBase {
  /** The names the key may be referred by besides its id: ARN, key id, aliases. */
  names: string[];
  fact: Fact<Omit<KmsKey, 'reference'>>;
}

export interface LogGroupNode extends NodeBase {
  name: string;
  fact: Fact<LogGroup>;
}

export interface BucketNode extends NodeBase {
  name: string;
  fact: Fact<Bucket>;
}

/** A `Metadata: {ecs-exec-doctor: {suppress: [...]}}` entry on a resource. */
export interface InlineSuppression {
  /** The resource's logical id. */
  resource: string;
  /** A check id (or prefix ending in `*`). */
  id: string;
  reason: string;
  location: SourceLocation;
}

export interface ScopeInfo {
  scope: string;
  files: string[];
  environment: Environment;
}

export class IacGraph {
  readonly scopes = new Map<string, ScopeInfo>();
  readonly taskDefinitions: TaskDefinitionNode[] = [];
  readonly services: ServiceNode[] = [];
  readonly clusters: ClusterNode[] = [];
  readonly roles: RoleNode[] = [];
  readonly keys: KeyNode[] = [];
  readonly logGroups: LogGroupNode[] = [];
  readonly buckets: BucketNode[] = [];
  /** KMS aliases that point at a key of the files: the key answers to the alias too. */
  readonly aliases: { scope: string; keyId: string; alias: string }[] = [];
  readonly inlineSuppressions: InlineSuppression[] = [];
  readonly warnings: string[] = [];
  /** Per scope and resource id: where its properties were declared, keyed as ExecTarget.locations. */
  readonly locations = new Map<string, Record<string, SourceLocation>>();
  /** Per scope and resource id: displayed properties the files leave open, with the reason. */
  readonly unresolved = new Map<string, Record<string, string>>();

  addScope(scope: string, files: string[], environment: Environment = {}): void {
    this.scopes.set(scope, { scope, files, environment });
  }

  /** The location and unresolved records of one resource, to fill while reading it. */
  records(
    scope: string,
    id: string,
  ): { locations: Record<string, SourceLocation>; unresolved: Record<string, string> } {
    const key = nodeKey(scope, id);
    let locations = this.locations.get(key);
    if (!locations) {
      locations = {};
      this.locations.set(key, locations);
    }
    let unresolved = this.unresolved.get(key);
    if (!unresolved) {
      unresolved = {};
      this.unresolved.set(key, unresolved);
    }
    return { locations, unresolved };
  }
}

export function nodeKey(scope: string, id: string): string {
  return `${scope}\u0000${id}`;
}
