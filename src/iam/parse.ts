import type { z } from 'zod';
import type { ParsedCondition } from './conditions/evaluate.js';
import { parseOperator } from './conditions/operator.js';
import { PolicyError } from './errors.js';
import {
  PolicyEnvelope,
  type PrincipalElement,
  PolicyStatement as StatementSchema,
} from './policy-schema.js';
import type { NamedPolicy, PolicyLayer } from './types.js';

export interface ParsedStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Exactly one of actions / notActions is set. */
  actions?: string[];
  notActions?: string[];
  /** Neither is set only in a resource policy, where the statement covers the resource it is attached to. */
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  conditions: ParsedCondition[];
}

export interface ParsedPolicy {
  name: string;
  layer: PolicyLayer;
  /** Policy variables are resolved only in Version 2012-10-17 policies. */
  variables: boolean;
  statements: ParsedStatement[];
}

/** Layers whose statements name principals (resource policies and RCPs) and those that must not. */
const PRINCIPAL_LAYERS: ReadonlySet<PolicyLayer> = new Set(['resource-policy', 'rcp']);

function list(value: string | string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * The document as an object: objects pass through; a string is JSON, or URL-encoded JSON as IAM's
 * GetRolePolicy, GetUserPolicy and GetPolicyVersion return it.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
 */
function decodeDocument(policy: NamedPolicy): unknown {
  if (typeof policy.document !== 'string') return policy.document;
  let text = policy.document.trim();
  if (!text.startsWith('{')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new PolicyError(policy.name, 'is neither JSON nor URL-encoded JSON');
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyError(policy.name, `malformed JSON: ${(error as Error).message}`);
  }
}

function parseStatement(
  policy: NamedPolicy,
  layer: PolicyLayer,
  raw: unknown,
  index: number,
): ParsedStatement {
  const sid = typeof raw === 'object' && raw !== null ? (raw as { Sid?: unknown }).Sid : undefined;
  const where = { index, sid: typeof sid === 'string' ? sid : undefined };
  const result = StatementSchema.safeParse(raw);
  if (!result.success) throw new PolicyError(policy.name, describeIssues(result.error), where);
  const statement = result.data;

  const namesPrincipal = statement.Principal !== undefined || statement.NotPrincipal !== undefined;
  if (PRINCIPAL_LAYERS.has(layer) && !namesPrincipal) {
    throw new PolicyError(policy.name, `a ${layer} statement needs Principal or NotPrincipal`, where);
  }
  if (!PRINCIPAL_LAYERS.has(layer) && namesPrincipal) {
    throw new PolicyError(policy.name, `a ${layer} statement cannot have Principal or NotPrincipal`, where);
  }
  if (
    layer !== 'resource-policy' &&
    statement.Resource === undefined &&
    statement.NotResource === undefined
  ) {
    throw new PolicyError(policy.name, 'needs Resource or NotResource', where);
  }
  for (const action of [...(list(statement.Action) ?? []), ...(list(statement.NotAction) ?? [])]) {
    if (action !== '*' && !/^[^:]+:[^:]+$/.test(action)) {
      throw new PolicyError(policy.name, `action "${action}" is not "service:action" or "*"`, where);
    }
  }

  const conditions: ParsedCondition[] = [];
  for (const [operatorName, keys] of Object.entries(statement.Condition ?? {})) {
    const operator = parseOperator(operatorName);
    if (typeof operator === 'string') throw new PolicyError(policy.name, operator, where);
    for (const [key, value] of Object.entries(keys)) {
      conditions.push({ operator, key, values: (Array.isArray(value) ? value : [value]).map(String) });
    }
  }

  return {
    index,
    sid: statement.Sid,
    effect: statement.Effect,
    actions: list(statement.Action),
    notActions: list(statement.NotAction),
    resources: list(statement.Resource),
    notResources: list(statement.NotResource),
    principal: statement.Principal,
    notPrincipal: statement.NotPrincipal,
    conditions,
  };
}

/**
 * Validates a policy for the layer it is used in and normalises its elements to lists.
 * Throws a PolicyError naming the policy and the statement at fault.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
/**
 * Policies are parsed once per layer: the same role's policies answer every question of a run.
 * Keyed by the policy object, so a changed policy is a new object and is parsed again.
 */
const parsed = new WeakMap<NamedPolicy, Map<PolicyLayer, ParsedPolicy>>();

export function parsePolicy(policy: NamedPolicy, layer: PolicyLayer): ParsedPolicy {
  let byLayer = parsed.get(policy);
  if (!byLayer) {
    byLayer = new Map();
    parsed.set(policy, byLayer);
  }
  let result = byLayer.get(layer);
  if (!result) {
    result = parseUncached(policy, layer);
    byLayer.set(layer, result);
  }
  return result;
}

function parseUncached(policy: NamedPolicy, layer: PolicyLayer): ParsedPolicy {
  const envelope = PolicyEnvelope.safeParse(decodeDocument(policy));
  if (!envelope.success) throw new PolicyError(policy.name, describeIssues(envelope.error));
  if (envelope.data.Statement === undefined) throw new PolicyError(policy.name, 'has no Statement');
  const rawStatements = Array.isArray(envelope.data.Statement)
    ? envelope.data.Statement
    : [envelope.data.Statement];
  return {
    name: policy.name,
    layer,
    variables: envelope.data.Version === '2012-10-17',
    statements: rawStatements.map((raw, index) => parseStatement(policy, layer, raw, index)),
  };
}
