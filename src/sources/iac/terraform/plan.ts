import type { SourceDocument } from '../document.js';
import { Field } from '../field.js';
import type { Environment } from '../graph.js';
import { childPointer } from '../pointer.js';
import { ResourceRef, Unresolved } from '../values.js';
import { ConfigurationIndex } from './configuration.js';

/**
 * The resources of `terraform show -json` output: a plan (planned_values, resource_changes,
 * prior_state, configuration) or a state (values). A value the plan knows only after apply is
 * Unresolved; a reference in the configuration to another resource of the plan links to it.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */

export interface TfResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: number | string;
  /** `module.ecs_service` or `module.ecs["web"]`; empty in the root module. */
  moduleAddress: string;
  /** The resource's object in the file. */
  pointer: string;
  /** Created by this plan: attributes AWS fills in (ARNs, ids) are not known yet. */
  created: boolean;
  /** Its values, with Unresolved where the plan knows them only after apply. */
  values: Field;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const AFTER_APPLY = 'is known only after apply';

/** Values with `after_unknown` markers turned into Unresolved. */
function withUnknowns(value: unknown, unknown: unknown, path: string): unknown {
  if (unknown === true) return new Unresolved(`${path} ${AFTER_APPLY}`, '(known after apply)');
  if (Array.isArray(unknown)) {
    const items = Array.isArray(value) ? value : [];
    const length = Math.max(items.length, unknown.length);
    return Array.from({ length }, (_, index) =>
      withUnknowns(items[index], unknown[index], `${path}[${index}]`),
    );
  }
  if (unknown !== null && typeof unknown === 'object') {
    const object = record(value);
    const keys = new Set([...Object.keys(object), ...Object.keys(unknown)]);
    return Object.fromEntries(
      [...keys].map((key) => [
        key,
        withUnknowns(object[key], (unknown as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
      ]),
    );
  }
  return value;
}

interface RawResource {
  object: Record<string, unknown>;
  pointer: string;
}

/** Resources of a values representation, walking child modules. */
function moduleResources(module: unknown, pointer: string, into: RawResource[]): void {
  const resources = record(module).resources;
  for (const [index, resource] of (Array.isArray(resources) ? resources : []).entries()) {
    into.push({ object: record(resource), pointer: childPointer(pointer, 'resources', index) });
  }
  const children = record(module).child_modules;
  for (const [index, child] of (Array.isArray(children) ? children : []).entries()) {
    moduleResources(child, childPointer(pointer, 'child_modules', index), into);
  }
}

export class TerraformPlan {
  readonly resources: TfResource[] = [];
  readonly byAddress = new Map<string, TfResource>();
  readonly configuration: ConfigurationIndex;

  constructor(readonly document: SourceDocument) {
    const plan = record(document.value);
    this.configuration = new ConfigurationIndex(record(plan.configuration));
    const changes = new Map<string, Record<string, unknown>>();
    if (Array.isArray(plan.resource_changes)) {
      for (const change of plan.resource_changes) {
        const entry = record(change);
        if (entry.deposed === undefined) changes.set(String(entry.address), record(entry.change));
      }
    }
    const planned: RawResource[] = [];
    const hasPlan = plan.planned_values !== undefined;
    moduleResources(
      record(hasPlan ? plan.planned_values : plan.values).root_module,
      hasPlan ? '/planned_values/root_module' : '/values/root_module',
      planned,
    );
    // Data sources read while planning are in the prior state, not in planned_values.
    const prior: RawResource[] = [];
    moduleResources(
      record(record(plan.prior_state).values).root_module,
      '/prior_state/values/root_module',
      prior,
    );
    for (const raw of [...planned, ...prior]) {
      const address = String(raw.object.address);
      if (this.byAddress.has(address)) continue;
      const change = changes.get(address);
      const actions = Array.isArray(change?.actions) ? change.actions : [];
      if (actions.length === 1 && actions[0] === 'delete') continue;
      this.add(raw, change);
    }
  }

  private add(raw: RawResource, change: Record<string, unknown> | undefined): void {
    const { object, pointer } = raw;
    const address = String(object.address);
    const valuesPointer = childPointer(pointer, 'values');
    const values = withUnknowns(object.values, change?.after_unknown, '');
    const actions = Array.isArray(change?.actions) ? change.actions : [];
    const resource: TfResource = {
      address,
      mode: String(object.mode ?? 'managed'),
      type: String(object.type),
      name: String(object.name),
      ...(object.index === undefined ? {} : { index: object.index as number | string }),
      moduleAddress: address.slice(0, Math.max(0, address.length - this.localAddress(object).length - 1)),
      pointer,
      created: actions.includes('create'),
      values: new Field(values, valuesPointer, this.document.locate),
    };
    this.resources.push(resource);
    this.byAddress.set(address, resource);
  }

  /** `aws_iam_role.tasks[0]`, `data.aws_region.current`: the address within its module. */
  private localAddress(object: Record<string, unknown>): string {
    const index = object.index === undefined ? '' : `[${JSON.stringify(object.index)}]`;
    const prefix = object.mode === 'data' ? 'data.' : '';
    return `${prefix}${String(object.type)}.${String(object.name)}${index}`;
  }

  ofType(type: string, mode = 'managed'): TfResource[] {
    return this.resources.filter((resource) => resource.type === type && resource.mode === mode);
  }

  location(resource: TfResource) {
    return this.document.locate(resource.pointer);
  }

  /**
   * An attribute, followed through the configuration when the plan does not know it: a reference
   * to another resource of the plan gives that resource's value when known, else a link to it.
   */
  attribute(resource: TfResource, ...path: (string | number)[]): Field {
    let field = resource.values;
    for (const segment of path)
      field =
        typeof segment === 'number'
          ? (field.items()[segment] ?? missing(field, segment))
          : field.get(segment);
    if (!field.unresolved) return field;
    const target = this.configuration.referencedResource(resource, path, this.byAddress);
    if (!target) return field;
    const attribute = target.attribute ? target.resource.values.get(target.attribute) : undefined;
    if (attribute?.present && !attribute.unresolved)
      return new Field(attribute.value, field.pointer, this.document.locate);
    return new Field(
      new ResourceRef(this.document.file, target.resource.address, target.resource.address),
      field.pointer,
      this.document.locate,
    );
  }

  /** The partition, region and account the plan states: the provider's region and the usual data sources. */
  environment(): Environment {
    const environment: Environment = {};
    const region = this.configuration.providerRegion();
    if (region) environment.region = region;
    for (const resource of this.resources) {
      if (resource.mode !== 'data') continue;
      const value = (key: string) => {
        const text = resource.values.get(key).value;
        return typeof text === 'string' && text !== '' ? text : undefined;
      };
      if (resource.type === 'aws_region') environment.region ??= value('region') ?? value('name');
      if (resource.type === 'aws_caller_identity') environment.accountId ??= value('account_id');
      if (resource.type === 'aws_partition') environment.partition ??= value('partition');
    }
    return environment;
  }
}

function missing(field: Field, index: number): Field {
  return new Field(undefined, childPointer(field.pointer, index), () => field.location());
}
