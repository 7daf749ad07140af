import type { Status } from '../checks/types.js';
import type { Finding } from '../engine/finding.js';
import type { SeverityOverride } from './schema.js';

/**
 * Only findings that report a problem change level: a pass stays a pass, and `unknown` and
 * `error` say the tool could not decide, which no policy makes less true.
 */
const ADJUSTABLE = new Set<Status>(['fail', 'warn', 'info']);

/**
 * The config's `severity:` map (check id → fail|warn|info) applied to findings. Run it before
 * suppressions, so a suppressed finding records the status the team's policy gave it.
 */
export function applySeverityOverrides(
  findings: readonly Finding[],
  severity: Readonly<Record<string, SeverityOverride>>,
): Finding[] {
  return findings.map((finding) => {
    const override = Object.hasOwn(severity, finding.checkId) ? severity[finding.checkId] : undefined;
    return override && ADJUSTABLE.has(finding.status) ? { ...finding, status: override } : finding;
  });
}
