import { describe, expect, it } from 'vitest';
import { committedSnapshotFiles } from '../../fixtures/snapshots/build.js';
import { BUILT, checkJson, findingsOf, idsWithStatus, runCli, SKIP_NOTE, snapshotPath } from './cli.js';

/**
 * The built CLI on each recorded snapshot (fixtures/snapshots, written by build.ts): the exit
 * code and the exact set of check ids that fail, warn, are unknown or inform. A change in any
 * check that moves one of these is a change users see, so it must show here.
 */
interface Expected {
  exitCode: number;
  fail?: string[];
  warn?: string[];
  unknown?: string[];
  info?: string[];
}

const EXPECTED: Record<string, Expected> = {
  'healthy-fargate.json': { exitCode: 0 },
  'healthy-ec2-instance-role.json': { exitCode: 0, warn: ['task-role.present'] },
  'govcloud-fargate.json': { exitCode: 0 },
  'healthy-exec-by-tag.json': { exitCode: 0 },
  'healthy-key-policy-names-roles.json': { exitCode: 0 },
  'demo-broken-fargate.json': {
    exitCode: 1,
    fail: [
      'logging.log-group-encryption',
      'service.tasks-predate-exec',
      'task-definition.readonly-root-fs',
      'task.exec-enabled',
    ],
    warn: ['logging.retention'],
  },
  'broken-task-role-on-execution-role.json': { exitCode: 1, fail: ['task-role.present'] },
  'broken-agent-stopped-sidecars.json': {
    exitCode: 1,
    fail: ['task.managed-agent'],
    warn: ['task.container-selection'],
    info: ['task.managed-agent'],
  },
  'broken-kms-pending-deletion.json': { exitCode: 1, fail: ['cluster.kms-key-usable'] },
  'broken-missing-log-destinations.json': {
    exitCode: 1,
    fail: ['logging.bucket-exists', 'logging.log-group-exists'],
  },
  'broken-ec2-old-agent.json': {
    exitCode: 1,
    fail: ['task.agent-version', 'task.managed-agent'],
    warn: ['task.managed-agent'],
  },
  'broken-platform-pid-mode.json': {
    exitCode: 1,
    fail: ['task.managed-agent', 'task.platform-version'],
    warn: ['task-definition.pid-mode', 'task.container-selection', 'task.managed-agent'],
  },
  'partial-access-denied.json': {
    exitCode: 0,
    unknown: [
      'caller.kms-generate-data-key',
      'cluster.kms-key-usable',
      'task-definition.credentials-env',
      'task-definition.init-process',
      'task-definition.pid-mode',
      'task-definition.proxy',
      'task-definition.readonly-root-fs',
      'task-definition.remote-shell-daemon',
      'task-role.cloudwatch-logging',
      'task-role.kms-decrypt',
      'task-role.present',
      'task-role.s3-logging',
      'task-role.ssmmessages',
      'task.container-running',
    ],
    info: ['caller.start-session-bypass'],
  },
  'broken-ssmmessages-on-execution-role.json': { exitCode: 1, fail: ['task-role.ssmmessages'] },
  'broken-task-role-boundary-region.json': {
    exitCode: 1,
    fail: [
      'task-role.cloudwatch-logging',
      'task-role.kms-decrypt',
      'task-role.s3-logging',
      'task-role.ssmmessages',
    ],
  },
  'broken-exec-tag-on-task-only.json': { exitCode: 1, fail: ['caller.execute-command'] },
  'broken-exec-task-arn-only.json': {
    exitCode: 1,
    fail: ['caller.execute-command'],
    warn: ['caller.start-session-bypass'],
  },
  // Its SCPs are read only with --org-scps (check-iam.test.ts): without it, they are not evaluated.
  'broken-org-scp-deny-exec.json': { exitCode: 0 },
  'broken-key-policy-without-root.json': {
    exitCode: 1,
    fail: ['caller.kms-generate-data-key', 'task-role.kms-decrypt', 'task-role.s3-logging'],
  },
  // The network shapes (check-network.test.ts says what each finding says).
  'broken-network-isolated-subnet.json': {
    exitCode: 1,
    fail: ['network.dependency-endpoints', 'network.ssmmessages-path'],
  },
  'broken-network-nat-failed.json': {
    exitCode: 1,
    fail: ['network.dependency-endpoints', 'network.ssmmessages-path'],
  },
  'broken-network-endpoint-private-dns-off.json': { exitCode: 1, fail: ['network.ssmmessages-path'] },
  'broken-network-vpc-dns-hostnames-off.json': {
    exitCode: 1,
    fail: ['network.dependency-endpoints', 'network.ssmmessages-path'],
  },
  'broken-network-endpoint-sg-ingress.json': { exitCode: 1, fail: ['network.security-groups'] },
  'broken-network-nacl-ephemeral.json': { exitCode: 1, fail: ['network.nacl'] },
  'broken-network-missing-dependency-endpoints.json': { exitCode: 1, fail: ['network.dependency-endpoints'] },
  // A participant cannot see the owner's NAT gateway or endpoints: the path passes on the active
  // route; which filters apply (endpoint or public addresses) stays unknown, with the reason.
  'healthy-ram-shared-subnet.json': {
    exitCode: 0,
    unknown: ['network.nacl', 'network.security-groups'],
  },
  'unknown-transit-gateway-route.json': {
    exitCode: 0,
    unknown: ['network.dependency-endpoints', 'network.ssmmessages-path'],
  },
  'healthy-ec2-bridge-public-subnet.json': { exitCode: 0, warn: ['task-role.present'] },
};

