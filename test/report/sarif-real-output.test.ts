import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/app/check.js';
import { runLint } from '../../src/app/lint.js';
import type { Settings } from '../../src/app/settings.js';
import { builtInChecks } from '../../src/checks/index.js';
import { formatSarif } from '../../src/report/sarif.js';
import { Snapshot } from '../../src/sources/aws/snapshot.js';

/** Real output, from the lint fixtures and the recorded snapshots, against the official schema. */
const ROOT = new URL('../../', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

const settings: Settings = {
  checks: builtInChecks,
  selection: { suite: 'all', only: [], skip: [] },
  failOn: 'fail',
  requireExec: true,
  suppress: [],
  severity: {},
};

function expectValid(sarif: string) {
  const document = JSON.parse(sarif);
  const valid = validateSarif(document);
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors?.slice(0, 3))).toEqual([]);
  expect(valid).toBe(true);
  return document;
}

describe('SARIF from real runs validates against SARIF 2.1.0', () => {
  it('lint of every IaC fixture', async () => {
    const { report } = await runLint({ paths: [join(ROOT, 'fixtures', 'iac')], settings });
    const document = expectValid(formatSarif(report, { checks: builtInChecks, cwd: ROOT }));
    const results = document.runs[0].results as {
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    expect(results.length).toBeGreaterThan(10);
    for (const result of results) {
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uri).toMatch(/^fixtures\/iac\//);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  const snapshots = readdirSync(join(ROOT, 'fixtures', 'snapshots')).filter((name) => name.endsWith('.json'));
  it.each(snapshots)('check --snapshot %s', async (name) => {
    const snapshot = Snapshot.parse(
      JSON.parse(readFileSync(join(ROOT, 'fixtures', 'snapshots', name), 'utf8')),
    );
    const { report } = await runCheck({ request: {}, source: { kind: 'snapshot', snapshot }, settings });
    const document = expectValid(formatSarif(report, { checks: builtInChecks, cwd: ROOT }));
    for (const result of document.runs[0].results) {
      expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBeTruthy();
    }
  });
});
