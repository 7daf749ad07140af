import { arnOperators } from './arn.js';
import { binaryOperators } from './binary.js';
import { boolOperators } from './bool.js';
import { dateOperators } from './date.js';
import type { OperatorFamily, OperatorSpec } from './family.js';
import { ipOperators } from './ip.js';
import { numericOperators } from './numeric.js';
import { stringOperators } from './string.js';

/**
 * A condition operator name taken apart: an optional set qualifier (`ForAllValues:`,
 * `ForAnyValue:`), the base operator, and an optional `IfExists` suffix (any operator but Null).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export type ParsedOperator =
  | {
      kind: 'compare';
      name: string;
      qualifier?: 'ForAllValues' | 'ForAnyValue';
      ifExists: boolean;
      family: OperatorFamily;
      spec: OperatorSpec;
    }
  /** `Null`: "true" holds when the key is absent, "false" when it is present. */
  | { kind: 'null'; name: string; qualifier?: 'ForAllValues' | 'ForAnyValue' };

const FAMILIES = [
  stringOperators,
  numericOperators,
  dateOperators,
  boolOperators,
  binaryOperators,
  ipOperators,
  arnOperators,
];

const BY_NAME = new Map<string, { family: OperatorFamily; spec: OperatorSpec }>(
  FAMILIES.flatMap((family) =>
    Object.entries(family.operators).map(([name, spec]) => [name.toLowerCase(), { family, spec }] as const),
  ),
);

const QUALIFIERS = { forallvalues: 'ForAllValues', foranyvalue: 'ForAnyValue' } as const;

/** The parsed operator, or an error message naming what is wrong with it. */
export function parseOperator(name: string): ParsedOperator | string {
  let rest = name;
  let qualifier: ParsedOperator['qualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    qualifier = QUALIFIERS[rest.slice(0, colon).toLowerCase() as keyof typeof QUALIFIERS];
    if (!qualifier) return `unknown condition set qualifier in "${name}" (use ForAllValues or ForAnyValue)`;
    rest = rest.slice(colon + 1);
  }
  const withQualifier = qualifier ? { qualifier } : {};
  if (rest.toLowerCase() === 'null') return { kind: 'null', name, ...withQualifier };
  const ifExists = /ifexists$/i.test(rest);
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (ifExists && base.toLowerCase() === 'null') return `"${name}": Null has no IfExists form`;
  const found = BY_NAME.get(base.toLowerCase());
  if (!found) return `unknown condition operator "${name}"`;
  return { kind: 'compare', name, ...withQualifier, ifExists, ...found };
}
