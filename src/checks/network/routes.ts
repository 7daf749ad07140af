import type { ExecTarget, NetworkFacts, Route, RouteTable } from '../../model/index.js';
import { factOr, sourceName, ssmmessagesHost } from './facts.js';
import { addressCount, cidrRange, INTERNET, prefixLength, type Range, subtract } from './ipv4.js';

/**
 * Whether the subnet's route table sends traffic for ssmmessages' public addresses somewhere that
 * reaches the internet. A VPC picks the most specific route that matches an address; the tool
 * does not know which public addresses ssmmessages answers on, so it splits the whole public
 * address space by the route that wins there. When every part agrees the answer is certain; when
 * more specific routes send some public addresses elsewhere, it depends on ssmmessages' addresses.
 * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
 */

/** Where one route (or no route) takes traffic, judged as a way to the internet. */
export type Hop =
  | { kind: 'path'; via: 'igw' | 'nat' | 'nat-instance'; text: string; evidence: string[] }
  | { kind: 'blocked'; cause: 'no-route' | 'blackhole' | 'no-public-ip' | 'nat-down'; text: string }
  | { kind: 'unknown'; text: string; needs?: string };

export interface InternetPath {
  kind: Hop['kind'];
  /** The hops public addresses take, the one covering most addresses first. */
  hops: Hop[];
  text: string;
  needs?: string;
  routeTable?: RouteTable;
}

export function describeRoute(route: Route): string {
  const destination = route.destinationCidr ?? route.destinationPrefixListId ?? route.destinationIpv6Cidr;
  return `${destination} → ${route.target.id}`;
}

function routeEvidence(table: RouteTable, route: Route): string {
  const association = table.main ? 'main route table' : 'associated';
  return `DescribeRouteTables: ${table.id} (${association}) ${describeRoute(route)} state=${route.state}`;
}

/** What a route's target does with traffic for a public address. */
function hopOf(network: NetworkFacts, table: RouteTable, route: Route): Hop {
  const routeText = `route ${describeRoute(route)} in ${table.id}`;
  if (route.state !== 'active') {
    // A route to a failed NAT gateway is a blackhole too: say what happened to the gateway.
    const gateway = route.target.kind === 'nat' ? network.natGateways[route.target.id] : undefined;
    const nat = gateway?.known && gateway.value.state !== 'not-visible' ? gateway.value : undefined;
    const why = nat
      ? `NAT gateway ${nat.id} is ${nat.state}${nat.failureMessage ? ` (${nat.failureMessage})` : ''}`
      : `its ${route.target.kind} target no longer exists`;
    return {
      kind: 'blocked',
      cause: 'blackhole',
      text: `${routeText} is ${route.state === 'blackhole' ? 'a blackhole' : route.state}: ${why}`,
    };
  }
  const evidence = [routeEvidence(table, route)];
  const { kind, id } = route.target;
  switch (kind) {
    case 'igw': {
      if (network.publicIp) {
        return {
          kind: 'path',
          via: 'igw',
          text: `${routeText} leads to internet gateway ${id}, and ${network.networkInterfaceId} has public IP ${network.publicIp}`,
          evidence: [
            ...evidence,
            `DescribeNetworkInterfaces: ${network.networkInterfaceId} public IP ${network.publicIp}`,
          ],
        };
      }
      return {
        kind: 'blocked',
        cause: 'no-public-ip',
        text: `${routeText} leads to internet gateway ${id}, but ${sourceName(network)} has no public IP, and an internet gateway only carries traffic from public addresses`,
      };
    }
    case 'nat':
      return natHop(network, id, routeText, evidence);
    case 'instance':
      return {
        kind: 'path',
        via: 'nat-instance',
        text: `${routeText} leads to EC2 instance ${id}, taken to be a NAT instance (the tool cannot see its NAT set-up)`,
        evidence,
      };
    default:
      return {
        kind: 'unknown',
        text: `${routeText} ${UNJUDGED[kind] ?? `leads to ${id}, which the tool cannot judge`}`,
      };
  }
}

