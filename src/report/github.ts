import type { Status } from '../checks/types.js';
import { type Finding, STATUS_SEVERITY } from '../engine/finding.js';
import type { Report } from '../engine/report.js';
import { describeFinding, relativePath } from './describe.js';

/**
 * GitHub Actions workflow commands: each line becomes an annotation on the run (and on the file
 * and line of a lint finding).
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 * The escaping is @actions/core's `issueCommand` (packages/core/src/command.ts): a property value
 * escapes `%`, CR, LF, `:` and `,`; the message only `%`, CR and LF. Empty properties are left out.
 */

export interface GithubOptions {
  cwd: string;
}

/** pass, skip and suppressed need no one's attention, so they get no annotation. */
const COMMAND: Partial<Record<Status, 'error' | 'warning' | 'notice'>> = {
  fail: 'error',
  error: 'error',
  warn: 'warning',
  unknown: 'notice',
  info: 'notice',
};

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function workflowCommand(
  command: string,
  properties: [name: string, value: string | number | undefined][],
  message: string,
): string {
  const written = properties
    .filter(([, value]) => Boolean(value))
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${written ? ` ${written}` : ''}::${escapeData(message)}`;
}

function annotation(finding: Finding, command: string, cwd: string): string {
  const { location } = finding;
  return workflowCommand(
    command,
    [
      ['file', location && relativePath(location.file, cwd)],
      ['line', location?.line],
      ['col', location?.column],
      ['title', `${finding.checkId}: ${finding.title}`],
    ],
    describeFinding(finding, 'summary'),
  );
}

/**
 * Most severe first: GitHub shows only the first few annotations of each kind per step, so the
 * blocking problems must not be crowded out by notices.
 */
export function formatGithub(report: Report, options: GithubOptions): string {
  const lines = report.findings
    .filter((finding) => COMMAND[finding.status])
    .sort((a, b) => STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status])
    .map((finding) => annotation(finding, COMMAND[finding.status]!, options.cwd));
  return lines.map((line) => `${line}\n`).join('');
}
