import type { ExecTarget, ExecuteCommandLogConfiguration, Fact } from '../../model/index.js';
import { partitionDnsSuffix } from '../../model/index.js';
import { type About, knownValue, skip, unknownFromFact, unknownFromUnresolved } from '../results.js';
import {
  clusterAbout,
  clusterResource,
  execConfigurationProperty,
  openExecSetting,
} from '../target-helpers.js';
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
  /** The exec configuration setting that names it: `logConfiguration.cloudWatchLogGroupName`… */
  setting: string;
  /** cloudWatchEncryptionEnabled or s3EncryptionEnabled. */
  encryptionEnabled: boolean;
  /** The setting that turns that on. */
  encryptionSetting: string;
}

export function isNotJudged<T extends object>(value: T | NotJudged): value is NotJudged {
  return 'result' in value;
}

/** The OVERRIDE log configuration, or why there is no destination to judge. */
export function overrideLogConfiguration(
  target: ExecTarget,
): { config: ExecuteCommandLogConfiguration } | NotJudged {
  if (!target.cluster.known) {
    return {
      result: unknownFromFact(clusterAbout(target), 'the cluster exec configuration', target.cluster),
    };
  }
  const execConfig = target.cluster.value.executeCommandConfiguration;
  const logging = execConfig?.logging ?? 'DEFAULT';
  if (logging !== 'OVERRIDE' || !execConfig?.logConfiguration) {
    return {
      result: skip(
        execConfigurationProperty(target, 'logging'),
        `Exec logging is ${logging}, not OVERRIDE: the cluster names no log destination.`,
      ),
    };
  }
  return { config: execConfig.logConfiguration };
}

/**
 * The destination a setting names, or why it is not judged: no name, or (lint) a name the files
 * leave open, which may be empty or anything.
 */
function destination(
  target: ExecTarget,
  setting: 'cloudWatchLogGroupName' | 's3BucketName',
  what: string,
  resourceOf: (name: string) => string,
): Destination | NotJudged {
  const configured = overrideLogConfiguration(target);
  if (isNotJudged(configured)) return configured;
  const path = `logConfiguration.${setting}`;
  const open = openExecSetting(target, path);
  if (open) {
    return {
      result: unknownFromUnresolved(target, clusterResource(target), `Which ${what} records exec sessions`, [
        open,
      ]),
    };
  }
  const name = configured.config[setting];
  if (!name) {
    return {
      result: skip(
        execConfigurationProperty(target, path),
        `The exec logging configuration names no ${what}.`,
      ),
    };
  }
  const encryption =
    setting === 'cloudWatchLogGroupName' ? 'cloudWatchEncryptionEnabled' : 's3EncryptionEnabled';
  return {
    name,
    resource: resourceOf(name),
    setting: path,
    encryptionEnabled: configured.config[encryption] === true,
    encryptionSetting: `logConfiguration.${encryption}`,
  };
}

export function logGroupDestination(target: ExecTarget): Destination | NotJudged {
  return destination(
    target,
    'cloudWatchLogGroupName',
    'CloudWatch log group',
    (name) => `arn:${target.partition}:logs:${target.region}:${target.accountId}:log-group:${name}`,
  );
}

export function bucketDestination(target: ExecTarget): Destination | NotJudged {
  return destination(target, 's3BucketName', 'S3 bucket', (name) => `arn:${target.partition}:s3:::${name}`);
}

/**
 * What a finding about a destination that was not looked up (or could not be) points at: the
 * destination, or in lint, where the files do not declare it, the cluster setting that names it.
 */
function unreadAbout(target: ExecTarget, destination: Destination): About {
  return target.mode === 'lint'
    ? execConfigurationProperty(target, destination.setting)
    : destination.resource;
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
    return { result: skip(unreadAbout(target, destination), reason) };
  }
  if (!fact.known) {
    return {
      result: unknownFromFact(unreadAbout(target, destination), `${what} ${destination.name}`, {
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
