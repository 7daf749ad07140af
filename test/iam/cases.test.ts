import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AuthorizationRequest,
  type Decision,
  evaluate,
  type PolicyInputs,
  type PolicyLayer,
} from '../../src/iam/index.js';

/**
 * The evaluator's specification as data: each file in cases/ is an array of
 * `{ name, request, inputs, expected }`. `expected.sids` lists the Sids of the deciding statements
 * (in any order); `missingContextKeys` likewise; `reason`, when given, is the exact one-line reason.
 */
interface Case {
  name: string;
  request: AuthorizationRequest;
  inputs: PolicyInputs;
  expected: {
    decision: Decision;
    decidedBy?: PolicyLayer | 'none';
    missingContextKeys?: string[];
    sids?: string[];
    /** The one-line reason, exactly. */
    reason?: string;
  };
}

const casesDir = join(import.meta.dirname, 'cases');
const files = readdirSync(casesDir).filter((file) => file.endsWith('.json'));
const sorted = (values: readonly string[]) => [...values].sort();

describe.each(files)('%s', (file) => {
  const cases = JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as Case[];

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const result = evaluate(testCase.request, testCase.inputs);
    const { expected } = testCase;
    expect(result.decision, result.reason).toBe(expected.decision);
    if (expected.decidedBy) expect(result.decidedBy, result.reason).toBe(expected.decidedBy);
    if (expected.missingContextKeys)
      expect(sorted(result.missingContextKeys)).toEqual(sorted(expected.missingContextKeys));
    if (expected.sids) {
      expect(sorted(result.statements.flatMap((statement) => statement.sid ?? []))).toEqual(
        sorted(expected.sids),
      );
    }
    if (expected.reason) expect(result.reason).toBe(expected.reason);
    expect(result.reason).not.toBe('');
  });
});

describe('the case files', () => {
  it('hold at least 150 cases with unique names', () => {
    const names = files.flatMap((file) =>
      (JSON.parse(readFileSync(join(casesDir, file), 'utf8')) as Case[]).map((testCase) => testCase.name),
    );
    expect(names.length).toBeGreaterThanOrEqual(150);
    expect(new Set(names).size).toBe(names.length);
  });
});
