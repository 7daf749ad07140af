import path from 'node:path';
import type { Fix, Layer } from '../checks/types.js';
import type { Finding } from '../engine/finding.js';

/** Plain-text pieces the machine-readable formatters (SARIF, JUnit, GitHub) share. */

export const LAYER_TITLE: Record<Layer, string> = {
  client: 'Client (this machine)',
  caller: 'Caller IAM',
  cluster: 'Cluster',
  service: 'Service',
  task: 'Task',
  'task-definition': 'Task definition',
  'task-role': 'Task role',
  kms: 'KMS',
  logging: 'Audit-log destinations',
  network: 'Network',
  hardening: 'Hardening',
};

/**
 * A source path as CI tools want it: relative to the working directory, with `/` separators
 * (GitHub resolves annotation and SARIF paths against the repository root, where CI runs).
 */
export function relativePath(file: string, cwd: string): string {
  // A lint report names the same few files thousands of times.
  const key = `${cwd}\u0000${file}`;
  let relative = relativePaths.get(key);
  if (relative === undefined) {
    relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
    relativePaths.set(key, relative);
  }
  return relative;
}

const relativePaths = new Map<string, string>();

/** The infrastructure-as-code spellings of a fix, labelled, in a fixed order. */
export function iacFixes(fix: Fix): [label: string, text: string][] {
  const spellings: [string, string | undefined][] = [
    ['CloudFormation', fix.cloudformation],
    ['Terraform', fix.terraform],
    ['CDK', fix.cdk],
  ];
  return spellings.filter((entry): entry is [string, string] => Boolean(entry[1]));
}

/**
 * What is wrong, with what, and how to fix it. `summary` is the message of an annotation or a
 * SARIF result (one-line fix); `full` adds every command, IaC property and piece of evidence.
 */
export function describeFinding(finding: Finding, detail: 'summary' | 'full'): string {
  const lines = [finding.message, `Resource: ${finding.resource}`];
  if (finding.needs) lines.push(`Needs: ${finding.needs}`);
  if (finding.suppression) {
    lines.push(`Suppressed (${finding.suppression.originalStatus}): ${finding.suppression.reason}`);
  }
  if (finding.fix)
    lines.push(...(detail === 'full' ? fixLines(finding.fix) : [`Fix: ${finding.fix.summary}`]));
  if (detail === 'full') lines.push(...finding.evidence.map((evidence) => `Evidence: ${evidence}`));
  return lines.join('\n');
}

/** The whole fix in plain text: the summary, each command, each IaC property. */
export function fixLines(fix: Fix): string[] {
  const lines = [`Fix: ${fix.summary}`];
  if (fix.cli) lines.push(...fix.cli.split('\n').map((command) => `  $ ${command}`));
  for (const [label, text] of iacFixes(fix)) lines.push(`  ${label}: ${text}`);
  return lines;
}
