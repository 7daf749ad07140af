import type { ExecTarget, ExecuteCommandConfiguration } from '../../model/index.js';
import { fail, pass, unknown, unknownFromFact, unknownFromUnresolved } from '../results.js';
import {
  clusterAbout,
  clusterResource,
  containerDefinitionsToJudge,
  execConfigurationProperty,
  taskDefinitionResource,
} from '../target-helpers.js';
import type { CheckResult, Fix } from '../types.js';
import { defineCheck } from '../types.js';
import {
  clusterEvidence,
  decidedLogConfiguration,
  EXEC_CONFIGURATION_DOCS,
  logDestinations,
  loggingMode,
  OVERRIDE_LOGGING_DOC_FIX,
  UPDATE_CLUSTER_NOTE,
  updateClusterCommand,
} from './exec-configuration.js';

/**
 * logging=NONE records nothing. DEFAULT sends the transcript through the `awslogs` configuration of
 * the container being exec'd into; a container that logs with FireLens, splunk or no driver
 * produces no transcript at all. OVERRIDE names its own destinations, whatever the log driver.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandConfiguration.html
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */

/** Switch to OVERRIDE with a log group; works whatever the containers' log drivers are. */
function overrideFix(
  target: ExecTarget,
  configuration: ExecuteCommandConfiguration | undefined,
  summary: string,
): Fix {
  return {
    summary: `${summary} ${UPDATE_CLUSTER_NOTE}`,
    cli: updateClusterCommand(target, {
      ...configuration,
      logging: 'OVERRIDE',
      logConfiguration: {
        ...configuration?.logConfiguration,
        cloudWatchLogGroupName: configuration?.logConfiguration?.cloudWatchLogGroupName ?? 'LOG_GROUP_NAME',
      },
    }),
    cloudformation:
      'AWS::ECS::Cluster Configuration.ExecuteCommandConfiguration: { Logging: OVERRIDE, LogConfiguration: { CloudWatchLogGroupName: … } }',
    terraform:
      'aws_ecs_cluster: configuration { execute_command_configuration { logging = "OVERRIDE" log_configuration { cloud_watch_log_group_name = … } } }',
    cdk: 'new ecs.Cluster(this, …, { executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { cloudWatchLogGroup } } })',
  };
}

/** DEFAULT: every container that can be exec'd into must log with `awslogs`. */
function judgeDefaultLogging(
  target: ExecTarget,
  configuration: ExecuteCommandConfiguration | undefined,
): CheckResult[] {
  const about = execConfigurationProperty(target, 'logging');
  if (!target.taskDefinition.known) {
    return [unknownFromFact(about, "the task definition's log drivers", target.taskDefinition)];
  }
  const containers = containerDefinitionsToJudge(target);
  if (containers.length === 0) {
    return [
      unknown(about, `No container named ${target.requestedContainer} in ${taskDefinitionResource(target)}.`),
    ];
  }
  const evidence = containers.map(
    (container) =>
      `task definition: container \`${container.name}\` logDriver=${container.logConfiguration?.logDriver ?? 'none'}`,
  );
  const withoutAwslogs = containers.filter(
    (container) => container.logConfiguration?.logDriver !== 'awslogs',
  );
  const loggingEvidence = clusterEvidence(target, `logging=${configuration?.logging ?? 'absent (DEFAULT)'}`);
  if (withoutAwslogs.length === 0) {
    return [
      pass(about, 'logging=DEFAULT and every container logs with awslogs, so sessions are recorded there.', [
        loggingEvidence,
        ...evidence,
      ]),
    ];
  }
  const names = withoutAwslogs
    .map((container) => `\`${container.name}\` (${container.logConfiguration?.logDriver ?? 'no log driver'})`)
    .join(', ');
  return [
    fail(
      about,
      `logging=DEFAULT records sessions only through the awslogs driver, and container${withoutAwslogs.length > 1 ? 's' : ''} ${names} ${withoutAwslogs.length > 1 ? 'do' : 'does'} not use it: sessions there leave no transcript.`,
      overrideFix(
        target,
        configuration,
        'Set logging=OVERRIDE with a CloudWatch Logs group or S3 bucket (works with any log driver), or give those containers the awslogs driver.',
      ),
      [loggingEvidence, ...evidence],
    ),
  ];
}

export const clusterAuditLogging = defineCheck({
  id: 'cluster.audit-logging',
  title: 'Exec sessions are recorded',
  layer: 'cluster',
  suite: 'audit',
  modes: ['live', 'lint'],
  rationale:
    "CloudTrail records who ran ExecuteCommand, but only the session transcript shows what was done. logging=NONE keeps none; DEFAULT keeps one only for containers whose log driver is awslogs (FireLens, splunk or no driver drop it); OVERRIDE sends it to the cluster's own CloudWatch Logs group or S3 bucket.",
  references: {
    docs: [
      EXEC_CONFIGURATION_DOCS,
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
    ],
  },
  docs: {
    passes:
      '`logging=OVERRIDE` names a CloudWatch Logs group or an S3 bucket; or `logging` is DEFAULT (or unset) and every container that can be exec’d into logs with the `awslogs` driver.',
    fails:
      '`logging=NONE` (no transcript anywhere); `logging=DEFAULT` with a container that logs with FireLens, splunk or no driver (sessions there leave no transcript); or `logging=OVERRIDE` naming no destination. Unknown when the cluster or the task definition could not be read, or when the linted files leave the only destination name open.',
    fix: OVERRIDE_LOGGING_DOC_FIX,
  },
  run(target) {
    if (!target.cluster.known)
      return [unknownFromFact(clusterAbout(target), 'the cluster configuration', target.cluster)];
    const configuration = target.cluster.value.executeCommandConfiguration;
    const logging = loggingMode(configuration);
    if (logging === 'NONE') {
      return [
        fail(
          execConfigurationProperty(target, 'logging'),
          'logging=NONE: exec sessions are not recorded anywhere.',
          overrideFix(
            target,
            configuration,
            'Record sessions: set logging=OVERRIDE with a CloudWatch Logs group or S3 bucket.',
          ),
          [clusterEvidence(target, 'logging=NONE')],
        ),
      ];
    }
    if (logging === 'DEFAULT') return judgeDefaultLogging(target, configuration);
    // A destination name the files leave open may be empty: it does not count as recorded.
    const { decided, open } = decidedLogConfiguration(target, configuration?.logConfiguration);
    const destinations = logDestinations(decided);
    const [firstOpen, ...moreOpen] = open;
    if (destinations.length === 0 && firstOpen) {
      return [
        unknownFromUnresolved(target, clusterResource(target), 'Whether exec sessions are recorded', [
          firstOpen,
          ...moreOpen,
        ]),
      ];
    }
    const about = execConfigurationProperty(target, 'logConfiguration');
    if (destinations.length === 0) {
      return [
        fail(
          about,
          'logging=OVERRIDE names no CloudWatch Logs group and no S3 bucket: sessions are not recorded.',
          overrideFix(
            target,
            configuration,
            'Name a CloudWatch Logs group or S3 bucket for the transcripts.',
          ),
          [clusterEvidence(target, 'logging=OVERRIDE, no destination')],
        ),
      ];
    }
    return [
      pass(about, `Sessions are recorded to ${destinations.join(' and ')}.`, [
        clusterEvidence(target, `logging=OVERRIDE to ${destinations.join(' and ')}`),
      ]),
    ];
  },
});
