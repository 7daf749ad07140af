/**
 * What a file is, judged by its content (file names vary: `template.yaml`, `ecs-task-def.json`,
 * `plan.json`, `MyStack.template.json`).
 */
export const INPUT_TYPES = ['taskdef', 'service', 'cloudformation', 'cdk', 'terraform-plan'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function isTemplate(value: Record<string, unknown>): boolean {
  const resources = record(value.Resources);
  if (!resources) return false;
  if (value.AWSTemplateFormatVersion !== undefined) return true;
  return Object.values(resources).some((resource) =>
    /^[A-Za-z0-9]+::/.test(String(record(resource)?.Type ?? '')),
  );
}

/** A service definition: create-service input (ecspresso's leaves out name and task definition), or describe output. */
function isService(value: Record<string, unknown>): boolean {
  if (Array.isArray(value.services))
    return value.services.some((service) => record(service)?.serviceName !== undefined);
  if (record(value.service)?.serviceName !== undefined) return true;
  if (value.serviceName !== undefined) return true;
  const serviceOnly = ['desiredCount', 'schedulingStrategy', 'deploymentConfiguration', 'loadBalancers'];
  return serviceOnly.some((key) => value[key] !== undefined) && value.containerDefinitions === undefined;
}

export function detectInputType(value: unknown): InputType | undefined {
  const object = record(value);
  if (!object) return undefined;
  if (isTemplate(object)) return 'cloudformation';
  if (
    typeof object.format_version === 'string' &&
    (object.planned_values ?? object.resource_changes ?? object.values)
  )
    return 'terraform-plan';
  if (typeof object.version === 'string' && record(object.artifacts)) return 'cdk';
  if (
    Array.isArray(object.containerDefinitions) ||
    Array.isArray(record(object.taskDefinition)?.containerDefinitions)
  )
    return 'taskdef';
  if (isService(object)) return 'service';
  return undefined;
}

/** Text that looks like one of the inputs, so a syntax error in it is the user's to fix, not a file to skip. */
export function looksLikeInput(text: string): boolean {
  return /AWSTemplateFormatVersion|"?Resources"?\s*:|containerDefinitions|"format_version"|"taskDefinition"|"serviceName"/.test(
    text,
  );
}
