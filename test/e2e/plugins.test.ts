import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT, type JsonReport, ROOT, runCli, SKIP_NOTE, snapshotPath } from './cli.js';

const PLUGIN = join(ROOT, 'examples', 'plugins', 'org-audit-bucket.mjs');
const AUDIT_BUCKET = 'prod-ecs-exec-audit-111122223333';

function findingOf(stdout: string, checkId: string) {
  return (JSON.parse(stdout) as JsonReport).findings.filter((finding) => finding.checkId === checkId);
}

describe.skipIf(!BUILT)(`plugins, end to end${SKIP_NOTE}`, () => {
  const args = ['check', '--snapshot', snapshotPath('healthy-fargate.json'), '--format', 'json'];

  it('runs the example plugin from --plugin: fails when logs go elsewhere', async () => {
    const run = await runCli([...args, '--plugin', PLUGIN], {
      env: { ORG_EXEC_AUDIT_BUCKET: 'org-exec-audit-logs' },
    });
    expect(run.code).toBe(1);
    const [finding] = findingOf(run.stdout, 'org.audit-bucket');
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain(AUDIT_BUCKET);
    expect(finding?.fix?.cli).toContain('s3BucketName=org-exec-audit-logs');
  });

  it('passes with evidence when logs go to the organization bucket', async () => {
    const run = await runCli([...args, '--plugin', PLUGIN], { env: { ORG_EXEC_AUDIT_BUCKET: AUDIT_BUCKET } });
    expect(run.code).toBe(0);
    const [finding] = findingOf(run.stdout, 'org.audit-bucket');
    expect(finding?.status).toBe('pass');
    expect(finding?.evidence.join(' ')).toContain(AUDIT_BUCKET);
  });

  it('loads plugins listed in .ecs-exec-doctor.yml, relative to the file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'eed-plugin-'));
    writeFileSync(join(directory, '.ecs-exec-doctor.yml'), `plugins:\n  - ${PLUGIN}\n`);
    const run = await runCli(args, { cwd: directory, env: { ORG_EXEC_AUDIT_BUCKET: AUDIT_BUCKET } });
    expect(run.code).toBe(0);
    expect(findingOf(run.stdout, 'org.audit-bucket')).toHaveLength(1);
  });

  it('refuses a plugin whose id clashes with a built-in check: one line, exit 2', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'eed-plugin-'));
    const clashing = join(directory, 'clash.mjs');
    writeFileSync(
      clashing,
      `export default { id: 'task.running', title: 't', layer: 'task', suite: 'readiness', modes: ['live'], rationale: 'r', references: { docs: [] }, run: () => [] };\n`,
    );
    const run = await runCli([...args, '--plugin', clashing]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/task\.running.*clashes with a built-in check/);
  });
});
