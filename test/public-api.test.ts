import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('the public API', () => {
  it('exports what plugins and embedding programs use', () => {
    for (const name of [
      'defineCheck',
      'pass',
      'fail',
      'warn',
      'unknownFromFact',
      'runCheck',
      'runLint',
      'runExplain',
      'resolveSettings',
      'builtInChecks',
      'FORMATTERS',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('runs lint as a function and formats the report', async () => {
    const settings = await api.resolveSettings({ failOn: 'warn' }, '/');
    const { report } = await api.runLint({
      paths: [new URL('../fixtures/iac/task-definitions/legacy-api.json', import.meta.url).pathname],
      settings,
    });
    expect(report.command).toBe('lint');
    expect(report.exitCode).toBe(1);
    const sarif = JSON.parse(
      api.FORMATTERS.sarif(report, { color: false, verbose: false, checks: settings.checks, cwd: '/' }),
    );
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });
});
