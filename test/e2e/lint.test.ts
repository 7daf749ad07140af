import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT, type JsonReport, MAIN, ROOT, runCli, SKIP_NOTE } from './cli.js';

const IAC = join(ROOT, 'fixtures', 'iac');

async function lintJson(...args: string[]) {
  const run = await runCli(['lint', ...args, '--format', 'json']);
  return { ...run, report: JSON.parse(run.stdout || '{}') as JsonReport };
}

function statusOf(report: JsonReport, checkId: string): string[] {
  return report.findings.filter((finding) => finding.checkId === checkId).map((finding) => finding.status);
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'eed-lint-'));
}

describe.skipIf(!BUILT)(`lint, end to end${SKIP_NOTE}`, () => {
  describe('intent: a service without exec', () => {
    it('is info when nothing shows exec is intended, and its task-level readiness checks skip', async () => {
      const { code, report } = await lintJson(
        join(ROOT, 'fixtures', 'lint-intent', 'exec-not-intended.yaml'),
      );
      expect(code).toBe(0);
      expect(statusOf(report, 'service.exec-enabled')).toEqual(['info']);
      expect(statusOf(report, 'task-definition.readonly-root-fs')).toEqual(['skip']);
      const skipped = report.findings.find((finding) => finding.checkId === 'task-role.ssmmessages');
      expect(skipped?.message).toMatch(/Exec is off for service Service and not required/);
    });

    it('warns when the cluster configures exec', async () => {
      const { code, report } = await lintJson(join(ROOT, 'fixtures', 'lint-intent', 'exec-signalled.yaml'));
      expect(code).toBe(0);
      expect(statusOf(report, 'service.exec-enabled')).toEqual(['warn']);
      const [finding] = report.findings.filter((candidate) => candidate.checkId === 'service.exec-enabled');
      expect(finding?.message).toContain('cluster: executeCommandConfiguration present');
    });

    it('fails with --require-exec, and then every readiness check judges the task', async () => {
      const { code, report } = await lintJson(
        join(ROOT, 'fixtures', 'lint-intent', 'exec-not-intended.yaml'),
        '--require-exec',
      );
      expect(code).toBe(1);
      expect(statusOf(report, 'service.exec-enabled')).toEqual(['fail']);
      expect(statusOf(report, 'task-definition.readonly-root-fs')).toEqual(['fail']);
      expect(statusOf(report, 'task-role.ssmmessages')).toEqual(['fail']);
    });

    it('reads require-exec from the config file too', async () => {
      const directory = scratch();
      writeFileSync(join(directory, '.ecs-exec-doctor.yml'), 'require-exec: true\n');
      const run = await runCli(
        ['lint', join(ROOT, 'fixtures', 'lint-intent', 'exec-not-intended.yaml'), '--format', 'json'],
        {
          cwd: directory,
        },
      );
      expect(run.code).toBe(1);
      expect(statusOf(JSON.parse(run.stdout), 'service.exec-enabled')).toEqual(['fail']);
    });
  });

  it('judges a lone task definition as if exec were on, pointing at file and line', async () => {
    const file = join(IAC, 'task-definitions', 'legacy-api.json');
    const { code, report } = await lintJson(file);
    expect(code).toBe(1);
    const failing = report.findings.filter((finding) => finding.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const finding of failing) {
      expect((finding as unknown as { location?: { file: string; line: number } }).location?.file).toBe(file);
    }
  });

  it('lints a directory of mixed inputs: CloudFormation, CDK, Terraform plans and task definitions', async () => {
    const { code, report } = await lintJson(IAC);
    expect(code).toBe(1);
    const files = new Set(
      report.findings
        .map((finding) => (finding as unknown as { location?: { file: string } }).location?.file ?? '')
        .map((file) => file.slice(IAC.length + 1).split('/')[0]),
    );
    for (const kind of ['cloudformation', 'cdk', 'terraform', 'task-definitions', 'copilot'])
      expect(files).toContain(kind);
  });

  describe('suppression', () => {
    const file = join(IAC, 'task-definitions', 'legacy-api.json');

    it('suppresses from the config file, still reporting the finding with its reason', async () => {
      const directory = scratch();
      writeFileSync(
        join(directory, '.ecs-exec-doctor.yml'),
        'suppress:\n  - id: task-definition.*\n    reason: "Legacy API, replaced in Q1 (JIRA-1234)"\n  - id: task-role.*\n    reason: "Role is managed elsewhere"\n  - id: cluster.*\n    reason: "Not our cluster"\n',
      );
      const run = await runCli(['lint', file, '--format', 'json'], { cwd: directory });
      const report = JSON.parse(run.stdout) as JsonReport;
      const suppressed = report.findings.filter(
        (finding) => finding.status === 'suppressed' && finding.checkId.startsWith('task-definition.'),
      );
      expect(suppressed.length).toBeGreaterThan(0);
      expect(JSON.stringify(suppressed[0])).toContain('JIRA-1234');
      expect(report.findings.some((finding) => finding.status === 'fail')).toBe(false);
      expect(run.code).toBe(0);
    });

    it('stops suppressing after the expiry date, with a warning', async () => {
      const directory = scratch();
      writeFileSync(
        join(directory, '.ecs-exec-doctor.yml'),
        'suppress:\n  - id: task-definition.readonly-root-fs\n    reason: "temporary"\n    expires: 2020-01-31\n',
      );
      const run = await runCli(['lint', file, '--format', 'json'], { cwd: directory });
      expect(statusOf(JSON.parse(run.stdout), 'task-definition.readonly-root-fs')).not.toContain(
        'suppressed',
      );
      expect(run.stderr).toMatch(
        /suppression of "task-definition.readonly-root-fs" .* expired on 2020-01-31/,
      );
    });

    it('honours CloudFormation Metadata suppressions on their resource', async () => {
      const { report } = await lintJson(join(IAC, 'cloudformation', 'ecs-exec.yaml'));
      const suppressed = report.findings.filter(
        (finding) =>
          finding.checkId === 'task-definition.readonly-root-fs' && finding.status === 'suppressed',
      );
      expect(suppressed).toHaveLength(1);
    });

    it('rejects a config file with a suppression that has no reason: one line, exit 2', async () => {
      const directory = scratch();
      writeFileSync(join(directory, '.ecs-exec-doctor.yml'), 'suppress:\n  - id: task-definition.proxy\n');
      const run = await runCli(['lint', file], { cwd: directory });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/\.ecs-exec-doctor\.yml: suppress\[0\]\.reason/);
    });
  });

  it('adopts a code base with --write-baseline, then fails only on new findings', async () => {
    const directory = scratch();
    const baseline = join(directory, 'baseline.json');
    const file = join(IAC, 'task-definitions', 'legacy-api.json');
    const first = await runCli(['lint', file, '--write-baseline', baseline, '--format', 'json']);
    expect(first.code).toBe(1);
    expect(JSON.parse(readFileSync(baseline, 'utf8')).format).toBe('ecs-exec-doctor-baseline');
    const second = await lintJson(file, '--baseline', baseline);
    expect(second.code).toBe(0);
    expect(second.report.findings.some((finding) => finding.status === 'suppressed')).toBe(true);
    // A new problem is not in the baseline.
    const changed = join(directory, 'changed.json');
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    definition.containerDefinitions.push({
      name: 'egress-proxy-client',
      image: 'public.ecr.aws/docker/library/busybox:1.36',
      essential: false,
      environment: [{ name: 'HTTPS_PROXY', value: 'http://proxy.internal:3128' }],
    });
    writeFileSync(changed, JSON.stringify(definition, null, 2));
    const third = await lintJson(changed, '--baseline', baseline);
    expect(third.code).toBe(1);
    expect(
      third.report.findings.filter((finding) => finding.status === 'fail').map((finding) => finding.checkId),
    ).toEqual(['task-definition.proxy']);
  });

  describe('bad input: one line naming the file and line, exit 2', () => {
    it('malformed YAML', async () => {
      const file = join(scratch(), 'template.yaml');
      writeFileSync(file, 'Resources:\n  Service:\n    Type: AWS::ECS::Service\n   Properties: [\n');
      const run = await runCli(['lint', file]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/template\.yaml:\d+:\d+: /);
    });

    it('malformed JSON', async () => {
      const file = join(scratch(), 'plan.json');
      writeFileSync(file, '{"format_version": "1.2", "planned_values": {,}}');
      const run = await runCli(['lint', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/plan\.json:1:\d+: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it('a file that is none of the inputs, named explicitly', async () => {
      const file = join(scratch(), 'notes.json');
      writeFileSync(file, '{"hello": "world"}');
      const run = await runCli(['lint', file]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('a path that does not exist', async () => {
      const run = await runCli(['lint', join(scratch(), 'missing.yaml')]);
      expect(run.code).toBe(2);
    });
  });

  it('never loads the AWS SDK', async () => {
    const { execFileSync } = await import('node:child_process');
    // A resolve hook reports every AWS SDK module the process loads.
    const directory = scratch();
    writeFileSync(
      join(directory, 'hooks.mjs'),
      [
        'export async function resolve(specifier, context, next) {',
        "  if (specifier.includes('@aws-sdk')) process.stderr.write('LOADED ' + specifier + '\\n');",
        '  return next(specifier, context);',
        '}',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(directory, 'register.mjs'),
      "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
    );
    const hook = join(directory, 'register.mjs');
    const loadedBy = (args: string[]) => {
      try {
        execFileSync(process.execPath, ['--import', hook, MAIN, ...args], {
          encoding: 'utf8',
          stdio: ['ignore', 'ignore', 'pipe'],
          env: {
            ...process.env,
            AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
            AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            AWS_REGION: 'us-east-1',
            // Nothing listens there: a live check fails at once, after loading the SDK.
            AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
            AWS_MAX_ATTEMPTS: '1',
          },
        });
        return '';
      } catch (error) {
        return String((error as { stderr?: string }).stderr ?? '');
      }
    };
    expect(loadedBy(['lint', join(IAC, 'cloudformation', 'ecs-exec.yaml')])).not.toContain('LOADED');
    // The hook does see the SDK when a command needs it.
    expect(
      loadedBy(['check', '--cluster', 'demo', '--task', '0123456789abcdef0123456789abcdef', '--quiet']),
    ).toContain('LOADED @aws-sdk/client-');
  });
});
