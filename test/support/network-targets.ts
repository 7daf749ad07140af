import {
  type ExecTarget,
  known,
  type NetworkAcl,
  type NetworkFacts,
  type SecurityGroup,
  type VpcEndpoint,
} from '../../src/model/index.js';
import { REGION, targetWith } from './targets.js';

/**
 * Network shapes for the network checks. The base is the healthy Fargate task of targets.ts in a
 * private subnet whose default route leads to an available NAT gateway, with open security groups
 * and the default network ACL. Each shape changes what it is about.
 */
export const VPC = 'vpc-0a1b2c3d4e5f60001';
export const SUBNET = 'subnet-0123456789abcdef0';
export const ENDPOINT_SUBNET = 'subnet-0fedcba98765432b0';
export const ENI = 'eni-0123456789abcdef0';
export const TASK_SG = 'sg-0task00000000000a';
export const ENDPOINT_SG = 'sg-0endpoint000000b';
export const ROUTE_TABLE = 'rtb-0private0000000a';
export const NAT = 'nat-0a1b2c3d4e5f60001';
export const ACL = 'acl-0default00000000a';
export const ENDPOINT_ACL = 'acl-0endpoints000000b';

/** The default network ACL: everything in and out. */
export function openAcl(id = ACL): NetworkAcl {
  return {
    id,
    isDefault: true,
    entries: [
      { ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
      { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
      { ruleNumber: 100, egress: false, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
      { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
    ],
  };
}

/** A group that allows all outbound traffic and nothing inbound, as a new security group does. */
export function taskGroup(): SecurityGroup {
  return {
    id: TASK_SG,
    name: 'web-task',
    ingress: [],
    egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], prefixListIds: [], groupIds: [] }],
  };
}

/** An endpoint group that admits HTTPS from the task's group. */
export function endpointGroup(): SecurityGroup {
  return {
    id: ENDPOINT_SG,
    name: 'ecs-exec-endpoints',
    ingress: [
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidrs: [], prefixListIds: [], groupIds: [TASK_SG] },
    ],
    egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], prefixListIds: [], groupIds: [] }],
  };
}

export function baseNetwork(): NetworkFacts {
  return {
    source: 'task-eni',
    networkInterfaceId: ENI,
    privateIp: '10.0.1.25',
    securityGroupIds: [TASK_SG],
    subnetId: SUBNET,
    subnet: known({
      id: SUBNET,
      vpcId: VPC,
      ownerId: '111122223333',
      cidr: '10.0.1.0/24',
      availabilityZone: 'us-east-1a',
      ipv6Native: false,
      mapPublicIpOnLaunch: false,
    }),
    vpcId: VPC,
    dnsSupport: known(true),
    dnsHostnames: known(true),
    routeTable: known({
      id: ROUTE_TABLE,
      main: false,
      routes: [
        { destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
        { destinationCidr: '0.0.0.0/0', target: { kind: 'nat', id: NAT }, state: 'active' },
      ],
    }),
    natGateways: {
      [NAT]: known({ id: NAT, state: 'available', connectivityType: 'public', subnetId: 'subnet-0public' }),
    },
    endpoints: known([]),
    endpointNetworkInterfaces: known([]),
    securityGroups: { [TASK_SG]: known(taskGroup()) },
    networkAcls: { [SUBNET]: known(openAcl()) },
    prefixLists: {},
  };
}

export function interfaceEndpoint(service: string, overrides: Partial<VpcEndpoint> = {}): VpcEndpoint {
  const suffix = service
    .replace(/[^a-z]/g, '')
    .padEnd(4, '0')
    .slice(0, 4);
  return {
    id: `vpce-0${suffix}00000000000`,
    serviceName: `com.amazonaws.${REGION}.${service}`,
    type: 'Interface',
    state: 'available',
    privateDnsEnabled: true,
    subnetIds: [SUBNET, ENDPOINT_SUBNET],
    securityGroupIds: [ENDPOINT_SG],
    routeTableIds: [],
    networkInterfaceIds: [`eni-0${suffix}a`, `eni-0${suffix}b`],
    policyDocument: JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    }),
    ...overrides,
  };
}

export const SSMMESSAGES_ENDPOINT = interfaceEndpoint('ssmmessages').id;

export function s3GatewayEndpoint(overrides: Partial<VpcEndpoint> = {}): VpcEndpoint {
  return {
    id: 'vpce-0s3gateway000000',
    serviceName: `com.amazonaws.${REGION}.s3`,
    type: 'Gateway',
    state: 'available',
    privateDnsEnabled: false,
    subnetIds: [],
    securityGroupIds: [],
    routeTableIds: [ROUTE_TABLE],
    networkInterfaceIds: [],
    ...overrides,
  };
}

