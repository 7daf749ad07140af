import {
  compact,
  linkOf,
  readExecuteCommandConfiguration,
  readService,
  readTaskDefinition,
} from '../ecs-readers.js';
import { factFrom } from '../reader.js';
import { resourceReader, type TemplateContext } from './context.js';
import type { TemplateResource } from './intrinsics.js';
import { resourceName } from './references.js';

/**
 * AWS::ECS::Cluster, AWS::ECS::Service and AWS::ECS::TaskDefinition: their properties are the ECS
 * API's, capitalised, so the shared ECS readers read them.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-cluster.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html
 */

export function readCluster(context: TemplateContext, id: string, resource: TemplateResource): void {
  const { properties, reader } = resourceReader(context, id, resource);
  const scope = context.resolver.scope;
  const execField = properties.get('configuration').get('executeCommandConfiguration');
  const logField = execField.get('logConfiguration');
  const name = nameOf(context, id, resource);
  reader.note('name', properties.get('clusterName'));
  context.graph.clusters.push({
    scope,
    id,
    name,
    kmsKey: linkOf(execField.get('kmsKeyId')),
    logGroup: linkOf(logField.get('cloudWatchLogGroupName')),
    bucket: linkOf(logField.get('s3BucketName')),
    fact: factFrom(() =>
      compact({
        arn: id,
        name,
        tags: Object.fromEntries(
          properties
            .get('tags')
            .items()
            .map((tag) => [tag.get('key').text() ?? '', tag.get('value').text() ?? '']),
        ),
        executeCommandConfiguration: readExecuteCommandConfiguration(reader, execField),
      }),
    ),
  });
}

export function readServiceResource(context: TemplateContext, id: string, resource: TemplateResource): void {
  const { properties, reader } = resourceReader(context, id, resource);
  const scope = context.resolver.scope;
  const name = nameOf(context, id, resource);
  reader.note('name', properties.get('serviceName'));
  context.graph.services.push({
    scope,
    id,
    name,
    cluster: linkOf(properties.get('cluster')),
    taskDefinition: linkOf(properties.get('taskDefinition')),
    fact: factFrom(() => readService(reader, properties, name)),
  });
}

export function readTaskDefinitionResource(
  context: TemplateContext,
  id: string,
  resource: TemplateResource,
): void {
  const { properties, reader } = resourceReader(context, id, resource);
  const scope = context.resolver.scope;
  const family = properties.get('family');
  context.graph.taskDefinitions.push({
    scope,
    id,
    family: (!family.unresolved && family.text()) || id,
    taskRole: linkOf(properties.get('taskRoleArn')),
    executionRole: linkOf(properties.get('executionRoleArn')),
    fact: factFrom(() => readTaskDefinition(reader, properties, id)),
  });
}

/** The name the template gives, else CDK's construct path, else the logical id. */
function nameOf(context: TemplateContext, id: string, resource: TemplateResource): string {
  const name = resourceName(context.resolver, id, resource);
  return name === id ? (context.label(id) ?? id) : name;
}
