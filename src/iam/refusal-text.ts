import type { FailedCondition } from './types.js';

/**
 * How a condition that refused a statement reads in a reason: what it requires, and what the
 * request has instead ("requires aws:RequestedRegion=eu-west-1; the request has us-east-1").
 * Operators are named as written, except the plain equalities, which read as `key=value`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

const EQUALITY = new Set(['stringequals', 'stringequalsignorecase', 'numericequals', 'dateequals', 'bool']);

/** `aws:ResourceTag/K`, `ecs:ResourceTag/K`…: a tag of the resource the request acts on. */
const RESOURCE_TAG = /^[a-z0-9-]+:resourcetag\/(.+)$/i;
const PRINCIPAL_TAG = /^aws:principaltag\/(.+)$/i;
const REQUEST_TAG = /^aws:requesttag\/(.+)$/i;

/** The tag key a condition on a resource's tags tests, e.g. `environment` for `aws:ResourceTag/environment`. */
export function resourceTagKey(conditionKey: string): string | undefined {
  return RESOURCE_TAG.exec(conditionKey)?.[1];
}

/** "aws:RequestedRegion=eu-west-1", "aws:ResourceTag/team StringLike web-*", "aws:SourceVpce to be present". */
function conditionRequirement(condition: FailedCondition): string {
  const { operator, key, values } = condition;
  if (/^(for(all|any)values:)?null$/i.test(operator)) {
    return values.some((value) => value.toLowerCase() === 'true')
      ? `${key} to be absent`
      : `${key} to be present`;
  }
  if (EQUALITY.has(operator.toLowerCase().replace(/ifexists$/, ''))) return `${key}=${values.join(' or ')}`;
  return `${key} ${operator} ${values.length === 1 ? values[0] : `[${values.join(', ')}]`}`;
}

/** What the resource is called in a reason: "cluster" for an ECS cluster ARN, "resource" for `*`. */
function resourceNoun(resource: string): string {
  const parts = resource.split(':');
  if (parts.length < 6 || parts[2] === 's3') return 'resource';
  return /^([a-z][a-z0-9-]*)[/:]/i.exec(parts.slice(5).join(':'))?.[1] ?? 'resource';
}

/** "the cluster has no environment tag", "the request has us-east-1" (with the key when `named`). */
function requestHas(condition: FailedCondition, resource: string, named: boolean): string {
  const { key, actual } = condition;
  const tagged = (owner: string, tag: string) =>
    actual ? `${owner} has ${tag}=${actual.join(', ')}` : `${owner} has no ${tag} tag`;
  const resourceTag = resourceTagKey(key);
  if (resourceTag) return tagged(`the ${resourceNoun(resource)}`, resourceTag);
  const principalTag = PRINCIPAL_TAG.exec(key)?.[1];
  if (principalTag) return tagged('the principal', principalTag);
  const requestTag = REQUEST_TAG.exec(key)?.[1];
  if (requestTag) return tagged('the request', requestTag);
  if (!actual) return `the request has no ${key}`;
  if (actual.length === 0) return `the request has an empty ${key}`;
  return `the request has ${named ? `${key}=` : ''}${actual.join(', ')}`;
}

/** "A=x", or for several: "A=x and B StringLike y*". */
export function requirementsText(conditions: readonly FailedCondition[]): string {
  return conditions.map(conditionRequirement).join(' and ');
}

/** "requires A=x; the request has y", or for several: "requires A=x and B=y; the request has A=z; …". */
export function refusalText(conditions: readonly FailedCondition[], resource: string): string {
  const named = conditions.length > 1;
  const has = conditions.map((condition) => requestHas(condition, resource, named)).join('; ');
  return `requires ${requirementsText(conditions)}; ${has}`;
}
