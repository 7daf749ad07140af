import {
  type NamedPolicy,
  PolicyError,
  type PolicyInputs,
  type PolicyLayer,
  parsePolicy,
} from '../iam/index.js';

/**
 * Reading the policies that take part in a request: the condition keys they test, whether they
 * test some keys only for presence, and which malformed statements cannot touch the request.
 */

/** Every statement of every policy that takes part, each parsed for its layer; malformed ones are left out. */
export function statementsOf(inputs: PolicyInputs) {
  const layered: [NamedPolicy, PolicyLayer][] = [
    ...inputs.identityPolicies.map((policy): [NamedPolicy, PolicyLayer] => [policy, 'identity-policy']),
    ...(inputs.permissionBoundary
      ? [[inputs.permissionBoundary, 'permission-boundary'] as [NamedPolicy, PolicyLayer]]
      : []),
    ...(inputs.scps ?? []).flat().map((policy): [NamedPolicy, PolicyLayer] => [policy, 'scp']),
    ...(inputs.resourcePolicy
      ? [[inputs.resourcePolicy, 'resource-policy'] as [NamedPolicy, PolicyLayer]]
      : []),
  ];
  return layered.flatMap(([policy, layer]) => {
    try {
      return parsePolicy(policy, layer).statements.map((statement) => ({ policy: policy.name, statement }));
    } catch {
      return [];
    }
  });
}

/** The condition keys the policies test, lower-cased. */
export function testedKeys(inputs: PolicyInputs): string[] {
  return [
    ...new Set(
      statementsOf(inputs).flatMap(({ statement }) => statement.conditions.map((c) => c.key.toLowerCase())),
    ),
  ];
}

/**
 * Whether every condition on these keys tests only that they are present: `Null`, or a
 * `StringLike` whose every pattern is `*`.
 */
export function onlyPresenceTested(inputs: PolicyInputs, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map((key) => key.toLowerCase()));
  return statementsOf(inputs).every(({ statement }) =>
    statement.conditions
      .filter((condition) => wanted.has(condition.key.toLowerCase()))
      .every(
        (condition) =>
          condition.operator.kind === 'null' ||
          (/(^|:)StringLike(IfExists)?$/i.test(condition.operator.name) &&
            condition.values.every((value) => value === '*')),
      ),
  );
}

/** A document as plain JSON, with its statements; undefined when it is not. */
function plainStatements(document: unknown): { document: object; statements: unknown[] } | undefined {
  let value = document;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const statement = (value as { Statement?: unknown }).Statement;
  return { document: value, statements: statement === undefined ? [] : [statement].flat() };
}

function actionPattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Whether a statement's Action certainly leaves the action out (a NotAction or an undecided value may not). */
function leavesOut(statement: unknown, action: string): boolean {
  const actions = (statement as { Action?: unknown } | undefined)?.Action;
  if (actions === undefined) return false;
  return [actions].flat().every((item) => typeof item === 'string' && !actionPattern(item).test(action));
}

/**
 * The policy without its malformed statements that cannot touch the action. A template may leave a
 * value of an unrelated statement undecided (a condition value imported at deploy): that must not
 * make every answer unknown. Throws the PolicyError of a malformed statement that could apply.
 */
function withoutUnrelatedBrokenStatements(
  policy: NamedPolicy,
  layer: PolicyLayer,
  action: string,
): NamedPolicy {
  let current = policy;
  for (;;) {
    try {
      parsePolicy(current, layer);
      return current;
    } catch (error) {
      if (!(error instanceof PolicyError) || error.statementIndex === undefined) throw error;
      const index = error.statementIndex;
      const plain = plainStatements(current.document);
      if (!plain || !leavesOut(plain.statements[index], action)) throw error;
      const statements = plain.statements.filter((_, i) => i !== index);
      current = { ...current, document: { ...plain.document, Statement: statements } };
    }
  }
}

/** The inputs for one action, each policy without the malformed statements that cannot touch it. */
export function inputsForAction(inputs: PolicyInputs, action: string): PolicyInputs {
  let changed = false;
  const prune = (policy: NamedPolicy, layer: PolicyLayer) => {
    const pruned = withoutUnrelatedBrokenStatements(policy, layer, action);
    if (pruned !== policy) changed = true;
    return pruned;
  };
  const pruned: PolicyInputs = {
    ...inputs,
    identityPolicies: inputs.identityPolicies.map((policy) => prune(policy, 'identity-policy')),
  };
  if (inputs.permissionBoundary)
    pruned.permissionBoundary = prune(inputs.permissionBoundary, 'permission-boundary');
  if (inputs.scps) pruned.scps = inputs.scps.map((level) => level.map((policy) => prune(policy, 'scp')));
  if (inputs.resourcePolicy) pruned.resourcePolicy = prune(inputs.resourcePolicy, 'resource-policy');
  // Well-formed policies (the usual case) keep the inputs as they were, and their parse cache.
  return changed ? pruned : inputs;
}
