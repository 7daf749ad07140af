import type { TfResource } from './plan.js';

/**
 * The plan's `configuration`: the unevaluated expressions of each resource, with the references
 * they make. A value known only after apply (`task_role_arn = aws_iam_role.task.arn`) is linked by
 * following its references: through module variables (`var.x` → the module call's argument) and
 * module outputs (`module.m.arn` → the output's expression) to a resource of the plan.
 * https://developer.hashicorp.com/terraform/internals/json-format#configuration-representation
 */

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Splits `module.m["a.b"].aws_x.y[0].arn` at the dots outside brackets. */
function splitReference(reference: string): string[] {
  const segments: string[] = [];
  let current = '';
  let depth = 0;
  for (const character of reference) {
    if (character === '[') depth++;
    if (character === ']') depth--;
    if (character === '.' && depth === 0) {
      segments.push(current);
      current = '';
    } else current += character;
  }
  segments.push(current);
  return segments;
}

/** `module.a["x"].module.b` → the module call names `a`, `b`. */
function callNames(moduleAddress: string): string[] {
  return splitReference(moduleAddress)
    .filter((_, index) => index % 2 === 1)
    .map((segment) => segment.replace(/\[.*$/, ''));
}

/** The parent of a module instance address, and the call that made it. */
function parentOf(moduleAddress: string): { parent: string; call: string } | undefined {
  const segments = splitReference(moduleAddress);
  if (segments.length < 2) return undefined;
  return {
    parent: segments.slice(0, -2).join('.'),
    call: segments.at(-1)!.replace(/\[.*$/, ''),
  };
}

function join(moduleAddress: string, local: string): string {
  return moduleAddress ? `${moduleAddress}.${local}` : local;
}

const MAX_DEPTH = 32;

export interface ReferencedResource {
  resource: TfResource;
  /** The attribute the reference reads (`arn`, `json`), if it names one. */
  attribute?: string;
}

export class ConfigurationIndex {
  private readonly root: Record<string, unknown>;

  constructor(private readonly configuration: Record<string, unknown>) {
    this.root = record(configuration.root_module);
  }

  /** The `region` the default `aws` provider configuration sets as a constant. */
  providerRegion(): string | undefined {
    for (const provider of Object.values(record(this.configuration.provider_config))) {
      const entry = record(provider);
      if (entry.name !== 'aws' || entry.alias !== undefined || entry.module_address !== undefined) continue;
      const region = record(record(entry.expressions).region).constant_value;
      if (typeof region === 'string') return region;
    }
    return undefined;
  }

  private module(moduleAddress: string): Record<string, unknown> {
    let module = this.root;
    for (const name of callNames(moduleAddress))
      module = record(record(record(module.module_calls)[name]).module);
    return module;
  }

  /** The expressions of the block that declares a resource. */
  private expressions(resource: TfResource): Record<string, unknown> {
    const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
    const resources = this.module(resource.moduleAddress).resources;
    const declared = Array.isArray(resources)
      ? resources.find((entry) => record(entry).address === local)
      : undefined;
    return record(record(declared).expressions);
  }

  private expression(resource: TfResource, path: (string | number)[]): Record<string, unknown> {
    let expression: unknown = this.expressions(resource);
    for (const segment of path) {
      expression = Array.isArray(expression)
        ? expression[Number(segment)]
        : record(expression)[String(segment)];
    }
    return record(expression);
  }

  /** Whether the configuration sets the attribute at all (a computed attribute left unset is filled by AWS). */
  sets(resource: TfResource, attribute: string): boolean {
    return this.expressions(resource)[attribute] !== undefined;
  }

  /** The resource of the plan that the attribute at `path` refers to, if it refers to one. */
  referencedResource(
    resource: TfResource,
    path: (string | number)[],
    byAddress: Map<string, TfResource>,
  ): ReferencedResource | undefined {
    const references = this.expression(resource, path).references;
    return this.follow(resource.moduleAddress, references, byAddress, 0);
  }

  private follow(
    moduleAddress: string,
    references: unknown,
    byAddress: Map<string, TfResource>,
    depth: number,
  ): ReferencedResource | undefined {
    if (!Array.isArray(references) || depth > MAX_DEPTH) return undefined;
    for (const reference of references) {
      const found = this.followOne(moduleAddress, splitReference(String(reference)), byAddress, depth);
      if (found) return found;
    }
    return undefined;
  }

  private followOne(
    moduleAddress: string,
    segments: string[],
    byAddress: Map<string, TfResource>,
    depth: number,
  ): ReferencedResource | undefined {
    const [head, second, third, fourth] = segments;
    if (head === 'var' && second) {
      const call = parentOf(moduleAddress);
      if (!call) return undefined;
      const argument = record(record(record(this.module(call.parent).module_calls)[call.call]).expressions)[
        second
      ];
      return this.follow(call.parent, record(argument).references, byAddress, depth + 1);
    }
    if (head === 'module' && second && third) {
      const child = this.moduleInstance(join(moduleAddress, `module.${second}`), byAddress);
      const output = record(record(this.module(child).outputs)[third]).expression;
      return this.follow(child, record(output).references, byAddress, depth + 1);
    }
    if (head === 'data' && second && third) {
      return this.instance(join(moduleAddress, `data.${second}.${third}`), byAddress, fourth);
    }
    if (
      !head ||
      !second ||
      ['local', 'each', 'count', 'path', 'terraform', 'self', 'module', 'var'].includes(head)
    ) {
      return undefined;
    }
    return this.instance(join(moduleAddress, `${head}.${second}`), byAddress, third);
  }

  /** A resource by address; without an index, its single instance. */
  private instance(address: string, byAddress: Map<string, TfResource>, attribute: string | undefined) {
    const exact = byAddress.get(address);
    const resource =
      exact ??
      single([...byAddress.values()].filter((candidate) => candidate.address.startsWith(`${address}[`)));
    if (!resource) return undefined;
    return attribute ? { resource, attribute } : { resource };
  }

  /** A module call's instance: itself, or its single instance when it has count or for_each. */
  private moduleInstance(moduleAddress: string, byAddress: Map<string, TfResource>): string {
    if (moduleAddress.endsWith(']')) return moduleAddress;
    const instances = new Set(
      [...byAddress.values()]
        .map((resource) => resource.moduleAddress)
        .filter((address) => address.startsWith(`${moduleAddress}[`))
        .map((address) => address.slice(0, address.indexOf(']', moduleAddress.length) + 1)),
    );
    return instances.size === 1 ? [...instances][0]! : moduleAddress;
  }
}

function single<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
