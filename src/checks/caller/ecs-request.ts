import type { ContextValue } from '../../iam/index.js';
import type { Cluster, ExecTarget, Task } from '../../model/index.js';
import { type Ask, DIRECT_CALL_ABSENT_KEYS, directCallContext, resourceTagContext } from '../iam-helpers.js';
import { skip, unknownFromFact } from '../results.js';
import { clusterResource, taskResource } from '../target-helpers.js';
import type { CheckResult } from '../types.js';

/**
 * The ECS requests the AWS CLI makes for `aws ecs execute-command`. Their condition keys are
 * `ecs:cluster`, `ecs:task`, `ecs:container-name` and the resource's tags as `aws:ResourceTag/*`
 * and `ecs:ResourceTag/*`: only task and cluster tags are evaluated, each on its own resource.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */

export interface LiveTask {
  task: Task;
  cluster: Cluster;
}

/** The running task and its cluster, or the result to report instead: the caller is judged live. */
export function liveTask(target: ExecTarget): LiveTask | CheckResult {
  if (!target.task)
    return skip(taskResource(target), 'No running task to judge: the caller is judged in live mode.');
  if (!target.cluster.known) return unknownFromFact(clusterResource(target), 'the cluster', target.cluster);
  return { task: target.task, cluster: target.cluster.value };
}

/** A request on the task or the cluster, with that resource's own tags. */
export function ecsAsk(
  target: ExecTarget,
  live: LiveTask,
  request: {
    action: string;
    resource: string;
    tags: Record<string, string>;
    context?: Record<string, ContextValue>;
  },
  now: Date,
): Ask {
  return {
    action: request.action,
    resource: request.resource,
    context: {
      ...directCallContext(target, now),
      'ecs:cluster': live.cluster.arn,
      ...resourceTagContext(request.tags, ['aws:ResourceTag/', 'ecs:ResourceTag/']),
      ...request.context,
    },
    absentKeys: DIRECT_CALL_ABSENT_KEYS,
    completePrefixes: ['aws:ResourceTag/', 'ecs:ResourceTag/', 'aws:RequestTag/'],
  };
}

/** Tasks are replaced, so grants name every task of the cluster: `task/CLUSTER/*`. */
export function clusterTasksArn(target: ExecTarget, live: LiveTask): string {
  return `arn:${target.partition}:ecs:${target.region}:${target.accountId}:task/${live.cluster.name}/*`;
}
