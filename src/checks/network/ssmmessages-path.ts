import type { ExecTarget, NetworkFacts } from '../../model/index.js';
import { fail, pass, unknown } from '../results.js';
import { taskResource } from '../target-helpers.js';
import { launchTypeOf } from '../task/launch-type.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { judgeEndpointPolicy } from './endpoint-policy.js';
import { problemsText } from './endpoints.js';
import { networkOf, sentence, sharedNote, sourceName, ssmmessagesHost } from './facts.js';
import { assignPublicIpFix, createInterfaceEndpointFix } from './fixes.js';
import { type SsmmessagesPath, ssmmessagesPath } from './path.js';
import { pathEvidence } from './routes.js';

/**
 * The SSM agent in the container opens its control and data channels to ssmmessages over HTTPS.
 * Without a way there the agent never connects, and ExecuteCommand fails with
 * TargetNotConnectedException. The ways: an interface endpoint with private DNS, a NAT gateway
 * or instance, or an internet gateway with a public IP.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
const SSMMESSAGES_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
].map((action) => ({ action, resource: '*' }));

function endpointResult(target: ExecTarget, network: NetworkFacts, path: SsmmessagesPath): CheckResult {
  const resource = taskResource(target);
  const endpoint = path.endpoint.endpoint!;
  const policy = judgeEndpointPolicy(target, network, endpoint, SSMMESSAGES_ACTIONS);
  if (policy.kind === 'denied') {
    return fail(
      resource,
      `The task reaches ssmmessages through interface endpoint ${endpoint.id}, but ${policy.text}.${sharedNote(target, network)}`,
      policy.fix,
      path.endpoint.evidence,
    );
  }
  if (policy.kind === 'unknown')
    return unknown(
      resource,
      `The task reaches ssmmessages through interface endpoint ${endpoint.id}, but ${policy.text}.`,
    );
  return pass(
    resource,
    `The task reaches ssmmessages through interface endpoint ${endpoint.id} (private DNS on, VPC DNS support and hostnames on).${sharedNote(target, network)}`,
    [...(path.endpoint.evidence as [string, ...string[]]), policy.evidence],
  );
}

/** What else the path's message should say about the endpoint that is not used. */
function endpointNote(path: SsmmessagesPath): string {
  const endpoint = path.endpoint;
  if (endpoint.kind === 'unusable')
    return ` The VPC's ssmmessages endpoint is not used: ${problemsText(endpoint.problems)}.`;
  if (endpoint.kind === 'unknown') return ` (The VPC's endpoints are not known: ${endpoint.missing}.)`;
  return '';
}

/** The fix for a subnet with no way to ssmmessages, from the most specific cause. */
function noPathFix(target: ExecTarget, network: NetworkFacts, path: SsmmessagesPath): Fix {
  const endpoint = path.endpoint;
  if (endpoint.kind === 'unusable') {
    return {
      summary: `Make the ssmmessages endpoint ${endpoint.endpoint!.id} usable: ${problemsText(endpoint.problems)}.`,
      cli: endpoint.problems.map((problem) => problem.cli).join('\n'),
      cloudformation:
        'AWS::EC2::VPCEndpoint PrivateDnsEnabled: true; AWS::EC2::VPC EnableDnsSupport: true, EnableDnsHostnames: true',
      terraform:
        'aws_vpc_endpoint: private_dns_enabled = true; aws_vpc: enable_dns_support = true, enable_dns_hostnames = true',
    };
  }
  const why = `subnet ${network.subnetId} has no way to ${ssmmessagesHost(target)}.`;
  const igwWithoutIp = path.internet.hops.some(
    (hop) => hop.kind === 'blocked' && hop.cause === 'no-public-ip',
  );
  if (
    igwWithoutIp &&
    network.source === 'task-eni' &&
    target.task &&
    launchTypeOf(target.task) === 'FARGATE'
  ) {
    return assignPublicIpFix(target, network, why);
  }
  const table = path.internet.routeTable;
  const alternative = table
    ? ` Or route 0.0.0.0/0 to an available NAT gateway instead: aws ec2 replace-route --route-table-id ${table.id} --destination-cidr-block 0.0.0.0/0 --nat-gateway-id NAT_GATEWAY_ID --region ${target.region} (create-route if there is none).`
    : '';
  return createInterfaceEndpointFix(target, network, 'ssmmessages', why, alternative);
}

