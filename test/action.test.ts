import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BUILT, ROOT, SKIP_NOTE } from './e2e/cli.js';

interface Step {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}
const action = load(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};
const lintStep = action.runs.steps.find((step) => step.id === 'lint')!;

describe('action.yml', () => {
  it('is a composite action with the inputs the README documents', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['baseline', 'config', 'fail-on', 'paths', 'require-exec', 'sarif-file', 'upload-sarif'].sort(),
    );
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const input of Object.keys(action.inputs)) expect(readme).toContain(input);
  });

  it('uploads SARIF only when asked, and fails the job on the exit code', () => {
    const upload = action.runs.steps.find((step) =>
      step.uses?.startsWith('github/codeql-action/upload-sarif'),
    )!;
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    const fail = action.runs.steps.at(-1)!;
    expect(fail.if).toContain("steps.lint.outputs.exit-code != '0'");
    expect(fail.run).toContain('exit "$EXIT_CODE"');
  });

  // The lint step's script, run for real against the built CLI, as the runner would.
  it.skipIf(!BUILT)(`runs lint and writes SARIF and annotations${SKIP_NOTE}`, () => {
    const work = mkdtempSync(join(tmpdir(), 'eed-action-'));
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const sarif = join(work, 'out.sarif');
    const stdout = execFileSync('bash', ['-c', lintStep.run!], {
      cwd: ROOT,
      env: {
        ...process.env,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_OUTPUT: output,
        INPUT_PATHS: 'fixtures/iac/task-definitions/legacy-api.json',
        INPUT_FAIL_ON: 'fail',
        INPUT_REQUIRE_EXEC: 'false',
        INPUT_CONFIG: '',
        INPUT_BASELINE: '',
        INPUT_SARIF_FILE: sarif,
      },
      encoding: 'utf8',
    });
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    expect(stdout).toMatch(
      /^::error file=fixtures\/iac\/task-definitions\/legacy-api\.json,line=\d+,col=\d+,title=/m,
    );
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
  });
});
