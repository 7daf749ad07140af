import type { ExecTarget, ExecuteCommandLogConfiguration, Fact } from '../../model/index.js';
import { partitionDnsSuffix } from '../../model/index.js';
import { knownValue, skip, unknownFromFact } from '../results.js';
import { clusterResource } from '../target-helpers.js';
import type { CheckResult } from '../types.js';

/**
 * The exec-logging destinations the cluster names, shared by the logging checks. Only
 * `logging=OVERRIDE` names a log group or bucket; DEFAULT uses each container's `awslogs`
 * configuration and NONE logs nothing.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html
 */

/** What a check reports instead of judging a destination. */
export interface NotJudged {
  result: CheckResult;
}

export interface Destination {
  name: string;
  /** The destination's ARN, the finding's resource. */
  resource: string;
  /** cloudWatchEncryptionEnabled or s3EncryptionEnabled. */
  encryptionEnabled: boolean;
}

export function isNotJudged<T extends object>(value: T | NotJudged): value is NotJudged {
  return 'result' in value;
}

/** The OVERRIDE log configuration, or why there is no destination to judge. */
export function overrideLogConfiguration(
  target: ExecTarget,
): { config: ExecuteCommandLogConfiguration } | NotJudged {
  const resource = clusterResource(target);
  if (!target.cluster.known) {
    return { result: unknownFromFact(resource, 'the cluster exec configuration', target.cluster) };
  }
  const execConfig = target.cluster.value.executeCommandConfiguration;
  const logging = execConfig?.logging ?? 'DEFAULT';
  if (logging !== 'OVERRIDE' || !execConfig?.logConfiguration) {
    return {
      result: skip(
        resource,
        `Exec logging is ${logging}, not OVERRIDE: the cluster names no log destination.`,
      ),
    };
  }
  return { config: execConfig.logConfiguration };
}

export function logGroupDestination(target: ExecTarget): Destination | NotJudged {
  const configured = overrideLogConfiguration(target);
  if (isNotJudged(configured)) return configured;
  const name = configured.config.cloudWatchLogGroupName;
  if (!name) {
    return {
      result: skip(clusterResource(target), 'The exec logging configuration names no CloudWatch log group.'),
    };
  }
  return {
    name,
    resource: `arn:${target.partition}:logs:${target.region}:${target.accountId}:log-group:${name}`,
    encryptionEnabled: configured.config.cloudWatchEncryptionEnabled === true,
  };
}

export function bucketDestination(target: ExecTarget): Destination | NotJudged {
  const configured = overrideLogConfiguration(target);
  if (isNotJudged(configured)) return configured;
  const name = configured.config.s3BucketName;
  if (!name) {
    return { result: skip(clusterResource(target), 'The exec logging configuration names no S3 bucket.') };
  }
  return {
    name,
    resource: `arn:${target.partition}:s3:::${name}`,
    encryptionEnabled: configured.config.s3EncryptionEnabled === true,
  };
}

/**
 * The looked-up destination (null: it does not exist), or why it cannot be judged. An absent fact
 * means the source did not look: in lint, the resource is not defined in the linted files.
 */
export function lookedUp<T>(
  target: ExecTarget,
  fact: Fact<T | null> | undefined,
  destination: Destination,
  what: string,
  permission: string,
): { value: T | null } | NotJudged {
  if (!fact) {
    const reason =
      target.mode === 'lint'
        ? `${what} ${destination.name} is not defined in the linted files; it is checked in live mode.`
        : `${what} ${destination.name} was not looked up.`;
    return { result: skip(destination.resource, reason) };
  }
  if (!fact.known) {
    return {
      result: unknownFromFact(destination.resource, `${what} ${destination.name}`, {
        ...fact,
        permission: fact.permission ?? permission,
      }),
    };
  }
  return { value: fact.value };
}

/** Where an observed fact came from, for evidence: the API in live mode, the files in lint. */
export function observedBy(target: ExecTarget, liveApi: string): string {
  return target.mode === 'lint' ? 'linted files' : liveApi;
}

/**
 * A KMS key ARN to put in a fix: the cluster's key when known (CloudWatch Logs needs a key ARN
 * in the log group's region), else a placeholder to fill in.
 */
export function keyArnForFix(target: ExecTarget): string {
  const resolvedKey = knownValue(target.kmsKey)?.arn;
  if (resolvedKey) return resolvedKey;
  const configuredKey = knownValue(target.cluster)?.executeCommandConfiguration?.kmsKeyId;
  if (configuredKey?.startsWith('arn:') && configuredKey.includes(':key/')) return configuredKey;
  return `arn:${target.partition}:kms:${target.region}:${target.accountId}:key/KEY_ID`;
}

/**
 * The service principal a log group's KMS key policy must allow.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function logsServicePrincipal(target: ExecTarget): string {
  return `logs.${target.region}.${partitionDnsSuffix(target.partition)}`;
}
