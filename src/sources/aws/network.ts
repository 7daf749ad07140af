import type * as EC2 from '@aws-sdk/client-ec2';
import {
  type Ec2Instance,
  type EndpointNetworkInterface,
  endpointServiceOf,
  type Fact,
  known,
  type NatGateway,
  type NetworkAcl,
  type NetworkFacts,
  type PrefixList,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Task,
  unavailable,
  type VpcEndpoint,
} from '../../model/index.js';
import { type Attempts, unavailableFrom } from './attempt.js';
import {
  ipv4Entries,
  normalizeNatGateway,
  normalizeNetworkAcl,
  normalizeRoute,
  normalizeSecurityGroup,
  normalizeSubnet,
  normalizeVpcEndpoint,
  sortedUnique,
} from './network-normalize.js';

export interface NetworkRequest {
  task: Task;
  /** The task definition's network mode, when known. */
  networkMode?: string;
  /** The EC2 host, for bridge and host mode tasks. */
  ec2Instance?: Fact<Ec2Instance>;
  region: string;
}

/** The interface the task's traffic leaves by, as DescribeNetworkInterfaces gave it. */
interface SourceInterface {
  source: NetworkFacts['source'];
  instanceId?: string;
  eni: EC2.NetworkInterface;
}

/**
 * Collects the network facts of one task in waves: (1) the interface its traffic leaves by →
 * (2) its subnet, route tables, VPC endpoints, VPC DNS attributes, security groups and network
 * ACL → (3) the NAT gateways the routes use, the ssmmessages endpoints' interfaces, security
 * groups and subnet ACLs, and the prefix lists rules and routes name. Inputs are sorted so the
 * memoized API layer makes each call once for all the tasks that share a subnet or VPC.
 *
 * Undefined when there is no VPC network to judge: ECS Anywhere tasks run outside AWS.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
export async function collectNetwork(
  attempts: Attempts,
  request: NetworkRequest,
): Promise<Fact<NetworkFacts> | undefined> {
  const source = await describeSourceInterface(attempts, request);
  if (!source?.known) return source;
  const { eni } = source.value;
  const subnetId = eni.SubnetId;
  const vpcId = eni.VpcId;
  if (!subnetId || !vpcId) return unavailable(`network interface ${eni.NetworkInterfaceId} has no subnet`);
  const { region } = request;
  const taskGroupIds = sortedUnique((eni.Groups ?? []).map((group) => group.GroupId));

  const [subnet, routeTable, endpoints, dnsSupport, dnsHostnames, taskGroups, taskAcl] = await Promise.all([
    describeSubnet(attempts, subnetId, region),
    describeRouteTable(attempts, subnetId, vpcId, region),
    describeEndpoints(attempts, vpcId, region),
    describeVpcAttribute(attempts, vpcId, 'enableDnsSupport', region),
    describeVpcAttribute(attempts, vpcId, 'enableDnsHostnames', region),
    describeSecurityGroups(attempts, taskGroupIds, region),
    describeNetworkAcls(attempts, [subnetId], region),
  ]);

  // A subnet shared through AWS RAM belongs to another account, and so do its VPC's endpoints:
  // an empty answer may mean "not visible from here" rather than "none".
  const owner = subnet.known && subnet.value.ownerId !== eni.OwnerId ? subnet.value.ownerId : undefined;
  const visibleEndpoints: Fact<VpcEndpoint[]> =
    owner && endpoints.known && endpoints.value.length === 0
      ? unavailable(
          `no VPC endpoints visible in ${vpcId}, which account ${owner} shares with this account; endpoints the owner created may not be listed here: run from account ${owner} to see them`,
        )
      : endpoints;

  const ssmmessagesEndpoints = (visibleEndpoints.known ? visibleEndpoints.value : []).filter(
    (endpoint) => endpoint.type === 'Interface' && endpointServiceOf(endpoint, region) === 'ssmmessages',
  );
  const endpointGroupIds = sortedUnique(
    ssmmessagesEndpoints.flatMap((endpoint) => endpoint.securityGroupIds),
  );
  const endpointSubnetIds = sortedUnique(
    ssmmessagesEndpoints.flatMap((endpoint) => endpoint.subnetIds).filter((id) => id !== subnetId),
  );
  const natGatewayIds = sortedUnique(
    routeTable.known
      ? routeTable.value.routes.filter((route) => route.target.kind === 'nat').map((route) => route.target.id)
      : [],
  );
  const firstPrefixListIds = sortedUnique([
    ...(routeTable.known
      ? routeTable.value.routes
          .filter((route) => route.target.kind !== 'vpce')
          .map((route) => route.destinationPrefixListId)
      : []),
    ...prefixListsOf(taskGroups, 'egress'),
  ]);

  const endpointGroupsPromise = describeSecurityGroups(
    attempts,
    endpointGroupIds.filter((id) => !taskGroupIds.includes(id)),
    region,
  );
  const [natGateways, endpointInterfaces, endpointGroups, endpointAcls, prefixLists, ingressPrefixLists] =
    await Promise.all([
      describeNatGateways(attempts, natGatewayIds, owner, region),
      describeEndpointInterfaces(
        attempts,
        sortedUnique(ssmmessagesEndpoints.flatMap((endpoint) => endpoint.networkInterfaceIds)),
        region,
      ),
      endpointGroupsPromise,
      describeNetworkAcls(attempts, endpointSubnetIds, region),
      describePrefixLists(attempts, firstPrefixListIds, region),
      // Lists named only by the endpoints' inbound rules are read as soon as those groups arrive.
      endpointGroupsPromise.then((groups) => {
        const endpointGroups = { ...groups, ...pick(taskGroups, endpointGroupIds) };
        const more = prefixListsOf(endpointGroups, 'ingress').filter(
          (id) => !firstPrefixListIds.includes(id),
        );
        return describePrefixLists(attempts, sortedUnique(more), region);
      }),
    ]);

  const facts: NetworkFacts = {
    source: source.value.source,
    networkInterfaceId: eni.NetworkInterfaceId ?? '',
    securityGroupIds: taskGroupIds,
    subnetId,
    subnet,
    vpcId,
    dnsSupport,
    dnsHostnames,
    routeTable,
    natGateways,
    endpoints: visibleEndpoints,
    endpointNetworkInterfaces: endpointInterfaces,
    securityGroups: { ...taskGroups, ...endpointGroups },
    networkAcls: { ...taskAcl, ...endpointAcls },
    prefixLists: { ...prefixLists, ...ingressPrefixLists },
  };
  if (source.value.instanceId) facts.instanceId = source.value.instanceId;
  if (eni.PrivateIpAddress) facts.privateIp = eni.PrivateIpAddress;
  if (eni.Association?.PublicIp) facts.publicIp = eni.Association.PublicIp;
  return known(facts);
}

/**
 * awsvpc tasks have their own ENI: the `ElasticNetworkInterface` attachment, whatever its place
 * among the attachments. Bridge and host mode tasks use their EC2 host's network, so its primary
 * interface (device index 0) carries their traffic.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
 */
