import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs the built command (`dist/bin/ecs-exec-doctor.js`, the bundle `bin` names) as a user would; `npm test` builds it first. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = join(ROOT, 'dist', 'bin', 'ecs-exec-doctor.js');
export const BUILT = existsSync(MAIN);
/** Appended to suite titles, so a run without dist/ says why it skipped them. */
export const SKIP_NOTE = BUILT
  ? ''
  : ' (skipped: dist/bin/ecs-exec-doctor.js is missing; run `npm run build` first)';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function snapshotPath(name: string): string {
  return join(ROOT, 'fixtures', 'snapshots', name);
}

/** A service control policy file of fixtures/scp. */
export function scpPath(name: string): string {
  return join(ROOT, 'fixtures', 'scp', name);
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface JsonFinding {
  checkId: string;
  status: string;
  suite: string;
  resource: string;
  message: string;
  evidence: string[];
  needs?: string;
  fix?: { summary: string; cli?: string; cloudformation?: string; terraform?: string; cdk?: string };
}

export interface JsonReport {
  verdict: string;
  exitCode: number;
  problems: string[];
  targets: { resource: string; region: string; cluster?: string; task?: string; taskDefinition?: string }[];
  findings: JsonFinding[];
}

/** `check --snapshot FILE --format json`, parsed; FILE is a fixture name or an absolute path. */
export async function checkJson(
  snapshot: string,
  ...args: string[]
): Promise<CliRun & { report: JsonReport }> {
  const file = isAbsolute(snapshot) ? snapshot : snapshotPath(snapshot);
  const run = await runCli(['check', '--snapshot', file, '--format', 'json', '--quiet', ...args]);
  return { ...run, report: JSON.parse(run.stdout) as JsonReport };
}

/** The distinct check ids with this status, sorted. */
export function idsWithStatus(report: JsonReport, status: string): string[] {
  return [
    ...new Set(report.findings.filter((finding) => finding.status === status).map((f) => f.checkId)),
  ].sort();
}

export function findingsOf(report: JsonReport, checkId: string, status?: string): JsonFinding[] {
  return report.findings.filter(
    (finding) => finding.checkId === checkId && (status === undefined || finding.status === status),
  );
}
