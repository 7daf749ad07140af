import type { ExecTarget, NetworkFacts } from '../../model/index.js';
import { clusterName, regionFlag } from '../target-helpers.js';
import { runTaskCommand, serviceNameOf } from '../task/task-origin.js';
import type { Fix } from '../types.js';
import { defaultServiceName } from './endpoints.js';
import { sentence } from './facts.js';

/** Fixes shared by the network checks, with the task's real VPC, subnet and group ids. */

/** The CDK name of each interface endpoint service the checks ask for. */
const CDK_SERVICE: Record<string, string> = {
  ssmmessages: 'SSM_MESSAGES',
  kms: 'KMS',
  logs: 'CLOUDWATCH_LOGS',
  s3: 'S3',
};

/**
 * An interface endpoint needs a security group that lets the task in on 443; the task's own
 * groups rarely allow that, so the fix creates one that admits the task's first group.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
 */
export function createInterfaceEndpointFix(
  target: ExecTarget,
  network: NetworkFacts,
  service: string,
  why: string,
  otherwise = '',
): Fix {
  const region = regionFlag(target);
  const serviceName = defaultServiceName(target, service);
  const taskGroup = network.securityGroupIds[0];
  const admitTask = taskGroup
    ? `aws ec2 authorize-security-group-ingress --group-id "$ENDPOINT_SG" --protocol tcp --port 443 --source-group ${taskGroup} ${region}\n`
    : '';
  return {
    summary: `${sentence(why)} Create an interface endpoint for ${serviceName} in ${network.vpcId} with private DNS on, in the task's subnet (add one subnet per Availability Zone the tasks use), and a security group that admits HTTPS from the task.${otherwise}`,
    // Several endpoints may be missing: the commands reuse the group when an earlier fix made it.
    cli:
      `ENDPOINT_SG=$(aws ec2 describe-security-groups --filters Name=vpc-id,Values=${network.vpcId} Name=group-name,Values=ecs-exec-endpoints --query 'SecurityGroups[0].GroupId' --output text ${region})\n` +
      `if [ "$ENDPOINT_SG" = "None" ]; then ENDPOINT_SG=$(aws ec2 create-security-group --vpc-id ${network.vpcId} --group-name ecs-exec-endpoints --description "HTTPS from ECS tasks to VPC endpoints" --query GroupId --output text ${region}) && ${admitTask.trim() || 'true'}; fi\n` +
      `aws ec2 create-vpc-endpoint --vpc-id ${network.vpcId} --vpc-endpoint-type Interface --service-name ${serviceName} --subnet-ids ${network.subnetId} --security-group-ids "$ENDPOINT_SG" --private-dns-enabled ${region}`,
    cloudformation: `AWS::EC2::VPCEndpoint: VpcId: ${network.vpcId}, ServiceName: ${serviceName}, VpcEndpointType: Interface, PrivateDnsEnabled: true, SubnetIds: [${network.subnetId}], SecurityGroupIds: [a group allowing TCP 443 from ${taskGroup ?? 'the task'}]`,
    terraform: `resource "aws_vpc_endpoint" { vpc_id = "${network.vpcId}", service_name = "${serviceName}", vpc_endpoint_type = "Interface", private_dns_enabled = true, subnet_ids = ["${network.subnetId}"], security_group_ids = [a group allowing TCP 443 from ${taskGroup ?? 'the task'}] }`,
    cdk: `vpc.addInterfaceEndpoint('${service}', { service: ec2.InterfaceVpcEndpointAwsService.${CDK_SERVICE[service] ?? service.toUpperCase()}, privateDnsEnabled: true })`,
  };
}

/**
 * A Fargate task in a subnet routed to an internet gateway needs a public IP, which ECS assigns
 * only when the service or RunTask says `assignPublicIp=ENABLED`.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html
 */
export function assignPublicIpFix(target: ExecTarget, network: NetworkFacts, why: string): Fix {
  const configuration = `awsvpcConfiguration={subnets=[${network.subnetId}],securityGroups=[${network.securityGroupIds.join(',')}],assignPublicIp=ENABLED}`;
  const service = serviceNameOf(target);
  const iac = {
    cloudformation: 'AWS::ECS::Service NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp: ENABLED',
    terraform: 'aws_ecs_service: network_configuration { assign_public_ip = true }',
    cdk: 'new ecs.FargateService(this, …, { assignPublicIp: true })',
  };
  const summary = `${sentence(why)} Give the task a public IP (assignPublicIp=ENABLED; list all of the service's subnets), or route the subnet to a NAT gateway, or add an ssmmessages interface endpoint.`;
  if (service) {
    return {
      summary,
      cli: `aws ecs update-service --cluster ${clusterName(target)} --service ${service} --network-configuration "${configuration}" --force-new-deployment ${regionFlag(target)}`,
      ...iac,
    };
  }
  return { summary, cli: runTaskCommand(target, `--network-configuration "${configuration}"`), ...iac };
}
