import type { ContainerDefinition, ExecTarget } from '../../model/index.js';
import { info, pass, unknownFromUnresolved, warn } from '../results.js';
import { taskDefinitionResource } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import {
  type ContainerVariable,
  containerEnvironmentFiles,
  containerProperty,
  containerVariables,
  definitionSource,
  judgeEachContainer,
  listOf,
  openVariables,
  variableEvidence,
  variablePath,
} from './containers.js';
import { containerEdit, newRevisionCommand, newRevisionCommandTemplate } from './new-revision.js';

/**
 * The SSM agent in the container uses the AWS SDK credential chain, which ranks these variables
 * above the task role: given them, old agents sign ssmmessages calls with the wrong identity and
 * the agent never connects (TargetNotConnectedException). SSM agent 3.1.1260.0 (April 2022)
 * "fixed ECS Exec issue where agent was using environment variables for credentials", but old
 * AMIs and ECS agents still ship older SSM agents, so this stays a warning.
 * https://github.com/aws/amazon-ssm-agent/blob/mainline/RELEASENOTES.md
 * https://github.com/aws-containers/amazon-ecs-exec-checker/issues/49
 */
const CREDENTIAL_VARIABLES = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
]);

/** SDKs read these names exactly as written (upper case). */
function isCredentialVariable(name: string): boolean {
  return CREDENTIAL_VARIABLES.has(name) || name.startsWith('AWS_CONTAINER_CREDENTIALS_');
}

function fixFor(target: ExecTarget, container: ContainerDefinition, variables: ContainerVariable[]): Fix {
  const name = container.name;
  const names = [...new Set(variables.map((variable) => variable.name))];
  const quotedNames = names.map((variable) => JSON.stringify(variable)).join(', ');
  const fromOverride = variables.some((variable) => variable.fromOverride);
  const fix: Fix = {
    summary: `Remove ${listOf(names)} from container \`${name}\`${fromOverride ? ' (and from the container overrides the task is started with)' : ''} and grant what they were for to the task role; if the application needs other AWS credentials, give them under names the SDKs do not read (e.g. APP_AWS_ACCESS_KEY_ID) and configure its client explicitly. On EC2, also keep the ECS agent current: it bundles the SSM agent that ECS Exec runs.`,
    cloudformation: `AWS::ECS::TaskDefinition ContainerDefinitions[Name=${name}]: remove ${listOf(names)} from Environment and Secrets`,
    terraform: `aws_ecs_task_definition container_definitions JSON, container "${name}": remove ${listOf(names)} from "environment" and "secrets"`,
    cdk: `taskDefinition.addContainer('${name}', …): remove ${listOf(names)} from environment and secrets`,
  };
  const withoutThem = `map(select(.name | IN(${quotedNames}) | not))`;
  const cli = newRevisionCommand(
    target,
    containerEdit(
      name,
      `.environment = ((.environment // []) | ${withoutThem}) | .secrets = ((.secrets // []) | ${withoutThem})`,
    ),
  );
  return cli ? { ...fix, cli } : fix;
}

function judge(target: ExecTarget, container: ContainerDefinition): CheckResult[] {
  const variables = containerVariables(target, container);
  const credentials = variables.filter((variable) => isCredentialVariable(variable.name));
  const files = containerEnvironmentFiles(target, container);
  const [open, ...moreOpen] = openVariables(target, container);
  const results: CheckResult[] = [];
  if (credentials.length > 0) {
    results.push(
      warn(
        containerProperty(target, container.name, variablePath(credentials[0]!)),
        `Container \`${container.name}\` sets ${listOf(credentials.map((variable) => `${variable.name} (${variable.origin})`))}: SSM agents older than 3.1.1260.0 use these instead of the task role, so exec fails with TargetNotConnectedException. A warning, not a failure: that agent release (April 2022) fixed it, but old AMIs and ECS agents still ship older SSM agents, and the application's own AWS calls bypass the task role too.`,
        fixFor(target, container, credentials),
        credentials.map((variable) => variableEvidence(target, container, variable)),
      ),
    );
  } else if (open) {
    // An entry the files leave open (an Fn::If on an undecided condition) may be one of them.
    results.push(
      unknownFromUnresolved(
        target,
        taskDefinitionResource(target),
        `Whether container \`${container.name}\` sets an AWS credential variable`,
        [open, ...moreOpen],
      ),
    );
  } else {
    const overridesEvidence = target.task
      ? [`DescribeTasks: the container overrides of task ${target.task.id} define none`]
      : [];
    results.push(
      pass(
        containerProperty(target, container.name, 'environment'),
        `Container \`${container.name}\` sets no AWS credential variable that would replace the task role.`,
        [
          `${definitionSource(target)}: container ${container.name} environment and secrets define no AWS credential variable`,
          ...overridesEvidence,
        ],
      ),
    );
  }
  if (files.length > 0) {
    results.push(
      info(
        containerProperty(target, container.name, 'environmentFiles'),
        `Container \`${container.name}\` loads environment files the tool cannot read (${listOf(files)}): make sure they set no AWS credential variable (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_CONTAINER_CREDENTIALS_*…), which would replace the task role for the SSM agent.`,
      ),
    );
  }
  return results;
}

export const taskDefinitionCredentialsEnv = defineCheck({
  id: 'task-definition.credentials-env',
  title: 'No AWS credential variables replace the task role for the SSM agent',
  layer: 'task-definition',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'AWS credential variables in a container rank above the task role in the SDK credential chain. SSM agents before 3.1.1260.0 picked them up, so the agent could not open its ssmmessages channels and exec failed with TargetNotConnectedException. Secrets are judged by name only; their values are never read.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
      'https://github.com/aws/amazon-ssm-agent/blob/mainline/RELEASENOTES.md',
      'https://github.com/aws-containers/amazon-ecs-exec-checker/issues/49',
    ],
    securityHub: ['ECS.8'],
  },
  docs: {
    passes:
      "No container's `environment`, `secrets` (judged by name) or RunTask container overrides set an AWS credential variable.",
    fails:
      'Warns when a container sets AWS_ACCESS_KEY_ID, AWS_ACCESS_KEY, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN or AWS_CONTAINER_CREDENTIALS_*: SSM agents before 3.1.1260.0 use them instead of the task role, and exec fails with TargetNotConnectedException. A warning, since newer agents fixed it. Informational for `environmentFiles`, which the tool cannot read. Unknown when the linted files leave an `environment` or `secrets` entry open (an `Fn::If` on an undecided condition).',
    fix: {
      cli: newRevisionCommandTemplate(
        containerEdit(
          'CONTAINER',
          '.environment = ((.environment // []) | map(select(.name | IN("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN") | not))) | .secrets = ((.secrets // []) | map(select(.name | IN("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN") | not)))',
        ),
      ),
      cloudformation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    TaskRoleArn: !GetAtt TaskRole.Arn   # grant the application's permissions here
    ContainerDefinitions:
      - Name: CONTAINER
        # remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN… from Environment and Secrets`,
      terraform: `resource "aws_ecs_task_definition" "this" {
  task_role_arn = aws_iam_role.task.arn # grant the application's permissions here
  container_definitions = jsonencode([{
    name = "CONTAINER"
    # remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN… from environment and secrets
  }])
}`,
      cdk: `taskDefinition.addContainer('CONTAINER', { image /* no AWS_* credential variables in environment or secrets */ });
taskDefinition.taskRole.addToPrincipalPolicy(/* the application's permissions */);`,
    },
  },
  run(target) {
    return judgeEachContainer(target, (container) => judge(target, container));
  },
});
