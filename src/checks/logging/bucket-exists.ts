import type { ExecTarget } from '../../model/index.js';
import { fail, pass } from '../results.js';
import { defineCheck, type Fix } from '../types.js';
import { bucketDestination, type Destination, isNotJudged, lookedUp, observedBy } from './destinations.js';

/**
 * ECS does not create the exec log bucket. The SSM agent uploads the transcript when the
 * session ends, so a missing bucket loses it; with s3EncryptionEnabled the agent cannot
 * validate the bucket's encryption and refuses the session.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandLogConfiguration.html
 */
function createFix(target: ExecTarget, destination: Destination): Fix {
  // us-east-1 is the one region that rejects an explicit LocationConstraint.
  // https://docs.aws.amazon.com/cli/latest/reference/s3api/create-bucket.html
  const location =
    target.region === 'us-east-1' ? '' : ` --create-bucket-configuration LocationConstraint=${target.region}`;
  return {
    summary: `Create bucket ${destination.name}, or fix s3BucketName in the cluster's exec configuration.`,
    cli: `aws s3api create-bucket --bucket ${destination.name} --region ${target.region}${location}`,
    cloudformation: `AWS::S3::Bucket: BucketName: ${destination.name}`,
    terraform: `aws_s3_bucket: bucket = "${destination.name}"`,
    cdk: `new s3.Bucket(this, …, { bucketName: '${destination.name}' })`,
  };
}

export const loggingBucketExists = defineCheck({
  id: 'logging.bucket-exists',
  title: 'The configured S3 bucket exists and is reachable',
  layer: 'logging',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'ECS Exec does not create the bucket. The SSM agent uploads the transcript at session end; a missing bucket loses it, and with s3EncryptionEnabled=true the session is refused.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommandLogConfiguration.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
    ],
  },
  docs: {
    passes: "The `s3BucketName` of the cluster's OVERRIDE exec logging exists.",
    fails:
      'The bucket does not exist: the SSM agent cannot upload the transcript when the session ends, or, with s3EncryptionEnabled=true, refuses the session ("Couldn\'t start the session because we are unable to validate encryption on Amazon S3 bucket"). Unknown when s3:ListBucket (HeadBucket) is denied.',
    fix: {
      cli: 'aws s3api create-bucket --bucket BUCKET --region REGION --create-bucket-configuration LocationConstraint=REGION   # no LocationConstraint in us-east-1',
      cloudformation: `ExecLogBucket:
  Type: AWS::S3::Bucket
  Properties:
    BucketName: BUCKET`,
      terraform: `resource "aws_s3_bucket" "exec_logs" {
  bucket = "BUCKET"
}`,
      cdk: `new s3.Bucket(this, 'ExecLogBucket', { bucketName: 'BUCKET' });`,
    },
    notApplicable:
      'Skipped unless the cluster uses `logging=OVERRIDE` with a bucket; in lint, also when the bucket is not defined in the linted files.',
  },
  run(target) {
    const destination = bucketDestination(target);
    if (isNotJudged(destination)) return [destination.result];
    // HeadBucket needs s3:ListBucket; without it S3 answers 403 whether or not the bucket exists.
    const lookup = lookedUp(target, target.bucket, destination, 'S3 bucket', 's3:ListBucket');
    if (isNotJudged(lookup)) return [lookup.result];
    const about = { resource: destination.resource, property: 'name' };
    if (lookup.value) {
      return [
        pass(about, `S3 bucket ${destination.name} exists.`, [
          `${observedBy(target, 'HeadBucket')}: bucket ${destination.name} exists`,
        ]),
      ];
    }
    const consequence = destination.encryptionEnabled
      ? 'with s3EncryptionEnabled=true the SSM agent cannot validate its encryption and refuses the session ("Couldn\'t start the session because we are unable to validate encryption on Amazon S3 bucket").'
      : 'the SSM agent cannot upload the transcript when the session ends, so it is lost.';
    return [
      fail(
        about,
        `S3 bucket ${destination.name} does not exist: ${consequence}`,
        createFix(target, destination),
        [`${observedBy(target, 'HeadBucket')}: no bucket named ${destination.name}`],
      ),
    ];
  },
});
