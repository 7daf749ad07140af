import { createHash } from 'node:crypto';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Check, Status, Suite } from '../checks/types.js';
import { CONFIG_FILE_NAMES } from '../config/file.js';
import type { Finding } from '../engine/finding.js';
import type { Report } from '../engine/report.js';
import { describeFinding, fixLines, iacFixes, relativePath } from './describe.js';
import { codeBlock, inlineCode } from './markdown.js';

/**
 * SARIF 2.1.0, shaped for GitHub code scanning:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 *
 * Code scanning needs a physical location to show a result, and live findings have no source
 * file: they are anchored at line 1 of the config file (`.ecs-exec-doctor.yml`), where the team
 * suppresses or accepts them, and name the resource ARN as a logical location and in the message.
 * Lint findings point at the declaring line and column.
 * (shared/reference/linters-libs-style.md §B.4; cdk-nag gave up SARIF over this, cdk-nag#1144.)
 */

export interface SarifOptions {
  checks: readonly Check[];
  cwd: string;
}

const SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const FINGERPRINT_KEY = 'ecsExecDoctor/v1';
const LIVE_ANCHOR = CONFIG_FILE_NAMES[0];

/** pass and skip say nothing is wrong, so they are not results; a suppression keeps its level. */
const LEVEL: Partial<Record<Status, Result.level>> = {
  fail: 'error',
  error: 'error',
  warn: 'warning',
  info: 'note',
  unknown: 'note',
};

/**
 * GitHub turns security-severity into critical/high/medium/low (>=9, >=7, >=4, >0). A missing
 * audit trail is high: sessions run unrecorded. Exec that will not start is medium: it blocks
 * debugging but exposes nothing. Only rules that failed get one (it is per rule, not per result,
 * and would otherwise rank an undecided check as a medium alert); hardening advice never does.
 */
const SECURITY_SEVERITY: Partial<Record<Suite, string>> = { audit: '7.0', readiness: '5.0' };

/** GitHub files rules tagged `security` as security alerts; readiness is about exec working. */
const SECURITY_SUITES: ReadonlySet<Suite> = new Set<Suite>(['audit', 'hardening']);

function levelOf(finding: Finding): Result.level | undefined {
  return LEVEL[finding.suppression?.originalStatus ?? finding.status];
}

/** `task.exec-enabled` → `TaskExecEnabled`: SARIF's readable rule name. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A relative path as a URI reference: each segment percent-encoded, the separators kept. */
function fileUri(file: string, cwd: string): string {
  const path = relativePath(file, cwd);
  let uri = fileUris.get(path);
  if (uri === undefined) {
    uri = path.split('/').map(encodeURIComponent).join('/');
    fileUris.set(path, uri);
  }
  return uri;
}

/** A large lint report names a few files thousands of times. */
const fileUris = new Map<string, string>();

function fingerprint(finding: Finding): string {
  return createHash('sha256').update(`${finding.checkId}\u0000${finding.resource}`).digest('hex');
}

/**
 * A rule's help shows at most this many distinct fixes. On a large template every resource has its
 * own (its name is in the command): listing them all would repeat each result's fix in megabytes of
 * help text. Every result still carries its own fix (`properties.fix`).
 */
export const HELP_FIX_LIMIT = 10;

/** The distinct fixes of a rule's results, each with the resources it applies to. */
function distinctFixes(findings: Finding[]): { fix: NonNullable<Finding['fix']>; resources: string[] }[] {
  const byFix = new Map<string, { fix: NonNullable<Finding['fix']>; resources: string[] }>();
  for (const finding of findings) {
    if (!finding.fix) continue;
    const key = JSON.stringify(finding.fix);
    const entry = byFix.get(key) ?? { fix: finding.fix, resources: [] };
    entry.resources.push(finding.resource);
    byFix.set(key, entry);
  }
  return [...byFix.values()];
}

type DistinctFix = ReturnType<typeof distinctFixes>[number];

/** "…and 651 more fixes, …" when the help leaves some out. */
function moreFixes(fixes: readonly DistinctFix[]): string[] {
  const left = fixes.length - HELP_FIX_LIMIT;
  if (left <= 0) return [];
  return [
    '',
    `…and ${left} more fix${left === 1 ? '' : 'es'}, one per resource: each result carries its own (properties.fix).`,
  ];
}

function helpText(rationale: string, fixes: readonly DistinctFix[], docs: string[]): string {
  const lines = [rationale];
  for (const { fix, resources } of fixes.slice(0, HELP_FIX_LIMIT)) {
    lines.push('', `For ${resources.join(', ')}:`, ...fixLines(fix));
  }
  lines.push(...moreFixes(fixes));
  if (docs.length > 0) lines.push('', 'References:', ...docs.map((url) => `  ${url}`));
  return lines.join('\n');
}