describe.skipIf(!BUILT).concurrent(`check --snapshot: exit codes and findings${SKIP_NOTE}`, () => {
  it('covers every snapshot the builder writes', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(committedSnapshotFiles());
  });

  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const { code, stderr, report } = await checkJson(file);
    expect({
      exitCode: code,
      fail: idsWithStatus(report, 'fail'),
      warn: idsWithStatus(report, 'warn'),
      unknown: idsWithStatus(report, 'unknown'),
      info: idsWithStatus(report, 'info'),
      error: idsWithStatus(report, 'error'),
    }).toEqual({ fail: [], warn: [], unknown: [], info: [], ...expected, error: [] });
    expect(report.exitCode).toBe(code);
    // Every call the collector made is in the snapshot: nothing left the run incomplete.
    expect(report.problems).toEqual([]);
    expect(stderr).toBe('');
  });
});

describe.skipIf(!BUILT).concurrent(`check --snapshot: what the findings say${SKIP_NOTE}`, () => {
  it('the demo names the service to redeploy and the flags that block exec', async () => {
    const { report } = await checkJson('demo-broken-fargate.json');
    expect(report.verdict).toBe('exec-will-fail');
    const [predates] = findingsOf(report, 'service.tasks-predate-exec', 'fail');
    expect(predates?.fix?.cli).toBe(
      'aws ecs update-service --cluster prod --service checkout --force-new-deployment --region us-east-1',
    );
    expect(findingsOf(report, 'task-definition.readonly-root-fs', 'fail')[0]?.message).toContain(
      'Container `checkout` has readonlyRootFilesystem=true',
    );
    expect(findingsOf(report, 'logging.log-group-encryption', 'fail')[0]?.message).toContain(
      'Log group /ecs/exec/prod has no KMS key',
    );
    // Its IAM and network path are healthy: only the four blocking problems stand in the way.
    const iamAndNetwork = report.findings.filter((finding) =>
      /^(caller|task-role|network)\./.test(finding.checkId),
    );
    expect(iamAndNetwork.filter((finding) => !['pass', 'skip'].includes(finding.status))).toEqual([]);
    expect(
      iamAndNetwork.filter((finding) => finding.status === 'pass').map((finding) => finding.checkId),
    ).toEqual(
      expect.arrayContaining([
        'caller.execute-command',
        'caller.describe-tasks',
        'caller.kms-generate-data-key',
        'caller.start-session-bypass',
        'task-role.ssmmessages',
        'task-role.kms-decrypt',
        'task-role.cloudwatch-logging',
        'network.ssmmessages-path',
        'network.security-groups',
        'network.nacl',
      ]),
    );
  });

  it('a healthy task passes with evidence and prints the exec command', async () => {
    const { report } = await checkJson('healthy-fargate.json');
    expect(report.verdict).toBe('ok');
    for (const finding of report.findings.filter((candidate) => candidate.status === 'pass')) {
      expect(finding.evidence.length, finding.checkId).toBeGreaterThan(0);
    }
    expect(findingsOf(report, 'task.container-selection', 'pass')[0]?.message).toContain(
      'aws ecs execute-command --cluster prod --task 4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b --container web --interactive --command "/bin/sh" --region us-east-1',
    );
  });

  it('the EC2 task without a task role is judged on the instance profile role', async () => {
    const { report } = await checkJson('healthy-ec2-instance-role.json');
    expect(findingsOf(report, 'task-role.present', 'warn')[0]?.message).toContain(
      'instance profile ecsInstanceRole',
    );
    expect(findingsOf(report, 'task.agent-version', 'pass')[0]?.evidence).toContain(
      'DescribeContainerInstances: attribute ecs.capability.execute-command present',
    );
  });

  it('a Fargate task with only an execution role fails task-role.present', async () => {
    const { report } = await checkJson('broken-task-role-on-execution-role.json');
    expect(findingsOf(report, 'task-role.present', 'fail')[0]?.message).toContain('no task role');
  });

  it('sidecars without managed agents are reported, not crashed on, and the ENI is found', async () => {
    const { report } = await checkJson('broken-agent-stopped-sidecars.json');
    const agents = findingsOf(report, 'task.managed-agent');
    expect(agents.find((finding) => finding.status === 'fail')?.message).toContain(
      'ExecuteCommandAgent process exited with exit code: 1',
    );
    expect(agents.filter((finding) => finding.status === 'info').map((finding) => finding.message)).toEqual([
      expect.stringContaining('`ecs-service-connect-Xk27p` is the Service Connect sidecar'),
      expect.stringContaining('`aws-guardduty-agent-Qm4tZ` is the GuardDuty Runtime Monitoring sidecar'),
    ]);
    expect(findingsOf(report, 'task.launch-type-supported', 'pass')[0]?.evidence).toContain(
      'DescribeTasks: ENI privateIPv4Address=10.0.21.47',
    );
  });

  it('a key pending deletion and missing log destinations are named', async () => {
    const [kms, logging] = await Promise.all([
      checkJson('broken-kms-pending-deletion.json'),
      checkJson('broken-missing-log-destinations.json'),
    ]);
    expect(findingsOf(kms.report, 'cluster.kms-key-usable', 'fail')[0]?.message).toContain(
      'is PendingDeletion',
    );
    expect(findingsOf(logging.report, 'logging.log-group-exists', 'fail')[0]?.message).toContain(
      'CloudWatch log group /ecs/exec/prod does not exist',
    );
    expect(findingsOf(logging.report, 'logging.bucket-exists', 'fail')[0]?.message).toContain(
      'S3 bucket prod-ecs-exec-audit-111122223333 does not exist',
    );
  });

  it('an old, disconnected ECS agent fails on each count', async () => {
    const { report } = await checkJson('broken-ec2-old-agent.json');
    expect(findingsOf(report, 'task.agent-version', 'fail').map((finding) => finding.message)).toEqual([
      expect.stringContaining('is 1.48.0; ECS Exec needs 1.50.2 or later'),
      expect.stringContaining('disconnected (agentConnected=false)'),
      expect.stringContaining('does not advertise ecs.capability.execute-command'),
    ]);
  });

  it('two tasks in one run are judged separately', async () => {
    const { report } = await checkJson('broken-platform-pid-mode.json');
    expect(report.targets.map((target) => target.taskDefinition)).toEqual(['legacy-api:3', 'analytics:8']);
    expect(findingsOf(report, 'task.platform-version', 'fail')[0]?.message).toContain('1.3.0');
    expect(findingsOf(report, 'task-definition.pid-mode', 'warn')[0]?.message).toContain(
      'containers `analytics` and `otel-collector` share one PID namespace',
    );
  });

  it('AccessDenied leaves facts unknown, each naming the permission, and other checks still run', async () => {
    const { report } = await checkJson('partial-access-denied.json');
    for (const finding of report.findings.filter((candidate) => candidate.status === 'unknown')) {
      expect(['ecs:DescribeTaskDefinition', 'kms:DescribeKey'], finding.checkId).toContain(finding.needs);
      expect(finding.message).toContain(`AccessDenied on ${finding.needs}`);
    }
    expect(idsWithStatus(report, 'pass')).toEqual(
      expect.arrayContaining(['task.exec-enabled', 'task.managed-agent', 'logging.log-group-encryption']),
    );
  });

  it('GovCloud ARNs keep their partition and region', async () => {
    const { report } = await checkJson('govcloud-fargate.json');
    expect(report.targets).toEqual([
      expect.objectContaining({
        resource: 'arn:aws-us-gov:ecs:us-gov-west-1:444455556666:task/prod/4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b',
        region: 'us-gov-west-1',
      }),
    ]);
    expect(findingsOf(report, 'cluster.kms-key-usable', 'pass')[0]?.message).toContain(
      'arn:aws-us-gov:kms:us-gov-west-1:444455556666:key/',
    );
  });
});