async function describeSourceInterface(
  attempts: Attempts,
  request: NetworkRequest,
): Promise<Fact<SourceInterface> | undefined> {
  const { task, region } = request;
  if (task.launchType === 'EXTERNAL') return undefined;
  const attachment = task.networkInterface;
  if (attachment) {
    const id = attachment.networkInterfaceId;
    if (!id) {
      return unavailable(
        `the task's network interface is not attached yet (attachment status ${attachment.status ?? 'unknown'})`,
      );
    }
    const eni = await describeOneInterface(
      attempts,
      { NetworkInterfaceIds: [id] },
      `network interface ${id}`,
      region,
    );
    return eni.known ? known({ source: 'task-eni', eni: eni.value }) : eni;
  }
  if (request.networkMode === 'awsvpc')
    return unavailable('the task has no network interface attachment yet');
  const instance = request.ec2Instance;
  if (!instance) return undefined;
  if (!instance.known) return instance;
  const instanceId = instance.value.instanceId;
  const eni = await describeOneInterface(
    attempts,
    {
      Filters: [
        { Name: 'attachment.instance-id', Values: [instanceId] },
        { Name: 'attachment.device-index', Values: ['0'] },
      ],
    },
    `the primary network interface of EC2 instance ${instanceId}`,
    region,
  );
  return eni.known ? known({ source: 'host-eni', instanceId, eni: eni.value }) : eni;
}

