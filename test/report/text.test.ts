import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatJson, JSON_SCHEMA_VERSION } from '../../src/report/json.js';
import { formatText } from '../../src/report/text.js';
import { CWD, fixtureReport } from './report-fixture.js';

const GOLDEN = new URL('./golden/text.txt', import.meta.url);

describe('text', () => {
  it('matches the golden file: verdict and fixes first, then every check by layer', () => {
    const text = formatText(fixtureReport(), { color: false, verbose: false, cwd: CWD });
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('uses ANSI colors only when asked', () => {
    const ansi = '\u001b[';
    expect(formatText(fixtureReport(), { color: false, verbose: false })).not.toContain(ansi);
    expect(formatText(fixtureReport(), { color: true, verbose: false })).toContain(ansi);
  });

  it('lists skipped checks and the evidence behind each pass only when verbose', () => {
    const report = fixtureReport();
    const skipped = report.findings.find((finding) => finding.status === 'skip')!;
    const passed = report.findings.find((finding) => finding.status === 'pass')!;
    const quiet = formatText(report, { color: false, verbose: false });
    const verbose = formatText(report, { color: false, verbose: true });
    expect(quiet).not.toContain(skipped.message);
    expect(verbose).toContain(skipped.message);
    expect(quiet).not.toContain(passed.evidence[0]);
    expect(verbose).toContain(passed.evidence[0]);
  });

  it('says the run is incomplete', () => {
    const text = formatText(fixtureReport({ problems: ['cannot reach AWS: getaddrinfo ENOTFOUND'] }), {
      color: false,
      verbose: false,
    });
    expect(text).toContain('Incomplete: cannot reach AWS: getaddrinfo ENOTFOUND');
  });
});

describe('json', () => {
  it('is versioned and carries the verdict, counts and findings', () => {
    const document = JSON.parse(formatJson(fixtureReport()));
    expect(document.schemaVersion).toBe(JSON_SCHEMA_VERSION);
    expect(document.tool.name).toBe('ecs-exec-doctor');
    expect(document.verdict).toBe('exec-will-fail');
    expect(document.findings.length).toBe(fixtureReport().findings.length);
    expect(document.blocking[0]).toEqual({
      checkId: fixtureReport().blocking[0]!.checkId,
      resource: fixtureReport().blocking[0]!.resource,
    });
  });
});
