/** DescribeTasks takes 100 tasks, DescribeServices 10, DescribeContainerInstances 100. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