/** Targets beyond which the tool cannot see: the reason for `unknown`. */
const UNJUDGED: Partial<Record<Route['target']['kind'], string>> = {
  tgw: 'leads to a transit gateway; whether that reaches the internet (say, through an egress VPC) depends on transit gateway route tables the tool does not read',
  'vpc-peering':
    "leads to a VPC peering connection; AWS does not route through a peer VPC's internet or NAT gateway, so only a proxy in the peer VPC could carry the traffic",
  vpce: 'leads to a Gateway Load Balancer or AWS Network Firewall endpoint; the firewall decides what passes and its subnet routes onwards',
  vgw: 'leads to a virtual private gateway (VPN or Direct Connect); the on-premises network decides whether the traffic reaches AWS',
  'core-network': 'leads to an AWS Cloud WAN core network, whose routing the tool does not read',
  eni: 'leads to a network interface (an appliance or a NAT instance) the tool cannot judge',
  'carrier-gateway': 'leads to a Wavelength carrier gateway, which the tool does not judge',
  'local-gateway': 'leads to an Outposts local gateway, which the tool does not judge',
  'egress-only-igw': 'leads to an egress-only internet gateway, which carries IPv6 only',
};

/**
 * A NAT gateway carries traffic to the internet only while `available`, and only as a public NAT
 * gateway: a private one forwards to other VPCs or on-premises networks.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
 */
function natHop(network: NetworkFacts, id: string, routeText: string, evidence: string[]): Hop {
  const gateway = factOr(network.natGateways[id], `NAT gateway ${id}`);
  if ('missing' in gateway) {
    return gateway.needs
      ? { kind: 'unknown', text: `${routeText}: ${gateway.missing}`, needs: gateway.needs }
      : { kind: 'unknown', text: `${routeText}: ${gateway.missing}` };
  }
  const { state, connectivityType, failureMessage, ownerId } = gateway.value;
  // The route is active (EC2 marks routes to deleted or failed NAT gateways `blackhole`), so the
  // owner's gateway carries the traffic even though this account cannot describe it.
  if (state === 'not-visible') {
    return {
      kind: 'path',
      via: 'nat',
      text: `${routeText} leads to NAT gateway ${id} of VPC owner ${ownerId}; the subnet is shared through AWS RAM, so only the owner can describe the gateway, and the route is active`,
      evidence: [
        ...evidence,
        `route to ${id}: active (a route to a deleted or failed NAT gateway is a blackhole)`,
      ],
    };
  }
  if (state !== 'available') {
    const why = failureMessage ? ` (${failureMessage})` : '';
    return {
      kind: 'blocked',
      cause: 'nat-down',
      text: `${routeText} leads to NAT gateway ${id}, which is ${state}${why}`,
    };
  }
  if (connectivityType !== 'public') {
    return {
      kind: 'unknown',
      text: `${routeText} leads to private NAT gateway ${id}, which forwards to other networks (a transit gateway or VPN), not to the internet itself`,
    };
  }
  return {
    kind: 'path',
    via: 'nat',
    text: `${routeText} leads to NAT gateway ${id}, which is available`,
    evidence: [...evidence, `DescribeNatGateways: ${id} state=available connectivityType=public`],
  };
}

interface Destination {
  route: Route;
  range: Range;
  length: number;
  fromPrefixList: boolean;
}

/**
 * Routes to a gateway endpoint (S3, DynamoDB) name the service's prefix list and carry only that
 * service's traffic: they cannot match ssmmessages.
 */
function isGatewayEndpointRoute(route: Route): boolean {
  return route.target.kind === 'vpce' && route.destinationPrefixListId !== undefined;
}

/** The IPv4 destinations of the routes, prefix lists expanded; lists that could not be read apart. */
function destinationsOf(network: NetworkFacts, table: RouteTable) {
  const destinations: Destination[] = [];
  const unresolved: { route: Route; missing: string; needs?: string }[] = [];
  for (const route of table.routes) {
    if (route.destinationCidr) {
      const range = cidrRange(route.destinationCidr);
      if (range) {
        destinations.push({
          route,
          range,
          length: prefixLength(route.destinationCidr),
          fromPrefixList: false,
        });
      }
    } else if (route.destinationPrefixListId && !isGatewayEndpointRoute(route)) {
      const list = factOr(
        network.prefixLists[route.destinationPrefixListId],
        `prefix list ${route.destinationPrefixListId}`,
      );
      if ('missing' in list) {
        unresolved.push({ route, ...list });
        continue;
      }
      for (const cidr of list.value.cidrs) {
        const range = cidrRange(cidr);
        if (range) destinations.push({ route, range, length: prefixLength(cidr), fromPrefixList: true });
      }
    }
  }
  return { destinations, unresolved };
}

