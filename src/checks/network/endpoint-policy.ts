import { evaluate, PolicyError } from '../../iam/index.js';
import type { ExecTarget, NetworkFacts, VpcEndpoint } from '../../model/index.js';
import { parseArn } from '../../model/index.js';
import { knownValue } from '../results.js';
import { regionFlag } from '../target-helpers.js';
import type { Fix } from '../types.js';

/**
 * A VPC endpoint policy does not grant anything: it is a filter every request through the
 * endpoint must also pass, like a resource control policy. So it is evaluated as one more layer
 * that must allow, over an identity side taken to allow (the task-role checks judge that side).
 * The request context has what an endpoint request carries: the endpoint, VPC and source IP.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */

/** An action the task's SSM agent performs through the endpoint, and on what. */
export interface NeededAction {
  action: string;
  resource: string;
}

export type PolicyVerdict =
  | { kind: 'allowed'; evidence: string }
  | { kind: 'denied'; text: string; fix: Fix }
  | { kind: 'unknown'; text: string };

const ALLOW_ALL = {
  name: 'the task role',
  document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

export function judgeEndpointPolicy(
  target: ExecTarget,
  network: NetworkFacts,
  endpoint: VpcEndpoint,
  needed: readonly NeededAction[],
): PolicyVerdict {
  const actions = needed.map((item) => item.action).join(', ');
  if (!endpoint.policyDocument) {
    return { kind: 'allowed', evidence: `DescribeVpcEndpoints: ${endpoint.id} has no endpoint policy` };
  }
  const role = knownValue(target.taskRole);
  if (!role) {
    return {
      kind: 'unknown',
      text: `endpoint ${endpoint.id} has an endpoint policy, and without a known task role the tool cannot tell whether it allows ${actions}`,
    };
  }
  const policyName = `endpoint policy of ${endpoint.id}`;
  const context: Record<string, string> = {
    'aws:RequestedRegion': target.region,
    'aws:SourceVpce': endpoint.id,
    'aws:SourceVpc': network.vpcId,
  };
  if (network.privateIp) context['aws:VpcSourceIp'] = network.privateIp;
  try {
    for (const { action, resource } of needed) {
      const evaluation = evaluate(
        {
          principal: { arn: role.arn, accountId: parseArn(role.arn)?.accountId ?? target.accountId },
          action,
          resource,
          context,
        },
        { identityPolicies: [ALLOW_ALL], rcps: [[{ name: policyName, document: endpoint.policyDocument }]] },
      );
      if (evaluation.decision === 'allowed') continue;
      const statements = evaluation.statements
        .filter((statement) => statement.policy === policyName)
        .map((statement) => `statement ${statement.sid ?? `#${statement.index}`}`);
      const which = statements.length > 0 ? ` (${statements.join(', ')})` : '';
      if (evaluation.decision === 'unknown') {
        return {
          kind: 'unknown',
          text: `whether the ${policyName} allows ${action} for role ${role.name} depends on ${evaluation.missingContextKeys.join(', ') || 'conditions the tool cannot evaluate'}${which}`,
        };
      }
      const how = evaluation.decision === 'explicit-deny' ? 'denies' : 'does not allow';
      return {
        kind: 'denied',
        text: `the ${policyName} ${how} ${action} on ${resource} for role ${role.name}${which}`,
        fix: {
          summary: `Let the ${policyName} allow ${actions} for role ${role.name}, or reset it to the default full-access policy.`,
          cli: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --reset-policy ${regionFlag(target)}`,
          cloudformation: 'AWS::EC2::VPCEndpoint PolicyDocument: allow the actions above (or remove it)',
          terraform: 'aws_vpc_endpoint: policy = allow the actions above (or remove it)',
        },
      };
    }
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    return { kind: 'unknown', text: `the ${policyName} could not be read: ${error.message}` };
  }
  return {
    kind: 'allowed',
    evidence: `DescribeVpcEndpoints: the ${policyName} allows ${actions} for role ${role.name}`,
  };
}
