import type { Resolver, TemplateResource } from './intrinsics.js';

/**
 * What `Ref` and `Fn::GetAtt` of a resource of the template stand for in lint mode. There a
 * resource's identity (the `arn` of the model) is its logical id, so an ARN attribute becomes the
 * logical id; a name attribute becomes the name the template gives, else the logical id. Undefined:
 * an attribute the template cannot decide (an id CloudFormation generates).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html#aws-resource-iam-role-return-values
 */

/** The name property of each type that has one, as Ref returns it. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::ECS::Cluster': 'ClusterName',
  'AWS::ECS::Service': 'ServiceName',
  'AWS::KMS::Alias': 'AliasName',
};

/** Types whose Ref is their ARN or id: the logical id in lint mode. */
const REF_IS_IDENTITY = new Set([
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::KMS::Key',
  'AWS::ECS::TaskDefinition',
]);

/** The attributes that are the resource's ARN (or key id), per type. */
const IDENTITY_ATTRIBUTES: Record<string, string[]> = {
  'AWS::IAM::Role': ['Arn'],
  'AWS::IAM::ManagedPolicy': ['PolicyArn'],
  'AWS::KMS::Key': ['Arn', 'KeyId'],
  'AWS::ECS::Cluster': ['Arn'],
  'AWS::ECS::TaskDefinition': ['TaskDefinitionArn'],
  'AWS::ECS::Service': ['ServiceArn'],
};

/** The name the template gives a resource, else its logical id. */
export function resourceName(resolver: Resolver, id: string, resource: TemplateResource): string {
  const property = NAME_PROPERTY[String(resource.Type)];
  if (!property) return id;
  const properties = resource.Properties as Record<string, unknown> | undefined;
  const name = resolver.resolve(properties?.[property]);
  return typeof name === 'string' ? name : id;
}

export function referenceText(
  resolver: Resolver,
  id: string,
  resource: TemplateResource,
  attribute: string,
): string | undefined {
  const type = String(resource.Type);
  if (attribute === 'Ref') {
    if (REF_IS_IDENTITY.has(type)) return id;
    return NAME_PROPERTY[type] ? resourceName(resolver, id, resource) : undefined;
  }
  if (IDENTITY_ATTRIBUTES[type]?.includes(attribute)) return id;
  if (attribute === 'Name' && NAME_PROPERTY[type]) return resourceName(resolver, id, resource);
  if (attribute === 'Arn' && type === 'AWS::Logs::LogGroup') {
    const { partition, region, accountId } = documentEnvironment(resolver);
    return `arn:${partition}:logs:${region}:${accountId}:log-group:${resourceName(resolver, id, resource)}:*`;
  }
  if (attribute === 'Arn' && type === 'AWS::S3::Bucket') {
    return `arn:${documentEnvironment(resolver).partition}:s3:::${resourceName(resolver, id, resource)}`;
  }
  return undefined;
}

/** The partition, region and account as they stand in lint targets: `aws`, `unknown`, `unknown` by default. */
export function documentEnvironment(resolver: Resolver): {
  partition: string;
  region: string;
  accountId: string;
} {
  const environment = resolver.environment;
  return {
    partition: environment.partition ?? 'aws',
    region: environment.region ?? 'unknown',
    accountId: environment.accountId ?? 'unknown',
  };
}
