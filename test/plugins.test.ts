import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtInChecks } from '../src/checks/index.js';
import type { Check } from '../src/checks/types.js';
import { UsageError } from '../src/engine/errors.js';
import { loadPlugins } from '../src/engine/plugins.js';
import { runChecks } from '../src/engine/run.js';
import type { ExecuteCommandConfiguration } from '../src/model/index.js';
import { checkTable } from './support/check-table.js';
import { healthyTarget, targetWith } from './support/targets.js';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'plugins');
const EXAMPLE = join(ROOT, 'examples', 'plugins', 'org-audit-bucket.mjs');

const load = (specs: string[], cwd = FIXTURES) => loadPlugins(specs, { cwd, builtIn: builtInChecks });

async function loadError(specs: string[], cwd = FIXTURES): Promise<UsageError> {
  const error = await load(specs, cwd).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  const usage = error as UsageError;
  expect(usage.exitCode).toBe(2);
  expect(usage.message).not.toContain('\n');
  return usage;
}

describe('loadPlugins', () => {
  it('loads the checks of `default` and `checks`, each once, in order', async () => {
    const checks = await load(['./org-checks.mjs', 'single-default.mjs']);
    expect(checks.map((check) => check.id)).toEqual([
      'org.cluster-tagged',
      'org.cluster-named',
      'acme.single',
    ]);
  });

  it('loads a plugin given twice (config file and --plugin) once', async () => {
    const checks = await load(['./org-checks.mjs', join(FIXTURES, 'org-checks.mjs')]);
    expect(checks).toHaveLength(2);
  });

  it('runs plugin checks through the engine like built-in ones', async () => {
    const checks = await load(['./org-checks.mjs']);
    const findings = runChecks([healthyTarget()], checks, {
      options: { requireExec: false },
      now: new Date(),
    });
    expect(findings.map((finding) => [finding.checkId, finding.status, finding.message])).toEqual([
      ['org.cluster-tagged', 'info', 'tagged'],
      ['org.cluster-named', 'info', 'named'],
    ]);
  });

  it('rejects a module whose export is not a check, naming each problem', async () => {
    const error = await loadError(['./bad-shape.mjs']);
    expect(error.message).toMatch(/^plugin "\.\/bad-shape\.mjs": check "Org\.Bad" is not a valid check: /);
    expect(error.message).toContain('id: expected a lower-case dotted id');
    expect(error.message).toContain('layer: expected one of');
    expect(error.message).toContain('rationale: required');
    expect(error.message).toContain('run: expected a function');
  });

  it('rejects a module that exports no checks', async () => {
    const error = await loadError(['./no-checks.mjs']);
    expect(error.message).toMatch(/^plugin "\.\/no-checks\.mjs": exports no checks/);
  });

  it('rejects a named `checks` export that is not an array', async () => {
    const error = await loadError(['./checks-not-array.mjs']);
    expect(error.message).toBe('plugin "./checks-not-array.mjs": export "checks" must be an array of checks');
  });

  it('rejects a check id that a built-in check has', async () => {
    const error = await loadError(['./clashes-with-built-in.mjs']);
    expect(error.message).toBe(
      'plugin "./clashes-with-built-in.mjs": check id "task.exec-enabled" clashes with a built-in check',
    );
  });

  it('rejects two plugins that claim the same name', async () => {
    const error = await loadError(['./org-checks.mjs', './clashes-with-org-checks.mjs']);
    expect(error.message).toBe(
      'plugin "./clashes-with-org-checks.mjs": alias "org.cluster-named" of check "other.cluster-named" clashes with check "org.cluster-named" of plugin "./org-checks.mjs"',
    );
  });

  it('names a missing file', async () => {
    const error = await loadError(['./missing.mjs']);
    expect(error.message).toBe(`plugin "./missing.mjs": file not found: ${join(FIXTURES, 'missing.mjs')}`);
  });

  it('names a missing package', async () => {
    const error = await loadError(['@acme/ecs-exec-checks']);
    expect(error.message).toBe(
      `plugin "@acme/ecs-exec-checks": cannot find package "@acme/ecs-exec-checks" from ${FIXTURES} (install it, or pass the path to a .js or .mjs file)`,
    );
  });

  it('reports a module that throws while loading', async () => {
    const error = await loadError(['./throws-on-load.mjs']);
    expect(error.message).toMatch(
      /^plugin "\.\/throws-on-load\.mjs": failed to load .*: ORG_TOKEN is not set$/,
    );
  });

  it('asks for TypeScript plugins to be compiled', async () => {
    const error = await loadError(['./written-in.ts']);
    expect(error.message).toBe('plugin "./written-in.ts": compile TypeScript plugins to .js or .mjs first');
  });

  describe('a plugin installed as a package', () => {
    const project = mkdtempSync(join(tmpdir(), 'ecs-exec-doctor-plugins-'));
    afterAll(() => rmSync(project, { recursive: true, force: true }));
    const writePackage = (name: string, packageJson: object) => {
      const directory = join(project, 'node_modules', name);
      mkdirSync(directory, { recursive: true });
      writeFileSync(
        join(directory, 'package.json'),
        JSON.stringify({ name, type: 'module', ...packageJson }),
      );
      writeFileSync(
        join(directory, 'index.js'),
        "export const checks = [{ id: 'acme.pkg', title: 'From a package', layer: 'task', suite: 'audit', modes: ['live'], rationale: 'r', references: { docs: [] }, run: () => [] }];",
      );
    };
    writePackage('@acme/ecs-exec-checks', { exports: { '.': { default: './index.js' } } });
    writePackage('import-only-checks', { exports: { '.': { import: './index.js' } } });

    it('resolves it from cwd', async () => {
      const checks = await load(['@acme/ecs-exec-checks'], project);
      expect(checks.map((check) => check.id)).toEqual(['acme.pkg']);
    });

    it('explains a package that exports only an "import" condition', async () => {
      const error = await loadError(['import-only-checks'], project);
      expect(error.message).toMatch(
        /^plugin "import-only-checks": its package.json "exports" has no "default"/,
      );
    });
  });
});

