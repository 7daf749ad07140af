import { describe, expect, it } from 'vitest';
import { networkChecks } from '../../src/checks/network/index.js';
import type { Status } from '../../src/checks/types.js';
import { runChecks } from '../../src/engine/run.js';
import { type ExecTarget, known, unavailable } from '../../src/model/index.js';
import {
  allEndpoints,
  blackholeRoute,
  ec2Bridge,
  editEndpoint,
  failedNat,
  isolated,
  networkTarget,
  publicSubnet,
  ramShared,
  TASK_SG,
  transitGatewayDefault,
  withoutEndpoint,
  withPublicIp,
} from '../support/network-targets.js';
import { defaultContext, targetWith } from '../support/targets.js';

/**
 * Each network shape with the verdicts of all four network checks, in catalogue order: the
 * ssmmessages path, security groups, network ACLs, dependency endpoints. The base task logs to
 * CloudWatch and S3 with a KMS key, so the dependency check judges kms, logs and s3 in turn.
 */
const shapes: { name: string; target: ExecTarget; verdicts: [Status[], Status[], Status[], Status[]] }[] = [
  {
    name: 'public subnet, internet gateway route, public IP',
    target: networkTarget(publicSubnet, withPublicIp),
    verdicts: [['pass'], ['pass'], ['pass'], ['skip']],
  },
  {
    name: 'public subnet without a public IP',
    target: networkTarget(publicSubnet),
    verdicts: [['fail'], ['skip'], ['skip'], ['fail', 'fail', 'fail']],
  },
  {
    name: 'private subnet with a NAT gateway',
    target: networkTarget(),
    verdicts: [['pass'], ['pass'], ['pass'], ['skip']],
  },
  {
    name: 'a NAT gateway that has failed',
    target: networkTarget(failedNat),
    verdicts: [['fail'], ['skip'], ['skip'], ['fail', 'fail', 'fail']],
  },
  {
    name: 'a blackhole default route',
    target: networkTarget(blackholeRoute),
    verdicts: [['fail'], ['skip'], ['skip'], ['fail', 'fail', 'fail']],
  },
  {
    name: 'isolated subnet with endpoints and private DNS',
    target: networkTarget(isolated, allEndpoints),
    verdicts: [['pass'], ['pass', 'pass'], ['pass', 'pass'], ['pass', 'pass', 'pass']],
  },
  {
    name: 'isolated subnet, ssmmessages endpoint with private DNS off',
    target: networkTarget(
      isolated,
      allEndpoints,
      editEndpoint('ssmmessages', (endpoint) => {
        endpoint.privateDnsEnabled = false;
      }),
    ),
    verdicts: [['fail'], ['skip'], ['skip'], ['pass', 'pass', 'pass']],
  },
  {
    name: 'isolated subnet with endpoints, VPC DNS hostnames off',
    target: networkTarget(isolated, allEndpoints, (network) => {
      network.dnsHostnames = known(false);
    }),
    verdicts: [['fail'], ['skip'], ['skip'], ['fail', 'fail', 'pass']],
  },
  {
    name: 'endpoint security group without 443 from the task',
    target: networkTarget(isolated, allEndpoints, (network) => {
      const group = network.securityGroups['sg-0endpoint000000b'];
      if (group?.known) group.value.ingress = [];
    }),
    verdicts: [['pass'], ['pass', 'fail'], ['pass', 'pass'], ['pass', 'pass', 'pass']],
  },
  {
    name: 'task security group egress limited to a prefix list, through a NAT gateway',
    target: networkTarget((network) => {
      const group = network.securityGroups[TASK_SG];
      if (group?.known) {
        group.value.egress = [
          {
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            cidrs: [],
            prefixListIds: ['pl-0corp000000000a'],
            groupIds: [],
          },
        ];
      }
      network.prefixLists['pl-0corp000000000a'] = known({
        id: 'pl-0corp000000000a',
        cidrs: ['52.94.0.0/16'],
      });
    }),
    verdicts: [['pass'], ['unknown'], ['pass'], ['skip']],
  },
  {
    name: 'network ACL that blocks the ephemeral ports',
    target: networkTarget((network) => {
      network.networkAcls['subnet-0123456789abcdef0'] = known({
        id: 'acl-0strict0000000000',
        isDefault: false,
        entries: [
          {
            ruleNumber: 100,
            egress: true,
            protocol: '6',
            action: 'allow',
            cidr: '0.0.0.0/0',
            fromPort: 443,
            toPort: 443,
          },
          {
            ruleNumber: 100,
            egress: false,
            protocol: '6',
            action: 'allow',
            cidr: '0.0.0.0/0',
            fromPort: 80,
            toPort: 443,
          },
          { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
          { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
        ],
      });
    }),
    verdicts: [['pass'], ['pass'], ['fail'], ['skip']],
  },
  {
    name: 'isolated subnet, KMS key, no kms endpoint',
    target: networkTarget(isolated, allEndpoints, withoutEndpoint('kms')),
    verdicts: [['pass'], ['pass', 'pass'], ['pass', 'pass'], ['fail', 'pass', 'pass']],
  },
  {
    name: 'isolated subnet, S3 logging without a gateway endpoint',
    target: networkTarget(isolated, allEndpoints, withoutEndpoint('s3', 'Gateway')),
    verdicts: [['pass'], ['pass', 'pass'], ['pass', 'pass'], ['pass', 'pass', 'fail']],
  },
  {
    name: 'RAM-shared subnet with a NAT route',
    target: networkTarget(ramShared),
    verdicts: [['pass'], ['pass'], ['pass'], ['skip']],
  },
  {
    name: 'transit gateway default route',
    target: networkTarget(transitGatewayDefault),
    verdicts: [['unknown'], ['pass'], ['pass'], ['unknown', 'unknown', 'unknown']],
  },
  {
    name: 'EC2 bridge-mode task on a host with a public IP',
    target: networkTarget(ec2Bridge),
    verdicts: [['pass'], ['pass'], ['pass'], ['skip']],
  },
  {
    name: 'IPv6-only subnet',
    target: networkTarget((network) => {
      if (network.subnet.known) network.subnet.value.ipv6Native = true;
    }),
    verdicts: [['skip'], ['skip'], ['skip'], ['skip']],
  },
  {
    name: 'network interface not readable',
    target: targetWith((target) => {
      target.network = unavailable(
        'AccessDenied on ec2:DescribeNetworkInterfaces',
        'ec2:DescribeNetworkInterfaces',
      );
    }),
    verdicts: [['unknown'], ['unknown'], ['unknown'], ['unknown']],
  },
  {
    name: 'lint mode (no network facts)',
    target: targetWith((target) => {
      target.mode = 'lint';
      target.task = undefined;
    }),
    verdicts: [['skip'], ['skip'], ['skip'], ['skip']],
  },
];

describe('network checks over network shapes', () => {
  for (const shape of shapes) {
    it(shape.name, () => {
      const verdicts = networkChecks.map((check) =>
        runChecks([shape.target], [check], defaultContext).map((finding) => finding.status),
      );
      expect(verdicts).toEqual(shape.verdicts);
    });
  }
});
