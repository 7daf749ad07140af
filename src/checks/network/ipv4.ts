/**
 * IPv4 address sets as sorted, disjoint, inclusive [first, last] ranges of 32-bit numbers: what
 * routes, security-group rules and network ACL entries match is a set of such ranges.
 */
export type Range = readonly [number, number];

const LAST_ADDRESS = 2 ** 32 - 1;

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
    return undefined;
  }
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
}

/** `10.0.0.0/16` → its range; a bare address is a /32. Undefined for IPv6 or malformed text. */
export function cidrRange(cidr: string): Range | undefined {
  const [address, bits = '32'] = cidr.split('/');
  const start = parseIpv4(address ?? '');
  const length = Number(bits);
  if (start === undefined || !Number.isInteger(length) || length < 0 || length > 32) return undefined;
  const size = 2 ** (32 - length);
  const first = Math.floor(start / size) * size;
  return [first, first + size - 1];
}

export function cidrRanges(cidrs: readonly string[]): Range[] {
  return union(cidrs.map(cidrRange).filter((range): range is Range => range !== undefined));
}

export function prefixLength(cidr: string): number {
  return Number(cidr.split('/')[1] ?? 32);
}

/** Sorts and merges overlapping or adjacent ranges. */
export function union(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((left, right) => left[0] - right[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged.at(-1);
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

export function intersect(left: readonly Range[], right: readonly Range[]): Range[] {
  const result: Range[] = [];
  for (const [a, b] of union(left)) {
    for (const [c, d] of union(right)) {
      const first = Math.max(a, c);
      const last = Math.min(b, d);
      if (first <= last) result.push([first, last]);
    }
  }
  return union(result);
}

export function subtract(from: readonly Range[], remove: readonly Range[]): Range[] {
  let remaining = union(from);
  for (const [c, d] of union(remove)) {
    remaining = remaining.flatMap(([a, b]): Range[] => {
      if (d < a || c > b) return [[a, b]];
      const pieces: Range[] = [];
      if (a < c) pieces.push([a, c - 1]);
      if (d < b) pieces.push([d + 1, b]);
      return pieces;
    });
  }
  return remaining;
}

/** Whether `inner` lies entirely within `outer`. */
export function covers(outer: readonly Range[], inner: readonly Range[]): boolean {
  return subtract(inner, outer).length === 0;
}

export function addressCount(ranges: readonly Range[]): number {
  return ranges.reduce((total, [first, last]) => total + last - first + 1, 0);
}

export const ALL_ADDRESSES: Range[] = [[0, LAST_ADDRESS]];

/**
 * The addresses that are not on the internet: "this network", private (RFC 1918), shared
 * (RFC 6598), loopback, link-local, multicast and reserved. ssmmessages answers on public
 * addresses, so only the rest matters for a path to it.
 * https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml
 */
const NOT_INTERNET = cidrRanges([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
]);

export const INTERNET: Range[] = subtract(ALL_ADDRESSES, NOT_INTERNET);
