import type * as EC2 from '@aws-sdk/client-ec2';
import {
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { type Fact, known, type NetworkFacts, type Task } from '../../src/model/index.js';
import { memoized } from '../../src/sources/aws/api.js';
import { Attempts } from '../../src/sources/aws/attempt.js';
import { collectNetwork, type NetworkRequest } from '../../src/sources/aws/network.js';
import { ACCOUNT, accessDenied, INSTANCE_ID, REGION } from '../support/aws-responses.js';
import { healthyTarget } from '../support/targets.js';
import { inputsOf, liveApi, type MockAws, useMockAws } from './mock-aws.js';

/**
 * EC2 responses shaped as the API reference describes them (Response Elements and the AWS CLI
 * examples): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html,
 * API_DescribeSubnets, API_DescribeRouteTables, API_DescribeVpcEndpoints, API_DescribeVpcAttribute,
 * API_DescribeSecurityGroups, API_DescribeNetworkAcls, API_DescribeNatGateways,
 * API_GetManagedPrefixListEntries.
 */
const VPC = 'vpc-0a1b2c3d4e5f60001';
const SUBNET = 'subnet-0123456789abcdef0';
const ENDPOINT_SUBNET = 'subnet-0fedcba98765432b0';
const ENI = 'eni-0123456789abcdef0';
const TASK_SG = 'sg-0task00000000000a';
const ENDPOINT_SG = 'sg-0endpoint000000b';
const NAT = 'nat-0a1b2c3d4e5f60001';
const ENDPOINT = 'vpce-0ssmm00000000000';
const PREFIX_LIST = 'pl-0tasks0000000000';

function networkInterface(overrides: Partial<EC2.NetworkInterface> = {}): EC2.NetworkInterface {
  return {
    AvailabilityZone: 'us-east-1a',
    Description: 'arn:aws:ecs:us-east-1:111122223333:attachment/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE',
    Groups: [{ GroupName: 'web-task', GroupId: TASK_SG }],
    InterfaceType: 'interface',
    Ipv6Addresses: [],
    MacAddress: '0a:12:34:56:78:9a',
    NetworkInterfaceId: ENI,
    OwnerId: ACCOUNT,
    PrivateDnsName: 'ip-10-0-1-25.ec2.internal',
    PrivateIpAddress: '10.0.1.25',
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.1.25' }],
    RequesterId: '578734482556',
    RequesterManaged: true,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: SUBNET,
    VpcId: VPC,
    ...overrides,
  };
}

function subnet(overrides: Partial<EC2.Subnet> = {}): EC2.Subnet {
  return {
    AvailabilityZone: 'us-east-1a',
    AvailabilityZoneId: 'use1-az4',
    AvailableIpAddressCount: 248,
    CidrBlock: '10.0.1.0/24',
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    State: 'available',
    SubnetId: SUBNET,
    VpcId: VPC,
    OwnerId: ACCOUNT,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    SubnetArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${SUBNET}`,
    EnableDns64: false,
    Ipv6Native: false,
    ...overrides,
  };
}

function routeTable(id: string, routes: EC2.Route[], association: EC2.RouteTableAssociation): EC2.RouteTable {
  return {
    Associations: [
      {
        RouteTableAssociationId: 'rtbassoc-0a1b2c3d4e5f60001',
        RouteTableId: id,
        AssociationState: { State: 'associated' },
        ...association,
      },
    ],
    PropagatingVgws: [],
    RouteTableId: id,
    Routes: [
      {
        DestinationCidrBlock: '10.0.0.0/16',
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      },
      ...routes,
    ],
    Tags: [],
    VpcId: VPC,
    OwnerId: ACCOUNT,
  };
}

const natRoute: EC2.Route = {
  DestinationCidrBlock: '0.0.0.0/0',
  NatGatewayId: NAT,
  Origin: 'CreateRoute',
  State: 'active',
};

function securityGroup(id: string, overrides: Partial<EC2.SecurityGroup> = {}): EC2.SecurityGroup {
  return {
    Description: 'managed by terraform',
    GroupName: id === TASK_SG ? 'web-task' : 'ecs-exec-endpoints',
    IpPermissions: [],
    OwnerId: ACCOUNT,
    GroupId: id,
    IpPermissionsEgress: [
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ],
    VpcId: VPC,
    ...overrides,
  };
}

function networkAcl(id: string, subnetIds: string[]): EC2.NetworkAcl {
  return {
    Associations: subnetIds.map((subnetId, index) => ({
      NetworkAclAssociationId: `aclassoc-0a1b2c3d4e5f6000${index}`,
      NetworkAclId: id,
      SubnetId: subnetId,
    })),
    Entries: [
      { CidrBlock: '0.0.0.0/0', Egress: true, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
      { CidrBlock: '0.0.0.0/0', Egress: true, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
      {
        CidrBlock: '0.0.0.0/0',
        Egress: false,
        Protocol: '6',
        PortRange: { From: 1024, To: 65535 },
        RuleAction: 'allow',
        RuleNumber: 100,
      },
      { CidrBlock: '0.0.0.0/0', Egress: false, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
    ],
    IsDefault: false,
    NetworkAclId: id,
    Tags: [],
    VpcId: VPC,
    OwnerId: ACCOUNT,
  };
}

const FULL_ACCESS =
  '{\n  "Statement": [\n    {\n      "Action": "*", \n      "Effect": "Allow", \n      "Principal": "*", \n      "Resource": "*"\n    }\n  ]\n}';

function ssmmessagesEndpoint(overrides: Partial<EC2.VpcEndpoint> = {}): EC2.VpcEndpoint {
  return {
    VpcEndpointId: ENDPOINT,
    VpcEndpointType: 'Interface',
    VpcId: VPC,
    ServiceName: `com.amazonaws.${REGION}.ssmmessages`,
    State: 'available' as EC2.State,
    PolicyDocument: FULL_ACCESS,
    RouteTableIds: [],
    SubnetIds: [SUBNET, ENDPOINT_SUBNET],
    Groups: [{ GroupId: ENDPOINT_SG, GroupName: 'ecs-exec-endpoints' }],
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    PrivateDnsEnabled: true,
    RequesterManaged: false,
    NetworkInterfaceIds: ['eni-0ssmma', 'eni-0ssmmb'],
    DnsEntries: [
      {
        DnsName: `${ENDPOINT}-abcdefgh.ssmmessages.${REGION}.vpce.amazonaws.com`,
        HostedZoneId: 'Z7HUB22UULQXV',
      },
    ],
    CreationTimestamp: new Date('2026-10-01T09:00:00.000Z'),
    OwnerId: ACCOUNT,
    ...overrides,
  };
}

/** The answers for a Fargate task in a private subnet routed to an available NAT gateway, in a VPC with no endpoints. */
function answerNatSubnet(aws: MockAws): void {
  aws.ec2
    .on(DescribeNetworkInterfacesCommand)
    .resolves({ NetworkInterfaces: [networkInterface()] })
    .on(DescribeSubnetsCommand)
    .resolves({ Subnets: [subnet()] })
    .on(DescribeRouteTablesCommand, { Filters: [{ Name: 'association.subnet-id', Values: [SUBNET] }] })
    .resolves({
      RouteTables: [routeTable('rtb-0private0000000a', [natRoute], { Main: false, SubnetId: SUBNET })],
    })
    .on(DescribeRouteTablesCommand, {
      Filters: [
        { Name: 'vpc-id', Values: [VPC] },
        { Name: 'association.main', Values: ['true'] },
      ],
    })
    .resolves({ RouteTables: [routeTable('rtb-0main00000000000', [], { Main: true })] })
    .on(DescribeVpcEndpointsCommand)
    .resolves({ VpcEndpoints: [] })
    .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsSupport' })
    .resolves({ VpcId: VPC, EnableDnsSupport: { Value: true } })
    .on(DescribeVpcAttributeCommand, { Attribute: 'enableDnsHostnames' })
    .resolves({ VpcId: VPC, EnableDnsHostnames: { Value: true } })
    .on(DescribeSecurityGroupsCommand)
    .resolves({ SecurityGroups: [securityGroup(TASK_SG)] })
    .on(DescribeNetworkAclsCommand)
    .resolves({ NetworkAcls: [networkAcl('acl-0default00000000a', [SUBNET])] })
    .on(DescribeNatGatewaysCommand)
    .resolves({
      NatGateways: [
        {
          CreateTime: new Date('2026-09-01T08:00:00.000Z'),
          NatGatewayAddresses: [
            {
              AllocationId: 'eipalloc-0a1b2c3d4e5f60001',
              NetworkInterfaceId: 'eni-0nat00000000000a',
              PrivateIp: '10.0.0.55',
              PublicIp: '52.4.7.90',
              IsPrimary: true,
              Status: 'succeeded',
            },
          ],
          NatGatewayId: NAT,
          State: 'available',
          SubnetId: 'subnet-0public00000000a',
          VpcId: VPC,
          ConnectivityType: 'public',
        },
      ],
    });
}

/** An isolated subnet with an ssmmessages endpoint whose group admits a prefix list of task subnets. */
function answerEndpointSubnet(aws: MockAws): void {
  answerNatSubnet(aws);
  aws.ec2
    .on(DescribeRouteTablesCommand, { Filters: [{ Name: 'association.subnet-id', Values: [SUBNET] }] })
    .resolves({ RouteTables: [routeTable('rtb-0private0000000a', [], { Main: false, SubnetId: SUBNET })] })
    .on(DescribeVpcEndpointsCommand)
    .resolves({ VpcEndpoints: [ssmmessagesEndpoint()] })
    .on(DescribeNetworkInterfacesCommand, { NetworkInterfaceIds: ['eni-0ssmma', 'eni-0ssmmb'] })
    .resolves({
      NetworkInterfaces: [
        networkInterface({
          NetworkInterfaceId: 'eni-0ssmma',
          PrivateIpAddress: '10.0.1.10',
          InterfaceType: 'vpc_endpoint',
          Groups: [{ GroupId: ENDPOINT_SG }],
        }),
        networkInterface({
          NetworkInterfaceId: 'eni-0ssmmb',
          PrivateIpAddress: '10.0.2.10',
          SubnetId: ENDPOINT_SUBNET,
          InterfaceType: 'vpc_endpoint',
          Groups: [{ GroupId: ENDPOINT_SG }],
        }),
      ],
    })
    .on(DescribeSecurityGroupsCommand, { GroupIds: [ENDPOINT_SG] })
    .resolves({
      SecurityGroups: [
        securityGroup(ENDPOINT_SG, {
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              IpRanges: [],
              Ipv6Ranges: [],
              PrefixListIds: [{ PrefixListId: PREFIX_LIST }],
              UserIdGroupPairs: [],
            },
          ],
        }),
      ],
    })
    .on(DescribeNetworkAclsCommand, {
      Filters: [{ Name: 'association.subnet-id', Values: [ENDPOINT_SUBNET] }],
    })
    .resolves({
      NetworkAcls: [networkAcl('acl-0endpoints000000b', [ENDPOINT_SUBNET, 'subnet-0other000000000c'])],
    })
    .on(GetManagedPrefixListEntriesCommand)
    .resolves({
      Entries: [{ Cidr: '10.0.1.0/24', Description: 'task subnet a' }, { Cidr: '2600:1f18::/56' }],
    });
}

function fargateRequest(): NetworkRequest {
  return { task: healthyTarget().task!, networkMode: 'awsvpc', region: REGION };
}

async function collect(request: NetworkRequest): Promise<Fact<NetworkFacts> | undefined> {
  return collectNetwork(new Attempts(memoized(liveApi())), request);
}

function value(fact: Fact<NetworkFacts> | undefined): NetworkFacts {
  if (!fact?.known) throw new Error(`network not known: ${JSON.stringify(fact)}`);
  return fact.value;
}

describe('collectNetwork', () => {
  const aws = useMockAws();

  it('normalizes a Fargate task in a private subnet with a NAT gateway', async () => {
    answerNatSubnet(aws);
    const network = value(await collect(fargateRequest()));
    expect(network).toEqual({
      source: 'task-eni',
      networkInterfaceId: ENI,
      privateIp: '10.0.1.25',
      securityGroupIds: [TASK_SG],
      subnetId: SUBNET,
      subnet: known({
        id: SUBNET,
        vpcId: VPC,
        ownerId: ACCOUNT,
        cidr: '10.0.1.0/24',
        availabilityZone: 'us-east-1a',
        ipv6Native: false,
        mapPublicIpOnLaunch: false,
      }),
      vpcId: VPC,
      dnsSupport: known(true),
      dnsHostnames: known(true),
      routeTable: known({
        id: 'rtb-0private0000000a',
        main: false,
        routes: [
          { destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
          { destinationCidr: '0.0.0.0/0', target: { kind: 'nat', id: NAT }, state: 'active' },
        ],
      }),
      natGateways: {
        [NAT]: known({
          id: NAT,
          state: 'available',
          connectivityType: 'public',
          subnetId: 'subnet-0public00000000a',
        }),
      },
      endpoints: known([]),
      endpointNetworkInterfaces: known([]),
      securityGroups: {
        [TASK_SG]: known({
          id: TASK_SG,
          name: 'web-task',
          ingress: [],
          egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], prefixListIds: [], groupIds: [] }],
        }),
      },
      networkAcls: {
        [SUBNET]: known({
          id: 'acl-0default00000000a',
          isDefault: false,
          entries: [
            { ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
            { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
            {
              ruleNumber: 100,
              egress: false,
              protocol: '6',
              action: 'allow',
              cidr: '0.0.0.0/0',
              fromPort: 1024,
              toPort: 65535,
            },
            { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
          ],
        }),
      },
      prefixLists: {},
    });
    // The task's own ENI, named by the ElasticNetworkInterface attachment; the two DNS attributes apart.
    expect(inputsOf(aws.ec2, DescribeNetworkInterfacesCommand)).toEqual([{ NetworkInterfaceIds: [ENI] }]);
    expect(inputsOf(aws.ec2, DescribeVpcAttributeCommand)).toEqual([
      { VpcId: VPC, Attribute: 'enableDnsSupport' },
      { VpcId: VPC, Attribute: 'enableDnsHostnames' },
    ]);
    expect(inputsOf(aws.ec2, DescribeNatGatewaysCommand)).toEqual([{ NatGatewayIds: [NAT] }]);
  });

  it('falls back to the main route table when the subnet has no explicit association', async () => {
    answerNatSubnet(aws);
    aws.ec2
      .on(DescribeRouteTablesCommand, { Filters: [{ Name: 'association.subnet-id', Values: [SUBNET] }] })
      .resolves({ RouteTables: [] });
    const network = value(await collect(fargateRequest()));
    expect(network.routeTable).toEqual(
      known({
        id: 'rtb-0main00000000000',
        main: true,
        routes: [{ destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' }],
      }),
    );
    expect(aws.ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(2);
  });

  it("reads the ssmmessages endpoint's interfaces, security groups, subnet ACLs and the prefix lists its rules name", async () => {
    answerEndpointSubnet(aws);
    const network = value(await collect(fargateRequest()));
    expect(network.endpoints).toEqual(
      known([
        {
          id: ENDPOINT,
          serviceName: `com.amazonaws.${REGION}.ssmmessages`,
          type: 'Interface',
          state: 'available',
          privateDnsEnabled: true,
          subnetIds: [SUBNET, ENDPOINT_SUBNET],
          securityGroupIds: [ENDPOINT_SG],
          routeTableIds: [],
          networkInterfaceIds: ['eni-0ssmma', 'eni-0ssmmb'],
          policyDocument: FULL_ACCESS,
        },
      ]),
    );
    expect(network.endpointNetworkInterfaces).toEqual(
      known([
        { id: 'eni-0ssmma', subnetId: SUBNET, privateIp: '10.0.1.10' },
        { id: 'eni-0ssmmb', subnetId: ENDPOINT_SUBNET, privateIp: '10.0.2.10' },
      ]),
    );
    expect(Object.keys(network.securityGroups).sort()).toEqual([ENDPOINT_SG, TASK_SG]);
    expect(network.securityGroups[ENDPOINT_SG]).toEqual(
      known({
        id: ENDPOINT_SG,
        name: 'ecs-exec-endpoints',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            cidrs: [],
            prefixListIds: [PREFIX_LIST],
            groupIds: [],
          },
        ],
        egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], prefixListIds: [], groupIds: [] }],
      }),
    );
    expect(Object.keys(network.networkAcls).sort()).toEqual([SUBNET, ENDPOINT_SUBNET].sort());
    expect(network.networkAcls[ENDPOINT_SUBNET]).toMatchObject(known({ id: 'acl-0endpoints000000b' }));
    // IPv6 entries are dropped: the agent reaches ssmmessages over IPv4.
    expect(network.prefixLists).toEqual({
      [PREFIX_LIST]: known({ id: PREFIX_LIST, cidrs: ['10.0.1.0/24'] }),
    });
    expect(inputsOf(aws.ec2, DescribeSecurityGroupsCommand)).toEqual([
      { GroupIds: [TASK_SG] },
      { GroupIds: [ENDPOINT_SG] },
    ]);
    expect(inputsOf(aws.ec2, DescribeNatGatewaysCommand)).toEqual([]);
  });

  it("uses the EC2 host's primary interface for a bridge-mode task", async () => {
    answerNatSubnet(aws);
    aws.ec2.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        networkInterface({
          NetworkInterfaceId: 'eni-0host0000000000a',
          Association: {
            PublicIp: '3.91.20.5',
            IpOwnerId: 'amazon',
            PublicDnsName: 'ec2-3-91-20-5.compute-1.amazonaws.com',
          },
          RequesterManaged: false,
        }),
      ],
    });
    const task: Task = { ...healthyTarget().task!, launchType: 'EC2' };
    delete task.networkInterface;
    const network = value(
      await collect({
        task,
        networkMode: 'bridge',
        ec2Instance: known({ instanceId: INSTANCE_ID }),
        region: REGION,
      }),
    );
    expect(network).toMatchObject({
      source: 'host-eni',
      instanceId: INSTANCE_ID,
      networkInterfaceId: 'eni-0host0000000000a',
      publicIp: '3.91.20.5',
    });
    expect(inputsOf(aws.ec2, DescribeNetworkInterfacesCommand)).toEqual([
      {
        Filters: [
          { Name: 'attachment.instance-id', Values: [INSTANCE_ID] },
          { Name: 'attachment.device-index', Values: ['0'] },
        ],
      },
    ]);
  });

  it('turns a refused call into an unknown fact naming the permission, and reads the rest', async () => {
    answerNatSubnet(aws);
    aws.ec2.on(DescribeRouteTablesCommand).rejects(accessDenied('ec2:DescribeRouteTables'));
    const network = value(await collect(fargateRequest()));
    expect(network.routeTable).toEqual({
      known: false,
      reason: 'AccessDenied on ec2:DescribeRouteTables',
      permission: 'ec2:DescribeRouteTables',
    });
    expect(network.natGateways).toEqual({});
    expect(network.securityGroups[TASK_SG]?.known).toBe(true);
  });

  it('gives the whole network as unknown when the interface cannot be read', async () => {
    aws.ec2.on(DescribeNetworkInterfacesCommand).rejects(accessDenied('ec2:DescribeNetworkInterfaces'));
    expect(await collect(fargateRequest())).toEqual({
      known: false,
      reason: 'AccessDenied on ec2:DescribeNetworkInterfaces',
      permission: 'ec2:DescribeNetworkInterfaces',
    });
  });

  it('does not take an empty endpoint list in a RAM-shared subnet for "no endpoints"', async () => {
    answerNatSubnet(aws);
    aws.ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet({ OwnerId: '444455556666' })] });
    const network = value(await collect(fargateRequest()));
    expect(network.subnet).toMatchObject(known({ ownerId: '444455556666' }));
    expect(network.endpoints.known).toBe(false);
    expect(network.endpoints).toMatchObject({ reason: expect.stringMatching(/account 444455556666 shares/) });
    expect(network.routeTable.known).toBe(true);
  });

  it('takes a NAT gateway that is no longer listed as deleted', async () => {
    answerNatSubnet(aws);
    const notFound = Object.assign(new Error('The Nat Gateway nat-0a1b2c3d4e5f60001 was not found'), {
      name: 'NatGatewayNotFound',
      $metadata: { httpStatusCode: 400 },
    });
    aws.ec2.on(DescribeNatGatewaysCommand).rejects(notFound);
    const network = value(await collect(fargateRequest()));
    expect(network.natGateways[NAT]).toEqual(
      known({ id: NAT, state: 'deleted', connectivityType: 'public' }),
    );
  });

  it('reads every page of VPC endpoints', async () => {
    answerNatSubnet(aws);
    aws.ec2
      .on(DescribeVpcEndpointsCommand, { Filters: [{ Name: 'vpc-id', Values: [VPC] }] }, true)
      .resolves({
        VpcEndpoints: [ssmmessagesEndpoint({ VpcEndpointId: 'vpce-0first000000000' })],
        NextToken: 'page-2',
      })
      .on(DescribeVpcEndpointsCommand, { NextToken: 'page-2' })
      .resolves({
        VpcEndpoints: [
          ssmmessagesEndpoint({
            VpcEndpointId: 'vpce-0second00000000',
            VpcEndpointType: 'Gateway',
            ServiceName: `com.amazonaws.${REGION}.s3`,
            State: 'available' as EC2.State,
          }),
        ],
      });
    const network = value(await collect(fargateRequest()));
    expect(network.endpoints.known && network.endpoints.value.map((endpoint) => endpoint.id)).toEqual([
      'vpce-0first000000000',
      'vpce-0second00000000',
    ]);
  });

  it('makes each call once for tasks that share a subnet', async () => {
    answerNatSubnet(aws);
    const attempts = new Attempts(memoized(liveApi()));
    const task = healthyTarget().task!;
    await Promise.all([
      collectNetwork(attempts, { task, networkMode: 'awsvpc', region: REGION }),
      collectNetwork(attempts, {
        task: { ...task, id: 'other', arn: `${task.arn}0` },
        networkMode: 'awsvpc',
        region: REGION,
      }),
    ]);
    expect(aws.ec2.commandCalls(DescribeSubnetsCommand)).toHaveLength(1);
    expect(aws.ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(2);
    expect(aws.ec2.commandCalls(DescribeNetworkAclsCommand)).toHaveLength(1);
  });

  it('has nothing to collect for ECS Anywhere, and says why for an ENI not yet attached', async () => {
    const task = healthyTarget().task!;
    expect(await collect({ task: { ...task, launchType: 'EXTERNAL' }, region: REGION })).toBeUndefined();
    const pending = { ...task, networkInterface: { attachmentId: 'a1b2', status: 'PRECREATED' } };
    expect(await collect({ task: pending, networkMode: 'awsvpc', region: REGION })).toEqual({
      known: false,
      reason: "the task's network interface is not attached yet (attachment status PRECREATED)",
    });
    expect(aws.ec2.calls()).toHaveLength(0);
  });
});
