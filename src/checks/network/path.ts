import type { ExecTarget, NetworkFacts, VpcEndpoint } from '../../model/index.js';
import { skip, unknown } from '../results.js';
import { containerDefinitionsToJudge, taskResource } from '../target-helpers.js';
import { containerVariables } from '../task-definition/containers.js';
import type { CheckResult } from '../types.js';
import { type InterfaceEndpoint, interfaceEndpointFor } from './endpoints.js';
import { networkOf, ssmmessagesHost } from './facts.js';
import { type InternetPath, internetPath } from './routes.js';

/**
 * How the SSM agent's HTTPS traffic to ssmmessages leaves the task. A working interface endpoint
 * wins: its private DNS name answers for `ssmmessages.REGION.amazonaws.com`, so the traffic goes
 * to the endpoint whatever the route table says. Otherwise the agent connects to ssmmessages'
 * public addresses, through whatever the route table gives.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
export interface SsmmessagesPath {
  kind: 'endpoint' | 'internet' | 'proxy' | 'unknown' | 'none';
  endpoint: InterfaceEndpoint;
  internet: InternetPath;
  /** For `proxy`: the containers that send HTTPS through a proxy. */
  proxies: string[];
}

/** A NO_PROXY entry that matches the host, as Go (the agent's language) matches them. */
function bypasses(entry: string, host: string): boolean {
  const domain = entry.replace(/^\*?\./, '');
  return entry === '*' || host === domain || host.endsWith(`.${domain}`);
}

/**
 * Containers whose HTTPS_PROXY sends the agent's traffic to a proxy: the agent honours the
 * container's proxy variables, and then the proxy, not the subnet, must reach ssmmessages.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/configure-proxy-ssm-agent.html
 */
function proxiedContainers(target: ExecTarget): string[] {
  const host = ssmmessagesHost(target);
  return containerDefinitionsToJudge(target).flatMap((container) => {
    const variables = containerVariables(target, container);
    const lastSet = (name: string) =>
      variables
        .filter((variable) => variable.name.toUpperCase() === name && (variable.value || variable.fromSecret))
        .at(-1);
    const proxy = lastSet('HTTPS_PROXY');
    if (!proxy) return [];
    const noProxy = lastSet('NO_PROXY');
    const entries = (noProxy?.value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.some((entry) => bypasses(entry, host))) return [];
    return [`container \`${container.name}\` (${proxy.name})`];
  });
}

export function ssmmessagesPath(target: ExecTarget, network: NetworkFacts): SsmmessagesPath {
  const endpoint = interfaceEndpointFor(target, network, 'ssmmessages');
  const internet = internetPath(target, network);
  const proxies = proxiedContainers(target);
  const base = { endpoint, internet, proxies };
  if (proxies.length > 0) return { ...base, kind: 'proxy' };
  if (endpoint.kind === 'usable') return { ...base, kind: 'endpoint' };
  if (internet.kind === 'path') return { ...base, kind: 'internet' };
  if (endpoint.kind === 'unknown' || internet.kind === 'unknown') return { ...base, kind: 'unknown' };
  return { ...base, kind: 'none' };
}

/**
 * Where the task's packets to ssmmessages go, for the security-group and network ACL checks:
 * the endpoint's interfaces, or public addresses (through a NAT gateway, an internet gateway, or
 * a transit gateway alike).
 */
export type TrafficDestination =
  | { kind: 'endpoint'; endpoint: VpcEndpoint }
  | { kind: 'internet' }
  | { kind: 'unknown'; text: string; needs?: string }
  | { kind: 'none' };

export function trafficDestination(target: ExecTarget, path: SsmmessagesPath): TrafficDestination {
  switch (path.kind) {
    case 'proxy':
      return { kind: 'unknown', text: `the agent's traffic goes to a proxy (${path.proxies.join(', ')})` };
    case 'endpoint':
      return { kind: 'endpoint', endpoint: path.endpoint.endpoint! };
    case 'none':
      return { kind: 'none' };
    default: {
      const endpoint = path.endpoint;
      if (endpoint.kind !== 'unknown') return { kind: 'internet' };
      const text = `whether the traffic goes to an ssmmessages endpoint or to ${ssmmessagesHost(target)}'s public addresses is not known: ${endpoint.missing}`;
      return endpoint.needs ? { kind: 'unknown', text, needs: endpoint.needs } : { kind: 'unknown', text };
    }
  }
}

/** How a traffic filter (security groups, network ACLs) is judged on each kind of path. */
export interface FilterJudges {
  /** How messages name the filter: "the security groups", "the network ACL". */
  filters: string;
  /** How messages name its rules: "security-group", "network ACL". */
  rules: string;
  internet: (network: NetworkFacts) => CheckResult[];
  endpoint: (network: NetworkFacts, endpoint: VpcEndpoint) => CheckResult[];
}

/**
 * A filter matters only where the traffic goes: judge it against the path the agent takes,
 * skip it when there is none (network.ssmmessages-path fails), and say why when that is unknown.
 */
export function judgeFilterOnPath(target: ExecTarget, judges: FilterJudges): CheckResult[] {
  const facts = networkOf(target);
  if ('result' in facts) return [facts.result];
  const { network } = facts;
  const destination = trafficDestination(target, ssmmessagesPath(target, network));
  const resource = taskResource(target);
  switch (destination.kind) {
    case 'none':
      return [
        skip(
          resource,
          `The subnet has no path to ssmmessages to judge ${judges.filters} against (see network.ssmmessages-path).`,
        ),
      ];
    case 'unknown':
      return [
        unknown(
          resource,
          `Could not tell which ${judges.rules} rules matter: ${destination.text}.`,
          destination.needs,
        ),
      ];
    case 'endpoint':
      return judges.endpoint(network, destination.endpoint);
    case 'internet':
      return judges.internet(network);
  }
}
