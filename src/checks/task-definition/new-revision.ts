import type { ExecTarget } from '../../model/index.js';
import { knownValue } from '../results.js';
import { clusterName, regionFlag, taskDefinitionLabel } from '../target-helpers.js';

/**
 * A task definition revision is immutable: a fix means registering a new revision and rolling
 * the service onto it. DescribeTaskDefinition returns read-only fields that
 * RegisterTaskDefinition rejects, so the command drops them.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
 */
const READ_ONLY_FIELDS =
  '.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt';

/** A jq update applied to one container definition, e.g. `.readonlyRootFilesystem = false`. */
export function containerEdit(containerName: string, update: string): string {
  return `(.containerDefinitions[] | select(.name == ${JSON.stringify(containerName)})) |= (${update})`;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * Live mode only (lint users edit their files): a ready-to-run command that registers a new
 * revision with `jqEdit` applied and, for a service task, deploys it.
 */
export function newRevisionCommand(target: ExecTarget, jqEdit: string): string | undefined {
  if (target.mode !== 'live' || !target.taskDefinition.known) return undefined;
  const family = target.taskDefinition.value.family;
  const region = regionFlag(target);
  const file = `${family}-taskdef.json`;
  const steps = [
    `aws ecs describe-task-definition --task-definition ${taskDefinitionLabel(target)} --query taskDefinition --output json ${region} | jq ${shellQuote(`${jqEdit} | del(${READ_ONLY_FIELDS})`)} > ${file}`,
    `aws ecs register-task-definition --cli-input-json file://${file} ${region}`,
  ];
  const service = knownValue(target.service);
  if (service) {
    steps.push(
      `aws ecs update-service --cluster ${clusterName(target)} --service ${service.name} --task-definition ${family} ${region}`,
    );
  }
  return steps.join(' && ');
}
