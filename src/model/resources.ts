import { z } from 'zod';
import { factSchema } from './fact.js';
import { PrincipalPoliciesFact } from './iam.js';

/** Who runs the tool; taken to be the one who will exec. */
export const Caller = z.object({
  arn: z.string(),
  accountId: z.string(),
  userId: z.string(),
  /** The caller's policies; for an assumed-role session, those of its role. */
  policies: PrincipalPoliciesFact.optional(),
});
export type Caller = z.infer<typeof Caller>;

/**
 * Where the role that the SSM agent in the container will use comes from. A RunTask override wins
 * over the task definition. With neither, EC2 tasks fall back to the instance profile's role.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export const RoleSource = z.enum(['task-override', 'task-definition', 'instance-profile']);
export type RoleSource = z.infer<typeof RoleSource>;

export const Role = z.object({
  arn: z.string(),
  name: z.string(),
  source: RoleSource,
  /** For the instance-profile fallback: the profile the role came from. */
  instanceProfileArn: z.string().optional(),
  /** Absent: not collected (yet); known:false: collected and refused. */
  policies: PrincipalPoliciesFact.optional(),
});
export type Role = z.infer<typeof Role>;

export const Ec2Instance = z.object({
  instanceId: z.string(),
  iamInstanceProfileArn: z.string().optional(),
  publicIpAddress: z.string().optional(),
  subnetId: z.string().optional(),
  vpcId: z.string().optional(),
});
export type Ec2Instance = z.infer<typeof Ec2Instance>;

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html */
export const KmsKey = z.object({
  /** What the cluster configuration said: a key id, alias or ARN. */
  reference: z.string(),
  keyId: z.string(),
  arn: z.string(),
  keyState: z.string(),
  keySpec: z.string().optional(),
  keyUsage: z.string().optional(),
  keyManager: z.string().optional(),
  multiRegion: z.boolean().optional(),
  /** The key policy document (GetKeyPolicy `default`). */
  policy: factSchema(z.unknown()).optional(),
});
export type KmsKey = z.infer<typeof KmsKey>;

export const LogGroup = z.object({
  name: z.string(),
  arn: z.string().optional(),
  kmsKeyId: z.string().optional(),
  retentionInDays: z.number().optional(),
});
export type LogGroup = z.infer<typeof LogGroup>;

/** The default-encryption algorithms S3 reports: AES256 (SSE-S3), aws:kms, aws:kms:dsse. */
export const BucketEncryption = z.object({
  algorithm: z.string(),
  kmsMasterKeyId: z.string().optional(),
});

export const Bucket = z.object({
  name: z.string(),
  /** Null when S3 says there is no default-encryption configuration. */
  encryption: BucketEncryption.nullable().optional(),
  /**
   * GetBucketVersioning Status: Enabled, Suspended, or Disabled when S3 returns no Status (never
   * enabled). Undefined: not read.
   */
  versioning: z.string().optional(),
  objectLockEnabled: z.boolean().optional(),
});
export type Bucket = z.infer<typeof Bucket>;
