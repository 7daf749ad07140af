import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT, ROOT, runCli, SKIP_NOTE, snapshotPath } from './cli.js';

describe.skipIf(!BUILT)(`several outputs in one run${SKIP_NOTE}`, () => {
  it('pairs --format with --output in order; the unpaired format goes to stdout', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'eed-outputs-'));
    const sarif = join(directory, 'out.sarif');
    const junit = join(directory, 'junit.xml');
    const markdown = join(directory, 'comment.md');
    const run = await runCli([
      'lint',
      join(ROOT, 'fixtures', 'iac', 'task-definitions', 'legacy-api.json'),
      '--format',
      'sarif',
      '--output',
      sarif,
      '--format',
      'junit',
      '--output',
      junit,
      '--format',
      'markdown',
      '--output',
      markdown,
      '--format',
      'text',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ecs-exec-doctor lint · /);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(junit, 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(readFileSync(markdown, 'utf8')).toMatch(/^## /);
    // Files never get terminal colors.
    expect(readFileSync(markdown, 'utf8')).not.toContain('\u001b[');
  });

  it('writes GitHub annotations for live findings without a file property', async () => {
    const run = await runCli([
      'check',
      '--snapshot',
      snapshotPath('demo-broken-fargate.json'),
      '--format',
      'github',
    ]);
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    expect(annotations.length).toBe(4);
    for (const annotation of annotations) expect(annotation).not.toContain('file=');
  });

  it('refuses two formats for stdout, and an unknown format, with one line and exit 2', async () => {
    const two = await runCli([
      'check',
      '--snapshot',
      snapshotPath('demo-broken-fargate.json'),
      '--format',
      'json',
      '--format',
      'text',
    ]);
    expect(two.code).toBe(2);
    expect(two.stderr.trim()).toBe('ecs-exec-doctor: only one format can go to stdout');
    const unknown = await runCli([
      'check',
      '--snapshot',
      snapshotPath('demo-broken-fargate.json'),
      '--format',
      'yaml',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown format "yaml"/);
  });
});
