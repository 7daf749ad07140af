import { expect } from 'vitest';
import { networkSecurityGroups } from '../../src/checks/network/security-groups.js';
import { known, type SecurityGroupRule, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import {
  allEndpoints,
  ENDPOINT_SG,
  isolated,
  networkTarget,
  type Shape,
  TASK_SG,
} from '../support/network-targets.js';

const https = (peers: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: 443,
  toPort: 443,
  cidrs: [],
  prefixListIds: [],
  groupIds: [],
  ...peers,
});

function taskEgress(...rules: SecurityGroupRule[]): Shape {
  return (network) => {
    const group = network.securityGroups[TASK_SG];
    if (group?.known) group.value.egress = rules;
  };
}

function endpointIngress(...rules: SecurityGroupRule[]): Shape {
  return (network) => {
    const group = network.securityGroups[ENDPOINT_SG];
    if (group?.known) group.value.ingress = rules;
  };
}

function prefixList(id: string, cidrs: string[]): Shape {
  return (network) => {
    network.prefixLists[id] = known({ id, cidrs });
  };
}

const TASK_SG_ARN = `arn:aws:ec2:us-east-1:111122223333:security-group/${TASK_SG}`;
const ENDPOINT_SG_ARN = `arn:aws:ec2:us-east-1:111122223333:security-group/${ENDPOINT_SG}`;

