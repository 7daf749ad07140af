import type { NetworkAcl, NetworkAclEntry } from '../../model/index.js';
import { cidrRange, type Range, union } from './ipv4.js';

/**
 * Network ACL evaluation. A network ACL is stateless: outbound requests and inbound replies are
 * judged separately. Rules are tried in rule-number order, the first that matches decides, and
 * traffic no rule matches is denied (the `*` rule).
 * https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
 */

export interface AclTraffic {
  /** Outbound (egress) or inbound. */
  egress: boolean;
  /** TCP destination ports the traffic uses. */
  ports: Range;
  /** The other end's addresses. */
  addresses: Range[];
}

export interface AclVerdict {
  /** The addresses for which every port is allowed. */
  allowed: Range[];
  /** The rules that allowed traffic, for evidence. */
  allowedBy: NetworkAclEntry[];
  /** The first traffic denied, and the rule that denied it (none: the implicit deny). */
  blocked?: { port: number; address: number; rule?: NetworkAclEntry };
}

function matchesTcp(entry: NetworkAclEntry): boolean {
  return entry.protocol === '-1' || entry.protocol === '6' || entry.protocol === 'tcp';
}

function portsOf(entry: NetworkAclEntry): Range {
  return entry.protocol === '-1' ? [0, 65535] : [entry.fromPort ?? 0, entry.toPort ?? 65535];
}

/** Splits `ranges` (clipped to `within`) at every boundary of `cuts`, so no piece straddles one. */
function pieces(within: readonly Range[], cuts: readonly Range[]): Range[] {
  const points = new Set<number>();
  for (const [first, last] of [...within, ...cuts]) points.add(first).add(last + 1);
  const sorted = [...points].sort((left, right) => left - right);
  const result: Range[] = [];
  for (let index = 0; index < sorted.length - 1; index++) {
    const piece: Range = [sorted[index]!, sorted[index + 1]! - 1];
    if (within.some(([first, last]) => first <= piece[0] && piece[1] <= last)) result.push(piece);
  }
  return result;
}

function inside(value: number, [first, last]: Range): boolean {
  return first <= value && value <= last;
}

export function evaluateAcl(acl: NetworkAcl, traffic: AclTraffic): AclVerdict {
  const entries = acl.entries
    .filter((entry) => entry.egress === traffic.egress && entry.cidr && matchesTcp(entry))
    .sort((left, right) => left.ruleNumber - right.ruleNumber)
    .map((entry) => ({ entry, ports: portsOf(entry), addresses: cidrRange(entry.cidr!)! }))
    .filter((rule) => rule.addresses !== undefined);
  const portPieces = pieces(
    [traffic.ports],
    entries.map((rule) => rule.ports),
  );
  const addressPieces = pieces(
    union(traffic.addresses),
    entries.map((rule) => rule.addresses),
  );
  const verdict: AclVerdict = { allowed: [], allowedBy: [] };
  for (const addresses of addressPieces) {
    let allAllowed = true;
    for (const ports of portPieces) {
      const rule = entries.find(
        (candidate) => inside(ports[0], candidate.ports) && inside(addresses[0], candidate.addresses),
      );
      if (rule?.entry.action === 'allow') {
        if (!verdict.allowedBy.includes(rule.entry)) verdict.allowedBy.push(rule.entry);
        continue;
      }
      allAllowed = false;
      verdict.blocked ??= rule
        ? { port: ports[0], address: addresses[0], rule: rule.entry }
        : { port: ports[0], address: addresses[0] };
    }
    if (allAllowed) verdict.allowed.push(addresses);
  }
  verdict.allowed = union(verdict.allowed);
  return verdict;
}

/** "rule 100 (allow tcp 443-443 to 0.0.0.0/0)" */
export function describeEntry(entry: NetworkAclEntry): string {
  const ports = entry.protocol === '-1' ? 'all traffic' : `tcp ${entry.fromPort}-${entry.toPort}`;
  const rule = entry.ruleNumber === 32767 ? 'rule *' : `rule ${entry.ruleNumber}`;
  return `${rule} (${entry.action} ${ports} ${entry.egress ? 'to' : 'from'} ${entry.cidr})`;
}

/**
 * A free rule number for an allow that takes effect: below the rule that blocks (rules are tried in
 * order), or, when only the final `*` rule blocks, any free number.
 */
export function freeRuleNumber(acl: NetworkAcl, egress: boolean, blockingRule: number | undefined): number {
  const used = new Set(
    acl.entries.filter((entry) => entry.egress === egress).map((entry) => entry.ruleNumber),
  );
  if (blockingRule === undefined || blockingRule >= 32767) {
    let candidate = 100;
    while (used.has(candidate)) candidate += 100;
    return candidate;
  }
  for (let candidate = blockingRule - 1; candidate >= 1; candidate--) {
    if (!used.has(candidate)) return candidate;
  }
  return 1;
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}