function judge(target: ExecTarget, network: NetworkFacts): CheckResult {
  const resource = taskResource(target);
  const path = ssmmessagesPath(target, network);
  const shared = sharedNote(target, network);
  switch (path.kind) {
    case 'endpoint':
      return endpointResult(target, network, path);
    case 'internet':
      return pass(
        resource,
        `The task reaches ${ssmmessagesHost(target)} from ${sourceName(network)}: ${path.internet.text}.${endpointNote(path)}${shared}`,
        pathEvidence(path.internet) as [string, ...string[]],
      );
    case 'proxy':
      return unknown(
        resource,
        `The SSM agent sends HTTPS through a proxy (${path.proxies.join(', ')}): the proxy, which the tool cannot see, must reach ${ssmmessagesHost(target)} on 443, or NO_PROXY must list it.`,
        'a proxy that reaches ssmmessages',
      );
    case 'unknown': {
      const reasons = [path.internet.text];
      if (path.endpoint.kind === 'unknown') reasons.push(path.endpoint.missing ?? '');
      else if (path.endpoint.kind === 'unusable')
        reasons.push(`the ssmmessages endpoint is not used: ${problemsText(path.endpoint.problems)}`);
      return unknown(
        resource,
        `Whether ${sourceName(network)} reaches ${ssmmessagesHost(target)} cannot be told: ${reasons.join('; ')}.${shared}`,
        path.internet.needs ?? path.endpoint.needs,
      );
    }
    case 'none': {
      const endpointText =
        path.endpoint.kind === 'absent'
          ? `VPC ${network.vpcId} has no ssmmessages interface endpoint`
          : `the ssmmessages endpoint is not used: ${problemsText(path.endpoint.problems)}`;
      return fail(
        resource,
        `${sentence(sourceName(network))} in subnet ${network.subnetId} cannot reach ${ssmmessagesHost(target)}: ${path.internet.text}; and ${endpointText}. The SSM agent cannot connect, so exec fails with TargetNotConnectedException.${shared}`,
        noPathFix(target, network, path),
        [...path.endpoint.evidence, ...routeTableEvidence(path)],
      );
    }
  }
}

function routeTableEvidence(path: SsmmessagesPath): string[] {
  const table = path.internet.routeTable;
  if (!table) return [];
  const routes = table.routes.map(
    (route) =>
      `${route.destinationCidr ?? route.destinationPrefixListId ?? route.destinationIpv6Cidr} → ${route.target.id} (${route.state})`,
  );
  return [
    `DescribeRouteTables: ${table.id}${table.main ? ' (main route table)' : ''} routes: ${routes.join(', ') || 'none'}`,
  ];
}

export const networkSsmmessagesPath = defineCheck({
  id: 'network.ssmmessages-path',
  title: "The task's subnet can reach ssmmessages over HTTPS",
  layer: 'network',
  suite: 'readiness',
  modes: ['live'],
  needs: ['network'],
  rationale:
    'The SSM agent in the container connects to ssmmessages over HTTPS (443). It needs an ssmmessages interface endpoint with private DNS (and VPC DNS support and hostnames on), a default route to a NAT gateway or instance, or a default route to an internet gateway with a public IP on the task (or its EC2 host). Without one the agent never connects and exec fails with TargetNotConnectedException.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html',
    ],
  },
  docs: {
    passes:
      'An available ssmmessages interface endpoint with private DNS (VPC DNS support and hostnames on) whose policy allows the four ssmmessages actions; or the route that wins for public addresses leads to an available public NAT gateway, a NAT instance, or an internet gateway while the task ENI (or EC2 host) has a public IP.',
    fails:
      'No route to the internet and no usable endpoint (an isolated subnet, a blackhole route, a failed NAT gateway, an internet gateway without a public IP, an endpoint with private DNS off), or an endpoint policy that denies the channel actions. Unknown: routes through a transit gateway, firewall, peering, VPN or Cloud WAN, more specific public routes that disagree, a proxy in the container, or EC2 facts the tool could not read.',
    fix: {
      cli: 'aws ec2 create-vpc-endpoint --vpc-id VPC_ID --vpc-endpoint-type Interface --service-name com.amazonaws.REGION.ssmmessages --subnet-ids SUBNET_ID --security-group-ids ENDPOINT_SG --private-dns-enabled --region REGION',
      cloudformation:
        'AWS::EC2::VPCEndpoint: ServiceName: com.amazonaws.REGION.ssmmessages, VpcEndpointType: Interface, PrivateDnsEnabled: true',
      terraform:
        'aws_vpc_endpoint: service_name = "com.amazonaws.REGION.ssmmessages", vpc_endpoint_type = "Interface", private_dns_enabled = true',
      cdk: "vpc.addInterfaceEndpoint('ssmmessages', { service: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES })",
    },
    notApplicable:
      'Lint mode, ECS Anywhere tasks, and IPv6-only subnets (task.launch-type-supported reports those).',
  },
  run(target) {
    const facts = networkOf(target);
    if ('result' in facts) return [facts.result];
    return [judge(target, facts.network)];
  },
});
