import type { ExecTarget, NetworkAcl, NetworkFacts, VpcEndpoint } from '../../model/index.js';
import { fail, pass, unknown, unknownFromFact } from '../results.js';
import { isWindows, regionFlag, taskResource } from '../target-helpers.js';
import { type CheckResult, defineCheck } from '../types.js';
import {
  type AclTraffic,
  type AclVerdict,
  describeEntry,
  evaluateAcl,
  formatIpv4,
  freeRuleNumber,
} from './acl-rules.js';
import { endpointInterfaces } from './endpoints.js';
import { ec2Arn, ssmmessagesHost, vpcOwner } from './facts.js';
import { cidrRanges, covers, INTERNET, intersect, type Range } from './ipv4.js';
import { judgeFilterOnPath } from './path.js';

/**
 * Network ACLs are stateless: the subnet's ACL must allow the outbound HTTPS request and, as a
 * separate inbound rule, the reply to the task's ephemeral port. With an interface endpoint in
 * another subnet, that subnet's ACL must allow the mirror image. Traffic that stays inside one
 * subnet is not filtered by ACLs.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 */

/** The ports the task's operating system picks its source port from: the replies come back to them. */
function ephemeralPorts(target: ExecTarget): Range {
  return isWindows(target) ? [49152, 65535] : [32768, 60999];
}

/** One direction of traffic an ACL must allow, and how to allow it. */
interface Leg extends AclTraffic {
  text: string;
  fixCidr: string;
  fixPorts: Range;
}

function subnetAcl(
  target: ExecTarget,
  network: NetworkFacts,
  subnetId: string,
): { acl: NetworkAcl } | { result: CheckResult } {
  const fact = network.networkAcls[subnetId];
  const resource = ec2Arn(target, vpcOwner(target, network), 'subnet', subnetId);
  if (!fact) return { result: unknown(resource, `The network ACL of subnet ${subnetId} was not collected.`) };
  if (!fact.known)
    return { result: unknownFromFact(resource, `the network ACL of subnet ${subnetId}`, fact) };
  return { acl: fact.value };
}

/**
 * Judges one subnet's ACL for all the legs. `exact`: the addresses are the very ones used (an
 * endpoint's interfaces, the task); otherwise they stand for public addresses, of which ssmmessages
 * uses only some, so a partial allowance is `unknown`.
 */
function judgeAcl(
  target: ExecTarget,
  network: NetworkFacts,
  subnetId: string,
  legs: Leg[],
  exact: boolean,
  consequence: string,
): CheckResult {
  const found = subnetAcl(target, network, subnetId);
  if ('result' in found) return found.result;
  const { acl } = found;
  const resource = ec2Arn(target, vpcOwner(target, network), 'network-acl', acl.id);
  const name = `Network ACL ${acl.id} of subnet ${subnetId}`;
  const verdicts = legs.map((leg) => ({ leg, verdict: evaluateAcl(acl, leg) }));
  const working = verdicts.reduce<Range[]>(
    (addresses, { verdict }) => intersect(addresses, verdict.allowed),
    legs[0]!.addresses,
  );
  if (covers(working, legs[0]!.addresses)) {
    const rules = [...new Set(verdicts.flatMap(({ verdict }) => verdict.allowedBy))];
    return pass(
      resource,
      `${name} allows ${legs.map((leg) => leg.text).join(' and ')}.`,
      rules.map((entry) => `DescribeNetworkAcls: ${acl.id} ${describeEntry(entry)}`) as [string, ...string[]],
    );
  }
  const blocking = verdicts.filter(({ verdict }) => !covers(verdict.allowed, legs[0]!.addresses));
  const reasons = blocking.map(({ leg, verdict }) => `${leg.text}: ${blockedText(verdict)}`);
  if (!exact && working.length > 0) {
    return unknown(
      resource,
      `${name} allows ${legs.map((leg) => leg.text).join(' and ')} for some public addresses only (${reasons.join('; ')}): whether ${ssmmessagesHost(target)} resolves to an allowed one cannot be known offline.`,
      `the addresses ${ssmmessagesHost(target)} resolves to`,
    );
  }
  const commands = blocking.map(({ leg, verdict }) => {
    const direction = leg.egress ? '--egress' : '--ingress';
    const number = freeRuleNumber(acl, leg.egress, verdict.blocked?.rule?.ruleNumber);
    return `aws ec2 create-network-acl-entry --network-acl-id ${acl.id} ${direction} --rule-number ${number} --protocol tcp --port-range From=${leg.fixPorts[0]},To=${leg.fixPorts[1]} --cidr-block ${leg.fixCidr} --rule-action allow ${regionFlag(target)}`;
  });
  return fail(
    resource,
    `${name} blocks ${reasons.join('; ')}: ${consequence}`,
    {
      summary: `Add allow rules to ${acl.id} before the rules that block (replies need the ephemeral ports; AWS suggests 1024-65535).`,
      cli: commands.join('\n'),
      cloudformation: `AWS::EC2::NetworkAclEntry: NetworkAclId: ${acl.id}, Protocol: 6, RuleAction: allow, ${blocking.map(({ leg }) => `{Egress: ${leg.egress}, PortRange: {From: ${leg.fixPorts[0]}, To: ${leg.fixPorts[1]}}, CidrBlock: ${leg.fixCidr}}`).join(', ')}`,
      terraform: `aws_network_acl_rule: network_acl_id = "${acl.id}", protocol = "tcp", rule_action = "allow", ${blocking.map(({ leg }) => `{egress = ${leg.egress}, from_port = ${leg.fixPorts[0]}, to_port = ${leg.fixPorts[1]}, cidr_block = "${leg.fixCidr}"}`).join(', ')}`,
    },
    verdicts
      .flatMap(({ verdict }) => verdict.allowedBy)
      .map((entry) => `DescribeNetworkAcls: ${acl.id} ${describeEntry(entry)}`),
  );
}

