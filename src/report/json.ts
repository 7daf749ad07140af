import type { Report } from '../engine/report.js';

/**
 * The JSON output. `schemaVersion` changes only when a field is removed or changes meaning;
 * new fields may appear at any time. Documented in docs/json-output.md.
 */
export const JSON_SCHEMA_VERSION = 1;

export function formatJson(report: Report): string {
  return `${JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: 'ecs-exec-doctor', version: report.toolVersion },
      command: report.command,
      generatedAt: report.generatedAt,
      verdict: report.blocking.some((finding) => finding.suite === 'readiness')
        ? 'exec-will-fail'
        : report.blocking.length > 0
          ? 'audit-gaps'
          : 'ok',
      exitCode: report.exitCode,
      failOn: report.failOn,
      summary: report.counts,
      blocking: report.blocking.map((finding) => ({ checkId: finding.checkId, resource: finding.resource })),
      problems: report.problems,
      targets: report.targets,
      findings: report.findings,
    },
    null,
    2,
  )}\n`;
}
