/**
 * ARN parsing. Partition, region and account always come from the ARN, never from the
 * caller's configuration, so GovCloud, China and cross-account targets work.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

export function isArn(text: string): boolean {
  return parseArn(text) !== undefined;
}

/** The last path segment of an ARN's resource (`task/cluster/abc` → `abc`), or the text itself. */
export function lastSegment(arnOrName: string): string {
  const arn = parseArn(arnOrName);
  const resource = arn ? arn.resource : arnOrName;
  return resource.split('/').pop() ?? resource;
}

/**
 * ECS task ARNs come in two formats: the long one names the cluster
 * (`task/CLUSTER/ID`), the old one does not (`task/ID`).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-account-settings.html#ecs-resource-ids
 */
export function clusterNameFromTaskArn(taskArn: string): string | undefined {
  const arn = parseArn(taskArn);
  if (arn?.service !== 'ecs') return undefined;
  const segments = arn.resource.split('/');
  return segments[0] === 'task' && segments.length === 3 ? segments[1] : undefined;
}

/** The DNS suffix of a partition, for endpoint and service names. */
export function partitionDnsSuffix(partition: string): string {
  if (partition === 'aws-cn') return 'amazonaws.com.cn';
  if (partition === 'aws-iso') return 'c2s.ic.gov';
  if (partition === 'aws-iso-b') return 'sc2s.sgov.gov';
  return 'amazonaws.com';
}
