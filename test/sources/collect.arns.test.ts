import { DescribeClustersCommand, DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import {
  ACCOUNT,
  arns,
  CLUSTER,
  cluster,
  describeClusters,
  describeTasks,
  fargateTask,
  HOME,
  type Place,
  TASK_ID,
} from '../support/aws-responses.js';
import { answerFargate, inputsOf, liveApi, type MockAws, regionsOf, useMockAws } from './mock-aws.js';

const aws = useMockAws();

/** The region of every client that was sent a call, whatever the service. */
async function regionsCalled(mocks: MockAws): Promise<Set<string>> {
  const regions = await Promise.all(Object.values(mocks).map((mock) => regionsOf(mock)));
  return new Set(regions.flat());
}

describe('collectLiveTargets: targets given as ARNs', () => {
  it('takes the cluster from a task ARN, and its region over the configured default', async () => {
    const ireland: Place = { partition: 'aws', region: 'eu-west-1', account: ACCOUNT };
    answerFargate(aws, ireland);
    const taskArn = arns.task(ireland);

    // liveApi's default region is us-east-1: the ARN says eu-west-1.
    const { targets } = await collectLiveTargets(liveApi(), { tasks: [taskArn] });

    expect(inputsOf(aws.ecs, DescribeClustersCommand)).toEqual([
      { clusters: [CLUSTER], include: ['CONFIGURATIONS', 'TAGS'] },
    ]);
    expect(inputsOf(aws.ecs, DescribeTasksCommand)).toEqual([
      { cluster: CLUSTER, tasks: [taskArn], include: ['TAGS'] },
    ]);
    expect(await regionsCalled(aws)).toEqual(new Set(['eu-west-1']));
    expect(targets[0]).toMatchObject({ partition: 'aws', region: 'eu-west-1', accountId: ACCOUNT });
  });

  it('reads an old-format task ARN (no cluster in it) in the default cluster, as ECS does', async () => {
    answerFargate(aws);
    const oldArn = arns.oldTask();
    aws.ecs
      .on(DescribeClustersCommand)
      .resolves(
        describeClusters(
          cluster(HOME, { clusterArn: arns.cluster(HOME, 'default'), clusterName: 'default' }),
        ),
      )
      .on(DescribeTasksCommand)
      .resolves(
        describeTasks(fargateTask(HOME, { taskArn: oldArn, clusterArn: arns.cluster(HOME, 'default') })),
      );

    const { targets } = await collectLiveTargets(liveApi(), { tasks: [oldArn] });

    expect(inputsOf(aws.ecs, DescribeTasksCommand)).toEqual([
      { cluster: 'default', tasks: [oldArn], include: ['TAGS'] },
    ]);
    expect(targets[0]!.task).toMatchObject({
      arn: oldArn,
      id: TASK_ID,
      clusterArn: arns.cluster(HOME, 'default'),
    });
    expect(targets[0]!.cluster).toMatchObject({ known: true, value: { name: 'default' } });
  });

  it('reads an old-format task ARN in the cluster named by --cluster', async () => {
    answerFargate(aws);
    const oldArn = arns.oldTask();
    aws.ecs.on(DescribeTasksCommand).resolves(describeTasks(fargateTask(HOME, { taskArn: oldArn })));

    const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [oldArn] });

    expect(inputsOf(aws.ecs, DescribeTasksCommand)).toEqual([
      { cluster: CLUSTER, tasks: [oldArn], include: ['TAGS'] },
    ]);
    expect(targets[0]!.task!.id).toBe(TASK_ID);
  });

  it('takes partition, region and account from a GovCloud ARN', async () => {
    const govCloud: Place = { partition: 'aws-us-gov', region: 'us-gov-west-1', account: '123456789012' };
    answerFargate(aws, govCloud);

    const { targets } = await collectLiveTargets(liveApi(), { tasks: [arns.task(govCloud)] });

    expect(targets[0]).toMatchObject({
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      accountId: '123456789012',
    });
    expect(targets[0]!.task!.arn).toBe(
      `arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task/${CLUSTER}/${TASK_ID}`,
    );
    expect(targets[0]!.kmsKey).toMatchObject({ known: true, value: { arn: arns.key(govCloud) } });
    expect(inputsOf(aws.kms, DescribeKeyCommand)).toEqual([{ KeyId: arns.key(govCloud) }]);
    expect(await regionsCalled(aws)).toEqual(new Set(['us-gov-west-1']));
  });

  it('asks KMS in the region of a key ARN that names another region', async () => {
    answerFargate(aws);
    const westKey = arns.key({ ...HOME, region: 'us-west-2' });
    aws.ecs.on(DescribeClustersCommand).resolves(
      describeClusters(
        cluster(HOME, {
          configuration: { executeCommandConfiguration: { kmsKeyId: westKey, logging: 'DEFAULT' } },
        }),
      ),
    );

    await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [TASK_ID] });

    expect(inputsOf(aws.kms, DescribeKeyCommand)).toEqual([{ KeyId: westKey }]);
    expect(await regionsOf(aws.kms)).toEqual(['us-west-2']);
  });
});
