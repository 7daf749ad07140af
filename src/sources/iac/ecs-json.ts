import { basename, dirname, extname } from 'node:path';
import { parseArn } from '../../model/index.js';
import type { SourceDocument } from './document.js';
import { linkOf, readService, readTaskDefinition } from './ecs-readers.js';
import { Field } from './field.js';
import type { Environment, IacGraph, Link } from './graph.js';
import { factFrom, PropertyReader } from './reader.js';

/**
 * Task definition and service JSON as the ECS API and its tools write them: register-task-definition
 * input (also ecspresso's task definition, rendered to JSON), describe-task-definition output
 * (`{taskDefinition: …}`), create-service input (also ecspresso's service definition), and
 * describe-services output (`{services: […]}`). Each file is a scope; a service names its task
 * definition by family, `family:revision` or ARN, matched across the files of the run.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
 */

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The partition, region and account the ARNs of a file state. */
function environmentFrom(arns: (string | undefined)[]): Environment {
  const environment: Environment = {};
  for (const arn of arns.map((text) => (text ? parseArn(text) : undefined))) {
    if (!arn) continue;
    environment.partition ??= arn.partition;
    if (arn.region) environment.region ??= arn.region;
    if (arn.accountId) environment.accountId ??= arn.accountId;
  }
  return environment;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function readTaskDefinitionJson(graph: IacGraph, document: SourceDocument): void {
  const root = record(document.value);
  const wrapped = root.taskDefinition !== undefined && !Array.isArray(root.containerDefinitions);
  const field = new Field(
    wrapped ? root.taskDefinition : root,
    wrapped ? '/taskDefinition' : '',
    document.locate,
  );
  const definition = record(field.value);
  const family = text(definition.family) ?? basename(document.file, extname(document.file));
  const arn = text(definition.taskDefinitionArn);
  const id = arn ?? family;
  const scope = document.file;
  graph.addScope(
    scope,
    [document.file],
    environmentFrom([arn, text(definition.taskRoleArn), text(definition.executionRoleArn)]),
  );
  const records = graph.records(scope, id);
  records.locations[id] = document.locate(field.pointer);
  const reader = new PropertyReader(id, records.locations, records.unresolved);
  const revision = typeof definition.revision === 'number' ? definition.revision : undefined;
  graph.taskDefinitions.push({
    scope,
    id,
    family,
    ...(revision === undefined ? {} : { revision }),
    taskRole: linkOf(field.get('taskRoleArn')),
    executionRole: linkOf(field.get('executionRoleArn')),
    fact: factFrom(() => readTaskDefinition(reader, field, family)),
  });
}

/** The services of a file: create-service input, or describe-services / create-service output. */
function serviceFields(document: SourceDocument): Field[] {
  const root = new Field(document.value, '', document.locate);
  const value = record(document.value);
  if (Array.isArray(value.services)) return root.get('services').items();
  if (value.service !== undefined && value.serviceName === undefined) return [root.get('service')];
  return [root];
}

/**
 * ecspresso keeps the service's cluster, name and task definition in its config file, so a service
 * definition without them pairs with the one task definition file beside it, as ecspresso does.
 */
function siblingTaskDefinition(graph: IacGraph, file: string): Link | undefined {
  const siblings = graph.taskDefinitions.filter(
    (node) => graph.scopes.get(node.scope)?.files.some((other) => dirname(other) === dirname(file)) ?? false,
  );
  const only = siblings.length === 1 ? siblings[0]! : undefined;
  return only ? { kind: 'resource', scope: only.scope, id: only.id } : undefined;
}

export function readServiceJson(graph: IacGraph, document: SourceDocument): void {
  const scope = document.file;
  const fields = serviceFields(document);
  graph.addScope(
    scope,
    [document.file],
    environmentFrom(
      fields.flatMap((field) => [text(record(field.value).serviceArn), text(record(field.value).clusterArn)]),
    ),
  );
  for (const field of fields) {
    const service = record(field.value);
    const name = text(service.serviceName) ?? basename(document.file, extname(document.file));
    const id = text(service.serviceArn) ?? name;
    const records = graph.records(scope, id);
    records.locations[id] = document.locate(field.pointer);
    const reader = new PropertyReader(id, records.locations, records.unresolved);
    const clusterField = service.clusterArn === undefined ? field.get('cluster') : field.get('clusterArn');
    graph.services.push({
      scope,
      id,
      name,
      cluster: linkOf(clusterField),
      taskDefinition: linkOf(field.get('taskDefinition')) ?? siblingTaskDefinition(graph, document.file),
      fact: factFrom(() => readService(reader, field, name)),
    });
  }
}
