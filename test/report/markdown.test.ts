import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { codeBlock, formatMarkdown, inlineCode } from '../../src/report/markdown.js';
import { fixtureReport } from './report-fixture.js';

const GOLDEN = [
  '## ❌ Exec will fail: 3 blocking problems',
  '',
  '**ecs-exec-doctor check** · task `abc123` · cluster `prod` · `us-east-1`',
  '',
  '| ❌ Failed | 💥 Broken | ⚠️ Warnings | ❓ Unknown | ✅ Passed | ℹ️ Info | ⏭️ Skipped | 🔕 Suppressed |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  '| 2 | 1 | 2 | 1 | 1 | 1 | 1 | 1 |',
  '',
  '### Blocking problems',
  '',
  '1. The check failed: TypeError: key is undefined (`cluster.kms-key-usable`)',
  '   Resource: `arn:aws:ecs:us-east-1:123456789012:cluster/prod`',
  '',
  '2. Task abc123 was started with enableExecuteCommand=false. (`task.exec-enabled`)',
  '   Resource: `arn:aws:ecs:us-east-1:123456789012:task/prod/abc123`',
  '',
  '   **Fix:** Enable exec on service web and force a new deployment; running tasks keep the old flag.',
  '',
  '   ```sh',
  '   aws ecs update-service --cluster prod --service web --enable-execute-command --force-new-deployment --region us-east-1',
  '   ```',
  '',
  '   - CloudFormation: `AWS::ECS::Service: EnableExecuteCommand: true`',
  '   - Terraform: `aws_ecs_service: enable_execute_command = true`',
  '   - CDK: `new ecs.FargateService(this, …, { enableExecuteCommand: true })`',
  '',
  '3. Container `web` has readonlyRootFilesystem=true. (`task-definition.readonly-root-fs`)',
  '   Resource: `TaskDefinition`',
  '',
  '   **Fix:** Set readonlyRootFilesystem to false for container web.',
  '',
  '   - CloudFormation: `ReadonlyRootFilesystem: false`',
  '',
  '<details>',
  '<summary>Client (this machine) · ✅ 1</summary>',
  '',
  '| | Check | Resource | Finding |',
  '| --- | --- | --- | --- |',
  '| ✅ | `client.session-manager-plugin` | `this machine` | session-manager-plugin 1.2.650.0 is installed. |',
  '',
  '</details>',
  '',
  '<details>',
  '<summary>Cluster · 🔕 1</summary>',
  '',
  '| | Check | Resource | Finding |',
  '| --- | --- | --- | --- |',
  '| 🔕 | `cluster.audit-logging` | `arn:aws:ecs:us-east-1:123456789012:cluster/prod` | Cluster prod logs no exec session (logging=NONE).<br>Suppressed (fail): Sessions are recorded by the bastion; see SEC-12.<br>**Fix:** Send exec sessions to CloudWatch Logs.<br>`aws ecs update-cluster --cluster prod --configuration ...` |',
  '',
  '</details>',
  '',
  '<details>',
  '<summary>Task definition · ⚠️ 1 · ℹ️ 1</summary>',
  '',
  '| | Check | Resource | Finding |',
  '| --- | --- | --- | --- |',
  '| ⚠️ | `task-definition.init-process` | `aws_ecs_task_definition.web` | Container `web` has no init process: exec sessions leave zombie processes.<br>**Fix:** Set initProcessEnabled to true. |',
  '| ℹ️ | `task-definition.remote-shell-daemon` | `TaskDefinition` | Container `sidecar` runs sshd beside the SSM agent. |',
  '',
  '</details>',
  '',
  '<details>',
  '<summary>Task role · ❓ 1</summary>',
  '',
  '| | Check | Resource | Finding |',
  '| --- | --- | --- | --- |',
  '| ❓ | `task-role.present` | `arn:aws:ecs:us-east-1:123456789012:task/prod/abc123` | Could not read the task role.<br>Needs: iam:GetRole |',
  '',
  '</details>',
  '',
  '<details>',
  '<summary>Audit-log destinations · ⚠️ 1</summary>',
  '',
  '| | Check | Resource | Finding |',
  '| --- | --- | --- | --- |',
  '| ⚠️ | `logging.retention` | `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/exec,audit` | Log group /ecs/exec,audit keeps events 1 day: <90 & "policy" \\| 100%<br>second line\twith tab\u0001<br>**Fix:** Keep session logs for 90 days.<br>`aws logs put-retention-policy --log-group-name "/ecs/exec,audit" --retention-in-days 90` |',
  '',
  '</details>',
  '',
].join('\n');

