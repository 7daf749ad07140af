import { expect } from 'vitest';
import { networkNacl } from '../../src/checks/network/nacl.js';
import { known, type NetworkAclEntry, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import {
  allEndpoints,
  ENDPOINT_ACL,
  ENDPOINT_SUBNET,
  isolated,
  networkTarget,
  type Shape,
  SUBNET,
} from '../support/network-targets.js';

const DENY_ALL: NetworkAclEntry[] = [
  { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
  { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
];

function tcp(
  ruleNumber: number,
  egress: boolean,
  ports: [number, number],
  cidr = '0.0.0.0/0',
  action: 'allow' | 'deny' = 'allow',
): NetworkAclEntry {
  return { ruleNumber, egress, protocol: '6', action, cidr, fromPort: ports[0], toPort: ports[1] };
}

function acl(subnetId: string, id: string, ...entries: NetworkAclEntry[]): Shape {
  return (network) => {
    network.networkAcls[subnetId] = known({ id, isDefault: false, entries: [...entries, ...DENY_ALL] });
  };
}

/** Outbound 443 and inbound replies on the AWS-recommended 1024-65535. */
const strictButRight = [tcp(100, true, [443, 443]), tcp(100, false, [1024, 65535])];

checkTable(networkNacl, {
  valid: [
    {
      name: 'the default network ACL',
      target: networkTarget(),
      statuses: ['pass'],
      message:
        /Network ACL acl-0default00000000a of subnet subnet-0123456789abcdef0 allows outbound TCP 443 to the internet and inbound TCP 32768-60999 \(replies\) from the internet/,
      assert: ([finding]) =>
        expect(finding!.resource).toBe(
          'arn:aws:ec2:us-east-1:111122223333:network-acl/acl-0default00000000a',
        ),
    },
    {
      name: 'a strict ACL with exactly the rules needed',
      target: networkTarget(acl(SUBNET, 'acl-0strict0000000000', ...strictButRight)),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding!.evidence).toEqual([
          'DescribeNetworkAcls: acl-0strict0000000000 rule 100 (allow tcp 443-443 to 0.0.0.0/0)',
          'DescribeNetworkAcls: acl-0strict0000000000 rule 100 (allow tcp 1024-65535 from 0.0.0.0/0)',
        ]),
    },
    {
      name: 'a Windows task needs replies on 49152-65535 only',
      target: networkTarget(
        acl(SUBNET, 'acl-0strict0000000000', tcp(100, true, [443, 443]), tcp(100, false, [49152, 65535])),
        (_network, target) => {
          target.task!.platformFamily = 'WINDOWS_SERVER_2022_CORE';
        },
      ),
      statuses: ['pass'],
      message: /inbound TCP 49152-65535/,
    },
    {
      name: "endpoint path: the task's and the endpoint's subnet ACLs are open",
      target: networkTarget(isolated, allEndpoints),
      statuses: ['pass', 'pass'],
      message:
        /outbound TCP 443 to the endpoint \(10\.0\.2\.10\)[\s\S]*Network ACL acl-0endpoints000000b of subnet subnet-0fedcba98765432b0 allows inbound TCP 443 from the task \(10\.0\.1\.25\)/,
    },
    {
      name: "endpoint path, all of the endpoint's interfaces in the task's subnet: ACLs do not apply",
      target: networkTarget(isolated, allEndpoints, (network) => {
        if (network.endpointNetworkInterfaces.known) {
          for (const eni of network.endpointNetworkInterfaces.value) {
            eni.subnetId = SUBNET;
            eni.privateIp = '10.0.1.10';
          }
        }
      }),
      statuses: ['pass'],
      message: /stays inside subnet subnet-0123456789abcdef0/,
    },
    {
      name: 'no path to ssmmessages: nothing to judge against',
      target: networkTarget(isolated),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'an ACL that blocks the ephemeral ports of the replies',
      target: networkTarget(
        acl(SUBNET, 'acl-0strict0000000000', tcp(100, true, [443, 443]), tcp(100, false, [80, 443])),
      ),
      statuses: ['fail'],
      message:
        /Network ACL acl-0strict0000000000 of subnet subnet-0123456789abcdef0 blocks inbound TCP 32768-60999 \(replies\) from the internet: e\.g\. port 32768, address 1\.0\.0\.0, rule \* \(deny all traffic from 0\.0\.0\.0\/0\)/,
      fix: /aws ec2 create-network-acl-entry --network-acl-id acl-0strict0000000000 --ingress --rule-number 200 --protocol tcp --port-range From=1024,To=65535 --cidr-block 0\.0\.0\.0\/0 --rule-action allow --region us-east-1/,
    },
    {
      name: 'an explicit deny of outbound 443 before the allow',
      target: networkTarget(
        acl(
          SUBNET,
          'acl-0strict0000000000',
          tcp(50, true, [443, 443], '0.0.0.0/0', 'deny'),
          ...strictButRight,
        ),
      ),
      statuses: ['fail'],
      message: /rule 50 \(deny tcp 443-443 to 0\.0\.0\.0\/0\)/,
      fix: /--egress --rule-number 49 --protocol tcp --port-range From=443,To=443/,
    },
    {
      name: 'replies allowed from 1024-32767 only: Linux picks ports above',
      target: networkTarget(
        acl(SUBNET, 'acl-0strict0000000000', tcp(100, true, [443, 443]), tcp(100, false, [1024, 32767])),
      ),
      statuses: ['fail'],
    },
    {
      name: 'some public addresses denied: it depends on where ssmmessages resolves',
      target: networkTarget(
        acl(
          SUBNET,
          'acl-0strict0000000000',
          tcp(90, true, [0, 65535], '52.0.0.0/8', 'deny'),
          ...strictButRight,
        ),
      ),
      statuses: ['unknown'],
      message: /for some public addresses only .* cannot be known offline/,
    },
    {
      name: "the endpoint subnet's ACL does not admit the task",
      target: networkTarget(
        isolated,
        allEndpoints,
        acl(ENDPOINT_SUBNET, ENDPOINT_ACL, tcp(100, true, [1024, 65535], '10.0.0.0/16')),
      ),
      statuses: ['pass', 'fail'],
      message:
        /acl-0endpoints000000b of subnet subnet-0fedcba98765432b0 blocks inbound TCP 443 from the task \(10\.0\.1\.25\)/,
      fix: /--network-acl-id acl-0endpoints000000b --ingress --rule-number 100 --protocol tcp --port-range From=443,To=443 --cidr-block 10\.0\.1\.0\/24/,
    },
    {
      name: "the task subnet's ACL does not allow 443 to the endpoint's other subnet",
      target: networkTarget(
        isolated,
        allEndpoints,
        acl(SUBNET, 'acl-0strict0000000000', tcp(100, false, [1024, 65535])),
      ),
      statuses: ['fail', 'pass'],
      fix: /--egress --rule-number 100 --protocol tcp --port-range From=443,To=443 --cidr-block 10\.0\.2\.10\/32/,
    },
    {
      name: 'the network ACL could not be read',
      target: networkTarget((network) => {
        network.networkAcls[SUBNET] = unavailable(
          'AccessDenied on ec2:DescribeNetworkAcls',
          'ec2:DescribeNetworkAcls',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeNetworkAcls'),
    },
  ],
});
