import type { EndpointNetworkInterface, ExecTarget, NetworkFacts, VpcEndpoint } from '../../model/index.js';
import { endpointServiceOf } from '../../model/index.js';
import { factOr } from './facts.js';

/**
 * Whether the VPC has a working interface endpoint for a service. An interface endpoint only
 * takes the traffic when its private DNS name answers for the service's public name: that needs
 * private DNS on the endpoint and both DNS attributes on the VPC. Otherwise the agent resolves the
 * public name and needs an internet path after all.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns
 * https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support
 */
export interface InterfaceEndpoint {
  kind: 'usable' | 'unusable' | 'absent' | 'unknown';
  service: string;
  /** `com.amazonaws.REGION.SERVICE`, or the endpoint's own service name. */
  serviceName: string;
  endpoint?: VpcEndpoint;
  /** Why an endpoint that exists does not take the traffic. */
  problems: Problem[];
  /** Why it could not be told, for `unknown`. */
  missing?: string;
  needs?: string;
  evidence: string[];
}

/** One reason an endpoint does not work, with the command that removes it. */
export interface Problem {
  text: string;
  cli: string;
}

export function defaultServiceName(target: ExecTarget, service: string): string {
  return `com.amazonaws.${target.region}.${service}`;
}

/** Endpoints of `service` of the given type: the working one first. */
export function endpointsFor(target: ExecTarget, endpoints: VpcEndpoint[], service: string, type: string) {
  return endpoints
    .filter((endpoint) => endpoint.type === type && endpointServiceOf(endpoint, target.region) === service)
    .sort((left, right) => rank(right) - rank(left));
}

function rank(endpoint: VpcEndpoint): number {
  return (endpoint.state === 'available' ? 2 : 0) + (endpoint.privateDnsEnabled ? 1 : 0);
}

export function endpointEvidence(endpoint: VpcEndpoint): string {
  return `DescribeVpcEndpoints: ${endpoint.id} ${endpoint.type} ${endpoint.serviceName} state=${endpoint.state} privateDnsEnabled=${endpoint.privateDnsEnabled}`;
}

export function interfaceEndpointFor(
  target: ExecTarget,
  network: NetworkFacts,
  service: string,
): InterfaceEndpoint {
  const base = { service, serviceName: defaultServiceName(target, service), problems: [], evidence: [] };
  const endpoints = factOr(network.endpoints, `the VPC endpoints of ${network.vpcId}`);
  if ('missing' in endpoints) return { ...base, kind: 'unknown', ...endpoints };
  const endpoint = endpointsFor(target, endpoints.value, service, 'Interface')[0];
  if (!endpoint) {
    return {
      ...base,
      kind: 'absent',
      evidence: [`DescribeVpcEndpoints: no Interface endpoint for ${base.serviceName} in ${network.vpcId}`],
    };
  }
  const region = `--region ${target.region}`;
  const problems: Problem[] = [];
  if (endpoint.state !== 'available') {
    problems.push({
      text: `endpoint ${endpoint.id} is ${endpoint.state}, not available`,
      cli: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${endpoint.id} ${region}`,
    });
  }
  if (!endpoint.privateDnsEnabled) {
    problems.push({
      text: `endpoint ${endpoint.id} has private DNS turned off, so the agent resolves the public name of ${service}`,
      cli: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --private-dns-enabled ${region}`,
    });
  }
  const uncertain: string[] = [];
  let needs: string | undefined;
  const evidence = [endpointEvidence(endpoint)];
  for (const [attribute, fact] of [
    ['enableDnsSupport', network.dnsSupport],
    ['enableDnsHostnames', network.dnsHostnames],
  ] as const) {
    const value = factOr(fact, `${attribute} of ${network.vpcId}`);
    if ('missing' in value) {
      uncertain.push(value.missing);
      needs ??= value.needs;
    } else if (!value.value) {
      problems.push({
        text: `VPC ${network.vpcId} has ${attribute}=false, so private DNS names do not resolve`,
        cli: `aws ec2 modify-vpc-attribute --vpc-id ${network.vpcId} --${attribute === 'enableDnsSupport' ? 'enable-dns-support' : 'enable-dns-hostnames'} '{"Value":true}' ${region}`,
      });
    } else {
      evidence.push(`DescribeVpcAttribute: ${network.vpcId} ${attribute}=true`);
    }
  }
  const found = { ...base, endpoint, serviceName: endpoint.serviceName, problems, evidence };
  if (problems.length > 0) return { ...found, kind: 'unusable' };
  if (uncertain.length > 0) {
    return needs
      ? { ...found, kind: 'unknown', missing: uncertain.join('; '), needs }
      : { ...found, kind: 'unknown', missing: uncertain.join('; ') };
  }
  return { ...found, kind: 'usable' };
}

/** "endpoint vpce-… is pending, not available; …" */
export function problemsText(problems: readonly Problem[]): string {
  return problems.map((problem) => problem.text).join('; ');
}

/** The network interfaces an interface endpoint's private DNS name resolves to. */
export function endpointInterfaces(
  network: NetworkFacts,
  endpoint: VpcEndpoint,
): { value: EndpointNetworkInterface[] } | { missing: string; needs?: string } {
  const interfaces = factOr(network.endpointNetworkInterfaces, `the network interfaces of ${endpoint.id}`);
  if ('missing' in interfaces) return interfaces;
  const ours = interfaces.value.filter((eni) => endpoint.networkInterfaceIds.includes(eni.id));
  return ours.length > 0
    ? { value: ours }
    : { missing: `the network interfaces of ${endpoint.id} were not found` };
}
