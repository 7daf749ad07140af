import type { ExecTarget, NetworkFacts, VpcEndpoint } from '../../model/index.js';
import { fail, pass, unknown } from '../results.js';
import { regionFlag } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { endpointInterfaces } from './endpoints.js';
import { ec2Arn, sentence, sourceName, ssmmessagesHost, vpcOwner } from './facts.js';
import { ALL_ADDRESSES, cidrRanges, covers, INTERNET, intersect } from './ipv4.js';
import { judgeFilterOnPath } from './path.js';
import { type HttpsAllowance, httpsAllowance, referencesAny } from './security-group-rules.js';

/**
 * The task's security groups must let it open HTTPS connections to where ssmmessages traffic
 * goes, and an interface endpoint's security groups must let the task in on 443: an endpoint is
 * a set of network interfaces, filtered like any other.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html#interface-endpoint-security-groups
 */

function groupList(ids: readonly string[]): string {
  return ids.length === 1 ? `security group ${ids[0]}` : `security groups ${ids.join(', ')}`;
}

/** "Security group sg-… of … allows" or "Security groups sg-…, sg-… of … allow". */
function groupsOf(ids: readonly string[], owner: string): { who: string; allow: string; doNot: string } {
  const one = ids.length === 1;
  return {
    who: sentence(`${groupList(ids)} of ${owner}`),
    allow: one ? 'allows' : 'allow',
    doNot: one ? 'does not allow' : 'do not allow',
  };
}

/** The rules behind a pass: a pass always rests on at least one rule. */
function ruleEvidence(allowance: HttpsAllowance): [string, ...string[]] {
  return allowance.rules as [string, ...string[]];
}

function egressFix(target: ExecTarget, network: NetworkFacts, peer: string, to: string): Fix {
  const group = network.securityGroupIds[0] ?? 'SECURITY_GROUP_ID';
  return {
    summary: `Allow outbound TCP 443 from ${group} to ${to}.`,
    cli: `aws ec2 authorize-security-group-egress --group-id ${group} --ip-permissions '${peer}' ${regionFlag(target)}`,
    cloudformation: `AWS::EC2::SecurityGroupEgress: GroupId: ${group}, IpProtocol: tcp, FromPort: 443, ToPort: 443, ${peer.includes('GroupId') ? 'DestinationSecurityGroupId' : 'CidrIp'}: ${to}`,
    terraform: `aws_vpc_security_group_egress_rule: security_group_id = "${group}", ip_protocol = "tcp", from_port = 443, to_port = 443`,
  };
}

function taskEgressToInternet(target: ExecTarget, network: NetworkFacts): CheckResult {
  const groups = network.securityGroupIds;
  const resource = ec2Arn(
    target,
    target.accountId,
    'security-group',
    groups[0] ?? network.networkInterfaceId,
  );
  const allowance = httpsAllowance(network, groups, 'egress');
  const host = ssmmessagesHost(target);
  const { who, allow, doNot } = groupsOf(groups, sourceName(network));
  if (covers(allowance.ranges, INTERNET)) {
    return pass(
      resource,
      `${who} ${allow} outbound TCP 443 to the internet, where ${host} answers.`,
      ruleEvidence(allowance),
    );
  }
  if (allowance.missing.length > 0) {
    return unknown(
      resource,
      `Could not tell whether ${groupList(groups)} allow outbound TCP 443 to ${host}: ${allowance.missing.join('; ')}.`,
      allowance.needs,
    );
  }
  if (intersect(allowance.ranges, INTERNET).length > 0) {
    return unknown(
      resource,
      `${who} ${allow} outbound TCP 443 only to ${allowance.peers.join(', ')}: whether ${host} resolves to addresses inside them cannot be known offline. Allowing 0.0.0.0/0 on 443 (or adding an ssmmessages endpoint) removes the doubt.`,
      `the addresses ${host} resolves to`,
    );
  }
  return fail(
    resource,
    `${who} ${doNot} outbound TCP 443 to any public addresses${allowance.peers.length > 0 ? ` (only to ${allowance.peers.join(', ')})` : ''}, so the SSM agent cannot reach ${host}.`,
    egressFix(
      target,
      network,
      'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]',
      '0.0.0.0/0',
    ),
    allowance.rules,
  );
}

function taskEgressToEndpoint(target: ExecTarget, network: NetworkFacts, endpoint: VpcEndpoint): CheckResult {
  const groups = network.securityGroupIds;
  const resource = ec2Arn(
    target,
    target.accountId,
    'security-group',
    groups[0] ?? network.networkInterfaceId,
  );
  const allowance = httpsAllowance(network, groups, 'egress');
  const { who, allow, doNot } = groupsOf(groups, sourceName(network));
  const referenced = referencesAny(allowance, endpoint.securityGroupIds);
  const passed = (how: string) =>
    pass(
      resource,
      `${who} ${allow} outbound TCP 443 to ssmmessages endpoint ${endpoint.id} (${how}).`,
      ruleEvidence(allowance),
    );
  if (referenced) return passed(`its security group ${referenced}`);
  if (covers(allowance.ranges, ALL_ADDRESSES)) return passed('every address');
  const interfaces = endpointInterfaces(network, endpoint);
  if ('value' in interfaces) {
    const blocked = interfaces.value.filter((eni) => !covers(allowance.ranges, cidrRanges([eni.privateIp])));
    if (blocked.length === 0)
      return passed(`its interfaces ${interfaces.value.map((eni) => eni.privateIp).join(', ')}`);
    if (allowance.missing.length === 0) {
      const endpointGroup = endpoint.securityGroupIds[0];
      return fail(
        resource,
        `${who} ${doNot} outbound TCP 443 to ssmmessages endpoint ${endpoint.id} (interfaces ${blocked.map((eni) => eni.privateIp).join(', ')}${endpointGroup ? `, security group ${endpointGroup}` : ''}), so the SSM agent cannot connect.`,
        endpointGroup
          ? egressFix(
              target,
              network,
              `IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=${endpointGroup}}]`,
              endpointGroup,
            )
          : egressFix(
              target,
              network,
              `IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=${blocked[0]!.privateIp}/32}]`,
              blocked[0]!.privateIp,
            ),
        allowance.rules,
      );
    }
  }
  const reasons = [...allowance.missing, ...('missing' in interfaces ? [interfaces.missing] : [])];
  return unknown(
    resource,
    `Could not tell whether ${groupList(groups)} allow outbound TCP 443 to ssmmessages endpoint ${endpoint.id}: ${reasons.join('; ')}.`,
    allowance.needs ?? ('needs' in interfaces ? interfaces.needs : undefined),
  );
}

