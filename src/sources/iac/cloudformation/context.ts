import type { SourceDocument } from '../document.js';
import { Field } from '../field.js';
import type { IacGraph } from '../graph.js';
import { childPointer } from '../pointer.js';
import { PropertyReader } from '../reader.js';
import type { Resolver, TemplateResource } from './intrinsics.js';

/** One template being read: its file, resolver, and the graph it adds to. */
export interface TemplateContext {
  graph: IacGraph;
  document: SourceDocument;
  resolver: Resolver;
  /** A friendlier name for a resource, from CDK's `aws:cdk:path` metadata. */
  label(id: string): string | undefined;
}

/** A resource's resolved properties, a reader that records their locations, and its own location. */
export function resourceReader(context: TemplateContext, id: string, resource: TemplateResource) {
  const { graph, document, resolver } = context;
  const records = graph.records(resolver.scope, id);
  const pointer = childPointer('', 'Resources', id);
  records.locations[id] = document.locate(pointer);
  const properties = new Field(
    resolver.resolve(resource.Properties) ?? {},
    childPointer(pointer, 'Properties'),
    document.locate,
  );
  return { properties, reader: new PropertyReader(id, records.locations, records.unresolved) };
}