function blockedText(verdict: AclVerdict): string {
  const blocked = verdict.blocked!;
  const by = blocked.rule ? describeEntry(blocked.rule) : 'no rule allows it';
  return `e.g. port ${blocked.port}, address ${formatIpv4(blocked.address)}, ${by}`;
}

function internetLegs(target: ExecTarget): Leg[] {
  const ephemeral = ephemeralPorts(target);
  return [
    {
      egress: true,
      ports: [443, 443],
      addresses: INTERNET,
      text: 'outbound TCP 443 to the internet',
      fixCidr: '0.0.0.0/0',
      fixPorts: [443, 443],
    },
    {
      egress: false,
      ports: ephemeral,
      addresses: INTERNET,
      text: `inbound TCP ${ephemeral[0]}-${ephemeral[1]} (replies) from the internet`,
      fixCidr: '0.0.0.0/0',
      fixPorts: [1024, 65535],
    },
  ];
}

function endpointResults(target: ExecTarget, network: NetworkFacts, endpoint: VpcEndpoint): CheckResult[] {
  const taskSubnet = network.subnetId;
  const interfaces = endpointInterfaces(network, endpoint);
  const ephemeral = ephemeralPorts(target);
  const consequence = `the SSM agent cannot talk to ssmmessages endpoint ${endpoint.id}.`;
  if ('value' in interfaces && interfaces.value.every((eni) => eni.subnetId === taskSubnet)) {
    return [
      pass(
        taskResource(target),
        `Traffic to ssmmessages endpoint ${endpoint.id} stays inside subnet ${taskSubnet}; network ACLs only filter traffic between subnets.`,
        interfaces.value.map(
          (eni) => `DescribeNetworkInterfaces: ${eni.id} ${eni.privateIp} in ${eni.subnetId}`,
        ) as [string, ...string[]],
      ),
    ];
  }
  const results: CheckResult[] = [];
  if ('value' in interfaces) {
    const remote = interfaces.value.filter((eni) => eni.subnetId !== taskSubnet);
    const addresses = cidrRanges(remote.map((eni) => eni.privateIp));
    const list = remote.map((eni) => eni.privateIp).join(', ');
    const legs: Leg[] = [
      {
        egress: true,
        ports: [443, 443],
        addresses,
        text: `outbound TCP 443 to the endpoint (${list})`,
        fixCidr: `${remote[0]!.privateIp}/32`,
        fixPorts: [443, 443],
      },
      {
        egress: false,
        ports: ephemeral,
        addresses,
        text: `inbound TCP ${ephemeral[0]}-${ephemeral[1]} (replies) from the endpoint`,
        fixCidr: `${remote[0]!.privateIp}/32`,
        fixPorts: [1024, 65535],
      },
    ];
    results.push(judgeAcl(target, network, taskSubnet, legs, true, consequence));
  } else {
    results.push(
      unknown(
        taskResource(target),
        `Could not judge the network ACL of the task's subnet against endpoint ${endpoint.id}: ${interfaces.missing}.`,
        interfaces.needs,
      ),
    );
  }
  const endpointSubnets =
    'value' in interfaces ? [...new Set(interfaces.value.map((eni) => eni.subnetId))] : endpoint.subnetIds;
  const taskAddress = network.privateIp;
  for (const subnetId of endpointSubnets.filter((id) => id !== taskSubnet)) {
    if (!taskAddress) {
      results.push(
        unknown(
          taskResource(target),
          `Could not judge the network ACL of endpoint subnet ${subnetId}: the task's private IP is not known.`,
        ),
      );
      continue;
    }
    const fixCidr =
      network.subnet.known && network.subnet.value.cidr ? network.subnet.value.cidr : `${taskAddress}/32`;
    const addresses = cidrRanges([taskAddress]);
    const legs: Leg[] = [
      {
        egress: false,
        ports: [443, 443],
        addresses,
        text: `inbound TCP 443 from the task (${taskAddress})`,
        fixCidr,
        fixPorts: [443, 443],
      },
      {
        egress: true,
        ports: ephemeral,
        addresses,
        text: `outbound TCP ${ephemeral[0]}-${ephemeral[1]} (replies) to the task`,
        fixCidr,
        fixPorts: [1024, 65535],
      },
    ];
    results.push(judgeAcl(target, network, subnetId, legs, true, consequence));
  }
  return results;
}

