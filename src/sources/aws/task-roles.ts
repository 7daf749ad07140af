import {
  type ContainerInstance,
  type Ec2Instance,
  type Fact,
  known,
  type Role,
  type Task,
  type TaskDefinition,
  unavailable,
} from '../../model/index.js';
import { type Attempts, unavailableFrom } from './attempt.js';
import { chunks } from './chunks.js';

/** The EC2 host of each EC2 task: its instance profile, and its subnet and public IP for bridge and host mode. */
export async function describeHosts(
  attempts: Attempts,
  tasks: readonly Task[],
  containerInstances: Map<string, Fact<ContainerInstance>>,
  region: string,
  progress: (message: string) => void,
): Promise<Map<string, Fact<Ec2Instance>>> {
  const hosts = new Map<string, Fact<Ec2Instance>>();
  const needInstance = new Map<string, string>();
  for (const task of tasks) {
    const instance = task.containerInstanceArn
      ? containerInstances.get(task.containerInstanceArn)
      : undefined;
    if (task.launchType === 'EC2' || (instance?.known && instance.value.ec2InstanceId)) {
      if (instance?.known && instance.value.ec2InstanceId)
        needInstance.set(task.arn, instance.value.ec2InstanceId);
      else if (instance && !instance.known) hosts.set(task.arn, unavailableFrom(instance));
    }
  }
  if (needInstance.size > 0) progress('reading EC2 instances');
  const instanceIds = [...new Set(needInstance.values())];
  const described = new Map<string, Fact<Ec2Instance>>();
  await Promise.all(
    chunks(instanceIds, 100).map(async (batch) => {
      const result = await attempts.attempt('ec2:DescribeInstances', { InstanceIds: batch }, region);
      for (const id of batch) {
        if (!result.ok) {
          described.set(id, unavailableFrom(result));
          continue;
        }
        const instance = result.value.Reservations?.flatMap(
          (reservation) => reservation.Instances ?? [],
        ).find((candidate) => candidate.InstanceId === id);
        if (!instance) {
          described.set(id, unavailable(`EC2 instance ${id} not found`));
          continue;
        }
        const facts: Ec2Instance = { instanceId: id };
        if (instance.IamInstanceProfile?.Arn) facts.iamInstanceProfileArn = instance.IamInstanceProfile.Arn;
        if (instance.PublicIpAddress) facts.publicIpAddress = instance.PublicIpAddress;
        if (instance.SubnetId) facts.subnetId = instance.SubnetId;
        if (instance.VpcId) facts.vpcId = instance.VpcId;
        described.set(id, known(facts));
      }
    }),
  );
  for (const [taskArn, instanceId] of needInstance) hosts.set(taskArn, described.get(instanceId)!);
  return hosts;
}

/**
 * The SSM agent in the container uses the task role: a RunTask override first, then the task
 * definition's. With neither, an EC2 task falls back to the instance profile's role through IMDS.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export async function resolveTaskRoles(
  attempts: Attempts,
  tasks: readonly Task[],
  taskDefinitions: Map<string, Fact<TaskDefinition>>,
  hosts: Map<string, Fact<Ec2Instance>>,
  region: string,
): Promise<Map<string, Fact<Role | null>>> {
  const entries = await Promise.all(
    tasks.map(async (task): Promise<[string, Fact<Role | null>]> => {
      const definition = taskDefinitions.get(task.taskDefinitionArn)!;
      const roleArn =
        task.overrides.taskRoleArn ?? (definition.known ? definition.value.taskRoleArn : undefined);
      if (roleArn) {
        const source = task.overrides.taskRoleArn ? 'task-override' : 'task-definition';
        return [task.arn, known({ arn: roleArn, name: roleArn.split('/').pop()!, source })];
      }
      if (!definition.known) return [task.arn, unavailableFrom(definition)];
      return [task.arn, await instanceProfileRole(attempts, hosts.get(task.arn), region)];
    }),
  );
  return new Map(entries);
}

async function instanceProfileRole(
  attempts: Attempts,
  instance: Fact<Ec2Instance> | undefined,
  region: string,
): Promise<Fact<Role | null>> {
  if (!instance) return known(null);
  if (!instance.known) return instance;
  const profileArn = instance.value.iamInstanceProfileArn;
  if (!profileArn) return known(null);
  const profileName = profileArn.split('/').pop()!;
  const result = await attempts.attempt(
    'iam:GetInstanceProfile',
    { InstanceProfileName: profileName },
    region,
  );
  if (!result.ok) return unavailableFrom(result);
  const role = result.value.InstanceProfile?.Roles?.[0];
  if (!role?.Arn) return known(null);
  return known({
    arn: role.Arn,
    name: role.RoleName ?? role.Arn.split('/').pop()!,
    source: 'instance-profile',
    instanceProfileArn: profileArn,
  });
}
