import { z } from 'zod';
import { factSchema } from './fact.js';

/**
 * The network a task's traffic leaves by, as the EC2 API describes it: the interface, its subnet,
 * the subnet's route table, the VPC's endpoints, security groups and network ACLs. Only what the
 * network checks judge is kept; each part is its own fact, so a refused call leaves only the
 * checks that need it `unknown`. Field names follow the EC2 API, lower-cased.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html (networking)
 */

/**
 * What a route sends traffic to, from the one target field DescribeRouteTables fills in.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
 */
export const RouteTargetKind = z.enum([
  'local',
  'igw',
  'egress-only-igw',
  'nat',
  /** An EC2 instance (a NAT instance or an appliance): the route names its InstanceId. */
  'instance',
  /** A network interface that belongs to no instance the route names. */
  'eni',
  'tgw',
  'vpc-peering',
  /** A Gateway Load Balancer or Network Firewall endpoint (`vpce-…` as a route target). */
  'vpce',
  /** A virtual private gateway (VPN or Direct Connect). */
  'vgw',
  'core-network',
  'carrier-gateway',
  'local-gateway',
  'unknown',
]);
export type RouteTargetKind = z.infer<typeof RouteTargetKind>;

export const Route = z.object({
  destinationCidr: z.string().optional(),
  destinationIpv6Cidr: z.string().optional(),
  destinationPrefixListId: z.string().optional(),
  target: z.object({ kind: RouteTargetKind, id: z.string() }),
  /**
   * `active`, or `blackhole` when the target is gone (a deleted NAT gateway, a detached gateway, a
   * terminated instance). Only an active route carries traffic.
   */
  state: z.string(),
});
export type Route = z.infer<typeof Route>;

export const RouteTable = z.object({
  id: z.string(),
  /** True when the subnet has no explicit association and so uses the VPC's main route table. */
  main: z.boolean(),
  routes: z.array(Route),
});
export type RouteTable = z.infer<typeof RouteTable>;

/** https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NatGateway.html */
export const NatGateway = z.object({
  id: z.string(),
  /**
   * pending, failed, available, deleting, deleted; or `not-visible`: the gateway of a VPC shared
   * through AWS RAM, which only its owner can describe.
   */
  state: z.string(),
  /** public (to the internet through an internet gateway) or private (to other networks only). */
  connectivityType: z.string(),
  subnetId: z.string().optional(),
  failureMessage: z.string().optional(),
  /** For `not-visible`: the account that owns the VPC and its gateway. */
  ownerId: z.string().optional(),
});
export type NatGateway = z.infer<typeof NatGateway>;

/**
 * One IpPermission of a security group, IPv4 only (the agent reaches ssmmessages over IPv4).
 * `protocol` is as EC2 gives it: `-1` (all), `tcp`, `udp`, `icmp` or a protocol number.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
 */
export const SecurityGroupRule = z.object({
  protocol: z.string(),
  fromPort: z.number().optional(),
  toPort: z.number().optional(),
  cidrs: z.array(z.string()),
  prefixListIds: z.array(z.string()),
  /** Referenced security groups (UserIdGroupPairs). */
  groupIds: z.array(z.string()),
});
export type SecurityGroupRule = z.infer<typeof SecurityGroupRule>;

export const SecurityGroup = z.object({
  id: z.string(),
  name: z.string().optional(),
  ingress: z.array(SecurityGroupRule),
  egress: z.array(SecurityGroupRule),
});
export type SecurityGroup = z.infer<typeof SecurityGroup>;

/** https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html */
export const NetworkAclEntry = z.object({
  ruleNumber: z.number(),
  egress: z.boolean(),
  /** `-1` (all) or a protocol number (`6` is TCP). */
  protocol: z.string(),
  action: z.enum(['allow', 'deny']),
  cidr: z.string().optional(),
  ipv6Cidr: z.string().optional(),
  fromPort: z.number().optional(),
  toPort: z.number().optional(),
});
export type NetworkAclEntry = z.infer<typeof NetworkAclEntry>;

export const NetworkAcl = z.object({
  id: z.string(),
  isDefault: z.boolean(),
  entries: z.array(NetworkAclEntry),
});
export type NetworkAcl = z.infer<typeof NetworkAcl>;