describe('example plugin org.audit-bucket', async () => {
  const { orgAuditBucket } = (await import(pathToFileURL(EXAMPLE).href)) as {
    orgAuditBucket: (bucket: string) => Check;
  };
  const check = orgAuditBucket('exec-audit-bucket');

  const clusterWith = (change: (configuration: ExecuteCommandConfiguration) => void) =>
    targetWith((target) => {
      if (target.cluster.known) change(target.cluster.value.executeCommandConfiguration!);
    });

  checkTable(check, {
    valid: [
      {
        name: "logs go to the organization's bucket",
        target: healthyTarget(),
        statuses: ['pass'],
        assert: ([finding]) =>
          expect(finding?.evidence).toEqual([
            'DescribeClusters: executeCommandConfiguration.logging=OVERRIDE, logConfiguration.s3BucketName=exec-audit-bucket',
          ]),
      },
      {
        name: 'lint: evidence names the template cluster',
        target: targetWith((target) => {
          target.mode = 'lint';
          target.task = undefined;
        }),
        statuses: ['pass'],
        assert: ([finding]) => expect(finding?.evidence[0]).toMatch(/^cluster: /),
      },
    ],
    invalid: [
      {
        name: 'logs go to another bucket',
        target: clusterWith((configuration) => {
          configuration.logConfiguration!.s3BucketName = 'team-bucket';
        }),
        statuses: ['fail'],
        message:
          'Cluster demo sends exec session logs to bucket team-bucket; the organization requires bucket exec-audit-bucket.',
        fix: "aws ecs update-cluster --cluster demo --configuration 'executeCommandConfiguration={kmsKeyId=arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab,logging=OVERRIDE,logConfiguration={cloudWatchLogGroupName=/ecs/exec-audit,cloudWatchEncryptionEnabled=true,s3BucketName=exec-audit-bucket,s3EncryptionEnabled=true,s3KeyPrefix=exec/}}' --region us-east-1",
      },
      {
        name: 'logging=DEFAULT sends nothing to S3',
        target: clusterWith((configuration) => {
          configuration.logging = 'DEFAULT';
          configuration.logConfiguration = undefined;
        }),
        statuses: ['fail'],
        message: /has exec logging=DEFAULT, so session logs do not go to S3/,
        fix: /s3_bucket_name = "exec-audit-bucket"/,
      },
      {
        name: 'no exec configuration at all',
        target: targetWith((target) => {
          if (target.cluster.known) target.cluster.value.executeCommandConfiguration = undefined;
        }),
        statuses: ['fail'],
        message: /has no exec configuration/,
        fix: /executeCommandConfiguration=\{logging=OVERRIDE,logConfiguration=\{s3BucketName=exec-audit-bucket\}\}/,
      },
      {
        name: 'the cluster could not be read',
        target: targetWith((target) => {
          target.cluster = { known: false, reason: 'AccessDenied', permission: 'ecs:DescribeClusters' };
        }),
        statuses: ['unknown'],
        message: /Could not read the cluster: AccessDenied \(needs ecs:DescribeClusters\)/,
        assert: ([finding]) => expect(finding?.needs).toBe('ecs:DescribeClusters'),
      },
    ],
  });

  it("loads from dist with plain Node, importing 'ecs-exec-doctor' by self-reference", () => {
    const script = `
      import { loadPlugins } from './dist/engine/plugins.js';
      import { builtInChecks } from './dist/checks/index.js';
      const [check] = await loadPlugins(['./examples/plugins/org-audit-bucket.mjs'], { cwd: process.cwd(), builtIn: builtInChecks });
      const [result] = check.run(JSON.parse(process.env.TARGET), { options: { requireExec: false }, now: new Date() });
      console.log(JSON.stringify({ id: check.id, status: result.status, message: result.message }));
    `;
    const run = (bucket: string | undefined) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TARGET: JSON.stringify(healthyTarget()) };
      if (bucket === undefined) delete env.ORG_EXEC_AUDIT_BUCKET;
      else env.ORG_EXEC_AUDIT_BUCKET = bucket;
      const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env,
      });
      return JSON.parse(output.toString()) as { id: string; status: string; message: string };
    };
    expect(run('exec-audit-bucket')).toMatchObject({ id: 'org.audit-bucket', status: 'pass' });
    expect(run(undefined)).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('the organization requires bucket org-exec-audit-logs'),
    });
  });
});