/**
 * Splits the public address space by winning route: the longest prefix, and on a tie the CIDR
 * route over the prefix-list route. Addresses the `local` route covers are the VPC's own.
 */
function partition(destinations: Destination[]): { route?: Route; ranges: Range[] }[] {
  const local = destinations.filter((destination) => destination.route.target.kind === 'local');
  const space = subtract(
    INTERNET,
    local.map((destination) => destination.range),
  );
  const cuts = new Set<number>();
  for (const [first, last] of space) cuts.add(first).add(last + 1);
  for (const { range } of destinations) cuts.add(range[0]).add(range[1] + 1);
  const points = [...cuts].sort((left, right) => left - right);
  const parts = new Map<Route | undefined, Range[]>();
  for (let index = 0; index < points.length - 1; index++) {
    const segment: Range = [points[index]!, points[index + 1]! - 1];
    if (subtract([segment], space).length > 0) continue;
    const winner = destinations
      .filter((destination) => destination.range[0] <= segment[0] && segment[1] <= destination.range[1])
      .sort(
        (left, right) =>
          right.length - left.length || Number(left.fromPrefixList) - Number(right.fromPrefixList),
      )[0];
    const ranges = parts.get(winner?.route) ?? [];
    ranges.push(segment);
    parts.set(winner?.route, ranges);
  }
  return [...parts.entries()]
    .map(([route, ranges]) => (route ? { route, ranges } : { ranges }))
    .sort((left, right) => addressCount(right.ranges) - addressCount(left.ranges));
}

export function internetPath(target: ExecTarget, network: NetworkFacts): InternetPath {
  const table = factOr(network.routeTable, `the route table of ${network.subnetId}`);
  if ('missing' in table) {
    return table.needs
      ? { kind: 'unknown', hops: [], text: table.missing, needs: table.needs }
      : { kind: 'unknown', hops: [], text: table.missing };
  }
  const routeTable = table.value;
  const { destinations, unresolved } = destinationsOf(network, routeTable);
  const hops: Hop[] = partition(destinations).map(({ route }) =>
    route
      ? hopOf(network, routeTable, route)
      : {
          kind: 'blocked',
          cause: 'no-route',
          text: `route table ${routeTable.id} has no route for public addresses (no 0.0.0.0/0 route)`,
        },
  );
  // A route to a prefix list that could not be read may match ssmmessages: judge its target too.
  for (const { route, missing, needs } of unresolved) {
    const hop = hopOf(network, routeTable, route);
    const kinds = new Set(hops.map((other) => other.kind));
    if (kinds.size === 1 && kinds.has(hop.kind)) continue;
    hops.push(
      needs
        ? { kind: 'unknown', text: `${describeRoute(route)}: ${missing}`, needs }
        : { kind: 'unknown', text: `${describeRoute(route)}: ${missing}` },
    );
  }
  const kinds = new Set(hops.map((hop) => hop.kind));
  const base = { hops, routeTable };
  if (kinds.size === 1) {
    const kind = hops[0]!.kind;
    const needs = hops.map((hop) => (hop.kind === 'unknown' ? hop.needs : undefined)).find(Boolean);
    const text = hops.map((hop) => hop.text).join('; ');
    return needs ? { ...base, kind, text, needs } : { ...base, kind, text };
  }
  return {
    ...base,
    kind: 'unknown',
    text: `public addresses are routed differently: ${hops.map((hop) => hop.text).join('; ')}. Which applies depends on the addresses ${ssmmessagesHost(target)} resolves to`,
  };
}

/** The evidence of a path found: the route, and the gateway or public IP it relies on. */
export function pathEvidence(path: InternetPath): string[] {
  return path.hops.flatMap((hop) => (hop.kind === 'path' ? hop.evidence : []));
}
