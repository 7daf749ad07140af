import { describe, expect, it } from 'vitest';
import type { Check, CheckContext, Status } from '../../src/checks/types.js';
import type { Finding } from '../../src/engine/finding.js';
import { runChecks } from '../../src/engine/run.js';
import type { ExecTarget } from '../../src/model/index.js';
import { defaultContext } from './targets.js';

export interface CheckCase {
  name: string;
  target: ExecTarget;
  context?: CheckContext;
  /** The statuses of the findings, in order. */
  statuses: Status[];
  /** Text every finding's message (joined) must contain. */
  message?: string | RegExp;
  /** Text the fix (summary, cli or IaC, joined) must contain. */
  fix?: string | RegExp;
  /** Any further assertion. */
  assert?: (findings: Finding[]) => void;
}

/**
 * Runs a check over `valid` cases (each must give only pass/skip/info) and `invalid` cases, in the
 * style of typescript-eslint's RuleTester. Runs through the engine, so a pass without evidence
 * or a throw shows up as `error`.
 */
export function checkTable(check: Check, cases: { valid: CheckCase[]; invalid: CheckCase[] }): void {
  describe(`${check.id}: ${check.title}`, () => {
    for (const testCase of [...cases.valid, ...cases.invalid]) {
      it(testCase.name, () => {
        const findings = runChecks([testCase.target], [check], testCase.context ?? defaultContext);
        expect(findings.map((finding) => finding.status)).toEqual(testCase.statuses);
        const messages = findings.map((finding) => finding.message).join('\n');
        if (testCase.message) expect(messages).toMatch(testCase.message);
        if (testCase.fix) {
          const fixes = findings
            .flatMap((finding) =>
              finding.fix
                ? [
                    finding.fix.summary,
                    finding.fix.cli,
                    finding.fix.cloudformation,
                    finding.fix.terraform,
                    finding.fix.cdk,
                  ]
                : [],
            )
            .filter(Boolean)
            .join('\n');
          expect(fixes).toMatch(testCase.fix);
        }
        for (const finding of findings) {
          if (finding.status === 'fail' || finding.status === 'warn')
            expect(finding.fix?.summary).toBeTruthy();
          if (finding.status === 'pass') expect(finding.evidence.length).toBeGreaterThan(0);
        }
        testCase.assert?.(findings);
      });
    }
    it('has valid cases that do not fail', () => {
      for (const testCase of cases.valid) {
        expect(testCase.statuses.every((status) => ['pass', 'skip', 'info'].includes(status))).toBe(true);
      }
    });
  });
}
