import { type ConditionRefusal, type FailedCondition, refusalText, resourceTagKey } from '../../iam/index.js';
import type { ExecTarget } from '../../model/index.js';
import { orInstead, statementLabel } from '../iam-fixes.js';
import { type Judged, judge, resourceTagContext } from '../iam-helpers.js';
import type { Subject } from '../iam-subjects.js';
import { regionFlag } from '../target-helpers.js';
import type { Fix } from '../types.js';
import type { LiveTask } from './ecs-request.js';

/**
 * ExecuteCommand grants are often scoped by tag (`aws:ResourceTag/environment=production`), and
 * ECS judges the task and the cluster each by its own tags. When a missing or different tag is
 * all that refuses the request, the fix is to tag the resource, not to widen the policy.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-best-practices-limit-access-execute-command
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TagResource.html
 */

/** Quoted for the shell when it holds anything but plain characters. */
function shellWord(text: string): string {
  return /^[\w.,:/=+@-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** The tag a resource-tag condition asks for: an equality, or a pattern without wildcards. */
function wantedTag(condition: FailedCondition): [string, string] | undefined {
  const key = resourceTagKey(condition.key);
  const operator = condition.operator.replace(/IfExists$/i, '');
  if (!key || !/^String(Equals|EqualsIgnoreCase|Like)$/i.test(operator)) return undefined;
  const value = condition.values.find((candidate) => !/[*?]/.test(candidate));
  return value === undefined ? undefined : [key, value];
}

/** The tags a refused statement asks of the resource, when tags are all it asks. */
function tagsWanted(refusal: ConditionRefusal): Record<string, string> | undefined {
  const tags = refusal.conditions.map(wantedTag);
  return tags.every((tag) => tag !== undefined) ? Object.fromEntries(tags) : undefined;
}

interface Tagging {
  resource: string;
  tags: Record<string, string>;
  refusal: ConditionRefusal;
}

/**
 * The tags that alone would make a denied request allowed: those a statement refused by a tag
 * condition asks for, kept only when the request, judged again with them, is allowed.
 */
function taggingThatGrants(subject: Subject, judged: Judged): Tagging | undefined {
  const { observe: _, ...unobserved } = subject;
  for (const refusal of judged.evaluation.conditionRefusals ?? []) {
    const tags = tagsWanted(refusal);
    if (!tags) continue;
    const context = {
      ...judged.ask.context,
      ...resourceTagContext(tags, ['aws:ResourceTag/', 'ecs:ResourceTag/']),
    };
    if (judge(unobserved, { ...judged.ask, context }).evaluation.decision === 'allowed') {
      return { resource: judged.ask.resource, tags, refusal };
    }
  }
  return undefined;
}

/**
 * When tags alone refuse ExecuteCommand, tagging the task or the cluster is the change the policy
 * author meant: offer `aws ecs tag-resource` first, the policy grant as the alternative. A tag put
 * on a running task lasts as long as the task.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html
 */
export function tagFix(
  target: ExecTarget,
  live: LiveTask,
  subject: Subject,
  denied: readonly Judged[],
  policyFix: Fix,
): Fix | undefined {
  const taggings = denied.map((judged) => taggingThatGrants(subject, judged));
  if (!taggings.every((tagging): tagging is Tagging => tagging !== undefined)) return undefined;
  const tagList = (tags: Record<string, string>) =>
    Object.entries(tags)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
  const parts = taggings.map(({ resource, tags, refusal }) => {
    const isCluster = resource === live.cluster.arn;
    const what = isCluster ? `cluster ${live.cluster.name}` : `task ${live.task.id}`;
    const lasting = isCluster
      ? ''
      : ' (new tasks carry it when their service has it with propagateTags=SERVICE, or when RunTask passes it with --tags)';
    return `Tag ${what} with ${tagList(tags)}${lasting}: ${statementLabel(refusal.statement)} ${refusalText(refusal.conditions, resource)}.`;
  });
  const cli = taggings
    .map(({ resource, tags }) => {
      const pairs = Object.entries(tags)
        .map(([key, value]) => shellWord(`key=${key},value=${value}`))
        .join(' ');
      return `aws ecs tag-resource --resource-arn ${resource} --tags ${pairs} ${regionFlag(target)}`;
    })
    .join('\n');
  return orInstead({ summary: parts.join(' '), cli }, policyFix);
}
