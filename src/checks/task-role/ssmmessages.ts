import type { ExecTarget } from '../../model/index.js';
import { type Judged, judge } from '../iam-helpers.js';
import { reasonsOf, requirementResult } from '../iam-results.js';
import { isResult, roleSubject, type Subject } from '../iam-subjects.js';
import { knownValue } from '../results.js';
import { defineCheck } from '../types.js';
import { channelAsk, SSMMESSAGES_ACTIONS } from './channels.js';
import { agentRoleSubject } from './subject.js';

/**
 * The SSM agent in the container opens its control and data channels to ssmmessages with the task
 * role's credentials: the four actions on `*`. A missing one does not surface as AccessDenied: the
 * agent never connects, and exec fails with TargetNotConnectedException. Putting them on the
 * execution role instead is a common mistake: ECS uses that role only to pull images, fetch
 * secrets and send application logs.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions
 */

/** The execution role, when its policies allow every action the task role lacks. */
function executionRoleHolding(target: ExecTarget, subject: Subject, missing: readonly string[], now: Date) {
  const role = knownValue(target.executionRole);
  if (!role || role.arn === subject.resource) return undefined;
  const execution = roleSubject(target, role, `execution role \`${role.name}\``);
  if (isResult(execution)) return undefined;
  const holds = missing.every(
    (action) => judge(execution, channelAsk(target, action, now)).evaluation.decision === 'allowed',
  );
  return holds ? role : undefined;
}

function failMessage(target: ExecTarget, subject: Subject, denied: readonly Judged[], now: Date): string {
  const missing = denied.map((judged) => judged.ask.action);
  const consequence =
    'Without them the SSM agent in the container cannot open its channels: exec fails with TargetNotConnectedException.';
  const execution = executionRoleHolding(target, subject, missing, now);
  if (execution) {
    return `${subject.label} lacks ${missing.join(', ')}; ${missing.length === 1 ? 'it is' : 'they are'} on the execution role \`${execution.name}\` instead. The SSM agent uses the task role, never the execution role (${reasonsOf(denied)}). ${consequence}`;
  }
  return `${subject.label} lacks ${missing.join(', ')}: ${reasonsOf(denied)}. ${consequence}`;
}

export const taskRoleSsmmessages = defineCheck({
  id: 'task-role.ssmmessages',
  title: 'The task role may open the SSM agent’s ssmmessages channels',
  layer: 'task-role',
  suite: 'readiness',
  modes: ['live', 'lint'],
  needs: ['policies'],
  rationale:
    'The SSM agent in the container opens its control and data channels with the task role: it needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel. Without them exec fails with TargetNotConnectedException. The execution role does not count.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    ],
  },
  docs: {
    passes:
      "The task role's identity policies allow the four `ssmmessages` actions on `*`, with `aws:RequestedRegion` set to the task's region, within its permission boundary and the SCPs when given. On EC2 without a task role, the instance profile's role is judged.",
    fails:
      'Fails when any of the four actions is denied: by an explicit Deny, or with no allowing statement in the identity policies, the permission boundary or an SCP level (the finding names which). When the execution role has them and the task role does not, it says so: the SSM agent never uses the execution role. Unknown when the policies could not be read (in lint: a managed policy outside the files) or a condition needs a context key the tool cannot know.',
    fix: {
      cli: `aws iam put-role-policy --role-name TASK_ROLE --policy-name ecs-exec-ssmmessages --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EcsExecSsmMessages","Effect":"Allow","Action":["ssmmessages:CreateControlChannel","ssmmessages:CreateDataChannel","ssmmessages:OpenControlChannel","ssmmessages:OpenDataChannel"],"Resource":"*"}]}'`,
      cloudformation: `TaskRole:
  Type: AWS::IAM::Role
  Properties:
    Policies:
      - PolicyName: ecs-exec-ssmmessages
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action:
                - ssmmessages:CreateControlChannel
                - ssmmessages:CreateDataChannel
                - ssmmessages:OpenControlChannel
                - ssmmessages:OpenDataChannel
              Resource: '*'`,
      terraform: `resource "aws_iam_role_policy" "ecs_exec_ssmmessages" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
      Resource = "*"
    }]
  })
}`,
      cdk: `// enableExecuteCommand: true on the service adds them to the task role; or:
taskDefinition.addToTaskRolePolicy(new iam.PolicyStatement({
  actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
  resources: ['*'],
}));`,
    },
    notApplicable: 'Skipped when the task has no task role (task-role.present reports it).',
  },
  run(target, context) {
    const subject = agentRoleSubject(target, context);
    if (isResult(subject)) return [subject];
    const judged = SSMMESSAGES_ACTIONS.map((action) =>
      judge(subject, channelAsk(target, action, context.now)),
    );
    return [
      requirementResult({
        subject,
        judged,
        passMessage: `${subject.label} may open the SSM agent's channels (the four ssmmessages actions).`,
        failMessage: (denied) => failMessage(target, subject, denied, context.now),
        grant: {
          statement: {
            Sid: 'EcsExecSsmMessages',
            Effect: 'Allow',
            Action: judged
              .filter((item) => item.evaluation.decision !== 'allowed')
              .map((item) => item.ask.action),
            Resource: '*',
          },
          policyName: 'ecs-exec-ssmmessages',
        },
      }),
    ];
  },
});
