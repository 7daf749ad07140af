import { createColors } from 'picocolors';
import type { Status } from '../checks/types.js';
import { type Finding, LAYER_ORDER } from '../engine/finding.js';
import type { Report } from '../engine/report.js';
import { iacFixes, LAYER_TITLE, relativePath } from './describe.js';

export interface TextOptions {
  color: boolean;
  /** Locations are shown relative to this directory. */
  cwd?: string;
  /** Also list skipped checks and the evidence behind each pass. */
  verbose: boolean;
}

type Colors = ReturnType<typeof createColors>;

const SYMBOL: Record<Status, string> = {
  pass: '✔',
  fail: '✖',
  warn: '▲',
  unknown: '?',
  info: 'ℹ',
  skip: '–',
  error: '!',
  suppressed: '⊘',
};

function paint(colors: Colors, status: Status, text: string): string {
  switch (status) {
    case 'pass':
      return colors.green(text);
    case 'fail':
    case 'error':
      return colors.red(text);
    case 'warn':
      return colors.yellow(text);
    case 'unknown':
      return colors.magenta(text);
    case 'info':
      return colors.cyan(text);
    default:
      return colors.dim(text);
  }
}

function header(report: Report): string {
  const [first] = report.targets;
  if (!first) return `ecs-exec-doctor ${report.command}: nothing to check`;
  if (report.targets.length === 1) {
    const what = first.task
      ? `task ${first.task}`
      : `task definition ${first.taskDefinition ?? first.resource}`;
    const where = [first.cluster && `cluster ${first.cluster}`, first.region].filter(Boolean).join(', ');
    return `ecs-exec-doctor ${report.command} · ${what}${where ? ` (${where})` : ''}`;
  }
  const clusters = [...new Set(report.targets.map((target) => target.cluster).filter(Boolean))];
  return `ecs-exec-doctor ${report.command} · ${report.targets.length} targets${clusters.length ? ` in ${clusters.join(', ')}` : ''}`;
}

/** `file:line:column` for lint findings; the resource when several targets share the report. */
function whereOf(finding: Finding, showResource: boolean, cwd: string | undefined): string | undefined {
  const { location } = finding;
  const file = location && cwd ? relativePath(location.file, cwd) : location?.file;
  const place = location ? `${file}:${location.line}:${location.column}` : undefined;
  if (place && showResource) return `${place} (${finding.resource})`;
  return place ?? (showResource ? finding.resource : undefined);
}

function fixLines(finding: Finding, indent: string, colors: Colors): string[] {
  if (!finding.fix) return [];
  const lines = [`${indent}${colors.bold('Fix:')} ${finding.fix.summary}`];
  if (finding.fix.cli) {
    for (const command of finding.fix.cli.split('\n')) lines.push(`${indent}  ${colors.dim('$')} ${command}`);
  }
  for (const [label, text] of iacFixes(finding.fix)) {
    // Multi-line snippets (a Terraform resource) stay under their label.
    const [first, ...rest] = text.split('\n');
    lines.push(
      `${indent}  ${colors.dim(`${label}:`)} ${first}`,
      ...rest.map((line) => `${indent}    ${line}`),
    );
  }
  return lines;
}

function verdict(report: Report, options: TextOptions, colors: Colors, showResource: boolean): string[] {
  const readiness = report.blocking.filter((finding) => finding.suite === 'readiness');
  const lines: string[] = [];
  if (readiness.length > 0) {
    const count = readiness.length === 1 ? '1 blocking problem' : `${readiness.length} blocking problems`;
    lines.push(colors.red(colors.bold(`✖ Exec will fail: ${count}.`)));
  } else if (report.blocking.length > 0) {
    lines.push(colors.yellow(colors.bold('▲ Exec should work, but its audit trail will not:')));
  } else if (report.counts.unknown > 0) {
    lines.push(
      colors.magenta(
        colors.bold(`? No blocking problem found, but ${report.counts.unknown} check(s) could not decide.`),
      ),
    );
  } else {
    lines.push(colors.green(colors.bold('✔ No blocking problem found: exec should work.')));
  }
  report.blocking.forEach((finding, index) => {
    lines.push('');
    lines.push(`  ${index + 1}. ${colors.bold(finding.message)} ${colors.dim(`[${finding.checkId}]`)}`);
    const where = whereOf(finding, showResource, options.cwd);
    if (where) lines.push(`     ${colors.dim(where)}`);
    lines.push(...fixLines(finding, '     ', colors));
  });
  return lines;
}

function findingRows(
  findings: Finding[],
  options: TextOptions,
  colors: Colors,
  showResource: boolean,
): string[] {
  const idWidth = Math.max(...findings.map((finding) => finding.checkId.length));
  const blocking = new Set(['fail', 'error']);
  const lines: string[] = [];
  for (const finding of findings) {
    const symbol = paint(colors, finding.status, SYMBOL[finding.status]);
    const id = paint(colors, finding.status, finding.checkId.padEnd(idWidth));
    lines.push(`  ${symbol} ${id}  ${finding.message}`);
    const indent = ' '.repeat(idWidth + 6);
    const where = finding.status === 'pass' ? undefined : whereOf(finding, showResource, options.cwd);
    if (where) lines.push(`${indent}${colors.dim(where)}`);
    if (finding.status === 'unknown' && finding.needs)
      lines.push(`${indent}${colors.dim(`needs: ${finding.needs}`)}`);
    if (finding.status === 'suppressed' && finding.suppression) {
      lines.push(
        `${indent}${colors.dim(`suppressed (${finding.suppression.originalStatus}): ${finding.suppression.reason}`)}`,
      );
    }
    // Blocking problems show their fix in the verdict above; warnings and infos show it here.
    if (!blocking.has(finding.status) && finding.status !== 'pass')
      lines.push(...fixLines(finding, indent, colors));
    if (options.verbose && finding.status === 'pass') {
      for (const evidence of finding.evidence) lines.push(`${indent}${colors.dim(evidence)}`);
    }
  }
  return lines;
}

function summaryLine(report: Report): string {
  const parts: [number, string, string][] = [
    [report.counts.fail, 'failed', 'failed'],
    [report.counts.error, 'broken check', 'broken checks'],
    [report.counts.warn, 'warning', 'warnings'],
    [report.counts.unknown, 'unknown', 'unknown'],
    [report.counts.pass, 'passed', 'passed'],
    [report.counts.info, 'info', 'info'],
    [report.counts.skip, 'skipped', 'skipped'],
    [report.counts.suppressed, 'suppressed', 'suppressed'],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => `${count} ${count === 1 ? one : many}`)
    .join(' · ');
}

/** The human report: the verdict and its fixes first, then every check by layer. */
export function formatText(report: Report, options: TextOptions): string {
  const colors = createColors(options.color);
  const showResource = report.targets.length > 1;
  const lines = [colors.bold(header(report)), '', ...verdict(report, options, colors, showResource)];

  const visible = report.findings.filter((finding) => options.verbose || finding.status !== 'skip');
  for (const layer of LAYER_ORDER) {
    const inLayer = visible.filter((finding) => finding.layer === layer);
    if (inLayer.length === 0) continue;
    lines.push('', colors.bold(LAYER_TITLE[layer]), ...findingRows(inLayer, options, colors, showResource));
  }

  lines.push('', summaryLine(report));
  for (const problem of report.problems) lines.push(colors.red(`Incomplete: ${problem}`));
  return `${lines.join('\n')}\n`;
}
