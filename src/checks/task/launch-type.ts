import type { Task } from '../../model/index.js';

/**
 * The task's launch type. DescribeTasks reports `launchType` for tasks placed by a capacity
 * provider strategy too; the FARGATE and FARGATE_SPOT providers are Fargate by name, so an older
 * record without `launchType` is still placed. Other capacity providers are named by the user,
 * so their kind (EC2 Auto Scaling or Managed Instances) cannot be told from the name.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html
 */
export function launchTypeOf(task: Task): string | undefined {
  if (task.launchType) return task.launchType;
  if (task.capacityProviderName === 'FARGATE' || task.capacityProviderName === 'FARGATE_SPOT') {
    return 'FARGATE';
  }
  return undefined;
}
