import type { ExecTarget } from '../../model/index.js';
import { fail, pass } from '../results.js';
import { regionFlag } from '../target-helpers.js';
import { defineCheck, type Fix } from '../types.js';
import {
  type Destination,
  isNotJudged,
  keyArnForFix,
  logGroupDestination,
  logsServicePrincipal,
  lookedUp,
  observedBy,
} from './destinations.js';

/**
 * ECS does not create the exec log group: it must already exist in the task's region. When it
 * does not, the SSM agent logs a warning and disables CloudWatch logging for the session; with
 * cloudWatchEncryptionEnabled it cannot read the group's key and refuses the session instead.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandLogConfiguration.html
 */
function createFix(target: ExecTarget, destination: Destination): Fix {
  const keyArn = keyArnForFix(target);
  const create = `aws logs create-log-group --log-group-name ${destination.name}`;
  if (!destination.encryptionEnabled) {
    return {
      summary: `Create log group ${destination.name} in ${target.region}, or fix the name in the cluster's exec configuration.`,
      cli: `${create} ${regionFlag(target)}`,
      cloudformation: `AWS::Logs::LogGroup: LogGroupName: ${destination.name}`,
      terraform: `aws_cloudwatch_log_group: name = "${destination.name}"`,
      cdk: `new logs.LogGroup(this, …, { logGroupName: '${destination.name}' })`,
    };
  }
  return {
    summary: `Create log group ${destination.name} in ${target.region} encrypted with a KMS key whose key policy allows ${logsServicePrincipal(target)}, or fix the name in the cluster's exec configuration.`,
    cli: `${create} --kms-key-id ${keyArn} ${regionFlag(target)}`,
    cloudformation: `AWS::Logs::LogGroup: LogGroupName: ${destination.name}, KmsKeyId: ${keyArn}`,
    terraform: `aws_cloudwatch_log_group: name = "${destination.name}", kms_key_id = "${keyArn}"`,
    cdk: `new logs.LogGroup(this, …, { logGroupName: '${destination.name}', encryptionKey: key })`,
  };
}

export const loggingLogGroupExists = defineCheck({
  id: 'logging.log-group-exists',
  title: 'The configured CloudWatch log group exists in the task’s region',
  layer: 'logging',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'ECS Exec does not create the log group. If it is missing, the SSM agent disables CloudWatch logging for the session (no transcript); with cloudWatchEncryptionEnabled=true the session is refused.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandLogConfiguration.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
    ],
  },
  docs: {
    passes:
      "The `cloudWatchLogGroupName` of the cluster's OVERRIDE exec logging exists in the task's region.",
    fails:
      'The log group does not exist: the SSM agent disables CloudWatch logging for the session (no transcript there), or, with cloudWatchEncryptionEnabled=true, refuses the session. Unknown when logs:DescribeLogGroups is denied.',
    fix: {
      cli: 'aws logs create-log-group --log-group-name LOG_GROUP_NAME --region REGION   # with cloudWatchEncryptionEnabled: add --kms-key-id KEY_ARN',
      cloudformation: `ExecLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: LOG_GROUP_NAME
    KmsKeyId: KEY_ARN   # with cloudWatchEncryptionEnabled`,
      terraform: `resource "aws_cloudwatch_log_group" "exec" {
  name       = "LOG_GROUP_NAME"
  kms_key_id = aws_kms_key.logs.arn # with cloudWatchEncryptionEnabled
}`,
      cdk: `const execLogGroup = new logs.LogGroup(this, 'ExecLogGroup', { logGroupName: 'LOG_GROUP_NAME', encryptionKey: key });`,
    },
    notApplicable:
      'Skipped unless the cluster uses `logging=OVERRIDE` with a log group; in lint, also when the log group is not defined in the linted files.',
  },
  run(target) {
    const destination = logGroupDestination(target);
    if (isNotJudged(destination)) return [destination.result];
    const lookup = lookedUp(
      target,
      target.logGroup,
      destination,
      'CloudWatch log group',
      'logs:DescribeLogGroups',
    );
    if (isNotJudged(lookup)) return [lookup.result];
    const about = { resource: destination.resource, property: 'name' };
    if (lookup.value) {
      return [
        pass(about, `CloudWatch log group ${destination.name} exists in ${target.region}.`, [
          `${observedBy(target, 'DescribeLogGroups')}: log group ${destination.name} exists`,
        ]),
      ];
    }
    const consequence = destination.encryptionEnabled
      ? 'with cloudWatchEncryptionEnabled=true the SSM agent cannot read its encryption and refuses the session ("We couldn\'t start the session because encryption is not set up on the selected CloudWatch Logs log group").'
      : 'the SSM agent disables CloudWatch logging for the session, so no transcript is kept there.';
    return [
      fail(
        about,
        `CloudWatch log group ${destination.name} does not exist in ${target.region}: ${consequence}`,
        createFix(target, destination),
        [`${observedBy(target, 'DescribeLogGroups')}: no log group named ${destination.name}`],
      ),
    ];
  },
});
