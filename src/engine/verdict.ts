import type { Status } from '../checks/types.js';
import { type Finding, LAYER_ORDER } from './finding.js';

export type FailOn = 'fail' | 'warn';

/** The exit codes of ARCHITECTURE.md § Exit codes. */
export const EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3 } as const;

/** Statuses that reach each --fail-on threshold. A check that broke cannot vouch for anything. */
const FAILING: Record<FailOn, ReadonlySet<Status>> = {
  fail: new Set<Status>(['fail', 'error']),
  warn: new Set<Status>(['fail', 'error', 'warn']),
};

export function reachesThreshold(finding: Finding, failOn: FailOn): boolean {
  return FAILING[failOn].has(finding.status);
}

export function exitCodeFor(findings: readonly Finding[], failOn: FailOn, incomplete: boolean): number {
  if (incomplete) return EXIT.incomplete;
  return findings.some((finding) => reachesThreshold(finding, failOn)) ? EXIT.findings : EXIT.ok;
}

/**
 * The problems that stop exec (or its audit trail), most fundamental first: a missing client
 * or caller permission hides everything after it, so the order follows the path a session takes.
 */
export function blockingProblems(findings: readonly Finding[]): Finding[] {
  return findings
    .filter((finding) => finding.status === 'fail' || finding.status === 'error')
    .sort(
      (a, b) => suiteRank(a) - suiteRank(b) || LAYER_ORDER.indexOf(a.layer) - LAYER_ORDER.indexOf(b.layer),
    );
}

function suiteRank(finding: Finding): number {
  return finding.suite === 'readiness' ? 0 : finding.suite === 'audit' ? 1 : 2;
}
