import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as ECS from '@aws-sdk/client-ecs';
import type * as IAM from '@aws-sdk/client-iam';
import type * as KMS from '@aws-sdk/client-kms';
import type * as S3 from '@aws-sdk/client-s3';
import type * as STS from '@aws-sdk/client-sts';

/**
 * Every AWS operation the tool may call, with its input and output types. The tool is
 * read-only: this table is the whole list, the API layer refuses anything else, and a test
 * asserts that every entry is a Describe/List/Get/Head/Simulate operation.
 */
export interface Operations {
  'sts:GetCallerIdentity': [STS.GetCallerIdentityCommandInput, STS.GetCallerIdentityCommandOutput];
  'ecs:DescribeClusters': [ECS.DescribeClustersCommandInput, ECS.DescribeClustersCommandOutput];
  'ecs:DescribeTasks': [ECS.DescribeTasksCommandInput, ECS.DescribeTasksCommandOutput];
  'ecs:ListTasks': [ECS.ListTasksCommandInput, ECS.ListTasksCommandOutput];
  'ecs:DescribeServices': [ECS.DescribeServicesCommandInput, ECS.DescribeServicesCommandOutput];
  'ecs:DescribeTaskDefinition': [
    ECS.DescribeTaskDefinitionCommandInput,
    ECS.DescribeTaskDefinitionCommandOutput,
  ];
  'ecs:DescribeContainerInstances': [
    ECS.DescribeContainerInstancesCommandInput,
    ECS.DescribeContainerInstancesCommandOutput,
  ];
  'ec2:DescribeInstances': [EC2.DescribeInstancesCommandInput, EC2.DescribeInstancesCommandOutput];
  'iam:GetInstanceProfile': [IAM.GetInstanceProfileCommandInput, IAM.GetInstanceProfileCommandOutput];
  'kms:DescribeKey': [KMS.DescribeKeyCommandInput, KMS.DescribeKeyCommandOutput];
  'logs:DescribeLogGroups': [Logs.DescribeLogGroupsCommandInput, Logs.DescribeLogGroupsCommandOutput];
  's3:HeadBucket': [S3.HeadBucketCommandInput, S3.HeadBucketCommandOutput];
  's3:GetBucketEncryption': [S3.GetBucketEncryptionCommandInput, S3.GetBucketEncryptionCommandOutput];
  's3:GetBucketVersioning': [S3.GetBucketVersioningCommandInput, S3.GetBucketVersioningCommandOutput];
  's3:GetObjectLockConfiguration': [
    S3.GetObjectLockConfigurationCommandInput,
    S3.GetObjectLockConfigurationCommandOutput,
  ];
}

export type OperationName = keyof Operations;
export type InputOf<K extends OperationName> = Operations[K][0];
export type OutputOf<K extends OperationName> = Omit<Operations[K][1], '$metadata'>;

/**
 * The IAM action each operation needs, for `unknown` findings. Most match the operation name;
 * S3's do not. https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export const OPERATIONS: Record<OperationName, { permission: string }> = {
  'sts:GetCallerIdentity': { permission: 'sts:GetCallerIdentity' },
  'ecs:DescribeClusters': { permission: 'ecs:DescribeClusters' },
  'ecs:DescribeTasks': { permission: 'ecs:DescribeTasks' },
  'ecs:ListTasks': { permission: 'ecs:ListTasks' },
  'ecs:DescribeServices': { permission: 'ecs:DescribeServices' },
  'ecs:DescribeTaskDefinition': { permission: 'ecs:DescribeTaskDefinition' },
  'ecs:DescribeContainerInstances': { permission: 'ecs:DescribeContainerInstances' },
  'ec2:DescribeInstances': { permission: 'ec2:DescribeInstances' },
  'iam:GetInstanceProfile': { permission: 'iam:GetInstanceProfile' },
  'kms:DescribeKey': { permission: 'kms:DescribeKey' },
  'logs:DescribeLogGroups': { permission: 'logs:DescribeLogGroups' },
  's3:HeadBucket': { permission: 's3:ListBucket' },
  's3:GetBucketEncryption': { permission: 's3:GetEncryptionConfiguration' },
  's3:GetBucketVersioning': { permission: 's3:GetBucketVersioning' },
  's3:GetObjectLockConfiguration': { permission: 's3:GetBucketObjectLockConfiguration' },
};

export const READ_ONLY_OPERATION = /^(Describe|List|Get|Head|Simulate)[A-Z]/;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}
