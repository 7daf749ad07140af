import { fail, pass, unknownFromFact, unknownFromUnresolved } from '../results.js';
import { clusterAbout, clusterResource, execConfigurationProperty } from '../target-helpers.js';
import { defineCheck } from '../types.js';
import {
  clusterEvidence,
  decidedLogConfiguration,
  EXEC_CONFIGURATION_DOCS,
  hasLogSettings,
  logDestinations,
  loggingMode,
  OVERRIDE_LOGGING_DOC_FIX,
  UPDATE_CLUSTER_NOTE,
  updateClusterCommand,
} from './exec-configuration.js';

/**
 * `logConfiguration` is read only with `logging=OVERRIDE`, and OVERRIDE requires it: the API
 * rejects any other combination, so a template that has one fails at deploy time.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html
 */
export const clusterExecConfigValid = defineCheck({
  id: 'cluster.exec-config-valid',
  title: 'Cluster exec configuration is self-consistent',
  layer: 'cluster',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'ECS accepts a logConfiguration only with logging=OVERRIDE, and OVERRIDE must name a CloudWatch Logs group or an S3 bucket. Any other combination is rejected by CreateCluster/UpdateCluster, so the cluster cannot be deployed as written.',
  references: { docs: [EXEC_CONFIGURATION_DOCS] },
  docs: {
    passes:
      'The cluster has no exec configuration (ECS then uses logging DEFAULT), or its `executeCommandConfiguration` is consistent: a `logConfiguration` only with `logging=OVERRIDE`, and OVERRIDE names a CloudWatch Logs group or an S3 bucket.',
    fails:
      'A `logConfiguration` with `logging` NONE or DEFAULT, which CreateCluster and UpdateCluster reject; or `logging=OVERRIDE` naming neither a log group nor a bucket. Unknown when the cluster could not be read, or when the verdict rests on a log group or bucket name the linted files leave open.',
    fix: OVERRIDE_LOGGING_DOC_FIX,
  },
  run(target) {
    if (!target.cluster.known)
      return [unknownFromFact(clusterAbout(target), 'the cluster configuration', target.cluster)];
    const configuration = target.cluster.value.executeCommandConfiguration;
    if (!configuration) {
      return [
        pass(
          execConfigurationProperty(target, 'logging'),
          'The cluster has no exec configuration; ECS uses logging DEFAULT.',
          [clusterEvidence(target, 'no executeCommandConfiguration: logging DEFAULT')],
        ),
      ];
    }
    const logging = loggingMode(configuration);
    const { logConfiguration } = configuration;
    // A destination name the files leave open may be empty: it neither counts nor fails.
    const { decided, open } = decidedLogConfiguration(target, logConfiguration);
    const [firstOpen, ...moreOpen] = open;
    const destinations = logDestinations(decided);
    const logConfigurationAbout = execConfigurationProperty(target, 'logConfiguration');
    if (logging !== 'OVERRIDE' && hasLogSettings(decided)) {
      const fixed =
        logging === 'NONE'
          ? { ...configuration, logConfiguration: undefined }
          : { ...configuration, logging: 'OVERRIDE' as const };
      return [
        fail(
          logConfigurationAbout,
          `The exec configuration has a logConfiguration with logging=${logging}; ECS accepts a logConfiguration only with logging=OVERRIDE.`,
          {
            summary:
              logging === 'NONE'
                ? `Remove the logConfiguration, or set logging=OVERRIDE to keep the transcript. ${UPDATE_CLUSTER_NOTE}`
                : `Set logging=OVERRIDE so the logConfiguration is used, or remove it. ${UPDATE_CLUSTER_NOTE}`,
            cli: updateClusterCommand(target, fixed),
            cloudformation: 'AWS::ECS::Cluster Configuration.ExecuteCommandConfiguration.Logging: OVERRIDE',
            terraform:
              'aws_ecs_cluster: configuration { execute_command_configuration { logging = "OVERRIDE" } }',
            cdk: 'new ecs.Cluster(this, …, { executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration } })',
          },
          [
            clusterEvidence(
              target,
              `logging=${logging}, logConfiguration=${JSON.stringify(logConfiguration)}`,
            ),
          ],
        ),
      ];
    }
    if (firstOpen && (logging !== 'OVERRIDE' || destinations.length === 0)) {
      return [
        unknownFromUnresolved(
          target,
          clusterResource(target),
          'Whether the exec configuration is consistent',
          [firstOpen, ...moreOpen],
        ),
      ];
    }
    if (logging === 'OVERRIDE' && destinations.length === 0) {
      return [
        fail(
          logConfigurationAbout,
          'The exec configuration has logging=OVERRIDE but names no CloudWatch Logs group and no S3 bucket.',
          {
            summary: `Name a CloudWatch Logs group (it must already exist) or an S3 bucket for the session transcripts. ${UPDATE_CLUSTER_NOTE}`,
            cli: updateClusterCommand(target, {
              ...configuration,
              logConfiguration: { ...logConfiguration, cloudWatchLogGroupName: 'LOG_GROUP_NAME' },
            }),
            cloudformation:
              'AWS::ECS::Cluster Configuration.ExecuteCommandConfiguration.LogConfiguration.CloudWatchLogGroupName (or S3BucketName)',
            terraform:
              'aws_ecs_cluster: configuration { execute_command_configuration { log_configuration { cloud_watch_log_group_name = … } } }',
            cdk: 'executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { cloudWatchLogGroup } }',
          },
          [
            clusterEvidence(
              target,
              `logging=OVERRIDE, logConfiguration=${JSON.stringify(logConfiguration ?? {})}`,
            ),
          ],
        ),
      ];
    }
    const detail = destinations.length > 0 ? ` to ${destinations.join(' and ')}` : '';
    return [
      pass(
        execConfigurationProperty(target, 'logging'),
        `The exec configuration is consistent: logging=${logging}${detail}.`,
        [clusterEvidence(target, `logging=${configuration.logging ?? 'absent (DEFAULT)'}${detail}`)],
      ),
    ];
  },
});
