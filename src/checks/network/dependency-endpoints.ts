import type { ExecTarget, NetworkFacts } from '../../model/index.js';
import { fail, knownValue, pass, skip, unknown, unknownFromFact } from '../results.js';
import { clusterResource, containerDefinitionsToJudge, regionFlag, taskResource } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import { judgeEndpointPolicy, type NeededAction } from './endpoint-policy.js';
import {
  defaultServiceName,
  endpointEvidence,
  endpointsFor,
  interfaceEndpointFor,
  problemsText,
} from './endpoints.js';
import { networkOf, sharedNote } from './facts.js';
import { createInterfaceEndpointFix } from './fixes.js';
import { ssmmessagesPath } from './path.js';

/**
 * Besides ssmmessages, the SSM agent in the container calls KMS (kms:Decrypt, when the cluster
 * encrypts sessions with a key), CloudWatch Logs and S3 (to ship the session transcript). From a
 * subnet without an internet path, each needs its own endpoint, or the session fails at the
 * handshake (KMS) or the audit log is lost. An S3 gateway endpoint only serves the route tables
 * it is associated with.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
 */

interface Dependency {
  service: 'kms' | 'logs' | 's3';
  /** "the cluster's KMS key …": why the agent calls the service. */
  why: string;
  actions: NeededAction[];
}

