import { BlockList, isIP } from 'node:net';
import type { OperatorFamily } from './family.js';

/**
 * IPv4 and IPv6 addresses against CIDR ranges. A policy address without a prefix means /32
 * (or /128 for IPv6).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
function inRange(value: string, policy: { text: string }): boolean {
  const address = value.trim();
  const addressFamily = isIP(address);
  const [network = '', prefixText] = policy.text.trim().split('/');
  const networkFamily = isIP(network);
  if (addressFamily === 0 || networkFamily !== addressFamily) return false;
  const type = addressFamily === 4 ? 'ipv4' : 'ipv6';
  const maxPrefix = addressFamily === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) return false;
  const range = new BlockList();
  range.addSubnet(network, prefix, type);
  return range.check(address, type);
}

export const ipOperators: OperatorFamily = {
  variables: false,
  operators: {
    IpAddress: { negated: false, test: inRange },
    NotIpAddress: { negated: true, test: inRange },
  },
};
