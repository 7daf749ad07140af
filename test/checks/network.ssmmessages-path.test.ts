import { expect } from 'vitest';
import { networkSsmmessagesPath } from '../../src/checks/network/ssmmessages-path.js';
import { known, type Route, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import {
  allEndpoints,
  blackholeRoute,
  ec2Bridge,
  editEndpoint,
  failedNat,
  isolated,
  NAT,
  networkTarget,
  publicSubnet,
  ROUTE_TABLE,
  ramShared,
  type Shape,
  transitGatewayDefault,
  withPublicIp,
} from '../support/network-targets.js';
import { targetWith } from '../support/targets.js';

/** Replaces the route table's routes after the local route. */
function routes(...extra: Route[]): Shape {
  return (network) => {
    network.routeTable = known({
      id: ROUTE_TABLE,
      main: false,
      routes: [
        { destinationCidr: '10.0.0.0/16', target: { kind: 'local', id: 'local' }, state: 'active' },
        ...extra,
      ],
    });
  };
}

const defaultTo = (kind: Route['target']['kind'], id: string): Route => ({
  destinationCidr: '0.0.0.0/0',
  target: { kind, id },
  state: 'active',
});

const endpointPolicy = (statements: object[]) =>
  editEndpoint('ssmmessages', (endpoint) => {
    endpoint.policyDocument = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  });

checkTable(networkSsmmessagesPath, {
  valid: [
    {
      name: 'private subnet routed to an available NAT gateway',
      target: networkTarget(),
      statuses: ['pass'],
      message:
        /0\.0\.0\.0\/0 → nat-0a1b2c3d4e5f60001 .*NAT gateway nat-0a1b2c3d4e5f60001, which is available/,
      assert: ([finding]) =>
        expect(finding!.evidence).toContain(
          'DescribeNatGateways: nat-0a1b2c3d4e5f60001 state=available connectivityType=public',
        ),
    },
    {
      name: 'public subnet with a public IP on the task ENI',
      target: networkTarget(publicSubnet, withPublicIp),
      statuses: ['pass'],
      message:
        /internet gateway igw-0a1b2c3d4e5f60001, and eni-0123456789abcdef0 has public IP 54\.210\.7\.42/,
    },
    {
      name: 'isolated subnet with an ssmmessages endpoint, private DNS and VPC DNS on',
      target: networkTarget(isolated, allEndpoints),
      statuses: ['pass'],
      message:
        /interface endpoint vpce-0ssmm00000000000 \(private DNS on, VPC DNS support and hostnames on\)/,
      assert: ([finding]) =>
        expect(finding!.evidence).toContain(
          'DescribeVpcEndpoints: the endpoint policy of vpce-0ssmm00000000000 allows ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel for role app-task',
        ),
    },
    {
      name: 'an endpoint policy that allows the channel actions for the task role only',
      target: networkTarget(
        isolated,
        allEndpoints,
        endpointPolicy([
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:role/app-task' },
            Action: 'ssmmessages:*',
            Resource: '*',
          },
        ]),
      ),
      statuses: ['pass'],
    },
    {
      name: 'RAM-shared subnet with a NAT route: judged like any other, and said to be shared',
      target: networkTarget(ramShared),
      statuses: ['pass'],
      message: /shared with this account by account 444455556666 through AWS RAM/,
    },
    {
      name: 'EC2 bridge-mode task: the host has a public IP',
      target: networkTarget(ec2Bridge),
      statuses: ['pass'],
      message: /ENI eni-0host0000000000a of EC2 instance i-0a1b2c3d4e5f67890 .*public IP 3\.91\.20\.5/,
    },
    {
      name: 'a default route to a NAT instance',
      target: networkTarget(routes(defaultTo('instance', 'i-0nat0000000000000'))),
      statuses: ['pass'],
      message: /EC2 instance i-0nat0000000000000, taken to be a NAT instance/,
    },
    {
      name: 'the default route split in two halves, both to the NAT gateway',
      target: networkTarget(
        routes(
          { destinationCidr: '0.0.0.0/1', target: { kind: 'nat', id: NAT }, state: 'active' },
          { destinationCidr: '128.0.0.0/1', target: { kind: 'nat', id: NAT }, state: 'active' },
        ),
      ),
      statuses: ['pass'],
    },
    {
      name: 'a route to a prefix list covering the internet, to the NAT gateway',
      target: networkTarget(
        routes({
          destinationPrefixListId: 'pl-0everything00000',
          target: { kind: 'nat', id: NAT },
          state: 'active',
        }),
        (network) => {
          network.prefixLists['pl-0everything00000'] = known({
            id: 'pl-0everything00000',
            cidrs: ['0.0.0.0/1', '128.0.0.0/1'],
          });
        },
      ),
      statuses: ['pass'],
    },
    {
      name: 'an unusable endpoint does not matter while a NAT gateway carries the traffic',
      target: networkTarget(
        allEndpoints,
        editEndpoint('ssmmessages', (endpoint) => {
          endpoint.privateDnsEnabled = false;
        }),
      ),
      statuses: ['pass'],
      message:
        /The VPC's ssmmessages endpoint is not used: endpoint vpce-0ssmm00000000000 has private DNS turned off/,
    },
    {
      name: 'IPv6-only subnet: left to task.launch-type-supported',
      target: networkTarget((network) => {
        if (network.subnet.known) network.subnet.value.ipv6Native = true;
      }),
      statuses: ['skip'],
      message: /IPv6-only.*task\.launch-type-supported/,
    },
    {
      name: 'ECS Anywhere task: outside any VPC',
      target: targetWith((target) => {
        target.task!.launchType = 'EXTERNAL';
      }),
      statuses: ['skip'],
      message: /ECS Anywhere/,
    },
    {
      name: 'lint mode',
      target: targetWith((target) => {
        target.mode = 'lint';
        target.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'isolated subnet with no endpoint: a failure, never "skipped"',
      target: networkTarget(isolated),
      statuses: ['fail'],
      message:
        /Task ENI eni-0123456789abcdef0 in subnet subnet-0123456789abcdef0 cannot reach ssmmessages\.us-east-1\.amazonaws\.com: route table rtb-0private0000000a has no route for public addresses .*VPC vpc-0a1b2c3d4e5f60001 has no ssmmessages interface endpoint/,
      fix: /aws ec2 create-vpc-endpoint --vpc-id vpc-0a1b2c3d4e5f60001 --vpc-endpoint-type Interface --service-name com\.amazonaws\.us-east-1\.ssmmessages --subnet-ids subnet-0123456789abcdef0 --security-group-ids "\$ENDPOINT_SG" --private-dns-enabled --region us-east-1/,
    },
    {
      name: 'public subnet, Fargate service task without a public IP',
      target: networkTarget(publicSubnet),
      statuses: ['fail'],
      message: /has no public IP/,
      fix: /aws ecs update-service --cluster demo --service web --network-configuration "awsvpcConfiguration=\{subnets=\[subnet-0123456789abcdef0\],securityGroups=\[sg-0task00000000000a\],assignPublicIp=ENABLED\}" --force-new-deployment --region us-east-1/,
    },
    {
      name: 'public subnet, EC2 awsvpc task (which never gets a public IP): an endpoint instead',
      target: networkTarget(publicSubnet, (_network, target) => {
        target.task!.launchType = 'EC2';
      }),
      statuses: ['fail'],
      fix: /create-vpc-endpoint/,
      assert: ([finding]) => expect(finding!.fix?.cli).not.toMatch(/assignPublicIp/),
    },
    {
      name: 'a NAT gateway that has failed',
      target: networkTarget(failedNat),
      statuses: ['fail'],
      message:
        /NAT gateway nat-0a1b2c3d4e5f60001, which is failed \(Elastic IP address eipalloc-0abc could not be associated/,
      fix: /replace-route --route-table-id rtb-0private0000000a --destination-cidr-block 0\.0\.0\.0\/0 --nat-gateway-id NAT_GATEWAY_ID/,
    },
    {
      name: 'a blackhole default route',
      target: networkTarget(blackholeRoute),
      statuses: ['fail'],
      message: /route 0\.0\.0\.0\/0 → nat-0deleted0000000 in rtb-0private0000000a is a blackhole/,
    },
    {
      name: 'isolated subnet, the endpoint has private DNS off',
      target: networkTarget(
        isolated,
        allEndpoints,
        editEndpoint('ssmmessages', (endpoint) => {
          endpoint.privateDnsEnabled = false;
        }),
      ),
      statuses: ['fail'],
      message: /private DNS turned off/,
      fix: /aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0ssmm00000000000 --private-dns-enabled --region us-east-1/,
    },
    {
      name: 'isolated subnet with endpoints, VPC DNS hostnames off',
      target: networkTarget(isolated, allEndpoints, (network) => {
        network.dnsHostnames = known(false);
      }),
      statuses: ['fail'],
      message: /enableDnsHostnames=false/,
      fix: /aws ec2 modify-vpc-attribute --vpc-id vpc-0a1b2c3d4e5f60001 --enable-dns-hostnames '\{"Value":true\}' --region us-east-1/,
    },
    {
      name: 'an endpoint that is still pending',
      target: networkTarget(
        isolated,
        allEndpoints,
        editEndpoint('ssmmessages', (endpoint) => {
          endpoint.state = 'pending';
        }),
      ),
      statuses: ['fail'],
      message: /vpce-0ssmm00000000000 is pending, not available/,
    },
    {
      name: 'an endpoint policy that denies a channel action',
      target: networkTarget(
        isolated,
        allEndpoints,
        endpointPolicy([
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          {
            Sid: 'NoData',
            Effect: 'Deny',
            Principal: '*',
            Action: 'ssmmessages:*DataChannel',
            Resource: '*',
          },
        ]),
      ),
      statuses: ['fail'],
      message:
        /endpoint policy of vpce-0ssmm00000000000 denies ssmmessages:CreateDataChannel on \* for role app-task \(statement NoData\)/,
      fix: /aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0ssmm00000000000 --reset-policy --region us-east-1/,
    },
    {
      name: 'an endpoint policy that depends on the organization',
      target: networkTarget(
        isolated,
        allEndpoints,
        endpointPolicy([
          {
            Effect: 'Allow',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          },
        ]),
      ),
      statuses: ['unknown'],
      message: /depends on aws:PrincipalOrgID/,
    },
    {
      name: 'a transit gateway default route',
      target: networkTarget(transitGatewayDefault),
      statuses: ['unknown'],
      message: /tgw-0a1b2c3d4e5f60001 .*leads to a transit gateway/,
    },
    {
      name: 'a default route to a VPC peering connection',
      target: networkTarget(routes(defaultTo('vpc-peering', 'pcx-0a1b2c3d4e5f60001'))),
      statuses: ['unknown'],
      message: /peering connection; AWS does not route through a peer VPC's internet or NAT gateway/,
    },
    {
      name: 'a default route through a firewall endpoint',
      target: networkTarget(routes(defaultTo('vpce', 'vpce-0firewall0000000'))),
      statuses: ['unknown'],
      message: /Gateway Load Balancer or AWS Network Firewall endpoint/,
    },
    {
      name: 'a private NAT gateway',
      target: networkTarget((network) => {
        network.natGateways[NAT] = known({ id: NAT, state: 'available', connectivityType: 'private' });
      }),
      statuses: ['unknown'],
      message: /private NAT gateway nat-0a1b2c3d4e5f60001/,
    },
    {
      name: 'a more specific public route to a transit gateway beside the NAT default route',
      target: networkTarget(
        routes(defaultTo('nat', NAT), {
          destinationCidr: '52.0.0.0/8',
          target: { kind: 'tgw', id: 'tgw-0a1b2c3d4e5f60001' },
          state: 'active',
        }),
      ),
      statuses: ['unknown'],
      message:
        /public addresses are routed differently: .*nat-0a1b2c3d4e5f60001.*52\.0\.0\.0\/8 → tgw-0a1b2c3d4e5f60001.*depends on the addresses ssmmessages\.us-east-1\.amazonaws\.com resolves to/,
    },
    {
      name: 'a container that sends HTTPS through a proxy',
      target: networkTarget((_network, target) => {
        if (target.taskDefinition.known) {
          target.taskDefinition.value.containerDefinitions[0]!.environment.push({
            name: 'HTTPS_PROXY',
            value: 'http://proxy.corp.example:3128',
          });
        }
      }),
      statuses: ['unknown'],
      message: /through a proxy \(container `web` \(HTTPS_PROXY\)\)/,
    },
    {
      name: 'the route table could not be read, and there is no endpoint',
      target: networkTarget((network) => {
        network.routeTable = unavailable(
          'AccessDenied on ec2:DescribeRouteTables',
          'ec2:DescribeRouteTables',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeRouteTables'),
    },
    {
      name: 'the endpoints could not be read, and there is no internet route',
      target: networkTarget(isolated, (network) => {
        network.endpoints = unavailable(
          'AccessDenied on ec2:DescribeVpcEndpoints',
          'ec2:DescribeVpcEndpoints',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeVpcEndpoints'),
    },
    {
      name: "the task's network interface could not be read",
      target: targetWith((target) => {
        target.network = unavailable(
          'AccessDenied on ec2:DescribeNetworkInterfaces',
          'ec2:DescribeNetworkInterfaces',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeNetworkInterfaces'),
    },
  ],
});