/** The services the agent calls, from the cluster's exec configuration and, for DEFAULT logging, awslogs. */
function dependencies(target: ExecTarget): Dependency[] {
  const exec = knownValue(target.cluster)?.executeCommandConfiguration;
  const { partition, region, accountId } = target;
  const found: Dependency[] = [];
  const keyReference = exec?.kmsKeyId;
  if (keyReference || target.kmsKey) {
    const keyArn = knownValue(target.kmsKey)?.arn ?? keyReference ?? '*';
    found.push({
      service: 'kms',
      why: `the cluster encrypts sessions with KMS key ${keyReference ?? keyArn}`,
      actions: [{ action: 'kms:Decrypt', resource: keyArn }],
    });
  }
  const logging = exec?.logging ?? 'DEFAULT';
  const overrides = exec?.logConfiguration;
  const groups =
    logging === 'OVERRIDE'
      ? [overrides?.cloudWatchLogGroupName]
      : logging === 'DEFAULT'
        ? containerDefinitionsToJudge(target)
            .filter((container) => container.logConfiguration?.logDriver === 'awslogs')
            .map((container) => container.logConfiguration?.options?.['awslogs-group'] ?? '')
        : [];
  const group = groups.find((name) => name !== undefined);
  if (group !== undefined) {
    const groupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${group || '*'}:*`;
    found.push({
      service: 'logs',
      why: `exec sessions are logged to CloudWatch Logs${group ? ` (${group})` : ''}`,
      actions: [
        { action: 'logs:DescribeLogGroups', resource: '*' },
        ...['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'].map((action) => ({
          action,
          resource: groupArn,
        })),
      ],
    });
  }
  const bucket = logging === 'OVERRIDE' ? overrides?.s3BucketName : undefined;
  if (bucket) {
    const actions = [
      {
        action: 's3:PutObject',
        resource: `arn:${partition}:s3:::${bucket}/${overrides?.s3KeyPrefix ?? ''}session.log`,
      },
    ];
    if (overrides?.s3EncryptionEnabled)
      actions.push({ action: 's3:GetEncryptionConfiguration', resource: `arn:${partition}:s3:::${bucket}` });
    found.push({ service: 's3', why: `exec sessions are logged to S3 bucket ${bucket}`, actions });
  }
  return found;
}

/** An interface endpoint for the service: pass, or why not, with its policy judged. */
function judgeInterface(
  target: ExecTarget,
  network: NetworkFacts,
  dependency: Dependency,
  noInternet: string,
): CheckResult {
  const resource = taskResource(target);
  const endpoint = interfaceEndpointFor(target, network, dependency.service);
  const name = endpoint.serviceName;
  switch (endpoint.kind) {
    case 'absent':
      return fail(
        resource,
        `VPC ${network.vpcId} has no ${name} endpoint and ${noInternet}, but ${dependency.why}.${sharedNote(target, network)}`,
        dependency.service === 's3'
          ? s3GatewayFix(target, network)
          : createInterfaceEndpointFix(target, network, dependency.service, `${dependency.why}.`),
        endpoint.evidence,
      );
    case 'unusable':
      return fail(
        resource,
        `The ${name} endpoint ${endpoint.endpoint!.id} is not used: ${problemsText(endpoint.problems)}; ${dependency.why}, and ${noInternet}.`,
        {
          summary: `Make endpoint ${endpoint.endpoint!.id} usable.`,
          cli: endpoint.problems.map((problem) => problem.cli).join('\n'),
        },
        endpoint.evidence,
      );
    case 'unknown':
      return unknown(
        resource,
        `Could not tell whether VPC ${network.vpcId} has a usable ${name} endpoint: ${endpoint.missing}.`,
        endpoint.needs,
      );
    case 'usable': {
      const policy = judgeEndpointPolicy(target, network, endpoint.endpoint!, dependency.actions);
      if (policy.kind === 'denied')
        return fail(
          resource,
          `The ${name} endpoint ${endpoint.endpoint!.id} is there, but ${policy.text}.`,
          policy.fix,
          endpoint.evidence,
        );
      if (policy.kind === 'unknown')
        return unknown(
          resource,
          `The ${name} endpoint ${endpoint.endpoint!.id} is there, but ${policy.text}.`,
        );
      return pass(
        resource,
        `VPC ${network.vpcId} has a usable ${name} endpoint ${endpoint.endpoint!.id} (${dependency.why}).`,
        [...(endpoint.evidence as [string, ...string[]]), policy.evidence],
      );
    }
  }
}

/**
 * S3 is reached through a gateway endpoint associated with the subnet's route table, or else an
 * interface endpoint.
 */
function judgeS3(
  target: ExecTarget,
  network: NetworkFacts,
  dependency: Dependency,
  noInternet: string,
): CheckResult {
  const resource = taskResource(target);
  const endpoints = knownValue(network.endpoints) ?? [];
  const gateways = endpointsFor(target, endpoints, 's3', 'Gateway');
  const table = knownValue(network.routeTable);
  if (gateways.length > 0 && !network.routeTable.known) {
    return unknownFromFact(
      resource,
      `the subnet's route table (to match S3 gateway endpoint ${gateways[0]!.id})`,
      network.routeTable,
    );
  }
  const associated = gateways.find((gateway) => table && gateway.routeTableIds.includes(table.id));
  if (associated) {
    const policy = judgeEndpointPolicy(target, network, associated, dependency.actions);
    if (policy.kind === 'denied')
      return fail(
        resource,
        `S3 gateway endpoint ${associated.id} serves the subnet, but ${policy.text}.`,
        policy.fix,
        [endpointEvidence(associated)],
      );
    if (policy.kind === 'unknown')
      return unknown(resource, `S3 gateway endpoint ${associated.id} serves the subnet, but ${policy.text}.`);
    return pass(
      resource,
      `S3 gateway endpoint ${associated.id} is associated with route table ${table!.id} (${dependency.why}).`,
      [
        `${endpointEvidence(associated)} routeTableIds=${associated.routeTableIds.join(',')}`,
        policy.evidence,
      ],
    );
  }
  const viaInterface = judgeInterface(target, network, dependency, noInternet);
  if (viaInterface.status !== 'fail' || gateways.length === 0 || !table) return viaInterface;
  const gateway = gateways[0]!;
  return fail(
    resource,
    `S3 gateway endpoint ${gateway.id} is not associated with route table ${table.id} of the task's subnet, and ${noInternet}, but ${dependency.why}.`,
    {
      summary: `Associate S3 gateway endpoint ${gateway.id} with route table ${table.id}.`,
      cli: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${gateway.id} --add-route-table-ids ${table.id} ${regionFlag(target)}`,
      cloudformation: `AWS::EC2::VPCEndpoint (${gateway.id}) RouteTableIds: add ${table.id}`,
      terraform: `aws_vpc_endpoint_route_table_association: vpc_endpoint_id = "${gateway.id}", route_table_id = "${table.id}"`,
    },
    [`${endpointEvidence(gateway)} routeTableIds=${gateway.routeTableIds.join(',') || 'none'}`],
  );
}

function s3GatewayFix(target: ExecTarget, network: NetworkFacts): Fix {
  const table = knownValue(network.routeTable)?.id ?? 'ROUTE_TABLE_ID';
  const serviceName = defaultServiceName(target, 's3');
  return {
    summary: `Create an S3 gateway endpoint in ${network.vpcId} associated with route table ${table} (gateway endpoints serve buckets in the VPC's region).`,
    cli: `aws ec2 create-vpc-endpoint --vpc-id ${network.vpcId} --vpc-endpoint-type Gateway --service-name ${serviceName} --route-table-ids ${table} ${regionFlag(target)}`,
    cloudformation: `AWS::EC2::VPCEndpoint: VpcId: ${network.vpcId}, ServiceName: ${serviceName}, VpcEndpointType: Gateway, RouteTableIds: [${table}]`,
    terraform: `resource "aws_vpc_endpoint" { vpc_id = "${network.vpcId}", service_name = "${serviceName}", vpc_endpoint_type = "Gateway", route_table_ids = ["${table}"] }`,
    cdk: "vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 })",
  };
}

function judge(target: ExecTarget, network: NetworkFacts): CheckResult[] {
  const resource = taskResource(target);
  if (!target.cluster.known)
    return [unknownFromFact(clusterResource(target), 'the cluster exec configuration', target.cluster)];
  const needed = dependencies(target);
  if (needed.length === 0) {
    return [
      skip(
        resource,
        'The cluster sets no KMS key and no CloudWatch Logs or S3 exec logging: the agent needs no other endpoint.',
      ),
    ];
  }
  const path = ssmmessagesPath(target, network);
  if (path.kind === 'proxy') {
    return [
      unknown(
        resource,
        `The agent sends AWS calls through a proxy (${path.proxies.join(', ')}), which the tool cannot see: it must reach ${needed.map((dependency) => dependency.service).join(', ')}.`,
      ),
    ];
  }
  if (path.internet.kind === 'path') {
    return [
      skip(
        resource,
        `The subnet reaches the internet (${path.internet.text}), so ${needed.map((dependency) => dependency.service).join(', ')} need no endpoint.`,
      ),
    ];
  }
  const uncertain = path.internet.kind === 'unknown';
  const noInternet = uncertain
    ? `its way to the internet is uncertain (${path.internet.text})`
    : 'the subnet has no internet path';
  return needed.map((dependency) => {
    const result =
      dependency.service === 's3'
        ? judgeS3(target, network, dependency, noInternet)
        : judgeInterface(target, network, dependency, noInternet);
    return uncertain && result.status === 'fail'
      ? unknown(resource, result.message, path.internet.needs)
      : result;
  });
}

export const networkDependencyEndpoints = defineCheck({
  id: 'network.dependency-endpoints',
  title: 'Without an internet path, the VPC has endpoints for KMS, CloudWatch Logs and S3 as exec needs them',
  layer: 'network',
  suite: 'readiness',
  modes: ['live'],
  needs: ['network'],
  rationale:
    "The SSM agent in the container also calls KMS (when the cluster encrypts sessions), CloudWatch Logs and S3 (to ship session transcripts). From a subnet with no internet path each needs an endpoint: a kms and a logs interface endpoint with private DNS, and an S3 gateway endpoint associated with the subnet's route table (or an S3 interface endpoint). Endpoint policies must allow the calls.",
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
      'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
    ],
  },
  docs: {
    passes:
      "For each service exec needs, a usable endpoint whose policy allows the agent's calls: kms (kms:Decrypt on the cluster key), logs (DescribeLogGroups, CreateLogStream, DescribeLogStreams, PutLogEvents), and an S3 gateway endpoint on the subnet's route table or an S3 interface endpoint (PutObject, GetEncryptionConfiguration).",
    fails:
      'An endpoint is missing, has private DNS off, is not associated with the route table (S3 gateway), or its policy denies the calls. Unknown: the route to the internet goes through a transit gateway or firewall, a proxy, or endpoints and policies the tool could not read or evaluate.',
    fix: {
      cli: 'aws ec2 create-vpc-endpoint --vpc-id VPC_ID --vpc-endpoint-type Interface --service-name com.amazonaws.REGION.kms --subnet-ids SUBNET_ID --security-group-ids ENDPOINT_SG --private-dns-enabled --region REGION',
      cloudformation:
        'AWS::EC2::VPCEndpoint: ServiceName: com.amazonaws.REGION.kms (or logs; s3 as Gateway with RouteTableIds)',
      terraform:
        'aws_vpc_endpoint: service_name = "com.amazonaws.REGION.kms", vpc_endpoint_type = "Interface", private_dns_enabled = true',
      cdk: "vpc.addInterfaceEndpoint('kms', { service: ec2.InterfaceVpcEndpointAwsService.KMS })",
    },
    notApplicable:
      'The subnet reaches the internet, the cluster sets no KMS key and no CloudWatch or S3 logging, lint mode, ECS Anywhere, or IPv6-only subnets.',
  },
  run(target) {
    const facts = networkOf(target);
    if ('result' in facts) return [facts.result];
    return judge(target, facts.network);
  },
});