function findingsWith(statuses: Finding['status'][]): Finding[] {
  return fixtureReport().findings.filter((finding) => statuses.includes(finding.status));
}

function markdown(report = fixtureReport(), verbose = false): string {
  return formatMarkdown(report, { verbose });
}

describe('markdown', () => {
  it('renders the verdict, the counts, the blocking problems with fixes, and the rest per layer', () => {
    expect(markdown()).toBe(GOLDEN);
  });

  it('lists skipped checks only when verbose', () => {
    expect(markdown()).not.toContain('service.exec-enabled');
    expect(markdown(fixtureReport(), true)).toContain(
      '<summary>Service · ⏭️ 1</summary>\n\n| | Check | Resource | Finding |\n| --- | --- | --- | --- |\n| ⏭️ | `service.exec-enabled` |',
    );
  });

  it('says exec should work when nothing blocks it', () => {
    const text = markdown(fixtureReport({ findings: findingsWith(['pass', 'info']) }));
    expect(text.split('\n')[0]).toBe('## ✅ No blocking problem found: exec should work');
    expect(text).not.toContain('### Blocking problems');
  });

  it('says when only undecided checks stand between the user and a clean bill', () => {
    const text = markdown(fixtureReport({ findings: findingsWith(['pass', 'unknown']) }));
    expect(text.split('\n')[0]).toBe('## ❓ No blocking problem found, but 1 check(s) could not decide');
  });

  it('says exec works but its audit trail does not when only audit checks fail', () => {
    const [audit] = findingsWith(['warn']).filter((finding) => finding.suite === 'audit');
    const text = markdown(fixtureReport({ findings: [{ ...audit!, status: 'fail' }] }));
    expect(text.split('\n')[0]).toBe('## ⚠️ Exec should work, but its audit trail will not');
    expect(text).toContain('### Blocking problems\n\n1. Log group /ecs/exec,audit');
  });

  it('says why the run is incomplete', () => {
    const text = markdown(fixtureReport({ problems: ['AccessDenied on ecs:DescribeTasks'] }));
    expect(text).toContain(
      '| 2 | 1 | 2 | 1 | 1 | 1 | 1 | 1 |\n\n> **Incomplete:** AccessDenied on ecs:DescribeTasks\n',
    );
  });

  it('names every cluster when it judged several targets', () => {
    const report = fixtureReport({ findings: [] });
    report.targets = [
      { resource: 'a', cluster: 'prod', task: 'a', region: 'us-east-1' },
      { resource: 'b', cluster: 'staging', task: 'b', region: 'us-east-1' },
      { resource: 'c', cluster: 'prod', task: 'c', region: 'us-east-1' },
    ];
    expect(markdown(report).split('\n')[2]).toBe(
      '**ecs-exec-doctor check** · 3 targets in cluster `prod`, `staging`',
    );
  });

  it('escapes pipes in table cells, inside code spans too', () => {
    const [info] = findingsWith(['info']);
    const text = markdown(fixtureReport({ findings: [{ ...info!, resource: 'a|b', message: 'x | y' }] }));
    expect(text).toContain('| ℹ️ | `task-definition.remote-shell-daemon` | `a\\|b` | x \\| y |');
  });

  it('fences code that itself holds backticks', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a `b` c')).toBe('``a `b` c``');
    expect(inlineCode('`edge`')).toBe('`` `edge` ``');
    expect(codeBlock('echo ```\nls', 'sh')).toEqual(['````sh', 'echo ```', 'ls', '````']);
  });
});
