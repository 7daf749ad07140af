import type { SourceDocument } from '../document.js';
import type { IacGraph } from '../graph.js';
import { childPointer } from '../pointer.js';
import type { TemplateContext } from './context.js';
import { readAlias, readBucket, readKey, readLogGroup } from './destinations.js';
import { readCluster, readServiceResource, readTaskDefinitionResource } from './ecs.js';
import { TemplateIam } from './iam.js';
import type { Resolver, TemplateResource } from './intrinsics.js';

/**
 * Reads the resources of one CloudFormation template (plain, Copilot, SAM-free, or synthesized by
 * the CDK) into the graph. Resources whose Condition is false do not exist and are skipped.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */

const SUPPRESSION_KEY = 'ecs-exec-doctor';

type Reader = (context: TemplateContext, id: string, resource: TemplateResource) => void;

const READERS: Record<string, Reader> = {
  'AWS::ECS::Cluster': readCluster,
  'AWS::ECS::Service': readServiceResource,
  'AWS::ECS::TaskDefinition': readTaskDefinitionResource,
  'AWS::KMS::Key': readKey,
  'AWS::KMS::Alias': readAlias,
  'AWS::Logs::LogGroup': readLogGroup,
  'AWS::S3::Bucket': readBucket,
};

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `Metadata: { ecs-exec-doctor: { suppress: [{ id, reason }] } }` on a resource. */
function readSuppressions(context: TemplateContext, id: string, resource: TemplateResource): void {
  const entries = record(record(resource.Metadata)[SUPPRESSION_KEY]).suppress;
  if (!Array.isArray(entries)) return;
  entries.forEach((entry, index) => {
    const { id: checkId, reason } = record(entry);
    const pointer = childPointer('', 'Resources', id, 'Metadata', SUPPRESSION_KEY, 'suppress', index);
    const location = context.document.locate(pointer);
    if (typeof checkId !== 'string' || typeof reason !== 'string' || reason.trim() === '') {
      context.graph.warnings.push(
        `${location.file}:${location.line}:${location.column}: ignored suppression on ${id}: it needs a check id and a reason`,
      );
      return;
    }
    context.graph.inlineSuppressions.push({ resource: id, id: checkId, reason, location });
  });
}

/** False only when the resource's Condition is decided false. */
function exists(resolver: Resolver, resource: TemplateResource): boolean {
  if (typeof resource.Condition !== 'string') return true;
  const value = resolver.condition(resource.Condition);
  return !(value === false);
}

export function readTemplate(
  graph: IacGraph,
  document: SourceDocument,
  resolver: Resolver,
  label: (id: string) => string | undefined = () => undefined,
): void {
  const context: TemplateContext = { graph, document, resolver, label };
  const iam = new TemplateIam(context);
  for (const [id, resource] of Object.entries(resolver.resources)) {
    if (!exists(resolver, resource)) continue;
    readSuppressions(context, id, resource);
    const type = String(resource.Type);
    if (type === 'AWS::IAM::Role') iam.readRole(id, resource);
    else if (type === 'AWS::IAM::Policy') iam.readPolicy(id, resource, false);
    else if (type === 'AWS::IAM::ManagedPolicy') iam.readPolicy(id, resource, true);
    else if (type === 'AWS::IAM::RolePolicy') iam.readRolePolicy(id, resource);
    else READERS[type]?.(context, id, resource);
  }
  iam.finish();
}
