import type { NetworkFacts, SecurityGroup, SecurityGroupRule } from '../../model/index.js';
import { factOr } from './facts.js';
import { cidrRanges, type Range, union } from './ipv4.js';

/**
 * What a set of security groups lets through on TCP 443 in one direction. Security groups only
 * allow, and a network interface with several groups gets the union of their rules; they are
 * stateful, so the reply to an allowed connection needs no rule.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
export interface HttpsAllowance {
  /** Addresses the rules allow, CIDRs and readable prefix lists together. */
  ranges: Range[];
  /** Security groups the rules allow by reference. */
  groupIds: Set<string>;
  /** The rules that allow TCP 443, for evidence. */
  rules: string[];
  /** What those rules name: CIDRs, prefix lists and groups. */
  peers: string[];
  /** Groups or prefix lists that could not be read: an allowance the tool may be missing. */
  missing: string[];
  needs?: string;
}

function allowsHttps(rule: SecurityGroupRule): boolean {
  if (rule.protocol === '-1') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  return (rule.fromPort ?? 0) <= 443 && 443 <= (rule.toPort ?? 65535);
}

function describeRule(
  group: SecurityGroup,
  rule: SecurityGroupRule,
  direction: 'ingress' | 'egress',
): string {
  const what = rule.protocol === '-1' ? 'all traffic' : `tcp ${rule.fromPort}-${rule.toPort}`;
  const peers = [...rule.cidrs, ...rule.prefixListIds, ...rule.groupIds].join(', ');
  return `DescribeSecurityGroups: ${group.id} ${direction} ${what} ${direction === 'egress' ? 'to' : 'from'} ${peers}`;
}

export function httpsAllowance(
  network: NetworkFacts,
  groupIds: readonly string[],
  direction: 'ingress' | 'egress',
): HttpsAllowance {
  const allowance: HttpsAllowance = { ranges: [], groupIds: new Set(), rules: [], peers: [], missing: [] };
  const note = (missing: { missing: string; needs?: string }) => {
    allowance.missing.push(missing.missing);
    allowance.needs ??= missing.needs;
  };
  for (const id of groupIds) {
    const group = factOr(network.securityGroups[id], `security group ${id}`);
    if ('missing' in group) {
      note(group);
      continue;
    }
    for (const rule of group.value[direction].filter(allowsHttps)) {
      allowance.rules.push(describeRule(group.value, rule, direction));
      allowance.peers.push(...rule.cidrs, ...rule.prefixListIds, ...rule.groupIds);
      allowance.ranges.push(...cidrRanges(rule.cidrs));
      for (const groupId of rule.groupIds) allowance.groupIds.add(groupId);
      for (const listId of rule.prefixListIds) {
        const list = factOr(network.prefixLists[listId], `prefix list ${listId}`);
        if ('missing' in list) note(list);
        else allowance.ranges.push(...cidrRanges(list.value.cidrs));
      }
    }
  }
  allowance.ranges = union(allowance.ranges);
  allowance.peers = [...new Set(allowance.peers)];
  return allowance;
}

export function referencesAny(allowance: HttpsAllowance, groupIds: readonly string[]): string | undefined {
  return groupIds.find((id) => allowance.groupIds.has(id));
}
