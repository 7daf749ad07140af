import { type Finding, LAYER_ORDER } from '../engine/finding.js';
import type { Report } from '../engine/report.js';
import { reachesThreshold } from '../engine/verdict.js';
import { describeFinding } from './describe.js';

/**
 * JUnit XML for CI test dashboards: a <testsuite> per layer, a <testcase> per finding (check and
 * resource). Failing findings are <failure>s, a check that broke is an <error> (JUnit's word for
 * "the test itself could not run"), and skipped, suppressed and undecided (unknown) findings are
 * <skipped>: none of them verified anything.
 */

type Outcome =
  | { kind: 'failure' | 'error'; message: string; type: string }
  | { kind: 'skipped'; message: string }
  | { kind: 'passed' };

/** XML 1.0 `Char`: other code points (most C0 controls, lone surrogates) cannot appear even escaped. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

function xmlText(text: string): string {
  let safe = '';
  for (const char of text) safe += isXmlChar(char.codePointAt(0)!) ? char : '\uFFFD';
  // \r is escaped so that parsers do not normalize it away.
  return safe.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values also lose raw tabs and newlines to whitespace normalization: escape them. */
function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlAttribute(String(value))}"`)
    .join('');
}

function outcomeOf(finding: Finding, report: Report): Outcome {
  if (finding.status === 'error') return { kind: 'error', message: finding.message, type: finding.status };
  if (reachesThreshold(finding, report.failOn)) {
    return { kind: 'failure', message: finding.message, type: finding.status };
  }
  switch (finding.status) {
    case 'skip':
      return { kind: 'skipped', message: finding.message };
    case 'suppressed':
      return {
        kind: 'skipped',
        message: finding.suppression
          ? `suppressed (${finding.suppression.originalStatus}): ${finding.suppression.reason}`
          : 'suppressed',
      };
    case 'unknown':
      return {
        kind: 'skipped',
        message: finding.needs
          ? `could not decide: needs ${finding.needs}`
          : `could not decide: ${finding.message}`,
      };
    default:
      return { kind: 'passed' };
  }
}

function testcase(finding: Finding, outcome: Outcome): string {
  const open = `    <testcase${attributes({ classname: finding.layer, name: `${finding.checkId} ${finding.resource}` })}`;
  const body = xmlText(describeFinding(finding, 'full'));
  switch (outcome.kind) {
    case 'failure':
    case 'error':
      return `${open}>\n      <${outcome.kind}${attributes({ message: outcome.message, type: outcome.type })}>${body}</${outcome.kind}>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attributes({ message: outcome.message })}/>\n      <system-out>${body}</system-out>\n    </testcase>`;
    case 'passed':
      return `${open}>\n      <system-out>${body}</system-out>\n    </testcase>`;
  }
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function tally(outcomes: Outcome[]): Tally {
  return {
    tests: outcomes.length,
    failures: outcomes.filter((outcome) => outcome.kind === 'failure').length,
    errors: outcomes.filter((outcome) => outcome.kind === 'error').length,
    skipped: outcomes.filter((outcome) => outcome.kind === 'skipped').length,
  };
}

export function formatJunit(report: Report): string {
  const all: Outcome[] = [];
  const suites: string[] = [];
  for (const layer of LAYER_ORDER) {
    const findings = report.findings.filter((finding) => finding.layer === layer);
    if (findings.length === 0) continue;
    const outcomes = findings.map((finding) => outcomeOf(finding, report));
    all.push(...outcomes);
    suites.push(
      `  <testsuite${attributes({ name: layer, ...tally(outcomes), timestamp: report.generatedAt })}>`,
      ...findings.map((finding, index) => testcase(finding, outcomes[index]!)),
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: `ecs-exec-doctor ${report.command}`, ...tally(all) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
