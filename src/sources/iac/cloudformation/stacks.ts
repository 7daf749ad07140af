import type { SourceDocument } from '../document.js';
import type { Environment, IacGraph } from '../graph.js';
import { Unresolved } from '../values.js';
import { Resolver, type ResolverLinks } from './intrinsics.js';
import { readTemplate } from './template.js';

/**
 * The templates of one run, resolved together: a nested stack gets the parameters its parent
 * passes, `Fn::GetAtt Stack.Outputs.X` reads the nested stack's output, and `Fn::ImportValue`
 * reads the export of another template of the run (the CDK's cross-stack references).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/walkthrough-crossstackref.html
 */

export interface StackTemplate {
  document: SourceDocument;
  environment: Environment;
  /** A nested stack: the parent template's scope and its AWS::CloudFormation::Stack logical id. */
  parent?: { scope: string; stackId: string };
  /** A friendlier name for a resource (CDK's construct path). */
  label?: (id: string) => string | undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

interface Loaded {
  template: StackTemplate;
  resolver: Resolver;
}

export class StackSet implements ResolverLinks {
  private readonly templates: Loaded[] = [];
  private readonly resolvers = new Map<string, Resolver>();
  private readonly nested = new Map<string, Loaded>();
  private exports: Map<string, { resolver: Resolver; value: unknown }> | undefined;
  private readonly resolving = new Set<string>();

  add(template: StackTemplate): void {
    const scope = template.document.file;
    const { parent } = template;
    const resolver = new Resolver(
      {
        scope,
        template: record(template.document.value),
        environment: template.environment,
        parameterValues: parent ? () => this.parentParameters(parent.scope, parent.stackId) : undefined,
      },
      this,
    );
    const loaded = { template, resolver };
    this.templates.push(loaded);
    this.resolvers.set(scope, resolver);
    if (parent) this.nested.set(`${parent.scope}\u0000${parent.stackId}`, loaded);
  }

  private parentParameters(scope: string, stackId: string): Record<string, unknown> {
    const parent = this.resolvers.get(scope);
    const properties = record(parent?.resources[stackId]?.Properties);
    return record(parent?.resolve(properties.Parameters));
  }

  nestedOutput(scope: string, stackId: string, name: string): unknown {
    const child = this.nested.get(`${scope}\u0000${stackId}`);
    const value = child && record(record(record(child.template.document.value).Outputs)[name]).Value;
    if (!child || value === undefined) {
      return new Unresolved(
        `output ${name} of nested stack ${stackId} is not in the linted files`,
        `\${${stackId}.Outputs.${name}}`,
      );
    }
    return this.guarded(`${child.resolver.scope}#${name}`, () => child.resolver.resolve(value));
  }

  importValue(name: string): unknown {
    this.exports ??= this.collectExports();
    const exported = this.exports.get(name);
    if (!exported) return undefined;
    return this.guarded(`export ${name}`, () => exported.resolver.resolve(exported.value));
  }

  private collectExports(): Map<string, { resolver: Resolver; value: unknown }> {
    const exports = new Map<string, { resolver: Resolver; value: unknown }>();
    for (const { template, resolver } of this.templates) {
      for (const output of Object.values(record(record(template.document.value).Outputs))) {
        const exportName = resolver.resolve(record(record(output).Export).Name);
        if (typeof exportName === 'string')
          exports.set(exportName, { resolver, value: record(output).Value });
      }
    }
    return exports;
  }

  /** Resolves once at a time: a cycle of references between templates stays unresolved. */
  private guarded(key: string, resolve: () => unknown): unknown {
    if (this.resolving.has(key)) return new Unresolved(`${key} refers to itself`, `<${key}>`);
    this.resolving.add(key);
    try {
      return resolve();
    } finally {
      this.resolving.delete(key);
    }
  }

  readAll(graph: IacGraph): void {
    for (const { template, resolver } of this.templates) {
      graph.addScope(resolver.scope, [template.document.file], template.environment);
      readTemplate(graph, template.document, resolver, template.label);
    }
  }
}
