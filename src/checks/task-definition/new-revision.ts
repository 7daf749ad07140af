import type { ExecTarget } from '../../model/index.js';
import { knownValue } from '../results.js';
import { clusterName, taskDefinitionLabel } from '../target-helpers.js';

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

interface RevisionNames {
  /** `family:revision`. */
  label: string;
  family: string;
  region: string;
  /** The cluster and service to deploy the revision to, for a service task. */
  deployTo?: { cluster: string; service: string };
}

function revisionSteps(names: RevisionNames, jqEdit: string): string[] {
  const region = `--region ${names.region}`;
  const file = `${names.family}-taskdef.json`;
  const steps = [
    `aws ecs describe-task-definition --task-definition ${names.label} --query taskDefinition --output json ${region} | jq ${shellQuote(`${jqEdit} | del(${READ_ONLY_FIELDS})`)} > ${file}`,
    `aws ecs register-task-definition --cli-input-json file://${file} ${region}`,
  ];
  if (names.deployTo) {
    steps.push(
      `aws ecs update-service --cluster ${names.deployTo.cluster} --service ${names.deployTo.service} --task-definition ${names.family} ${region}`,
    );
  }
  return steps;
}

/**
 * Live mode only (lint users edit their files): a ready-to-run command that registers a new
 * revision with `jqEdit` applied and, for a service task, deploys it.
 */
export function newRevisionCommand(target: ExecTarget, jqEdit: string): string | undefined {
  if (target.mode !== 'live' || !target.taskDefinition.known) return undefined;
  const service = knownValue(target.service);
  return revisionSteps(
    {
      label: taskDefinitionLabel(target),
      family: target.taskDefinition.value.family,
      region: target.region,
      ...(service ? { deployTo: { cluster: clusterName(target), service: service.name } } : {}),
    },
    jqEdit,
  ).join(' && ');
}

/** The same steps with placeholder names, one per line, for the check docs. */
export function newRevisionCommandTemplate(jqEdit: string): string {
  return revisionSteps(
    {
      label: 'TASK_DEFINITION',
      family: 'FAMILY',
      region: 'REGION',
      deployTo: { cluster: 'CLUSTER', service: 'SERVICE' },
    },
    jqEdit,
  ).join('\n');
}