/** https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html */
export const VpcEndpoint = z.object({
  id: z.string(),
  /** `com.amazonaws.REGION.ssmmessages`, `com.amazonaws.REGION.s3` … */
  serviceName: z.string(),
  /** Interface, Gateway, GatewayLoadBalancer … */
  type: z.string(),
  /** Lower-cased: available, pending, failed, deleting … */
  state: z.string(),
  privateDnsEnabled: z.boolean(),
  subnetIds: z.array(z.string()),
  securityGroupIds: z.array(z.string()),
  /** Gateway endpoints: the route tables they add their prefix-list route to. */
  routeTableIds: z.array(z.string()),
  networkInterfaceIds: z.array(z.string()),
  /** The endpoint policy as EC2 returns it (a JSON string). */
  policyDocument: z.string().optional(),
});
export type VpcEndpoint = z.infer<typeof VpcEndpoint>;

/** A network interface of an interface endpoint: where the endpoint's private DNS name points. */
export const EndpointNetworkInterface = z.object({
  id: z.string(),
  subnetId: z.string(),
  privateIp: z.string(),
});
export type EndpointNetworkInterface = z.infer<typeof EndpointNetworkInterface>;

/** https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html */
export const Subnet = z.object({
  id: z.string(),
  vpcId: z.string(),
  /** The account that owns the subnet: another account's when it is shared through AWS RAM. */
  ownerId: z.string(),
  cidr: z.string().optional(),
  availabilityZone: z.string().optional(),
  /** An IPv6-only subnet. */
  ipv6Native: z.boolean(),
  mapPublicIpOnLaunch: z.boolean(),
});
export type Subnet = z.infer<typeof Subnet>;

/** A customer- or AWS-managed prefix list's IPv4 entries (GetManagedPrefixListEntries). */
export const PrefixList = z.object({ id: z.string(), cidrs: z.array(z.string()) });
export type PrefixList = z.infer<typeof PrefixList>;

export const NetworkFacts = z.object({
  /**
   * Where the task's traffic leaves: its own ENI (awsvpc), or the primary ENI of the EC2 host
   * (bridge and host modes share the instance's network).
   */
  source: z.enum(['task-eni', 'host-eni']),
  networkInterfaceId: z.string(),
  /** The EC2 instance, for the host ENI. */
  instanceId: z.string().optional(),
  privateIp: z.string().optional(),
  /** A public IPv4 address (auto-assigned or Elastic IP) on the interface. */
  publicIp: z.string().optional(),
  securityGroupIds: z.array(z.string()),
  /** The interface's subnet, and what DescribeSubnets says of it. */
  subnetId: z.string(),
  subnet: factSchema(Subnet),
  vpcId: z.string(),
  /** DescribeVpcAttribute enableDnsSupport and enableDnsHostnames. */
  dnsSupport: factSchema(z.boolean()),
  dnsHostnames: factSchema(z.boolean()),
  /** The subnet's route table: its explicit association, else the VPC's main table. */
  routeTable: factSchema(RouteTable),
  /** The NAT gateways the route table sends traffic to, by id. */
  natGateways: z.record(z.string(), factSchema(NatGateway)),
  /** Every VPC endpoint in the VPC. */
  endpoints: factSchema(z.array(VpcEndpoint)),
  /** The network interfaces of the VPC's ssmmessages interface endpoints. */
  endpointNetworkInterfaces: factSchema(z.array(EndpointNetworkInterface)),
  /** The task's security groups and those of the ssmmessages endpoints, by id. */
  securityGroups: z.record(z.string(), factSchema(SecurityGroup)),
  /** The network ACL of the task's subnet and of each ssmmessages endpoint subnet, by subnet id. */
  networkAcls: z.record(z.string(), factSchema(NetworkAcl)),
  /** The prefix lists that the routes and security-group rules above name, by id. */
  prefixLists: z.record(z.string(), factSchema(PrefixList)),
});
export type NetworkFacts = z.infer<typeof NetworkFacts>;

/**
 * The service an endpoint serves in `region`: `ssmmessages` for `com.amazonaws.REGION.ssmmessages`.
 * Matched on the suffix, so the partition's prefix (`com.amazonaws.`, `cn.com.amazonaws.`) does not
 * matter. Undefined for another region's or a third party's service.
 */
export function endpointServiceOf(
  endpoint: Pick<VpcEndpoint, 'serviceName'>,
  region: string,
): string | undefined {
  const marker = `.${region}.`;
  const at = endpoint.serviceName.lastIndexOf(marker);
  return at < 0 ? undefined : endpoint.serviceName.slice(at + marker.length);
}
