import type { Bucket, Cluster, Fact, KmsKey, LogGroup } from '../../model/index.js';
import { known, parseArn } from '../../model/index.js';
import { type Attempt, type Attempts, unavailableFrom } from './attempt.js';

export interface ClusterResources {
  kmsKey?: Fact<KmsKey | null>;
  logGroup?: Fact<LogGroup | null>;
  bucket?: Fact<Bucket | null>;
}

/**
 * The resources the cluster's exec configuration names. They depend on the cluster alone,
 * so they are fetched while the task's own dependencies are being read.
 */
export async function collectClusterResources(
  attempts: Attempts,
  cluster: Cluster,
  region: string,
): Promise<ClusterResources> {
  const exec = cluster.executeCommandConfiguration;
  const logGroupName = exec?.logConfiguration?.cloudWatchLogGroupName;
  const bucketName = exec?.logConfiguration?.s3BucketName;
  const [kmsKey, logGroup, bucket] = await Promise.all([
    exec?.kmsKeyId ? describeKey(attempts, exec.kmsKeyId, region) : undefined,
    logGroupName ? describeLogGroup(attempts, logGroupName, region) : undefined,
    bucketName ? describeBucket(attempts, bucketName, region) : undefined,
  ]);
  const resources: ClusterResources = {};
  if (kmsKey) resources.kmsKey = kmsKey;
  if (logGroup) resources.logGroup = logGroup;
  if (bucket) resources.bucket = bucket;
  return resources;
}

/** Accepts a key id, key ARN, alias name or alias ARN, as the cluster configuration does. */
async function describeKey(
  attempts: Attempts,
  reference: string,
  taskRegion: string,
): Promise<Fact<KmsKey | null>> {
  const region = parseArn(reference)?.region || taskRegion;
  const result = await attempts.attempt('kms:DescribeKey', { KeyId: reference }, region);
  if (!result.ok) return result.kind === 'not-found' ? known(null) : unavailableFrom(result);
  const metadata = result.value.KeyMetadata;
  if (!metadata?.Arn || !metadata.KeyId) return known(null);
  const key: KmsKey = {
    reference,
    keyId: metadata.KeyId,
    arn: metadata.Arn,
    keyState: metadata.KeyState ?? 'Unknown',
  };
  if (metadata.KeySpec) key.keySpec = metadata.KeySpec;
  if (metadata.KeyUsage) key.keyUsage = metadata.KeyUsage;
  if (metadata.KeyManager) key.keyManager = metadata.KeyManager;
  if (metadata.MultiRegion !== undefined) key.multiRegion = metadata.MultiRegion;
  return known(key);
}

/** DescribeLogGroups matches by prefix: read pages until the exact name appears. */
async function describeLogGroup(
  attempts: Attempts,
  name: string,
  region: string,
): Promise<Fact<LogGroup | null>> {
  let nextToken: string | undefined;
  do {
    const input = nextToken ? { logGroupNamePrefix: name, nextToken } : { logGroupNamePrefix: name };
    const result = await attempts.attempt('logs:DescribeLogGroups', input, region);
    if (!result.ok) return unavailableFrom(result);
    const match = result.value.logGroups?.find((group) => group.logGroupName === name);
    if (match) {
      const group: LogGroup = { name };
      if (match.arn) group.arn = match.arn;
      if (match.kmsKeyId) group.kmsKeyId = match.kmsKeyId;
      if (match.retentionInDays !== undefined) group.retentionInDays = match.retentionInDays;
      return known(group);
    }
    nextToken = result.value.nextToken;
  } while (nextToken);
  return known(null);
}

/**
 * HeadBucket says whether the bucket exists; the three Get calls run beside it rather than
 * after it, so S3 costs one round trip. A bucket without default encryption, or without
 * Object Lock, answers with a NotFound-style error that is a fact, not a failure.
 */
async function describeBucket(
  attempts: Attempts,
  name: string,
  region: string,
): Promise<Fact<Bucket | null>> {
  const [head, encryption, versioning, objectLock] = await Promise.all([
    attempts.attempt('s3:HeadBucket', { Bucket: name }, region),
    attempts.attempt('s3:GetBucketEncryption', { Bucket: name }, region),
    attempts.attempt('s3:GetBucketVersioning', { Bucket: name }, region),
    attempts.attempt('s3:GetObjectLockConfiguration', { Bucket: name }, region),
  ]);
  const noSuchBucket = (attempt: Attempt<unknown>) =>
    !attempt.ok && (attempt.error as { name?: string }).name === 'NoSuchBucket';
  // Only NoSuchBucket from GetBucketEncryption means no bucket: its other NotFound,
  // ServerSideEncryptionConfigurationNotFoundError, says the bucket exists without encryption.
  const headMissing = noSuchBucket(head) || (!head.ok && head.kind === 'not-found');
  if (headMissing || (!head.ok && noSuchBucket(encryption))) return known(null);
  const anyAnswer = [head, encryption, versioning, objectLock].some(
    (attempt) =>
      attempt.ok ||
      (attempt.kind !== 'access-denied' && attempt.kind !== 'credentials' && attempt.kind !== 'network'),
  );
  if (!head.ok && !anyAnswer) return unavailableFrom(head);

  const bucket: Bucket = { name };
  if (encryption.ok) {
    const rule =
      encryption.value.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    bucket.encryption = rule?.SSEAlgorithm
      ? rule.KMSMasterKeyID
        ? { algorithm: rule.SSEAlgorithm, kmsMasterKeyId: rule.KMSMasterKeyID }
        : { algorithm: rule.SSEAlgorithm }
      : null;
  } else if (
    (encryption.error as { name?: string }).name === 'ServerSideEncryptionConfigurationNotFoundError'
  ) {
    bucket.encryption = null;
  }
  if (versioning.ok) bucket.versioning = versioning.value.Status ?? 'Disabled';
  if (objectLock.ok) {
    bucket.objectLockEnabled = objectLock.value.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
  } else if ((objectLock.error as { name?: string }).name === 'ObjectLockConfigurationNotFoundError') {
    bucket.objectLockEnabled = false;
  }
  return known(bucket);
}
