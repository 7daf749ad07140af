import type {
  ExecTarget,
  ExecuteCommandConfiguration,
  ExecuteCommandLogConfiguration,
} from '../../model/index.js';
import { clusterName, openExecSetting, regionFlag } from '../target-helpers.js';

/** Helpers shared by the cluster checks: reading `executeCommandConfiguration` and rewriting it. */

export const EXEC_CONFIGURATION_DOCS =
  'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html';

export type LoggingMode = NonNullable<ExecuteCommandConfiguration['logging']>;

/**
 * The log configuration without the destination names the linted files leave open, and those as
 * `[path, reason]`: a `${LogGroupName}` parameter may be empty, so it does not count as a name.
 */
export function decidedLogConfiguration(
  target: ExecTarget,
  logConfiguration: ExecuteCommandLogConfiguration | undefined,
): { decided: ExecuteCommandLogConfiguration | undefined; open: [string, string][] } {
  const open: [string, string][] = [];
  const decided = logConfiguration && { ...logConfiguration };
  for (const name of ['cloudWatchLogGroupName', 's3BucketName'] as const) {
    const setting = openExecSetting(target, `logConfiguration.${name}`);
    if (!setting || !decided) continue;
    open.push(setting);
    delete decided[name];
  }
  return { decided, open };
}

/** An absent `logging` means DEFAULT, as the API documents. */
export function loggingMode(configuration: ExecuteCommandConfiguration | undefined): LoggingMode {
  return configuration?.logging ?? 'DEFAULT';
}

/** Whether a `logConfiguration` sets anything at all (an empty object sets nothing). */
export function hasLogSettings(logConfiguration: ExecuteCommandLogConfiguration | undefined): boolean {
  return Object.values(logConfiguration ?? {}).some((value) => value !== undefined);
}

/** The transcript destinations an OVERRIDE configuration names, in words. */
export function logDestinations(logConfiguration: ExecuteCommandLogConfiguration | undefined): string[] {
  const destinations: string[] = [];
  if (logConfiguration?.cloudWatchLogGroupName) {
    destinations.push(`CloudWatch Logs group ${logConfiguration.cloudWatchLogGroupName}`);
  }
  if (logConfiguration?.s3BucketName) {
    destinations.push(`S3 bucket ${logConfiguration.s3BucketName}/${logConfiguration.s3KeyPrefix ?? ''}`);
  }
  return destinations;
}

/** An evidence line naming where the cluster fact came from: the API (live) or the files (lint). */
export function clusterEvidence(target: ExecTarget, fact: string): string {
  return `${target.mode === 'live' ? 'DescribeClusters' : 'cluster'}: ${fact}`;
}

/**
 * UpdateCluster replaces the cluster's whole `executeCommandConfiguration`: a command that sets only
 * `kmsKeyId` resets logging to DEFAULT. So every fix command carries the complete configuration,
 * built from the current one with the change applied.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateCluster.html
 */
export function updateClusterCommand(target: ExecTarget, configuration: ExecuteCommandConfiguration): string {
  const { kmsKeyId, logging, logConfiguration } = configuration;
  const json = JSON.stringify({ executeCommandConfiguration: { kmsKeyId, logging, logConfiguration } });
  return `aws ecs update-cluster --cluster ${clusterName(target)} --configuration '${json}' ${regionFlag(target)}`;
}

/** The sentence that goes with every update-cluster fix. */
export const UPDATE_CLUSTER_NOTE =
  'update-cluster replaces the whole exec configuration, so the command repeats the settings you keep.';

/** The docs' fix for clusters whose sessions go nowhere: logging=OVERRIDE to a log group or bucket. */
export const OVERRIDE_LOGGING_DOC_FIX = {
  cli: `# update-cluster replaces the whole exec configuration: repeat kmsKeyId and the settings you keep
aws ecs update-cluster --cluster CLUSTER --configuration '{"executeCommandConfiguration":{"logging":"OVERRIDE","logConfiguration":{"cloudWatchLogGroupName":"LOG_GROUP_NAME"}}}' --region REGION`,
  cloudformation: `Cluster:
  Type: AWS::ECS::Cluster
  Properties:
    Configuration:
      ExecuteCommandConfiguration:
        Logging: OVERRIDE
        LogConfiguration:
          CloudWatchLogGroupName: !Ref ExecLogGroup   # or S3BucketName`,
  terraform: `resource "aws_ecs_cluster" "this" {
  name = "CLUSTER"
  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name = aws_cloudwatch_log_group.exec.name # or s3_bucket_name
      }
    }
  }
}`,
  cdk: `new ecs.Cluster(this, 'Cluster', {
  executeCommandConfiguration: {
    logging: ecs.ExecuteCommandLogging.OVERRIDE,
    logConfiguration: { cloudWatchLogGroup: execLogGroup }, // or s3Bucket
  },
});`,
};