function endpointIngress(target: ExecTarget, network: NetworkFacts, endpoint: VpcEndpoint): CheckResult {
  const groups = endpoint.securityGroupIds;
  const resource = ec2Arn(target, vpcOwner(target, network), 'security-group', groups[0] ?? endpoint.id);
  const allowance = httpsAllowance(network, groups, 'ingress');
  const { who, allow, doNot } = groupsOf(groups, `ssmmessages endpoint ${endpoint.id}`);
  const referenced = referencesAny(allowance, network.securityGroupIds);
  if (referenced) {
    return pass(
      resource,
      `${who} ${allow} inbound TCP 443 from the task's security group ${referenced}.`,
      ruleEvidence(allowance),
    );
  }
  const address = network.privateIp;
  if (address && covers(allowance.ranges, cidrRanges([address]))) {
    return pass(
      resource,
      `${who} ${allow} inbound TCP 443 from the task's address ${address}.`,
      ruleEvidence(allowance),
    );
  }
  if (allowance.missing.length > 0 || !address) {
    const reasons = [
      ...allowance.missing,
      ...(address ? [] : [`the private IP of ${network.networkInterfaceId} is not known`]),
    ];
    return unknown(
      resource,
      `Could not tell whether ${groupList(groups)} of endpoint ${endpoint.id} allow inbound TCP 443 from the task: ${reasons.join('; ')}.`,
      allowance.needs,
    );
  }
  const endpointGroup = groups[0] ?? 'ENDPOINT_SECURITY_GROUP_ID';
  const taskGroup = network.securityGroupIds[0];
  const source = taskGroup ? `--source-group ${taskGroup}` : `--cidr ${address}/32`;
  return fail(
    resource,
    `${who} ${doNot} inbound TCP 443 from the task (${sourceName(network)}, ${address}${taskGroup ? `, ${groupList(network.securityGroupIds)}` : ''}), so the endpoint drops the SSM agent's connections.`,
    {
      summary: `Allow inbound TCP 443 on ${endpointGroup} from ${taskGroup ?? address}.`,
      cli: `aws ec2 authorize-security-group-ingress --group-id ${endpointGroup} --protocol tcp --port 443 ${source} ${regionFlag(target)}`,
      cloudformation: `AWS::EC2::SecurityGroupIngress: GroupId: ${endpointGroup}, IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: ${taskGroup ?? address}`,
      terraform: `aws_vpc_security_group_ingress_rule: security_group_id = "${endpointGroup}", ip_protocol = "tcp", from_port = 443, to_port = 443, referenced_security_group_id = "${taskGroup ?? address}"`,
    },
    allowance.rules,
  );
}

export const networkSecurityGroups = defineCheck({
  id: 'network.security-groups',
  title: 'Security groups allow HTTPS from the task to ssmmessages',
  layer: 'network',
  suite: 'readiness',
  modes: ['live'],
  needs: ['network'],
  rationale:
    "The task's security groups must allow outbound TCP 443 to where its ssmmessages traffic goes (public addresses, or the endpoint's interfaces), and an ssmmessages interface endpoint's security groups must allow inbound TCP 443 from the task. Otherwise the SSM agent's connections are dropped and exec fails with TargetNotConnectedException.",
  references: {
    docs: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
    ],
  },
  docs: {
    passes:
      "The task's security groups allow outbound TCP 443 to every public address (or to the endpoint's security group, interfaces or a prefix list holding them), and the endpoint's security groups allow inbound TCP 443 from a task security group or the task's address.",
    fails:
      'No outbound rule for TCP 443 to the destination, or no inbound rule on the endpoint for the task. Unknown: outbound 443 allowed only to some public addresses (ssmmessages addresses cannot be known offline), a proxy, or groups and prefix lists the tool could not read.',
    fix: {
      cli: 'aws ec2 authorize-security-group-ingress --group-id ENDPOINT_SG --protocol tcp --port 443 --source-group TASK_SG --region REGION',
      cloudformation:
        'AWS::EC2::SecurityGroupIngress: IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: TASK_SG',
      terraform:
        'aws_vpc_security_group_ingress_rule: from_port = 443, to_port = 443, referenced_security_group_id = TASK_SG',
    },
    notApplicable:
      'Lint mode, ECS Anywhere, IPv6-only subnets, and subnets with no path to ssmmessages (network.ssmmessages-path fails).',
  },
  run(target) {
    return judgeFilterOnPath(target, {
      filters: 'the security groups',
      rules: 'security-group',
      internet: (network) => [taskEgressToInternet(target, network)],
      endpoint: (network, endpoint) => [
        taskEgressToEndpoint(target, network, endpoint),
        endpointIngress(target, network, endpoint),
      ],
    });
  },
});
