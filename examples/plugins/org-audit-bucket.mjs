// An example plugin: the organization requires every cluster to send ECS Exec session logs to
// its central audit bucket. Load it with
//   ecs-exec-doctor check --plugin ./examples/plugins/org-audit-bucket.mjs --cluster C --task T
// and set ORG_EXEC_AUDIT_BUCKET to your bucket's name.
import {
  clusterName,
  clusterResource,
  defineCheck,
  fail,
  pass,
  regionFlag,
  unknownFromFact,
} from 'ecs-exec-doctor';

const DEFAULT_BUCKET = 'org-exec-audit-logs';

/**
 * Session logs reach S3 only with logging=OVERRIDE and an s3BucketName in the cluster's
 * executeCommandConfiguration; DEFAULT sends them to the container's awslogs group, NONE nowhere.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging
 */
function describeDestination(configuration) {
  if (!configuration) return 'has no exec configuration, so session logs do not go to S3';
  const logging = configuration.logging ?? 'DEFAULT';
  if (logging !== 'OVERRIDE') return `has exec logging=${logging}, so session logs do not go to S3`;
  const bucket = configuration.logConfiguration?.s3BucketName;
  return bucket ? `sends exec session logs to bucket ${bucket}` : 'sends no exec session logs to S3';
}

/**
 * update-cluster replaces the whole exec configuration, so the command keeps what is already
 * set (KMS key, CloudWatch destination, prefix) and only changes the bucket.
 */
function fixFor(target, cluster, expectedBucket) {
  const configuration = cluster.executeCommandConfiguration ?? {};
  const current = configuration.logConfiguration ?? {};
  const logConfiguration = Object.entries({ ...current, s3BucketName: expectedBucket })
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const kmsKey = configuration.kmsKeyId ? `kmsKeyId=${configuration.kmsKeyId},` : '';
  return {
    summary: `Send exec session logs to the organization's audit bucket ${expectedBucket}.`,
    cli: `aws ecs update-cluster --cluster ${clusterName(target)} --configuration 'executeCommandConfiguration={${kmsKey}logging=OVERRIDE,logConfiguration={${logConfiguration}}}' ${regionFlag(target)}`,
    cloudformation: `AWS::ECS::Cluster: Configuration.ExecuteCommandConfiguration: { Logging: OVERRIDE, LogConfiguration: { S3BucketName: ${expectedBucket} } }`,
    terraform: `aws_ecs_cluster: configuration { execute_command_configuration { logging = "OVERRIDE" log_configuration { s3_bucket_name = "${expectedBucket}" } } }`,
    cdk: `new ecs.Cluster(this, …, { executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { s3Bucket: s3.Bucket.fromBucketName(this, 'AuditBucket', '${expectedBucket}') } } })`,
  };
}

/** The check for a given bucket: a factory, so the plugin's own tests need no environment. */
export function orgAuditBucket(expectedBucket) {
  return defineCheck({
    id: 'org.audit-bucket',
    title: "Exec session logs go to the organization's audit bucket",
    layer: 'logging',
    suite: 'audit',
    modes: ['live', 'lint'],
    rationale: `Security keeps every ECS Exec session transcript in one bucket (${expectedBucket}) with its own retention and access controls; a cluster that logs elsewhere, or not to S3, leaves sessions out of the audit.`,
    references: {
      docs: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging'],
    },
    run(target) {
      const resource = clusterResource(target);
      if (!target.cluster.known) return [unknownFromFact(resource, 'the cluster', target.cluster)];
      const cluster = target.cluster.value;
      const source = target.mode === 'lint' ? 'cluster' : 'DescribeClusters';
      const configuration = cluster.executeCommandConfiguration;
      const bucket = configuration?.logConfiguration?.s3BucketName;
      const evidence = `${source}: executeCommandConfiguration.logging=${configuration?.logging ?? '(absent)'}, logConfiguration.s3BucketName=${bucket ?? '(absent)'}`;
      if (configuration?.logging === 'OVERRIDE' && bucket === expectedBucket) {
        return [
          pass(resource, `Cluster ${cluster.name} sends exec session logs to ${expectedBucket}.`, [evidence]),
        ];
      }
      return [
        fail(
          resource,
          `Cluster ${cluster.name} ${describeDestination(configuration)}; the organization requires bucket ${expectedBucket}.`,
          fixFor(target, cluster, expectedBucket),
          [evidence],
        ),
      ];
    },
  });
}

export default orgAuditBucket(process.env.ORG_EXEC_AUDIT_BUCKET || DEFAULT_BUCKET);
