import type { ExecTarget, Fact, NetworkFacts } from '../../model/index.js';
import { describeUnavailable, partitionDnsSuffix } from '../../model/index.js';
import { skip, unknownFromFact } from '../results.js';
import { taskResource } from '../target-helpers.js';
import type { CheckResult } from '../types.js';

/** Helpers shared by the network checks: the facts to judge, what they are called, and notes. */

/** The network facts, or the finding to give instead of judging them. */
export function networkOf(target: ExecTarget): { network: NetworkFacts } | { result: CheckResult } {
  const resource = taskResource(target);
  const fact = target.network;
  if (!fact) {
    if (target.mode === 'lint') return { result: skip(resource, 'Network paths are checked in live mode.') };
    if (target.task?.launchType === 'EXTERNAL') {
      return {
        result: skip(
          resource,
          'The task runs on ECS Anywhere, outside any VPC: make sure its host reaches ssmmessages over HTTPS (443).',
        ),
      };
    }
    return { result: skip(resource, 'The task has no VPC network to judge.') };
  }
  if (!fact.known) return { result: unknownFromFact(resource, "the task's network interface", fact) };
  const subnet = fact.value.subnet;
  if (subnet.known && subnet.value.ipv6Native) {
    return {
      result: skip(
        resource,
        `Subnet ${fact.value.subnetId} is IPv6-only, which ECS Exec does not support (see task.launch-type-supported).`,
      ),
    };
  }
  return { network: fact.value };
}

/** The public name the SSM agent connects to. */
export function ssmmessagesHost(target: ExecTarget): string {
  return `ssmmessages.${target.region}.${partitionDnsSuffix(target.partition)}`;
}

/** " (subnet subnet-… is shared by account … through AWS RAM)", or nothing. */
export function sharedNote(target: ExecTarget, network: NetworkFacts): string {
  const subnet = network.subnet;
  if (!subnet.known || subnet.value.ownerId === target.accountId || !subnet.value.ownerId) return '';
  return ` Subnet ${subnet.value.id} is shared with this account by account ${subnet.value.ownerId} through AWS RAM; it is judged like any other.`;
}

/** The account that owns the VPC's resources: the subnet's owner (another account for a RAM share). */
export function vpcOwner(target: ExecTarget, network: NetworkFacts): string {
  return network.subnet.known && network.subnet.value.ownerId
    ? network.subnet.value.ownerId
    : target.accountId;
}

/** `arn:aws:ec2:REGION:ACCOUNT:TYPE/ID`, the resource of a finding about an EC2 network resource. */
export function ec2Arn(target: ExecTarget, account: string, type: string, id: string): string {
  return `arn:${target.partition}:ec2:${target.region}:${account}:${type}/${id}`;
}

/** Where the task's traffic leaves, for messages: "ENI eni-… of the task" or "… of EC2 instance i-…". */
export function sourceName(network: NetworkFacts): string {
  return network.source === 'host-eni'
    ? `ENI ${network.networkInterfaceId} of EC2 instance ${network.instanceId ?? 'unknown'} (bridge/host network mode)`
    : `task ENI ${network.networkInterfaceId}`;
}

/** The text with its first letter capitalized, to start a message with a name like "task ENI …". */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A fact's value, or the reason it is missing and the permission that would give it. */
export function factOr<T>(
  fact: Fact<T> | undefined,
  what: string,
): { value: T } | { missing: string; needs?: string } {
  if (!fact) return { missing: `${what} was not collected` };
  if (fact.known) return { value: fact.value };
  const missing = `could not read ${what}: ${describeUnavailable(fact)}`;
  return fact.permission ? { missing, needs: fact.permission } : { missing };
}
