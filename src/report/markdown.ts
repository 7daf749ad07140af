import type { Status } from '../checks/types.js';
import { type Finding, LAYER_ORDER } from '../engine/finding.js';
import type { Report } from '../engine/report.js';
import { iacFixes, LAYER_TITLE } from './describe.js';

export interface MarkdownOptions {
  /** Also list skipped checks. */
  verbose: boolean;
}

/** Status marks that render the same in every GitHub/GitLab comment, in report-count order. */
const STATUS_MARK: [Status, string, string][] = [
  ['fail', '❌', 'Failed'],
  ['error', '💥', 'Broken'],
  ['warn', '⚠️', 'Warnings'],
  ['unknown', '❓', 'Unknown'],
  ['pass', '✅', 'Passed'],
  ['info', 'ℹ️', 'Info'],
  ['skip', '⏭️', 'Skipped'],
  ['suppressed', '🔕', 'Suppressed'],
];

const MARK = Object.fromEntries(STATUS_MARK.map(([status, mark]) => [status, mark])) as Record<
  Status,
  string
>;

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** Inline code that survives backticks in the text (CommonMark: a longer fence, padded). */
export function inlineCode(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(text: string, language: string): string[] {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return [`${fence}${language}`, ...text.split('\n'), fence];
}

/** A GFM table cell: `|` would end the cell (even inside code spans) and a newline the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function heading(report: Report): string {
  const readiness = report.blocking.filter((finding) => finding.suite === 'readiness');
  if (readiness.length > 0) {
    const count = readiness.length === 1 ? '1 blocking problem' : `${readiness.length} blocking problems`;
    return `## ❌ Exec will fail: ${count}`;
  }
  if (report.blocking.length > 0) return '## ⚠️ Exec should work, but its audit trail will not';
  if (report.counts.unknown > 0) {
    return `## ❓ No blocking problem found, but ${report.counts.unknown} check(s) could not decide`;
  }
  return '## ✅ No blocking problem found: exec should work';
}

function targetLine(report: Report): string {
  const tool = `**ecs-exec-doctor ${report.command}**`;
  const [first] = report.targets;
  if (!first) return `${tool} · nothing to check`;
  if (report.targets.length === 1) {
    const what = first.task
      ? `task ${inlineCode(first.task)}`
      : `task definition ${inlineCode(first.taskDefinition ?? first.resource)}`;
    const where = first.cluster ? ` · cluster ${inlineCode(first.cluster)}` : '';
    return `${tool} · ${what}${where} · ${inlineCode(first.region)}`;
  }
  const clusters = [...new Set(report.targets.flatMap((target) => (target.cluster ? [target.cluster] : [])))];
  const where = clusters.length > 0 ? ` in cluster ${clusters.map(inlineCode).join(', ')}` : '';
  return `${tool} · ${report.targets.length} targets${where}`;
}

function countsTable(report: Report): string[] {
  return [
    `| ${STATUS_MARK.map(([, mark, label]) => `${mark} ${label}`).join(' | ')} |`,
    `| ${STATUS_MARK.map(() => '---:').join(' | ')} |`,
    `| ${STATUS_MARK.map(([status]) => report.counts[status]).join(' | ')} |`,
  ];
}

function fixBlock(finding: Finding, indent: string): string[] {
  if (!finding.fix) return [];
  const lines = ['', `**Fix:** ${finding.fix.summary}`];
  if (finding.fix.cli) lines.push('', ...codeBlock(finding.fix.cli, 'sh'));
  const iac = iacFixes(finding.fix);
  if (iac.length > 0) lines.push('', ...iac.map(([label, text]) => `- ${label}: ${inlineCode(text)}`));
  return lines.map((line) => (line ? `${indent}${line}` : ''));
}

function blockingSection(report: Report): string[] {
  if (report.blocking.length === 0) return [];
  const lines = ['', '### Blocking problems'];
  report.blocking.forEach((finding, index) => {
    const marker = `${index + 1}. `;
    const indent = ' '.repeat(marker.length);
    lines.push(
      '',
      `${marker}${finding.message} (${inlineCode(finding.checkId)})`,
      `${indent}Resource: ${inlineCode(finding.resource)}`,
      ...fixBlock(finding, indent),
    );
  });
  return lines;
}

/** What a reviewer needs beside the message: what would decide it, why it is accepted, the fix. */
function detailCell(finding: Finding): string {
  const parts = [finding.message];
  if (finding.status === 'unknown' && finding.needs) parts.push(`Needs: ${finding.needs}`);
  if (finding.suppression) {
    parts.push(`Suppressed (${finding.suppression.originalStatus}): ${finding.suppression.reason}`);
  }
  if (finding.fix && finding.status !== 'pass') {
    parts.push(`**Fix:** ${finding.fix.summary}`);
    if (finding.fix.cli) parts.push(...finding.fix.cli.split('\n').map(inlineCode));
  }
  return cell(parts.join('\n'));
}

function layerSection(layer: Finding['layer'], findings: Finding[]): string[] {
  const tally = STATUS_MARK.flatMap(([status, mark]) => {
    const count = findings.filter((finding) => finding.status === status).length;
    return count > 0 ? [`${mark} ${count}`] : [];
  });
  return [
    '',
    '<details>',
    `<summary>${LAYER_TITLE[layer]} · ${tally.join(' · ')}</summary>`,
    '',
    '| | Check | Resource | Finding |',
    '| --- | --- | --- | --- |',
    ...findings.map(
      (finding) =>
        `| ${MARK[finding.status]} | ${cell(inlineCode(finding.checkId))} | ${cell(inlineCode(finding.resource))} | ${detailCell(finding)} |`,
    ),
    '',
    '</details>',
  ];
}

/**
 * A pull-request comment: the verdict, the counts, each blocking problem with its fix, then the
 * rest of the findings folded per layer so the comment stays short.
 */
export function formatMarkdown(report: Report, options: MarkdownOptions): string {
  const lines = [heading(report), '', targetLine(report), '', ...countsTable(report)];
  for (const problem of report.problems) lines.push('', `> **Incomplete:** ${problem}`);
  lines.push(...blockingSection(report));

  const blocking = new Set(report.blocking);
  const others = report.findings.filter(
    (finding) => !blocking.has(finding) && (options.verbose || finding.status !== 'skip'),
  );
  for (const layer of LAYER_ORDER) {
    const inLayer = others.filter((finding) => finding.layer === layer);
    if (inLayer.length > 0) lines.push(...layerSection(layer, inLayer));
  }
  return `${lines.join('\n')}\n`;
}
