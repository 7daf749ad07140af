import type { ExecTarget } from '../../model/index.js';
import { type Ask, DIRECT_CALL_ABSENT_KEYS, directCallContext, judge } from '../iam-helpers.js';
import { actionsOf, reasonsOf, requirementResult } from '../iam-results.js';
import { isResult } from '../iam-subjects.js';
import { isNotJudged, logGroupDestination } from '../logging/destinations.js';
import { defineCheck } from '../types.js';
import { agentRoleSubject } from './subject.js';

/**
 * With a CloudWatch Logs destination, the SSM agent streams the transcript with the task role. It
 * first calls DescribeLogGroups to find the group and its KMS key: without it the agent cannot
 * see the group, and with cloudWatchEncryptionEnabled=true refuses every session with the
 * misleading "encryption is not set up" message. Then it creates a stream and puts events.
 * The requests are judged on the resources CloudWatch Logs authorizes them against, as its
 * AccessDenied messages name them: DescribeLogGroups on `log-group::log-stream:`,
 * DescribeLogStreams on `log-group:NAME:log-stream:`, CreateLogStream and PutLogEvents on
 * `log-group:NAME:log-stream:STREAM`. So the documented grant `log-group:NAME:*` covers them.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html
 */

const ENCRYPTION_REFUSAL =
  "We couldn't start the session because encryption is not set up on the selected CloudWatch Logs log group";

/** A stream named like a session's (its id); grants scoped to `log-group:NAME:*` cover any name. */
const STREAM = 'ecs-execute-command-SESSION_ID';

function logsArn(target: ExecTarget, resource: string): string {
  return `arn:${target.partition}:logs:${target.region}:${target.accountId}:${resource}`;
}

function logsAsk(target: ExecTarget, action: string, resource: string, now: Date): Ask {
  return { action, resource, context: directCallContext(target, now), absentKeys: DIRECT_CALL_ABSENT_KEYS };
}

export const taskRoleCloudwatchLogging = defineCheck({
  id: 'task-role.cloudwatch-logging',
  title: 'The task role may write exec transcripts to the CloudWatch log group',
  layer: 'task-role',
  suite: 'readiness',
  modes: ['live', 'lint'],
  needs: ['policies'],
  rationale:
    'The SSM agent streams the session transcript to the configured log group with the task role: logs:DescribeLogGroups on *, and logs:CreateLogStream, logs:DescribeLogStreams and logs:PutLogEvents on the group. A missing DescribeLogGroups makes the agent refuse encrypted-logging sessions with the misleading "encryption is not set up" message.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html',
    ],
  },
  docs: {
    passes:
      "With `logging=OVERRIDE` and a `cloudWatchLogGroupName`, the task role's policies allow `logs:DescribeLogGroups` on `*` and `logs:CreateLogStream`, `logs:DescribeLogStreams` and `logs:PutLogEvents` on the group's streams (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`), within the permission boundary and the SCPs when given.",
    fails:
      'Fails for a denied `logs:DescribeLogGroups` (with `cloudWatchEncryptionEnabled=true` the agent then refuses every session with "We couldn\'t start the session because encryption is not set up on the selected CloudWatch Logs log group", although the group may be encrypted; otherwise nothing reaches CloudWatch), and for denied stream actions on the group (the transcript is not delivered). Unknown when the policies could not be read or a condition needs a context key the tool cannot know.',
    fix: {
      cli: `aws iam put-role-policy --role-name TASK_ROLE --policy-name ecs-exec-logs --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:DescribeLogGroups","Resource":"*"},{"Effect":"Allow","Action":["logs:CreateLogStream","logs:DescribeLogStreams","logs:PutLogEvents"],"Resource":"arn:aws:logs:REGION:ACCOUNT:log-group:LOG_GROUP:*"}]}'`,
      terraform: `resource "aws_iam_role_policy" "ecs_exec_logs" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "logs:DescribeLogGroups", Resource = "*" },
      { Effect = "Allow", Action = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource = "\${aws_cloudwatch_log_group.exec.arn}:*" },
    ]
  })
}`,
      cdk: 'execLogGroup.grantWrite(taskDefinition.taskRole); // plus logs:DescribeLogGroups and logs:DescribeLogStreams',
    },
    notApplicable:
      'Skipped unless `logging=OVERRIDE` names a CloudWatch log group, and when the task has no task role.',
  },
  run(target, context) {
    const destination = logGroupDestination(target);
    if (isNotJudged(destination)) return [destination.result];
    const subject = agentRoleSubject(target, context);
    if (isResult(subject)) return [subject];
    const now = context.now;
    const group = `log-group:${destination.name}`;
    const describeGroups = judge(
      subject,
      logsAsk(target, 'logs:DescribeLogGroups', logsArn(target, 'log-group::log-stream:'), now),
    );
    const streamActions = [
      judge(
        subject,
        logsAsk(target, 'logs:CreateLogStream', logsArn(target, `${group}:log-stream:${STREAM}`), now),
      ),
      judge(
        subject,
        logsAsk(target, 'logs:DescribeLogStreams', logsArn(target, `${group}:log-stream:`), now),
      ),
      judge(
        subject,
        logsAsk(target, 'logs:PutLogEvents', logsArn(target, `${group}:log-stream:${STREAM}`), now),
      ),
    ];
    const consequenceOfDescribe = destination.encryptionEnabled
      ? `With cloudWatchEncryptionEnabled=true the SSM agent cannot read the group's KMS key, so it refuses every session with the misleading "${ENCRYPTION_REFUSAL}", even if the group is encrypted.`
      : 'The SSM agent cannot find the group, so it does not stream the transcript to CloudWatch.';
    return [
      requirementResult({
        subject,
        judged: [describeGroups],
        passMessage: `${subject.label} may call logs:DescribeLogGroups, which the SSM agent needs to find log group ${destination.name}.`,
        failMessage: (denied) =>
          `${subject.label} may not call logs:DescribeLogGroups: ${reasonsOf(denied)}. ${consequenceOfDescribe}`,
        grant: {
          statement: {
            Sid: 'EcsExecDescribeLogGroups',
            Effect: 'Allow',
            Action: 'logs:DescribeLogGroups',
            Resource: '*',
          },
          policyName: 'ecs-exec-describe-log-groups',
        },
      }),
      requirementResult({
        subject,
        judged: streamActions,
        passMessage: `${subject.label} may create streams and put the transcript's events in log group ${destination.name}.`,
        failMessage: (denied) =>
          `${subject.label} may not call ${actionsOf(denied)} on log group ${destination.name}: ${reasonsOf(denied)}. The SSM agent cannot deliver the session transcript to CloudWatch.`,
        grant: {
          statement: {
            Sid: 'EcsExecLogStreams',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
            Resource: logsArn(target, `${group}:*`),
          },
          policyName: 'ecs-exec-logs',
        },
      }),
    ];
  },
});