checkTable(networkSecurityGroups, {
  valid: [
    {
      name: 'NAT path, the task group allows all outbound traffic',
      target: networkTarget(),
      statuses: ['pass'],
      message:
        /Security group sg-0task00000000000a of task ENI eni-0123456789abcdef0 allows outbound TCP 443 to the internet/,
      assert: ([finding]) => {
        expect(finding!.resource).toBe(TASK_SG_ARN);
        expect(finding!.evidence).toEqual([
          'DescribeSecurityGroups: sg-0task00000000000a egress all traffic to 0.0.0.0/0',
        ]);
      },
    },
    {
      name: 'endpoint path: outbound to anywhere, endpoint admits the task group',
      target: networkTarget(isolated, allEndpoints),
      statuses: ['pass', 'pass'],
      message: /allows inbound TCP 443 from the task's security group sg-0task00000000000a/,
      assert: ([, ingress]) => expect(ingress!.resource).toBe(ENDPOINT_SG_ARN),
    },
    {
      name: "endpoint path: outbound 443 only to the endpoint's security group",
      target: networkTarget(isolated, allEndpoints, taskEgress(https({ groupIds: [ENDPOINT_SG] }))),
      statuses: ['pass', 'pass'],
      message:
        /outbound TCP 443 to ssmmessages endpoint vpce-0ssmm00000000000 \(its security group sg-0endpoint000000b\)/,
    },
    {
      name: "endpoint path: outbound 443 only to a prefix list holding the VPC's CIDR",
      target: networkTarget(
        isolated,
        allEndpoints,
        taskEgress(https({ prefixListIds: ['pl-0vpc00000000000a'] })),
        prefixList('pl-0vpc00000000000a', ['10.0.0.0/16']),
      ),
      statuses: ['pass', 'pass'],
      message: /its interfaces 10\.0\.1\.10, 10\.0\.2\.10/,
    },
    {
      name: "endpoint admits the VPC's CIDR",
      target: networkTarget(isolated, allEndpoints, endpointIngress(https({ cidrs: ['10.0.0.0/16'] }))),
      statuses: ['pass', 'pass'],
      message: /inbound TCP 443 from the task's address 10\.0\.1\.25/,
    },
    {
      name: 'endpoint admits a prefix list holding the task subnet',
      target: networkTarget(
        isolated,
        allEndpoints,
        endpointIngress(https({ prefixListIds: ['pl-0tasks0000000000'] })),
        prefixList('pl-0tasks0000000000', ['10.0.1.0/24']),
      ),
      statuses: ['pass', 'pass'],
    },
    {
      name: 'no path to ssmmessages: nothing to judge against',
      target: networkTarget(isolated),
      statuses: ['skip'],
      message: /network\.ssmmessages-path/,
    },
  ],
  invalid: [
    {
      name: 'NAT path, outbound 443 only to private addresses',
      target: networkTarget(taskEgress(https({ cidrs: ['10.0.0.0/8'] }))),
      statuses: ['fail'],
      message: /does not allow outbound TCP 443 to any public addresses \(only to 10\.0\.0\.0\/8\)/,
      fix: /aws ec2 authorize-security-group-egress --group-id sg-0task00000000000a --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=\[\{CidrIp=0\.0\.0\.0\/0\}\]' --region us-east-1/,
    },
    {
      name: 'NAT path, no outbound rules at all',
      target: networkTarget(taskEgress()),
      statuses: ['fail'],
    },
    {
      name: 'NAT path, outbound 443 limited to a prefix list of some public addresses',
      target: networkTarget(
        taskEgress(https({ prefixListIds: ['pl-0corp000000000a'] })),
        prefixList('pl-0corp000000000a', ['52.94.0.0/16']),
      ),
      statuses: ['unknown'],
      message:
        /only to pl-0corp000000000a: whether ssmmessages\.us-east-1\.amazonaws\.com resolves to addresses inside them cannot be known offline/,
    },
    {
      name: 'NAT path, the prefix list could not be read',
      target: networkTarget(taskEgress(https({ prefixListIds: ['pl-0corp000000000a'] })), (network) => {
        network.prefixLists['pl-0corp000000000a'] = unavailable(
          'AccessDenied on ec2:GetManagedPrefixListEntries',
          'ec2:GetManagedPrefixListEntries',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:GetManagedPrefixListEntries'),
    },
    {
      name: 'endpoint path, outbound 443 only to a prefix list that misses the endpoint',
      target: networkTarget(
        isolated,
        allEndpoints,
        taskEgress(https({ prefixListIds: ['pl-0other00000000a'] })),
        prefixList('pl-0other00000000a', ['192.168.0.0/16']),
      ),
      statuses: ['fail', 'pass'],
      message:
        /does not allow outbound TCP 443 to ssmmessages endpoint vpce-0ssmm00000000000 \(interfaces 10\.0\.1\.10, 10\.0\.2\.10, security group sg-0endpoint000000b\)/,
      fix: /--ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=\[\{GroupId=sg-0endpoint000000b\}\]'/,
    },
    {
      name: 'endpoint security group without 443 from the task',
      target: networkTarget(isolated, allEndpoints, endpointIngress(https({ cidrs: ['192.168.0.0/16'] }))),
      statuses: ['pass', 'fail'],
      message:
        /Security group sg-0endpoint000000b of ssmmessages endpoint vpce-0ssmm00000000000 does not allow inbound TCP 443 from the task/,
      fix: /aws ec2 authorize-security-group-ingress --group-id sg-0endpoint000000b --protocol tcp --port 443 --source-group sg-0task00000000000a --region us-east-1/,
    },
    {
      name: 'endpoint security group that admits port 80 only',
      target: networkTarget(
        isolated,
        allEndpoints,
        endpointIngress(https({ fromPort: 80, toPort: 80, groupIds: [TASK_SG] })),
      ),
      statuses: ['pass', 'fail'],
    },
    {
      name: "the task's security group could not be read",
      target: networkTarget((network) => {
        network.securityGroups[TASK_SG] = unavailable(
          'AccessDenied on ec2:DescribeSecurityGroups',
          'ec2:DescribeSecurityGroups',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeSecurityGroups'),
    },
    {
      name: "the endpoint's interfaces could not be read and the task's egress is narrow",
      target: networkTarget(
        isolated,
        allEndpoints,
        taskEgress(https({ cidrs: ['10.0.0.0/16'] })),
        (network) => {
          network.endpointNetworkInterfaces = unavailable(
            'AccessDenied on ec2:DescribeNetworkInterfaces',
            'ec2:DescribeNetworkInterfaces',
          );
        },
      ),
      statuses: ['unknown', 'pass'],
    },
    {
      name: 'the agent goes through a proxy: which rules matter is unknown',
      target: networkTarget((_network, target) => {
        if (target.taskDefinition.known) {
          target.taskDefinition.value.containerDefinitions[0]!.environment.push({
            name: 'https_proxy',
            value: 'http://10.0.0.5:3128',
          });
        }
      }),
      statuses: ['unknown'],
      message: /proxy/,
    },
  ],
});
