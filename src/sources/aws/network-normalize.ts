import type * as EC2 from '@aws-sdk/client-ec2';
import type {
  NatGateway,
  NetworkAcl,
  Route,
  RouteTargetKind,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  VpcEndpoint,
} from '../../model/index.js';

/** Pure mappings from EC2 API shapes to the network model. */

function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

export function sortedUnique(values: Iterable<string | undefined>): string[] {
  return [...new Set([...values].filter((value): value is string => !!value))].sort();
}

/** IPv4 only: the SSM agent reaches ssmmessages over IPv4 (`ssmmessages.REGION.amazonaws.com`). */
function isIpv4Cidr(cidr: string | undefined): cidr is string {
  return !!cidr && !cidr.includes(':');
}

export function normalizeSubnet(subnet: EC2.Subnet): Subnet {
  return defined({
    id: subnet.SubnetId ?? '',
    vpcId: subnet.VpcId ?? '',
    ownerId: subnet.OwnerId ?? '',
    cidr: subnet.CidrBlock,
    availabilityZone: subnet.AvailabilityZone,
    ipv6Native: subnet.Ipv6Native === true,
    mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch === true,
  });
}

/**
 * A route fills in exactly one target field. A route to a NAT instance names both the instance
 * and its interface; the instance is what the user knows.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
 */
function routeTarget(route: EC2.Route): Route['target'] {
  const gateway = route.GatewayId;
  if (gateway === 'local') return { kind: 'local', id: 'local' };
  const byGatewayPrefix: [string, RouteTargetKind][] = [
    ['igw-', 'igw'],
    ['vgw-', 'vgw'],
    ['vpce-', 'vpce'],
  ];
  for (const [prefix, kind] of byGatewayPrefix) {
    if (gateway?.startsWith(prefix)) return { kind, id: gateway };
  }
  const byField: [string | undefined, RouteTargetKind][] = [
    [route.NatGatewayId, 'nat'],
    [route.EgressOnlyInternetGatewayId, 'egress-only-igw'],
    [route.TransitGatewayId, 'tgw'],
    [route.VpcPeeringConnectionId, 'vpc-peering'],
    [route.InstanceId, 'instance'],
    [route.NetworkInterfaceId, 'eni'],
    [route.CoreNetworkArn, 'core-network'],
    [route.CarrierGatewayId, 'carrier-gateway'],
    [route.LocalGatewayId, 'local-gateway'],
  ];
  for (const [id, kind] of byField) {
    if (id) return { kind, id };
  }
  return { kind: 'unknown', id: gateway ?? route.OdbNetworkArn ?? 'unknown' };
}

export function normalizeRoute(route: EC2.Route): Route {
  return defined({
    destinationCidr: route.DestinationCidrBlock,
    destinationIpv6Cidr: route.DestinationIpv6CidrBlock,
    destinationPrefixListId: route.DestinationPrefixListId,
    target: routeTarget(route),
    state: route.State ?? 'active',
  });
}

export function normalizeNatGateway(gateway: EC2.NatGateway): NatGateway {
  return defined({
    id: gateway.NatGatewayId ?? '',
    state: gateway.State ?? 'unknown',
    // The API documents `public` as the default when ConnectivityType is not given.
    connectivityType: gateway.ConnectivityType ?? 'public',
    subnetId: gateway.SubnetId,
    failureMessage: gateway.FailureMessage,
  });
}

function normalizeRule(permission: EC2.IpPermission): SecurityGroupRule {
  return defined({
    protocol: permission.IpProtocol ?? '-1',
    fromPort: permission.FromPort,
    toPort: permission.ToPort,
    cidrs: (permission.IpRanges ?? []).map((range) => range.CidrIp).filter(isIpv4Cidr),
    prefixListIds: sortedUnique((permission.PrefixListIds ?? []).map((list) => list.PrefixListId)),
    groupIds: sortedUnique((permission.UserIdGroupPairs ?? []).map((pair) => pair.GroupId)),
  });
}

export function normalizeSecurityGroup(group: EC2.SecurityGroup): SecurityGroup {
  return defined({
    id: group.GroupId ?? '',
    name: group.GroupName,
    ingress: (group.IpPermissions ?? []).map(normalizeRule),
    egress: (group.IpPermissionsEgress ?? []).map(normalizeRule),
  });
}

export function normalizeNetworkAcl(acl: EC2.NetworkAcl): NetworkAcl {
  return {
    id: acl.NetworkAclId ?? '',
    isDefault: acl.IsDefault === true,
    entries: (acl.Entries ?? []).map((entry) =>
      defined({
        ruleNumber: entry.RuleNumber ?? 32767,
        egress: entry.Egress === true,
        protocol: entry.Protocol ?? '-1',
        action: entry.RuleAction === 'allow' ? ('allow' as const) : ('deny' as const),
        cidr: entry.CidrBlock,
        ipv6Cidr: entry.Ipv6CidrBlock,
        fromPort: entry.PortRange?.From,
        toPort: entry.PortRange?.To,
      }),
    ),
  };
}

/** EC2 returns endpoint states lower-case on the wire and the SDK's enum is capitalized: compare lower-case. */
export function normalizeVpcEndpoint(endpoint: EC2.VpcEndpoint): VpcEndpoint {
  return defined({
    id: endpoint.VpcEndpointId ?? '',
    serviceName: endpoint.ServiceName ?? '',
    type: endpoint.VpcEndpointType ?? 'Interface',
    state: (endpoint.State ?? 'unknown').toLowerCase(),
    privateDnsEnabled: endpoint.PrivateDnsEnabled === true,
    subnetIds: sortedUnique(endpoint.SubnetIds ?? []),
    securityGroupIds: sortedUnique((endpoint.Groups ?? []).map((group) => group.GroupId)),
    routeTableIds: sortedUnique(endpoint.RouteTableIds ?? []),
    networkInterfaceIds: sortedUnique(endpoint.NetworkInterfaceIds ?? []),
    policyDocument: endpoint.PolicyDocument,
  });
}

export function ipv4Entries(entries: EC2.PrefixListEntry[] | undefined): string[] {
  return (entries ?? []).map((entry) => entry.Cidr).filter(isIpv4Cidr);
}