async function describeOneInterface(
  attempts: Attempts,
  input: EC2.DescribeNetworkInterfacesCommandInput,
  what: string,
  region: string,
): Promise<Fact<EC2.NetworkInterface>> {
  const result = await attempts.attempt('ec2:DescribeNetworkInterfaces', input, region);
  if (!result.ok) return unavailableFrom(result);
  const eni = result.value.NetworkInterfaces?.[0];
  return eni ? known(eni) : unavailable(`${what} was not found`);
}

async function describeSubnet(attempts: Attempts, subnetId: string, region: string): Promise<Fact<Subnet>> {
  const result = await attempts.attempt('ec2:DescribeSubnets', { SubnetIds: [subnetId] }, region);
  if (!result.ok) return unavailableFrom(result);
  const subnet = result.value.Subnets?.[0];
  return subnet ? known(normalizeSubnet(subnet)) : unavailable(`subnet ${subnetId} was not found`);
}

/**
 * A subnet without an explicit association uses the VPC's main route table. Both are asked for
 * at once, so the fallback costs no extra round trip.
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#RouteTables
 */
async function describeRouteTable(
  attempts: Attempts,
  subnetId: string,
  vpcId: string,
  region: string,
): Promise<Fact<RouteTable>> {
  const [explicit, main] = await Promise.all([
    attempts.attempt(
      'ec2:DescribeRouteTables',
      { Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] },
      region,
    ),
    attempts.attempt(
      'ec2:DescribeRouteTables',
      {
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      },
      region,
    ),
  ]);
  if (!explicit.ok) return unavailableFrom(explicit);
  const associated = explicit.value.RouteTables?.[0];
  const table = associated ?? (main.ok ? main.value.RouteTables?.[0] : undefined);
  if (!table) {
    return main.ok
      ? unavailable(`no route table of subnet ${subnetId} is visible to this account`)
      : unavailableFrom(main);
  }
  return known({
    id: table.RouteTableId ?? '',
    main: !associated,
    routes: (table.Routes ?? []).map(normalizeRoute),
  });
}

async function describeEndpoints(
  attempts: Attempts,
  vpcId: string,
  region: string,
): Promise<Fact<VpcEndpoint[]>> {
  const endpoints: VpcEndpoint[] = [];
  let nextToken: string | undefined;
  do {
    const input: EC2.DescribeVpcEndpointsCommandInput = { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] };
    if (nextToken) input.NextToken = nextToken;
    const result = await attempts.attempt('ec2:DescribeVpcEndpoints', input, region);
    if (!result.ok) return unavailableFrom(result);
    endpoints.push(...(result.value.VpcEndpoints ?? []).map(normalizeVpcEndpoint));
    nextToken = result.value.NextToken;
  } while (nextToken);
  return known(endpoints);
}

/** DescribeVpcAttribute answers one attribute per call. */
async function describeVpcAttribute(
  attempts: Attempts,
  vpcId: string,
  attribute: 'enableDnsSupport' | 'enableDnsHostnames',
  region: string,
): Promise<Fact<boolean>> {
  const result = await attempts.attempt(
    'ec2:DescribeVpcAttribute',
    { VpcId: vpcId, Attribute: attribute },
    region,
  );
  if (!result.ok) return unavailableFrom(result);
  const value =
    attribute === 'enableDnsSupport' ? result.value.EnableDnsSupport : result.value.EnableDnsHostnames;
  return value?.Value === undefined
    ? unavailable(`DescribeVpcAttribute gave no ${attribute}`)
    : known(value.Value);
}

async function describeSecurityGroups(
  attempts: Attempts,
  groupIds: string[],
  region: string,
): Promise<Record<string, Fact<SecurityGroup>>> {
  if (groupIds.length === 0) return {};
  const result = await attempts.attempt('ec2:DescribeSecurityGroups', { GroupIds: groupIds }, region);
  return Object.fromEntries(
    groupIds.map((id): [string, Fact<SecurityGroup>] => {
      if (!result.ok) return [id, unavailableFrom(result)];
      const group = result.value.SecurityGroups?.find((candidate) => candidate.GroupId === id);
      return [
        id,
        group ? known(normalizeSecurityGroup(group)) : unavailable(`security group ${id} was not found`),
      ];
    }),
  );
}

function pick<T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));
}

