import type { ExecTarget } from '../../model/index.js';
import { fail, pass, skip, unknownFromUnresolved } from '../results.js';
import { execConfigurationProperty, regionFlag, unresolvedReason } from '../target-helpers.js';
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

/** The SSM agent's exact refusal, so users can match what they saw. */
const REFUSAL =
  "We couldn't start the session because encryption is not set up on the selected CloudWatch Logs log group. Either encrypt the log group or choose an option to enable logging without encryption.";

/**
 * With cloudWatchEncryptionEnabled=true the SSM agent reads the group's kmsKeyId at session start
 * and refuses the session when there is none. CloudWatch Logs can only use a key whose policy
 * allows its regional service principal.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
function encryptFix(target: ExecTarget, destination: Destination): Fix {
  const keyArn = keyArnForFix(target);
  return {
    summary: `Associate a KMS key with log group ${destination.name} (the key policy must allow the ${logsServicePrincipal(target)} principal), or set cloudWatchEncryptionEnabled=false in the cluster's exec configuration.`,
    cli: `aws logs associate-kms-key --log-group-name ${destination.name} --kms-key-id ${keyArn} ${regionFlag(target)}`,
    cloudformation: `AWS::Logs::LogGroup: KmsKeyId: ${keyArn}`,
    terraform: `aws_cloudwatch_log_group: kms_key_id = "${keyArn}"`,
    cdk: 'new logs.LogGroup(this, …, { encryptionKey: key })',
  };
}

export const loggingLogGroupEncryption = defineCheck({
  id: 'logging.log-group-encryption',
  title: 'With cloudWatchEncryptionEnabled=true, the log group has a KMS key',
  layer: 'logging',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'With cloudWatchEncryptionEnabled=true, the SSM agent refuses to start the session unless the CloudWatch log group is encrypted with a KMS key.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
    ],
    checkov: ['CKV_AWS_158'],
  },
  docs: {
    passes: 'With `cloudWatchEncryptionEnabled=true`, the log group has a KMS key (`kmsKeyId`).',
    fails:
      'The log group has no KMS key: the SSM agent refuses every session with "We couldn\'t start the session because encryption is not set up on the selected CloudWatch Logs log group." Unknown when logs:DescribeLogGroups is denied, or when the linted files leave its KMS key open.',
    fix: {
      cli: `# the key policy must allow the logs.REGION.amazonaws.com principal; or set cloudWatchEncryptionEnabled=false
aws logs associate-kms-key --log-group-name LOG_GROUP_NAME --kms-key-id KEY_ARN --region REGION`,
      cloudformation: `ExecLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: LOG_GROUP_NAME
    KmsKeyId: KEY_ARN`,
      terraform: `resource "aws_cloudwatch_log_group" "exec" {
  name       = "LOG_GROUP_NAME"
  kms_key_id = aws_kms_key.logs.arn
}`,
      cdk: `new logs.LogGroup(this, 'ExecLogGroup', { logGroupName: 'LOG_GROUP_NAME', encryptionKey: key });`,
    },
    notApplicable:
      'Skipped unless `logging=OVERRIDE` names a log group with `cloudWatchEncryptionEnabled=true`, and when the group does not exist (logging.log-group-exists reports it).',
  },
  run(target) {
    const destination = logGroupDestination(target);
    if (isNotJudged(destination)) return [destination.result];
    if (!destination.encryptionEnabled) {
      return [
        skip(
          execConfigurationProperty(target, destination.encryptionSetting),
          'cloudWatchEncryptionEnabled is false: the SSM agent does not require an encrypted log group.',
        ),
      ];
    }
    const lookup = lookedUp(
      target,
      target.logGroup,
      destination,
      'CloudWatch log group',
      'logs:DescribeLogGroups',
    );
    if (isNotJudged(lookup)) return [lookup.result];
    const logGroup = lookup.value;
    if (!logGroup) {
      return [
        skip(
          destination.resource,
          `Log group ${destination.name} does not exist; logging.log-group-exists reports it.`,
        ),
      ];
    }
    const about = { resource: destination.resource, property: 'kmsKeyId' };
    // A key the files leave open (`${LogKeyArn}`) may be empty: it does not count as set.
    const open = unresolvedReason(target, about.resource, about.property);
    if (open) {
      return [
        unknownFromUnresolved(target, about.resource, `Whether log group ${destination.name} has a KMS key`, [
          [about.property, open],
        ]),
      ];
    }
    if (logGroup.kmsKeyId) {
      return [
        pass(about, `Log group ${destination.name} is encrypted with KMS key ${logGroup.kmsKeyId}.`, [
          `${observedBy(target, 'DescribeLogGroups')}: ${destination.name} kmsKeyId=${logGroup.kmsKeyId}`,
        ]),
      ];
    }
    return [
      fail(
        about,
        `Log group ${destination.name} has no KMS key but the cluster sets cloudWatchEncryptionEnabled=true: the SSM agent refuses every session with "${REFUSAL}"`,
        encryptFix(target, destination),
        [`${observedBy(target, 'DescribeLogGroups')}: ${destination.name} has no kmsKeyId`],
      ),
    ];
  },
});
