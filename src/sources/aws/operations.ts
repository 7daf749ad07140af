import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as ECS from '@aws-sdk/client-ecs';
import type * as IAM from '@aws-sdk/client-iam';
import type * as KMS from '@aws-sdk/client-kms';
import type * as Organizations from '@aws-sdk/client-organizations';
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
  'ec2:DescribeNetworkInterfaces': [
    EC2.DescribeNetworkInterfacesCommandInput,
    EC2.DescribeNetworkInterfacesCommandOutput,
  ];
  'ec2:DescribeSubnets': [EC2.DescribeSubnetsCommandInput, EC2.DescribeSubnetsCommandOutput];
  'ec2:DescribeRouteTables': [EC2.DescribeRouteTablesCommandInput, EC2.DescribeRouteTablesCommandOutput];
  'ec2:DescribeVpcEndpoints': [EC2.DescribeVpcEndpointsCommandInput, EC2.DescribeVpcEndpointsCommandOutput];
  'ec2:DescribeVpcAttribute': [EC2.DescribeVpcAttributeCommandInput, EC2.DescribeVpcAttributeCommandOutput];
  'ec2:DescribeSecurityGroups': [
    EC2.DescribeSecurityGroupsCommandInput,
    EC2.DescribeSecurityGroupsCommandOutput,
  ];
  'ec2:DescribeNetworkAcls': [EC2.DescribeNetworkAclsCommandInput, EC2.DescribeNetworkAclsCommandOutput];
  'ec2:DescribeNatGateways': [EC2.DescribeNatGatewaysCommandInput, EC2.DescribeNatGatewaysCommandOutput];
  'ec2:GetManagedPrefixListEntries': [
    EC2.GetManagedPrefixListEntriesCommandInput,
    EC2.GetManagedPrefixListEntriesCommandOutput,
  ];
  'iam:GetInstanceProfile': [IAM.GetInstanceProfileCommandInput, IAM.GetInstanceProfileCommandOutput];
  'iam:GetRole': [IAM.GetRoleCommandInput, IAM.GetRoleCommandOutput];
  'iam:ListRolePolicies': [IAM.ListRolePoliciesCommandInput, IAM.ListRolePoliciesCommandOutput];
  'iam:GetRolePolicy': [IAM.GetRolePolicyCommandInput, IAM.GetRolePolicyCommandOutput];
  'iam:ListAttachedRolePolicies': [
    IAM.ListAttachedRolePoliciesCommandInput,
    IAM.ListAttachedRolePoliciesCommandOutput,
  ];
  'iam:GetPolicy': [IAM.GetPolicyCommandInput, IAM.GetPolicyCommandOutput];
  'iam:GetPolicyVersion': [IAM.GetPolicyVersionCommandInput, IAM.GetPolicyVersionCommandOutput];
  'iam:GetUser': [IAM.GetUserCommandInput, IAM.GetUserCommandOutput];
  'iam:ListUserPolicies': [IAM.ListUserPoliciesCommandInput, IAM.ListUserPoliciesCommandOutput];
  'iam:GetUserPolicy': [IAM.GetUserPolicyCommandInput, IAM.GetUserPolicyCommandOutput];
  'iam:ListAttachedUserPolicies': [
    IAM.ListAttachedUserPoliciesCommandInput,
    IAM.ListAttachedUserPoliciesCommandOutput,
  ];
  'iam:ListGroupsForUser': [IAM.ListGroupsForUserCommandInput, IAM.ListGroupsForUserCommandOutput];
  'iam:ListGroupPolicies': [IAM.ListGroupPoliciesCommandInput, IAM.ListGroupPoliciesCommandOutput];
  'iam:GetGroupPolicy': [IAM.GetGroupPolicyCommandInput, IAM.GetGroupPolicyCommandOutput];
  'iam:ListAttachedGroupPolicies': [
    IAM.ListAttachedGroupPoliciesCommandInput,
    IAM.ListAttachedGroupPoliciesCommandOutput,
  ];
  'iam:SimulatePrincipalPolicy': [
    IAM.SimulatePrincipalPolicyCommandInput,
    IAM.SimulatePrincipalPolicyCommandOutput,
  ];
  'kms:DescribeKey': [KMS.DescribeKeyCommandInput, KMS.DescribeKeyCommandOutput];
  'kms:GetKeyPolicy': [KMS.GetKeyPolicyCommandInput, KMS.GetKeyPolicyCommandOutput];
  'logs:DescribeLogGroups': [Logs.DescribeLogGroupsCommandInput, Logs.DescribeLogGroupsCommandOutput];
  'organizations:ListParents': [
    Organizations.ListParentsCommandInput,
    Organizations.ListParentsCommandOutput,
  ];
  'organizations:ListPoliciesForTarget': [
    Organizations.ListPoliciesForTargetCommandInput,
    Organizations.ListPoliciesForTargetCommandOutput,
  ];
  'organizations:DescribePolicy': [
    Organizations.DescribePolicyCommandInput,
    Organizations.DescribePolicyCommandOutput,
  ];
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
  'ec2:DescribeNetworkInterfaces': { permission: 'ec2:DescribeNetworkInterfaces' },
  'ec2:DescribeSubnets': { permission: 'ec2:DescribeSubnets' },
  'ec2:DescribeRouteTables': { permission: 'ec2:DescribeRouteTables' },
  'ec2:DescribeVpcEndpoints': { permission: 'ec2:DescribeVpcEndpoints' },
  'ec2:DescribeVpcAttribute': { permission: 'ec2:DescribeVpcAttribute' },
  'ec2:DescribeSecurityGroups': { permission: 'ec2:DescribeSecurityGroups' },
  'ec2:DescribeNetworkAcls': { permission: 'ec2:DescribeNetworkAcls' },
  'ec2:DescribeNatGateways': { permission: 'ec2:DescribeNatGateways' },
  'ec2:GetManagedPrefixListEntries': { permission: 'ec2:GetManagedPrefixListEntries' },
  'iam:GetInstanceProfile': { permission: 'iam:GetInstanceProfile' },
  'iam:GetRole': { permission: 'iam:GetRole' },
  'iam:ListRolePolicies': { permission: 'iam:ListRolePolicies' },
  'iam:GetRolePolicy': { permission: 'iam:GetRolePolicy' },
  'iam:ListAttachedRolePolicies': { permission: 'iam:ListAttachedRolePolicies' },
  'iam:GetPolicy': { permission: 'iam:GetPolicy' },
  'iam:GetPolicyVersion': { permission: 'iam:GetPolicyVersion' },
  'iam:GetUser': { permission: 'iam:GetUser' },
  'iam:ListUserPolicies': { permission: 'iam:ListUserPolicies' },
  'iam:GetUserPolicy': { permission: 'iam:GetUserPolicy' },
  'iam:ListAttachedUserPolicies': { permission: 'iam:ListAttachedUserPolicies' },
  'iam:ListGroupsForUser': { permission: 'iam:ListGroupsForUser' },
  'iam:ListGroupPolicies': { permission: 'iam:ListGroupPolicies' },
  'iam:GetGroupPolicy': { permission: 'iam:GetGroupPolicy' },
  'iam:ListAttachedGroupPolicies': { permission: 'iam:ListAttachedGroupPolicies' },
  'iam:SimulatePrincipalPolicy': { permission: 'iam:SimulatePrincipalPolicy' },
  'kms:DescribeKey': { permission: 'kms:DescribeKey' },
  'kms:GetKeyPolicy': { permission: 'kms:GetKeyPolicy' },
  'logs:DescribeLogGroups': { permission: 'logs:DescribeLogGroups' },
  'organizations:ListParents': { permission: 'organizations:ListParents' },
  'organizations:ListPoliciesForTarget': { permission: 'organizations:ListPoliciesForTarget' },
  'organizations:DescribePolicy': { permission: 'organizations:DescribePolicy' },
  's3:HeadBucket': { permission: 's3:ListBucket' },
  's3:GetBucketEncryption': { permission: 's3:GetEncryptionConfiguration' },
  's3:GetBucketVersioning': { permission: 's3:GetBucketVersioning' },
  's3:GetObjectLockConfiguration': { permission: 's3:GetBucketObjectLockConfiguration' },
};

export const READ_ONLY_OPERATION = /^(Describe|List|Get|Head|Simulate)[A-Z]/;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}
