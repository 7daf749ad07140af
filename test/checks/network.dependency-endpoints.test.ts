import { expect } from 'vitest';
import { networkDependencyEndpoints } from '../../src/checks/network/dependency-endpoints.js';
import { known, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import {
  allEndpoints,
  editEndpoint,
  interfaceEndpoint,
  isolated,
  networkTarget,
  type Shape,
  transitGatewayDefault,
  withoutEndpoint,
} from '../support/network-targets.js';

/** Exec logging that names only a CloudWatch log group, with no KMS key. */
const cloudWatchOnly: Shape = (_network, target) => {
  if (!target.cluster.known) return;
  target.cluster.value.executeCommandConfiguration = {
    logging: 'OVERRIDE',
    logConfiguration: { cloudWatchLogGroupName: '/ecs/exec-audit' },
  };
  target.kmsKey = undefined;
  target.bucket = undefined;
};

checkTable(networkDependencyEndpoints, {
  valid: [
    {
      name: 'the subnet reaches the internet through a NAT gateway',
      target: networkTarget(),
      statuses: ['skip'],
      message: /reaches the internet .*nat-0a1b2c3d4e5f60001.*so kms, logs, s3 need no endpoint/,
    },
    {
      name: 'isolated subnet with kms, logs and an S3 gateway endpoint on its route table',
      target: networkTarget(isolated, allEndpoints),
      statuses: ['pass', 'pass', 'pass'],
      message:
        /usable com\.amazonaws\.us-east-1\.kms endpoint vpce-0kms000000000000[\s\S]*S3 gateway endpoint vpce-0s3gateway000000 is associated with route table rtb-0private0000000a/,
    },
    {
      name: 'isolated subnet, S3 through an interface endpoint instead of a gateway',
      target: networkTarget(isolated, allEndpoints, withoutEndpoint('s3', 'Gateway'), (network) => {
        if (network.endpoints.known) network.endpoints.value.push(interfaceEndpoint('s3'));
      }),
      statuses: ['pass', 'pass', 'pass'],
    },
    {
      name: 'no KMS key and no exec logging',
      target: networkTarget(isolated, (_network, target) => {
        if (target.cluster.known) target.cluster.value.executeCommandConfiguration = { logging: 'NONE' };
        target.kmsKey = undefined;
      }),
      statuses: ['skip'],
    },
    {
      name: 'DEFAULT logging with an awslogs container needs a logs endpoint',
      target: networkTarget(isolated, allEndpoints, (_network, target) => {
        if (target.cluster.known) target.cluster.value.executeCommandConfiguration = {};
        target.kmsKey = undefined;
      }),
      statuses: ['pass'],
      message: /logs endpoint .*CloudWatch Logs \(\/ecs\/web\)/,
    },
  ],
  invalid: [
    {
      name: 'isolated subnet, KMS key, no kms endpoint',
      target: networkTarget(isolated, allEndpoints, withoutEndpoint('kms')),
      statuses: ['fail', 'pass', 'pass'],
      message:
        /VPC vpc-0a1b2c3d4e5f60001 has no com\.amazonaws\.us-east-1\.kms endpoint and the subnet has no internet path, but the cluster encrypts sessions with KMS key/,
      fix: /aws ec2 create-vpc-endpoint --vpc-id vpc-0a1b2c3d4e5f60001 --vpc-endpoint-type Interface --service-name com\.amazonaws\.us-east-1\.kms --subnet-ids subnet-0123456789abcdef0/,
    },
    {
      name: 'isolated subnet, S3 logging without any S3 endpoint',
      target: networkTarget(isolated, allEndpoints, withoutEndpoint('s3', 'Gateway')),
      statuses: ['pass', 'pass', 'fail'],
      fix: /aws ec2 create-vpc-endpoint --vpc-id vpc-0a1b2c3d4e5f60001 --vpc-endpoint-type Gateway --service-name com\.amazonaws\.us-east-1\.s3 --route-table-ids rtb-0private0000000a --region us-east-1/,
    },
    {
      name: "an S3 gateway endpoint not associated with the subnet's route table",
      target: networkTarget(
        isolated,
        allEndpoints,
        editEndpoint('s3', (endpoint) => {
          endpoint.routeTableIds = ['rtb-0other000000000a'];
        }),
      ),
      statuses: ['pass', 'pass', 'fail'],
      message:
        /S3 gateway endpoint vpce-0s3gateway000000 is not associated with route table rtb-0private0000000a/,
      fix: /aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0s3gateway000000 --add-route-table-ids rtb-0private0000000a --region us-east-1/,
    },
    {
      name: 'a logs endpoint with private DNS off',
      target: networkTarget(
        isolated,
        allEndpoints,
        cloudWatchOnly,
        editEndpoint('logs', (endpoint) => {
          endpoint.privateDnsEnabled = false;
        }),
      ),
      statuses: ['fail'],
      fix: /modify-vpc-endpoint --vpc-endpoint-id vpce-0logs00000000000 --private-dns-enabled/,
    },
    {
      name: 'a kms endpoint whose policy does not allow kms:Decrypt',
      target: networkTarget(
        isolated,
        allEndpoints,
        editEndpoint('kms', (endpoint) => {
          endpoint.policyDocument = JSON.stringify({
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*' }],
          });
        }),
      ),
      statuses: ['fail', 'pass', 'pass'],
      message:
        /endpoint policy of vpce-0kms000000000000 does not allow kms:Decrypt on arn:aws:kms:us-east-1:111122223333:key\/1234abcd/,
      fix: /--reset-policy/,
    },
    {
      name: 'a transit gateway default route and no endpoints: reachable only through it',
      target: networkTarget(transitGatewayDefault),
      statuses: ['unknown', 'unknown', 'unknown'],
      message: /its way to the internet is uncertain \(route 0\.0\.0\.0\/0 → tgw-0a1b2c3d4e5f60001/,
    },
    {
      name: 'the endpoints could not be read',
      target: networkTarget(isolated, cloudWatchOnly, (network) => {
        network.endpoints = unavailable(
          'AccessDenied on ec2:DescribeVpcEndpoints',
          'ec2:DescribeVpcEndpoints',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeVpcEndpoints'),
    },
    {
      name: 'the VPC DNS attributes could not be read',
      target: networkTarget(isolated, allEndpoints, cloudWatchOnly, (network) => {
        network.dnsSupport = unavailable(
          'AccessDenied on ec2:DescribeVpcAttribute',
          'ec2:DescribeVpcAttribute',
        );
      }),
      statuses: ['unknown'],
      assert: ([finding]) => expect(finding!.needs).toBe('ec2:DescribeVpcAttribute'),
    },
    {
      name: 'the cluster could not be read',
      target: networkTarget(isolated, (_network, target) => {
        target.cluster = unavailable('AccessDenied on ecs:DescribeClusters', 'ecs:DescribeClusters');
        target.kmsKey = known({
          reference: 'alias/exec',
          keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
          arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          keyState: 'Enabled',
        });
      }),
      statuses: ['unknown'],
    },
  ],
});