describe.skipIf(!BUILT)(`check --snapshot: the text report${SKIP_NOTE}`, () => {
  it('the demo prints the verdict, the numbered blocking problems with fixes, and a summary', async () => {
    const { code, stdout } = await runCli(['check', '--snapshot', snapshotPath('demo-broken-fargate.json')]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(
      'ecs-exec-doctor check · task a61c04d9e3b74f58b2e97d1c6f0a8b53 (cluster prod, us-east-1)',
    );
    expect(lines).toContain('✖ Exec will fail: 4 blocking problems.');
    expect(stdout).toMatch(/^ {2}1\. Service checkout has exec enabled, .*\[service\.tasks-predate-exec\]$/m);
    expect(stdout).toContain(
      '$ aws ecs update-service --cluster prod --service checkout --force-new-deployment --region us-east-1',
    );
    expect(stdout).toMatch(
      /^ {2}✖ task-definition\.readonly-root-fs +Container `checkout` has readonlyRootFilesystem=true/m,
    );
    expect(stdout).toMatch(/^ {2}▲ logging\.retention +Log group \/ecs\/exec\/prod has no retention policy/m);
    // Otherwise healthy: the caller, the task role and the network path pass.
    expect(stdout).toMatch(
      /^ {2}✔ caller\.execute-command +caller `alice` may call ecs:ExecuteCommand on task a61c04d9e3b74f58b2e97d1c6f0a8b53 and cluster prod \(container checkout\)\.$/m,
    );
    expect(stdout).toMatch(
      /^ {2}✔ caller\.start-session-bypass +caller `alice` is explicitly denied ssm:StartSession on task a61c04d9e3b74f58b2e97d1c6f0a8b53/m,
    );
    expect(stdout).toMatch(
      /^ {2}✔ task-role\.ssmmessages +task role `checkout-task` may open the SSM agent's channels \(the four ssmmessages actions\)\.$/m,
    );
    expect(stdout).toMatch(
      /^ {2}✔ network\.ssmmessages-path +The task reaches ssmmessages\.us-east-1\.amazonaws\.com from task ENI eni-0a1b2c3d4e5f60718/m,
    );
    expect(lines.filter(Boolean).at(-1)).toBe('4 failed · 1 warning · 29 passed · 8 skipped');
    // NO_COLOR: plain text only.
    expect(stdout).not.toContain('\u001b[');
  });
});