function helpMarkdown(rationale: string, fixes: readonly DistinctFix[], docs: string[]): string {
  const lines = [rationale];
  if (fixes.length > 0) lines.push('', '## Fix');
  for (const { fix, resources } of fixes.slice(0, HELP_FIX_LIMIT)) {
    lines.push('', `${resources.map(inlineCode).join(', ')}: ${fix.summary}`);
    if (fix.cli) lines.push('', ...codeBlock(fix.cli, 'sh'));
    const iac = iacFixes(fix);
    if (iac.length > 0) lines.push('', ...iac.map(([label, text]) => `- ${label}: ${inlineCode(text)}`));
  }
  lines.push(...moreFixes(fixes));
  if (docs.length > 0) lines.push('', '## References', '', ...docs.map((url) => `- <${url}>`));
  return lines.join('\n');
}

/** A rule from the catalogue; a finding whose check is not in it still gets its title and tags. */
function ruleFor(checkId: string, findings: Finding[], check: Check | undefined): ReportingDescriptor {
  const [first] = findings as [Finding];
  const rationale = check?.rationale ?? first.title;
  const docs = check?.references.docs ?? [];
  const tags = [first.layer, first.suite, ...(SECURITY_SUITES.has(first.suite) ? ['security'] : [])];
  const failed = findings.some(
    (finding) => (finding.suppression?.originalStatus ?? finding.status) === 'fail',
  );
  const severity = failed ? SECURITY_SEVERITY[first.suite] : undefined;
  const fixes = distinctFixes(findings);
  const rule: ReportingDescriptor = {
    id: checkId,
    name: pascalCase(checkId),
    shortDescription: { text: check?.title ?? first.title },
    fullDescription: { text: rationale },
    help: { text: helpText(rationale, fixes, docs), markdown: helpMarkdown(rationale, fixes, docs) },
    properties: { tags, ...(severity ? { 'security-severity': severity } : {}) },
  };
  if (docs[0]) rule.helpUri = docs[0];
  if (check?.aliases?.length) rule.deprecatedIds = check.aliases;
  return rule;
}

function locationOf(finding: Finding, cwd: string): Location {
  const logicalLocations = [{ fullyQualifiedName: finding.resource, kind: 'resource' }];
  if (finding.location) {
    return {
      physicalLocation: {
        artifactLocation: { uri: fileUri(finding.location.file, cwd) },
        region: { startLine: finding.location.line, startColumn: finding.location.column },
      },
      logicalLocations,
    };
  }
  return {
    physicalLocation: { artifactLocation: { uri: LIVE_ANCHOR }, region: { startLine: 1 } },
    logicalLocations,
    message: { text: `Live AWS resource ${finding.resource}: no source file; anchored at ${LIVE_ANCHOR}.` },
  };
}

function resultFor(finding: Finding, ruleIndex: number, level: Result.level, cwd: string): Result {
  const result: Result = {
    ruleId: finding.checkId,
    ruleIndex,
    level,
    message: { text: describeFinding(finding, 'summary') },
    locations: [locationOf(finding, cwd)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(finding) },
    properties: {
      status: finding.status,
      resource: finding.resource,
      ...(finding.evidence.length > 0 ? { evidence: finding.evidence } : {}),
      ...(finding.needs ? { needs: finding.needs } : {}),
      ...(finding.fix ? { fix: finding.fix } : {}),
    },
  };
  // No review state: SARIF 2.1.0 drafts call it `state`, the final standard `status`.
  if (finding.suppression) {
    result.suppressions = [{ kind: 'external', justification: finding.suppression.reason }];
  }
  return result;
}

export function formatSarif(report: Report, options: SarifOptions): string {
  const reported = report.findings.flatMap((finding) => {
    const level = levelOf(finding);
    return level ? [{ finding, level }] : [];
  });
  const byCheck = new Map<string, Finding[]>();
  for (const { finding } of reported) {
    const findings = byCheck.get(finding.checkId);
    if (findings) findings.push(finding);
    else byCheck.set(finding.checkId, [finding]);
  }
  const catalogue = new Map(options.checks.map((check) => [check.id, check]));
  const rules = [...byCheck].map(([id, findings]) => ruleFor(id, findings, catalogue.get(id)));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));

  const log: Log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecs-exec-doctor',
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            exitCode: report.exitCode,
            endTimeUtc: report.generatedAt,
            ...(report.problems.length > 0
              ? {
                  toolExecutionNotifications: report.problems.map((problem) => ({
                    level: 'error' as const,
                    message: { text: problem },
                  })),
                }
              : {}),
          },
        ],
        // Source positions come from JavaScript strings, which count UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: reported.map(({ finding, level }) =>
          resultFor(finding, ruleIndex.get(finding.checkId)!, level, options.cwd),
        ),
        properties: { command: report.command, failOn: report.failOn, counts: report.counts },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
