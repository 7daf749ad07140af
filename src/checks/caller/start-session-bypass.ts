import { identityPolicyFix, type Statement } from '../iam-fixes.js';
import {
  type Ask,
  DIRECT_CALL_ABSENT_KEYS,
  directCallContext,
  evidenceLines,
  judge,
  resourceTagContext,
  scpEvidence,
  undecided,
} from '../iam-helpers.js';
import { callerSubject, isResult, type Subject } from '../iam-subjects.js';
import { pass, warn } from '../results.js';
import { defineCheck, type Fix } from '../types.js';
import { liveTask } from './ecs-request.js';

/**
 * `aws ssm start-session --target ecs:CLUSTER_TASK_RUNTIME` opens a session into a container
 * without ECS Exec: its logging configuration does not record it, and it counts against the
 * session quota. ECS Exec does not need the caller to have ssm:StartSession (ECS's service-linked
 * role starts the session), so the docs recommend denying it on task targets. The task is the
 * resource judged: the default session document is checked only when
 * ssm:SessionDocumentAccessCheck is set, so the target decides.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-limit-access-start-session
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-sessiondocumentaccesscheck.html
 */

const ACTION = 'ssm:StartSession';

function denyStatement(
  target: { partition: string; region: string; accountId: string },
  cluster: string,
): Statement {
  return {
    Sid: 'DenyStartSessionOnEcsTasks',
    Effect: 'Deny',
    Action: ACTION,
    Resource: `arn:${target.partition}:ecs:${target.region}:${target.accountId}:task/${cluster}/*`,
  };
}

function denyFix(subject: Subject, statement: Statement): Fix {
  return identityPolicyFix(
    subject,
    { statement, policyName: 'deny-ssm-start-session-ecs' },
    `Deny ssm:StartSession on the cluster's tasks, as the ECS docs recommend: ECS Exec does not need it (ECS's service-linked role starts the session), and sessions opened directly bypass ECS Exec logging. Add this statement to ${subject.label} (or to an SCP for every principal): ${JSON.stringify(statement)}`,
  );
}

export const callerStartSessionBypass = defineCheck({
  id: 'caller.start-session-bypass',
  title: 'The caller cannot bypass ECS Exec logging with ssm:StartSession on the task',
  layer: 'caller',
  suite: 'audit',
  modes: ['live'],
  needs: ['policies'],
  rationale:
    'A principal allowed ssm:StartSession on an ECS task target can open a session with `aws ssm start-session --target ecs:…`, which ECS Exec logging does not record. ECS Exec does not need that permission, so the docs recommend an explicit Deny.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-restrict-access-quickstart.html',
    ],
  },
  docs: {
    passes:
      "An explicit Deny refuses `ssm:StartSession` on the task (evaluated with the task's tags): the evidence names the denying statement.",
    fails:
      'Warns when the caller may call `ssm:StartSession` on the task: such a session bypasses ECS Exec logging. Info when nothing allows it today but no explicit Deny guards it either. Unknown when the policies could not be read or a condition needs a context key the tool cannot know.',
    fix: {
      cli: `aws iam put-role-policy --role-name ROLE --policy-name deny-ssm-start-session-ecs --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"DenyStartSessionOnEcsTasks","Effect":"Deny","Action":"ssm:StartSession","Resource":"arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/*"}]}'`,
      terraform: `data "aws_iam_policy_document" "deny_start_session" {
  statement {
    effect    = "Deny"
    actions   = ["ssm:StartSession"]
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
    const { task, cluster } = live;
    const ask: Ask = {
      action: ACTION,
      resource: `arn:${target.partition}:ecs:${target.region}:${target.accountId}:task/${cluster.name}/${task.id}`,
      context: { ...directCallContext(target, context.now), ...resourceTagContext(task.tags) },
      absentKeys: [...DIRECT_CALL_ABSENT_KEYS, 'ssm:SessionDocumentAccessCheck'],
      completePrefixes: ['aws:ResourceTag/', 'aws:RequestTag/'],
    };
    const judged = judge(subject, ask);
    const [first, ...rest] = [...evidenceLines([judged]), scpEvidence(subject)];
    const evidence: [string, ...string[]] = [first!, ...rest];
    const fix = denyFix(subject, denyStatement(target, cluster.name));
    const runtimeId = task.containers.find((container) => container.runtimeId)?.runtimeId ?? 'RUNTIME_ID';
    switch (judged.evaluation.decision) {
      case 'explicit-deny':
        return [
          pass(
            subject.resource,
            `${subject.label} is explicitly denied ${ACTION} on task ${task.id}: sessions go through ECS Exec and its logging.`,
            evidence,
          ),
        ];
      case 'implicit-deny':
        return [
          {
            status: 'info',
            resource: subject.resource,
            message: `${subject.label} has no allow for ${ACTION} on task ${task.id} today, but an explicit Deny is recommended so that a later grant cannot open sessions that bypass ECS Exec logging.`,
            fix,
            evidence,
          },
        ];
      case 'allowed':
        return [
          warn(
            subject.resource,
            `${subject.label} may call ${ACTION} on task ${task.id}: \`aws ssm start-session --target ecs:${cluster.name}_${task.id}_${runtimeId}\` opens a session that ECS Exec logging does not record.`,
            fix,
            evidence,
          ),
        ];
      default:
        return [undecided(subject.resource, subject, [judged])];
    }
  },
});
