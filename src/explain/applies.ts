import type { Finding } from '../engine/finding.js';
import type { ExplainResult } from './match.js';

export type CauseVerdict = 'applies' | 'ruled out' | 'undecided';

/**
 * Which of the best match's causes apply to a real task, from the findings of the checks
 * that decide between them: a failing (or warning) check means its cause applies; only passes
 * rule it out; anything else leaves it undecided.
 */
export function causeVerdicts(result: ExplainResult, findings: readonly Finding[]) {
  const best = result.matches[0];
  if (!result.recognized || !best) return [];
  return best.entry.causes.map((cause) => {
    const relevant = findings.filter((finding) => (cause.checks as string[]).includes(finding.checkId));
    const failing = relevant.filter((finding) => finding.status === 'fail' || finding.status === 'warn');
    const verdict: CauseVerdict =
      failing.length > 0
        ? 'applies'
        : relevant.length > 0 &&
            relevant.every((finding) => finding.status === 'pass' || finding.status === 'skip')
          ? 'ruled out'
          : 'undecided';
    return { cause, verdict, evidence: failing.length > 0 ? failing : relevant };
  });
}

export function renderCauseVerdicts(result: ExplainResult, findings: readonly Finding[]): string {
  const verdicts = causeVerdicts(result, findings);
  if (verdicts.length === 0) return '';
  const lines = ['Here, on this task:'];
  for (const { cause, verdict, evidence } of verdicts) {
    const mark =
      verdict === 'applies' ? '✖ applies' : verdict === 'ruled out' ? '✔ ruled out' : '? undecided';
    lines.push(`  ${mark}: ${cause.cause}`);
    for (const finding of evidence.filter((item) => item.status !== 'pass' && item.status !== 'skip')) {
      lines.push(`      [${finding.checkId}] ${finding.status}: ${finding.message}`);
    }
    if (verdict === 'undecided' && cause.checks.length === 0)
      lines.push('      no check can tell this cause apart');
  }
  const applying = verdicts.filter((item) => item.verdict === 'applies');
  const first = applying[0];
  // The failing check's own fix has this task's real names; the knowledge base's is generic.
  const concrete = first?.evidence.find((finding) => finding.fix?.cli)?.fix;
  lines.push(
    '',
    first
      ? `Most likely: ${first.cause.cause}\nFix: ${concrete ? `${concrete.summary}\n  $ ${concrete.cli!.split('\n').join('\n  $ ')}` : first.cause.fix}`
      : 'None of the known causes shows on this task; run `check` for the full picture.',
  );
  return `${lines.join('\n')}\n`;
}
