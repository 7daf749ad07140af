import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { formatGithub } from '../../src/report/github.js';
import { CWD, fixtureReport } from './report-fixture.js';

function github(findings?: Finding[]): string[] {
  return formatGithub(fixtureReport(findings ? { findings } : {}), { cwd: CWD }).split('\n');
}

describe('github', () => {
  it('writes one workflow command per finding that needs attention, most severe first', () => {
    expect(github()).toEqual([
      '::error title=cluster.kms-key-usable%3A The exec KMS key is usable::The check failed: TypeError: key is undefined%0AResource: arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      '::error title=task.exec-enabled%3A The task was started with exec enabled::Task abc123 was started with enableExecuteCommand=false.%0AResource: arn:aws:ecs:us-east-1:123456789012:task/prod/abc123%0AFix: Enable exec on service web and force a new deployment; running tasks keep the old flag.',
      '::error file=infra/template.yaml,line=12,col=7,title=task-definition.readonly-root-fs%3A The container root filesystem is writable::Container `web` has readonlyRootFilesystem=true.%0AResource: TaskDefinition%0AFix: Set readonlyRootFilesystem to false for container web.',
      '::warning file=infra/my stack%2Cv2.tf,line=30,col=9,title=task-definition.init-process%3A The container runs an init process::Container `web` has no init process: exec sessions leave zombie processes.%0AResource: aws_ecs_task_definition.web%0AFix: Set initProcessEnabled to true.',
      '::warning title=logging.retention%3A Session logs are kept long enough::Log group /ecs/exec,audit keeps events 1 day: <90 & "policy" | 100%25%0Asecond line\twith tab\u0001%0AResource: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/exec,audit%0AFix: Keep session logs for 90 days.',
      '::notice title=task-role.present%3A The task has a role for the SSM agent::Could not read the task role.%0AResource: arn:aws:ecs:us-east-1:123456789012:task/prod/abc123%0ANeeds: iam:GetRole',
      '::notice title=task-definition.remote-shell-daemon%3A No container runs a remote shell daemon::Container `sidecar` runs sshd beside the SSM agent.%0AResource: TaskDefinition',
      '',
    ]);
  });

  it('escapes properties as @actions/core does: %, CR, LF, colon and comma', () => {
    const [finding] = fixtureReport().findings.filter(
      (candidate) => candidate.status === 'fail' && candidate.location,
    );
    const [line] = github([
      {
        ...finding!,
        title: 'a%b\r\nc:d,e',
        message: 'x%y\r\nz:w,v',
        location: { file: `${CWD}/dir/100%,a:b.yaml`, line: 3, column: 1 },
      },
    ]);
    expect(line).toBe(
      '::error file=dir/100%25%2Ca%3Ab.yaml,line=3,col=1,title=task-definition.readonly-root-fs%3A a%25b%0D%0Ac%3Ad%2Ce::x%25y%0D%0Az:w,v%0AResource: TaskDefinition%0AFix: Set readonlyRootFilesystem to false for container web.',
    );
  });

  it('writes paths relative to the working directory, also for files outside it', () => {
    const [finding] = fixtureReport().findings.filter((candidate) => candidate.location);
    const [line] = github([{ ...finding!, location: { file: '/elsewhere/stack.yaml', line: 1, column: 2 } }]);
    expect(line).toMatch(/^::error file=\.\.\/\.\.\/elsewhere\/stack\.yaml,line=1,col=2,title=/);
  });

  it('writes nothing when no finding needs attention', () => {
    const quiet = fixtureReport().findings.filter((finding) =>
      ['pass', 'skip', 'suppressed'].includes(finding.status),
    );
    expect(quiet).toHaveLength(3);
    expect(formatGithub(fixtureReport({ findings: quiet }), { cwd: CWD })).toBe('');
  });
});