export const networkNacl = defineCheck({
  id: 'network.nacl',
  title: "Network ACLs allow the task's HTTPS to ssmmessages and its replies",
  layer: 'network',
  suite: 'readiness',
  modes: ['live'],
  needs: ['network'],
  rationale:
    "Network ACLs are stateless. The subnet's ACL must allow outbound TCP 443 and, separately, the inbound replies to the task's ephemeral ports; with an interface endpoint in another subnet, that subnet's ACL must allow the mirror image. Otherwise the SSM agent's connections fail and exec fails with TargetNotConnectedException.",
  references: {
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html',
    ],
  },
  docs: {
    passes:
      "Taking rules in rule-number order with the final deny, the task subnet's ACL allows outbound TCP 443 and inbound replies to the task's ephemeral ports (Linux 32768-60999, Windows 49152-65535) for every public address (or for the endpoint's interfaces), and each endpoint subnet's ACL allows the mirror image.",
    fails:
      'A rule (or the final `*` deny) blocks the request or the replies. Unknown: only some public addresses are allowed (ssmmessages addresses cannot be known offline), or the ACL could not be read.',
    fix: {
      cli: 'aws ec2 create-network-acl-entry --network-acl-id ACL_ID --ingress --rule-number 100 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0.0.0.0/0 --rule-action allow --region REGION',
      cloudformation:
        'AWS::EC2::NetworkAclEntry: Protocol: 6, RuleAction: allow, PortRange: {From: 1024, To: 65535}',
      terraform:
        'aws_network_acl_rule: protocol = "tcp", rule_action = "allow", from_port = 1024, to_port = 65535',
    },
    notApplicable:
      'Lint mode, ECS Anywhere, IPv6-only subnets, and subnets with no path to ssmmessages (network.ssmmessages-path fails).',
  },
  run(target) {
    return judgeFilterOnPath(target, {
      filters: 'the network ACL',
      rules: 'network ACL',
      endpoint: (network, endpoint) => endpointResults(target, network, endpoint),
      internet: (network) => [
        judgeAcl(
          target,
          network,
          network.subnetId,
          internetLegs(target),
          false,
          `the SSM agent cannot reach ${ssmmessagesHost(target)}.`,
        ),
      ],
    });
  },
});