function prefixListsOf(
  groups: Record<string, Fact<SecurityGroup>>,
  direction: 'ingress' | 'egress',
): string[] {
  return Object.values(groups).flatMap((group) =>
    group.known ? group.value[direction].flatMap((rule) => rule.prefixListIds) : [],
  );
}

/** Every subnet is associated with exactly one network ACL: find it by the association filter. */
async function describeNetworkAcls(
  attempts: Attempts,
  subnetIds: string[],
  region: string,
): Promise<Record<string, Fact<NetworkAcl>>> {
  if (subnetIds.length === 0) return {};
  const result = await attempts.attempt(
    'ec2:DescribeNetworkAcls',
    { Filters: [{ Name: 'association.subnet-id', Values: subnetIds }] },
    region,
  );
  return Object.fromEntries(
    subnetIds.map((subnetId): [string, Fact<NetworkAcl>] => {
      if (!result.ok) return [subnetId, unavailableFrom(result)];
      const acl = result.value.NetworkAcls?.find((candidate) =>
        candidate.Associations?.some((association) => association.SubnetId === subnetId),
      );
      return [
        subnetId,
        acl
          ? known(normalizeNetworkAcl(acl))
          : unavailable(`no network ACL of subnet ${subnetId} is visible to this account`),
      ];
    }),
  );
}

/**
 * One call per gateway: a NAT gateway deleted more than about an hour ago is no longer listed,
 * and asking for it fails with NatGatewayNotFound, which would hide the others in a batch.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNatGateways.html
 */
async function describeNatGateways(
  attempts: Attempts,
  natGatewayIds: string[],
  subnetOwner: string | undefined,
  region: string,
): Promise<Record<string, Fact<NatGateway>>> {
  const entries = await Promise.all(
    natGatewayIds.map(async (id): Promise<[string, Fact<NatGateway>]> => {
      const result = await attempts.attempt('ec2:DescribeNatGateways', { NatGatewayIds: [id] }, region);
      const gateway = result.ok ? result.value.NatGateways?.[0] : undefined;
      if (gateway) return [id, known(normalizeNatGateway(gateway))];
      // In a subnet shared through AWS RAM the NAT gateway belongs to the VPC owner, and a
      // participant cannot describe it: not finding it says nothing about its state.
      // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-sharing.html
      if (subnetOwner && (result.ok || result.kind === 'not-found')) {
        return [id, known({ id, state: 'not-visible', connectivityType: 'public', ownerId: subnetOwner })];
      }
      if (result.ok || result.kind === 'not-found') {
        return [id, known({ id, state: 'deleted', connectivityType: 'public' })];
      }
      return [id, unavailableFrom(result)];
    }),
  );
  return Object.fromEntries(entries);
}

async function describeEndpointInterfaces(
  attempts: Attempts,
  interfaceIds: string[],
  region: string,
): Promise<Fact<EndpointNetworkInterface[]>> {
  if (interfaceIds.length === 0) return known([]);
  const result = await attempts.attempt(
    'ec2:DescribeNetworkInterfaces',
    { NetworkInterfaceIds: interfaceIds },
    region,
  );
  if (!result.ok) return unavailableFrom(result);
  return known(
    (result.value.NetworkInterfaces ?? []).flatMap((eni) =>
      eni.NetworkInterfaceId && eni.SubnetId && eni.PrivateIpAddress
        ? [{ id: eni.NetworkInterfaceId, subnetId: eni.SubnetId, privateIp: eni.PrivateIpAddress }]
        : [],
    ),
  );
}

async function describePrefixLists(
  attempts: Attempts,
  prefixListIds: string[],
  region: string,
): Promise<Record<string, Fact<PrefixList>>> {
  const entries = await Promise.all(
    prefixListIds.map(async (id): Promise<[string, Fact<PrefixList>]> => {
      const cidrs: string[] = [];
      let nextToken: string | undefined;
      do {
        const input: EC2.GetManagedPrefixListEntriesCommandInput = { PrefixListId: id };
        if (nextToken) input.NextToken = nextToken;
        const result = await attempts.attempt('ec2:GetManagedPrefixListEntries', input, region);
        if (!result.ok) return [id, unavailableFrom(result)];
        cidrs.push(...ipv4Entries(result.value.Entries));
        nextToken = result.value.NextToken;
      } while (nextToken);
      return [id, known({ id, cidrs })];
    }),
  );
  return Object.fromEntries(entries);
}
