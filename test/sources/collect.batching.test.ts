import {
  DescribeLogGroupsCommand,
  type DescribeLogGroupsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type DescribeTasksCommandInput,
  ListTasksCommand,
  type ListTasksCommandInput,
} from '@aws-sdk/client-ecs';
import { DescribeKeyCommand } from '@aws-sdk/client-kms';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { known } from '../../src/model/index.js';
import { collectLiveTargets } from '../../src/sources/aws/collect.js';
import {
  arns,
  CLUSTER,
  describeLogGroups,
  describeTasks,
  fargateTask,
  HOME,
  LOG_GROUP,
  logGroup,
  SERVICE,
} from '../support/aws-responses.js';
import { answerFargate, inputsOf, liveApi, useMockAws } from './mock-aws.js';

const aws = useMockAws();

/** A task id of ECS's 32-hex-digit shape, distinct per index. */
const taskId = (index: number) => `${'f'.repeat(28)}${index.toString(16).padStart(4, '0')}`;

/** DescribeTasks answers for whichever tasks it is asked about (ids or ARNs). */
function answerTasksAsked(): void {
  aws.ecs.on(DescribeTasksCommand).callsFake((input: DescribeTasksCommandInput) =>
    describeTasks(
      ...(input.tasks ?? []).map((reference) =>
        fargateTask(HOME, {
          taskArn: reference.startsWith('arn:') ? reference : arns.task(HOME, reference),
        }),
      ),
    ),
  );
}

describe('collectLiveTargets: batching, paging and shared resources', () => {
  it('describes 150 tasks in two DescribeTasks calls (100 + 50) and their shared resources once', async () => {
    answerFargate(aws);
    answerTasksAsked();
    const ids = Array.from({ length: 150 }, (_, index) => taskId(index));

    const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: ids });

    const batches = inputsOf(aws.ecs, DescribeTasksCommand);
    expect(batches.map((input) => input.tasks?.length)).toEqual([100, 50]);
    expect(batches.flatMap((input) => input.tasks)).toEqual(ids);
    expect(batches.every((input) => input.cluster === CLUSTER && input.include?.[0] === 'TAGS')).toBe(true);
    expect(targets.map((target) => target.task!.id)).toEqual(ids);
    // Every task shares the cluster, service and task definition: each is described once.
    expect(aws.ecs).toHaveReceivedCommandTimes(DescribeClustersCommand, 1);
    expect(inputsOf(aws.ecs, DescribeTaskDefinitionCommand)).toEqual([
      { taskDefinition: arns.taskDefinition() },
    ]);
    expect(inputsOf(aws.ecs, DescribeServicesCommand)).toEqual([{ cluster: CLUSTER, services: [SERVICE] }]);
    expect(aws.kms).toHaveReceivedCommandTimes(DescribeKeyCommand, 1);
    expect(aws.s3).toHaveReceivedCommandTimes(HeadBucketCommand, 1);
  });

  it('two tasks of one task definition: DescribeTaskDefinition is called once and both get it', async () => {
    answerFargate(aws);
    answerTasksAsked();

    const { targets } = await collectLiveTargets(liveApi(), {
      cluster: CLUSTER,
      tasks: [taskId(1), taskId(2)],
    });

    expect(aws.ecs).toHaveReceivedCommandTimes(DescribeTaskDefinitionCommand, 1);
    expect(targets).toHaveLength(2);
    expect(targets[0]!.taskDefinition).toEqual(targets[1]!.taskDefinition);
    expect(targets[0]!.taskDefinition.known).toBe(true);
  });

  it('--service: follows ListTasks nextToken pages, then describes every task listed', async () => {
    answerFargate(aws);
    answerTasksAsked();
    const pages: Record<string, { taskArns: string[]; nextToken?: string }> = {
      first: { taskArns: [arns.task(HOME, taskId(1)), arns.task(HOME, taskId(2))], nextToken: 'page-2' },
      'page-2': { taskArns: [arns.task(HOME, taskId(3))], nextToken: 'page-3' },
      'page-3': { taskArns: [arns.task(HOME, taskId(4))] },
    };
    aws.ecs
      .on(ListTasksCommand)
      .callsFake((input: ListTasksCommandInput) => pages[input.nextToken ?? 'first']);

    const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, service: SERVICE });

    const listed = { cluster: CLUSTER, desiredStatus: 'RUNNING', serviceName: SERVICE };
    expect(inputsOf(aws.ecs, ListTasksCommand)).toEqual([
      listed,
      { ...listed, nextToken: 'page-2' },
      { ...listed, nextToken: 'page-3' },
    ]);
    const allArns = [1, 2, 3, 4].map((index) => arns.task(HOME, taskId(index)));
    expect(inputsOf(aws.ecs, DescribeTasksCommand)).toEqual([
      { cluster: CLUSTER, tasks: allArns, include: ['TAGS'] },
    ]);
    expect(targets.map((target) => target.task!.arn)).toEqual(allArns);
  });

  it('--all: lists the running tasks of the whole cluster', async () => {
    answerFargate(aws);
    answerTasksAsked();
    aws.ecs.on(ListTasksCommand).resolves({ taskArns: [arns.task(HOME, taskId(9))] });

    await collectLiveTargets(liveApi(), { cluster: CLUSTER, all: true });

    expect(inputsOf(aws.ecs, ListTasksCommand)).toEqual([{ cluster: CLUSTER, desiredStatus: 'RUNNING' }]);
  });

  it('DescribeLogGroups matches by prefix: pages are read until the exact name appears', async () => {
    answerFargate(aws);
    aws.logs
      .on(DescribeLogGroupsCommand)
      .callsFake((input: DescribeLogGroupsCommandInput) =>
        input.nextToken === undefined
          ? describeLogGroups(
              [logGroup(HOME, `${LOG_GROUP}-2025`), logGroup(HOME, `${LOG_GROUP}-archive`)],
              'page-2',
            )
          : describeLogGroups([logGroup(HOME, LOG_GROUP, { retentionInDays: 731 })]),
      );

    const { targets } = await collectLiveTargets(liveApi(), { cluster: CLUSTER, tasks: [taskId(1)] });

    expect(inputsOf(aws.logs, DescribeLogGroupsCommand)).toEqual([
      { logGroupNamePrefix: LOG_GROUP },
      { logGroupNamePrefix: LOG_GROUP, nextToken: 'page-2' },
    ]);
    expect(targets[0]!.logGroup).toEqual(
      known({ name: LOG_GROUP, arn: `${arns.logGroup()}:*`, kmsKeyId: arns.key(), retentionInDays: 731 }),
    );
  });
});
