import type { ExecTarget } from '../../model/index.js';
import { type Judged, judge, statementsTesting, verdictText } from '../iam-helpers.js';
import { actionsOf, reasonsOf, requirementResult } from '../iam-results.js';
import { callerSubject, isResult, type Subject } from '../iam-subjects.js';
import { taskContainersToJudge } from '../target-helpers.js';
import { type CheckResult, defineCheck } from '../types.js';
import { clusterTasksArn, ecsAsk, type LiveTask, liveTask } from './ecs-request.js';
import { tagFix } from './tag-fix.js';

/**
 * ExecuteCommand has two required resource types, the cluster and the task: the caller needs
 * ecs:ExecuteCommand on both ARNs. Older examples granted the task ARN only. Each resource is
 * judged with its own tags, and with the container named, since policies may scope exec to
 * containers (`ecs:container-name`).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-best-practices-limit-access-execute-command
 */

const ACTION = 'ecs:ExecuteCommand';

/** The containers exec can reach: those with the ExecuteCommandAgent (sidecars have none), or --container. */
function containerNames(target: ExecTarget): string[] {
  const containers = taskContainersToJudge(target);
  const withAgent = containers.filter((container) =>
    container.managedAgents?.some((agent) => agent.name === 'ExecuteCommandAgent'),
  );
  const names = (withAgent.length > 0 ? withAgent : containers).map((container) => container.name);
  if (names.length > 0) return names;
  return target.requestedContainer ? [target.requestedContainer] : [];
}

/** ExecuteCommand on the task and on the cluster, each with its own tags. */
function judgeContainer(
  target: ExecTarget,
  subject: Subject,
  live: LiveTask,
  container: string | undefined,
  now: Date,
): Judged[] {
  const context = { 'ecs:task': live.task.arn, ...(container ? { 'ecs:container-name': container } : {}) };
  const resources = [
    { resource: live.task.arn, tags: live.task.tags },
    { resource: live.cluster.arn, tags: live.cluster.tags },
  ];
  return resources.map(({ resource, tags }) =>
    judge(subject, ecsAsk(target, live, { action: ACTION, resource, tags, context }, now)),
  );
}

/** When one ARN is allowed and the other not: both are required, and tags are per resource. */
function bothArnsNote(subject: Subject, denied: readonly Judged[]): string {
  if (denied.length !== 1) return '';
  const ask = denied[0]!.ask;
  const which = ask.resource.includes(':cluster/') ? 'cluster' : 'task';
  const tagNote =
    statementsTesting(subject, ask, /^(aws|ecs):resourcetag\//i).length > 0
      ? " Tag conditions are evaluated on each resource's own tags: the task's tags for the task ARN, the cluster's tags for the cluster ARN."
      : '';
  return ` ExecuteCommand needs both the task ARN and the cluster ARN; the ${which} ARN is the one not allowed.${tagNote}`;
}

function containersLabel(group: readonly (string | undefined)[], all: number): string {
  const names = group.filter((name): name is string => name !== undefined);
  if (names.length === 0) return 'no container named';
  if (names.length > 1 && names.length === all) return `every container: ${names.join(', ')}`;
  return `container${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

function resultFor(
  target: ExecTarget,
  subject: Subject,
  live: LiveTask,
  judged: readonly Judged[],
  containers: string,
): CheckResult {
  return requirementResult({
    subject,
    judged,
    passMessage: `${subject.label} may call ${ACTION} on task ${live.task.id} and cluster ${live.cluster.name} (${containers}).`,
    failMessage: (denied) =>
      `${subject.label} may not call ${actionsOf(denied)} on ${denied.map((item) => item.ask.resource).join(' and ')} (${containers}): ${reasonsOf(denied)}.${bothArnsNote(subject, denied)}`,
    grant: {
      statement: {
        Sid: 'EcsExecuteCommand',
        Effect: 'Allow',
        Action: ACTION,
        Resource: [clusterTasksArn(target, live), live.cluster.arn],
      },
      policyName: 'ecs-exec',
    },
    preferredFix: (denied, policyFix) => tagFix(target, live, subject, denied, policyFix),
  });
}

export const callerExecuteCommand = defineCheck({
  id: 'caller.execute-command',
  title: 'The caller may call ecs:ExecuteCommand on the task and the cluster',
  layer: 'caller',
  suite: 'readiness',
  modes: ['live'],
  needs: ['policies'],
  rationale:
    'ExecuteCommand has two required resources, the task and the cluster: the caller needs ecs:ExecuteCommand on both ARNs, with conditions on ecs:cluster, ecs:task, ecs:container-name and each resource’s own tags met, and no permission boundary or SCP in the way.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    ],
  },
  docs: {
    passes:
      "The caller's identity policies allow `ecs:ExecuteCommand` on both the task ARN and the cluster ARN, evaluated with the real request context (`ecs:cluster`, `ecs:task`, `ecs:container-name` for each exec-able container, the task's and the cluster's tags as `aws:ResourceTag/*` and `ecs:ResourceTag/*`, `aws:RequestedRegion`), within the permission boundary and the SCPs when they are given. The evidence names the allowing statements and says whether SCPs were evaluated.",
    fails:
      'Fails when either ARN is denied: an explicit Deny (naming the policy and statement), or no statement that allows it in the identity policies, the permission boundary or an SCP level. A grant on the task ARN alone fails: the cluster ARN is required too. Tag conditions are met only by the tags of the resource being judged. When a statement matches but for a condition, the message names it, the condition and what the request has (`identity policy ecs-exec-prod statement ExecInProduction requires aws:ResourceTag/environment=production; the cluster has no environment tag`); when a missing tag is all that refuses, the fix tags the task or the cluster first, the policy grant being the alternative. Containers that get different answers are reported one by one. Unknown when the policies could not be read (naming the IAM permission) or a condition needs a context key the tool cannot know (naming it).',
    fix: {
      cli: `# when only a tag condition refuses: tag the cluster (or the task) as the condition asks
aws ecs tag-resource --resource-arn arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER --tags key=KEY,value=VALUE --region REGION
# otherwise, grant it:
aws iam put-role-policy --role-name ROLE --policy-name ecs-exec --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EcsExecuteCommand","Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":["arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/*","arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER"]}]}'
# an IAM user: aws iam put-user-policy --user-name USER --policy-name ecs-exec --policy-document '…'`,
      terraform: `data "aws_iam_policy_document" "ecs_exec" {
  statement {
    actions   = ["ecs:ExecuteCommand"]
    resources = ["arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/*", "arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER"]
  }
}`,
    },
    notApplicable: 'Skipped when there is no running task (lint mode).',
  },
  run(target, context) {
    const live = liveTask(target);
    if (isResult(live)) return [live];
    const subject = callerSubject(target, context);
    if (isResult(subject)) return [subject];
    const names = containerNames(target);
    const containers = names.length > 0 ? names : [undefined];
    const groups = new Map<string, { names: (string | undefined)[]; judged: Judged[] }>();
    for (const name of containers) {
      const judged = judgeContainer(target, subject, live, name, context.now);
      const key = JSON.stringify(judged.map((item) => [item.evaluation.decision, verdictText(item)]));
      const group = groups.get(key) ?? { names: [], judged };
      group.names.push(name);
      groups.set(key, group);
    }
    return [...groups.values()].map((group) =>
      resultFor(target, subject, live, group.judged, containersLabel(group.names, containers.length)),
    );
  },
});
