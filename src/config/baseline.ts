import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Status } from '../checks/types.js';
import type { Finding } from '../engine/finding.js';

/**
 * A baseline lists the findings a code base had when a team adopted the tool, so CI fails only on
 * new ones. Entries are keyed by check, resource and message, never by line, so they survive
 * edits that move code around.
 */
export const BASELINE_FORMAT = 'ecs-exec-doctor-baseline';

export const Baseline = z.object({
  format: z.literal(BASELINE_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  findings: z.array(
    z.object({ fingerprint: z.string(), checkId: z.string(), resource: z.string(), message: z.string() }),
  ),
});
export type Baseline = z.infer<typeof Baseline>;

/** What a baseline accepts: anything that would need attention. */
const BASELINED = new Set<Status>(['fail', 'warn', 'error', 'unknown', 'info']);

export function fingerprintOf(finding: Pick<Finding, 'checkId' | 'resource' | 'message'>): string {
  return createHash('sha256')
    .update(`${finding.checkId}\u0000${finding.resource}\u0000${finding.message}`)
    .digest('hex')
    .slice(0, 16);
}

export function baselineOf(findings: readonly Finding[], now: Date): Baseline {
  return {
    format: BASELINE_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    findings: findings
      .filter((finding) => BASELINED.has(finding.status))
      .map((finding) => ({
        fingerprint: fingerprintOf(finding),
        checkId: finding.checkId,
        resource: finding.resource,
        message: finding.message,
      })),
  };
}

/** Findings the baseline holds become `suppressed`, still reported, with where they were accepted. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, file: string): Finding[] {
  const accepted = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const day = baseline.createdAt.slice(0, 10);
  return findings.map((finding) =>
    BASELINED.has(finding.status) && accepted.has(fingerprintOf(finding))
      ? {
          ...finding,
          status: 'suppressed',
          suppression: { reason: `in baseline ${file} (${day})`, originalStatus: finding.status },
        }
      : finding,
  );
}
