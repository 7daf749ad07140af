import { clusterNameFromTaskArn, isArn, parseArn } from '../../model/index.js';

export interface LiveRequest {
  /** Name or ARN. Defaults to the cluster in a task ARN, else `default` as ECS does. */
  cluster?: string;
  /** Ids or ARNs. */
  tasks?: string[];
  /** Name or ARN: every running task of the service. */
  service?: string;
  /** Every running task of the cluster. */
  all?: boolean;
  container?: string;
  region?: string;
}

/** The region named by any ARN the user gave: ARNs beat configuration. */
export function regionFromRequest(request: LiveRequest): string | undefined {
  const arns = [request.cluster, request.service, ...(request.tasks ?? [])].filter(
    (value): value is string => value !== undefined && isArn(value),
  );
  return arns.map((arn) => parseArn(arn)?.region).find(Boolean);
}

export function clusterFromRequest(request: LiveRequest): string {
  if (request.cluster) return request.cluster;
  for (const task of request.tasks ?? []) {
    const name = clusterNameFromTaskArn(task);
    if (name) return name;
  }
  const serviceArn = request.service && parseArn(request.service);
  if (serviceArn) {
    const segments = serviceArn.resource.split('/');
    if (segments.length === 3) return segments[1]!;
  }
  return 'default';
}