/** A change to the network facts of the base target. */
export type Shape = (network: NetworkFacts, target: ExecTarget) => void;

export function networkTarget(...shapes: Shape[]): ExecTarget {
  return targetWith((target) => {
    const network = baseNetwork();
    for (const shape of shapes) shape(network, target);
    target.network = known(network);
  });
}

/* ------------------------------------------------------------------------------ shapes */

export const publicSubnet: Shape = (network) => {
  network.routeTable = known({
    id: 'rtb-0public00000000a',
    main: false,
    routes: [
      { destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
      { destinationCidr: '0.0.0.0/0', target: { kind: 'igw', id: 'igw-0a1b2c3d4e5f60001' }, state: 'active' },
    ],
  });
  network.natGateways = {};
};

export const withPublicIp: Shape = (network) => {
  network.publicIp = '54.210.7.42';
};

export const failedNat: Shape = (network) => {
  network.natGateways[NAT] = known({
    id: NAT,
    state: 'failed',
    connectivityType: 'public',
    failureMessage: 'Elastic IP address eipalloc-0abc could not be associated with this NAT gateway',
  });
};

export const blackholeRoute: Shape = (network) => {
  network.routeTable = known({
    id: ROUTE_TABLE,
    main: false,
    routes: [
      { destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
      {
        destinationCidr: '0.0.0.0/0',
        target: { kind: 'nat', id: 'nat-0deleted0000000' },
        state: 'blackhole',
      },
    ],
  });
  network.natGateways = {};
};

/** No route out of the VPC at all. */
export const isolated: Shape = (network) => {
  network.routeTable = known({
    id: ROUTE_TABLE,
    main: false,
    routes: [{ destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' }],
  });
  network.natGateways = {};
};

/** ssmmessages, kms and logs interface endpoints, one interface in the task's subnet and one in another, and an S3 gateway endpoint. */
export const allEndpoints: Shape = (network) => {
  const endpoints = ['ssmmessages', 'kms', 'logs'].map((service) => interfaceEndpoint(service));
  network.endpoints = known([...endpoints, s3GatewayEndpoint()]);
  network.endpointNetworkInterfaces = known(
    endpoints.flatMap((endpoint) => [
      { id: endpoint.networkInterfaceIds[0]!, subnetId: SUBNET, privateIp: '10.0.1.10' },
      { id: endpoint.networkInterfaceIds[1]!, subnetId: ENDPOINT_SUBNET, privateIp: '10.0.2.10' },
    ]),
  );
  network.securityGroups[ENDPOINT_SG] = known(endpointGroup());
  network.networkAcls[ENDPOINT_SUBNET] = known(openAcl(ENDPOINT_ACL));
};

export function editEndpoint(service: string, edit: (endpoint: VpcEndpoint) => void): Shape {
  return (network) => {
    if (!network.endpoints.known) return;
    for (const endpoint of network.endpoints.value) {
      if (endpoint.serviceName.endsWith(`.${service}`)) edit(endpoint);
    }
  };
}

export function withoutEndpoint(service: string, type = 'Interface'): Shape {
  return (network) => {
    if (!network.endpoints.known) return;
    network.endpoints = known(
      network.endpoints.value.filter(
        (endpoint) => !(endpoint.serviceName.endsWith(`.${service}`) && endpoint.type === type),
      ),
    );
  };
}

export const ramShared: Shape = (network) => {
  if (network.subnet.known) network.subnet.value.ownerId = '444455556666';
};

export const transitGatewayDefault: Shape = (network) => {
  network.routeTable = known({
    id: ROUTE_TABLE,
    main: true,
    routes: [
      { destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
      { destinationCidr: '0.0.0.0/0', target: { kind: 'tgw', id: 'tgw-0a1b2c3d4e5f60001' }, state: 'active' },
    ],
  });
  network.natGateways = {};
};

/** A bridge-mode task on an EC2 instance with a public IP in a public subnet. */
export const ec2Bridge: Shape = (network, target) => {
  publicSubnet(network, target);
  network.source = 'host-eni';
  network.instanceId = 'i-0a1b2c3d4e5f67890';
  network.networkInterfaceId = 'eni-0host0000000000a';
  network.privateIp = '10.0.1.77';
  network.publicIp = '3.91.20.5';
  target.task!.launchType = 'EC2';
  target.task!.networkInterface = undefined;
  target.task!.containerInstanceArn =
    'arn:aws:ecs:us-east-1:111122223333:container-instance/demo/5f4e3d2c1b0a49876543210fedcba987';
  if (target.taskDefinition.known) target.taskDefinition.value.networkMode = 'bridge';
};
