import { judge } from '../iam-helpers.js';
import { reasonsOf, requirementResult } from '../iam-results.js';
import { callerSubject, isResult } from '../iam-subjects.js';
import { defineCheck } from '../types.js';
import { clusterTasksArn, ecsAsk, liveTask } from './ecs-request.js';

/**
 * Right after ExecuteCommand succeeds, the AWS CLI calls DescribeTasks to find the container's
 * runtime id for the Session Manager plugin. Without ecs:DescribeTasks the command fails after the
 * session was created (CloudTrail already shows the ExecuteCommand).
 * https://github.com/aws/aws-cli/blob/develop/awscli/customizations/ecs/executecommand.py
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */

const ACTION = 'ecs:DescribeTasks';

export const callerDescribeTasks = defineCheck({
  id: 'caller.describe-tasks',
  title: 'The caller may call ecs:DescribeTasks on the task',
  layer: 'caller',
  suite: 'readiness',
  modes: ['live'],
  needs: ['policies'],
  rationale:
    'The AWS CLI calls DescribeTasks right after ExecuteCommand to find the container runtime id it hands to the Session Manager plugin; without it the command fails after the session was created.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html',
    ],
  },
  docs: {
    passes:
      "The caller's policies allow `ecs:DescribeTasks` on the task ARN, with `ecs:cluster` and the task's tags in the request context, within the permission boundary and the SCPs when given.",
    fails:
      'Fails when an explicit Deny or the lack of an allow (identity policy, permission boundary or SCP) refuses `ecs:DescribeTasks`: the AWS CLI then fails right after ExecuteCommand. Unknown when the policies could not be read or a condition needs a context key the tool cannot know.',
    fix: {
      cli: `aws iam put-role-policy --role-name ROLE --policy-name ecs-describe-tasks --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EcsDescribeTasks","Effect":"Allow","Action":"ecs:DescribeTasks","Resource":"arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/*"}]}'`,
      terraform: `data "aws_iam_policy_document" "ecs_exec" {
  statement {
    actions   = ["ecs:DescribeTasks"]
    resources = ["arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/*"]
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
    const ask = ecsAsk(
      target,
      live,
      { action: ACTION, resource: live.task.arn, tags: live.task.tags },
      context.now,
    );
    return [
      requirementResult({
        subject,
        judged: [judge(subject, ask)],
        passMessage: `${subject.label} may call ${ACTION} on task ${live.task.id}.`,
        failMessage: (denied) =>
          `${subject.label} may not call ${ACTION} on task ${live.task.id}: ${reasonsOf(denied)}. The AWS CLI calls it right after ExecuteCommand to find the container, so the command fails after the session was created.`,
        grant: {
          statement: {
            Sid: 'EcsDescribeTasks',
            Effect: 'Allow',
            Action: ACTION,
            Resource: clusterTasksArn(target, live),
          },
          policyName: 'ecs-describe-tasks',
        },
      }),
    ];
  },
});
