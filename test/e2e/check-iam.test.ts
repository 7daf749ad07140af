import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/app/check.js';
import { builtInChecks } from '../../src/checks/index.js';
import { Snapshot } from '../../src/sources/aws/snapshot.js';
import {
  BUILT,
  checkJson,
  findingsOf,
  idsWithStatus,
  type JsonFinding,
  type JsonReport,
  runCli,
  SKIP_NOTE,
  scpPath,
  snapshotPath,
} from './cli.js';

/**
 * The IAM checks on snapshots whose verdict depends on IAM (fixtures/snapshots/builder/
 * iam-scenarios.ts) and on the SCP files of fixtures/scp: the layer that decided and the
 * statement (policy name and Sid) behind it, and fixes that are JSON statements scoped to the
 * account's real ARNs.
 */

const ACCOUNT = '111122223333';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/7d3c1a52-9e4b-4f1a-8c2d-5b6e7f8091a2`;
const KEY_POLICY = 'key policy 7d3c1a52-9e4b-4f1a-8c2d-5b6e7f8091a2';
const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`;
const CLUSTER_TASKS = `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/*`;
const taskArn = (id: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/${id}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const sessionArn = (role: string, session: string) =>
  `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`;
const SSMMESSAGES = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

/** The first JSON object in a text (the statement a fix summary quotes). */
function firstJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  let depth = 0;
  let inString = false;
  for (let index = start; index >= 0 && index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return JSON.parse(text.slice(start, index + 1));
  }
  throw new Error(`no JSON object in: ${text}`);
}

/** The document a fix's `--policy-document '…'` or `--inline-policy '…'` puts. */
function documentOf(cli: string | undefined): unknown {
  const quoted = /--(?:policy-document|inline-policy) '([^']+)'/.exec(cli ?? '');
  if (!quoted) throw new Error(`no policy document in: ${cli}`);
  return JSON.parse(quoted[1]!);
}

const onlyFinding = (report: JsonReport, checkId: string, status: string): JsonFinding => {
  const findings = findingsOf(report, checkId, status);
  expect(findings, `${checkId} ${status}`).toHaveLength(1);
  return findings[0]!;
};

describe.skipIf(!BUILT).concurrent(`check: the task role's permissions${SKIP_NOTE}`, () => {
  it('ssmmessages on the execution role: the message names both roles, the fix the task role', async () => {
    const { report } = await checkJson('broken-ssmmessages-on-execution-role.json');
    const finding = onlyFinding(report, 'task-role.ssmmessages', 'fail');
    expect(finding.resource).toBe(roleArn('inventory-task'));
    expect(finding.message).toContain(
      `task role \`inventory-task\` lacks ${SSMMESSAGES.join(', ')}; they are on the execution role \`inventory-execution\` instead. The SSM agent uses the task role, never the execution role`,
    );
    expect(finding.message).toContain('exec fails with TargetNotConnectedException');
    expect(finding.evidence).toEqual([
      ...SSMMESSAGES.map(
        (action) =>
          `${action} on \`*\`: implicit deny by the identity policy: no statement in the identity policies allows ${action} on *`,
      ),
      'SCPs not given: not evaluated',
    ]);
    const statement = { Sid: 'EcsExecSsmMessages', Effect: 'Allow', Action: SSMMESSAGES, Resource: '*' };
    expect(firstJsonObject(finding.fix!.summary)).toEqual(statement);
    expect(finding.fix?.cli).toMatch(
      /^aws iam put-role-policy --role-name inventory-task --policy-name ecs-exec-ssmmessages --policy-document '/,
    );
    expect(documentOf(finding.fix?.cli)).toEqual({ Version: '2012-10-17', Statement: [statement] });
    expect(finding.fix?.terraform).toContain('role   = "inventory-task"');
  });

  it('reads every page of the role’s inline policies: the last page’s policy decides the logging checks', async () => {
    const { report } = await checkJson('broken-ssmmessages-on-execution-role.json');
    const logging = findingsOf(report, 'task-role.cloudwatch-logging', 'pass');
    expect(logging.map((finding) => finding.evidence[0])).toEqual([
      expect.stringContaining('allowed by identity policy ecs-exec-logging statement EcsExecFindLogGroup'),
      expect.stringContaining('allowed by identity policy ecs-exec-logging statement EcsExecWriteLogs'),
    ]);
    expect(onlyFinding(report, 'task-role.kms-decrypt', 'pass').evidence[0]).toBe(
      `kms:Decrypt on \`${KEY_ARN}\`: allowed by ${KEY_POLICY} statement Enable IAM User Permissions, identity policy ecs-exec-logging statement EcsExecSessionKey`,
    );
  });

  it('a permission boundary for another region caps every call of the SSM agent; the right one does not', async () => {
    const { report } = await checkJson('broken-task-role-boundary-region.json');
    expect(report.targets.map((target) => target.taskDefinition)).toEqual(['reports:5', 'ledger:27']);
    const byRole = (name: string, status: string) =>
      report.findings.filter(
        (finding) =>
          finding.resource === roleArn(name) &&
          finding.checkId.startsWith('task-role.') &&
          finding.status === status,
      );
    const capped = byRole('reports-task', 'fail');
    expect([...new Set(capped.map((finding) => finding.checkId))].sort()).toEqual([
      'task-role.cloudwatch-logging',
      'task-role.kms-decrypt',
      'task-role.s3-logging',
      'task-role.ssmmessages',
    ]);
    for (const finding of capped) {
      const [scps, ...verdicts] = [...finding.evidence].reverse();
      expect(scps).toBe('SCPs not given: not evaluated');
      for (const line of verdicts) {
        expect(line).toMatch(
          /: implicit deny by the permission boundary: permission boundary workload-boundary-eu-west-1 statement AllowInHomeRegion requires aws:RequestedRegion=eu-west-1; the request has us-east-1$/,
        );
      }
      // The boundary refuses on its condition: the fix widens that condition, not a new statement.
      expect(finding.fix?.summary).toMatch(
        /^Widen the permission boundary workload-boundary-eu-west-1 of task role `reports-task`: its statement AllowInHomeRegion requires aws:RequestedRegion=eu-west-1; the request has us-east-1\. In statement AllowInHomeRegion, widen aws:RequestedRegion to admit us-east-1/,
      );
      expect(finding.fix?.cli).toContain(
        `aws iam create-policy-version --policy-arn arn:aws:iam::${ACCOUNT}:policy/boundaries/workload-boundary-eu-west-1 --policy-document file://boundary.json --set-as-default`,
      );
    }
    const decrypt = onlyFinding(report, 'task-role.kms-decrypt', 'fail');
    expect(decrypt.message).toBe(
      `task role \`reports-task\` may not call kms:Decrypt on KMS key ${KEY_ARN}: permission boundary workload-boundary-eu-west-1 statement AllowInHomeRegion requires aws:RequestedRegion=eu-west-1; the request has us-east-1. The SSM agent in the container decrypts the session's data key with this role, so every session fails in the handshake with "Fetching data key failed: Unable to retrieve data key".`,
    );
    expect(decrypt.fix!.summary).toContain('widen aws:RequestedRegion to admit us-east-1');

    expect(byRole('ledger-task', 'fail')).toEqual([]);
    expect(
      byRole('ledger-task', 'pass').find((finding) => finding.checkId === 'task-role.ssmmessages')
        ?.evidence[0],
    ).toBe(
      `${SSMMESSAGES.join(', ')} on \`*\`: allowed by identity policy ecs-exec-session statement EcsExecChannels, permission boundary workload-boundary-us-east-1 statement AllowInHomeRegion`,
    );
  });
});

describe.skipIf(!BUILT).concurrent(`check --scp: service control policies${SKIP_NOTE}`, () => {
  const denyOutsideEu = scpPath('deny-exec-outside-eu.json');

  it('an SCP that denies exec outside the EU decides caller.execute-command, and only it', async () => {
    const { code, report } = await checkJson('healthy-fargate.json', '--scp', denyOutsideEu);
    expect(code).toBe(1);
    expect(idsWithStatus(report, 'fail')).toEqual(['caller.execute-command']);
    const finding = onlyFinding(report, 'caller.execute-command', 'fail');
    expect(finding.message).toBe(
      `caller \`alice\` may not call ecs:ExecuteCommand on ${taskArn('4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b')} and ${CLUSTER_ARN} (container web): denied by SCP deny-exec-outside-eu.json statement DenyExecOutsideEu.`,
    );
    expect(finding.evidence).toEqual([
      `ecs:ExecuteCommand on \`${taskArn('4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b')}\`: explicit deny: denied by SCP deny-exec-outside-eu.json statement DenyExecOutsideEu`,
      `ecs:ExecuteCommand on \`${CLUSTER_ARN}\`: explicit deny: denied by SCP deny-exec-outside-eu.json statement DenyExecOutsideEu`,
      'SCPs evaluated (1 level, root to account)',
    ]);
    // Organization policies change in the management account: no command to run here.
    expect(finding.fix).toEqual({
      summary:
        'SCP deny-exec-outside-eu.json statement DenyExecOutsideEu denies ecs:ExecuteCommand for caller `alice`: ask your AWS Organizations administrators to exempt it (organization policies are changed in the management account).',
    });
    // Every other IAM verdict took the SCPs into account.
    expect(onlyFinding(report, 'task-role.ssmmessages', 'pass').evidence).toContain(
      'SCPs evaluated (1 level, root to account)',
    );
  });

  it('SCP levels run root first; an assumed-role caller is denied the same way', async () => {
    const { code, report } = await checkJson(
      'healthy-exec-by-tag.json',
      '--scp',
      scpPath('full-aws-access.json'),
      '--scp',
      denyOutsideEu,
    );
    expect(code).toBe(1);
    const finding = onlyFinding(report, 'caller.execute-command', 'fail');
    expect(finding.resource).toBe(sessionArn('prod-exec-operators', 'bob'));
    expect(finding.message).toMatch(
      /^caller role `prod-exec-operators` may not call ecs:ExecuteCommand on .* \(container payments-api\): denied by SCP deny-exec-outside-eu\.json statement DenyExecOutsideEu\.$/,
    );
    expect(finding.evidence.at(-1)).toBe('SCPs evaluated (2 levels, root to account)');
  });

  it('an SCP that allows everything changes no verdict, and says it was evaluated', async () => {
    const { code, report } = await checkJson(
      'healthy-fargate.json',
      '--scp',
      scpPath('full-aws-access.json'),
    );
    expect(code).toBe(0);
    expect(idsWithStatus(report, 'fail')).toEqual([]);
    expect(onlyFinding(report, 'caller.execute-command', 'pass').evidence.at(-1)).toBe(
      'SCPs evaluated (1 level, root to account)',
    );
  });
});

describe.skipIf(!BUILT).concurrent(`check: the caller's permissions${SKIP_NOTE}`, () => {
  it('a tag-conditioned grant passes when the task and the cluster both carry the tag', async () => {
    const { report } = await checkJson('healthy-exec-by-tag.json');
    const finding = onlyFinding(report, 'caller.execute-command', 'pass');
    expect(finding.resource).toBe(sessionArn('prod-exec-operators', 'bob'));
    expect(finding.message).toBe(
      'caller role `prod-exec-operators` may call ecs:ExecuteCommand on task 6f8e0d2c4b6a48e9b1c3d5f7e9a0b2c4 and cluster prod (container payments-api).',
    );
    expect(finding.evidence).toEqual([
      `ecs:ExecuteCommand on \`${taskArn('6f8e0d2c4b6a48e9b1c3d5f7e9a0b2c4')}\`: allowed by identity policy exec-production statement ExecIntoProduction`,
      `ecs:ExecuteCommand on \`${CLUSTER_ARN}\`: allowed by identity policy exec-production statement ExecIntoProduction`,
      'SCPs not given: not evaluated',
    ]);
  });

  it('a tag on the task alone is not enough: the cluster ARN is judged with the cluster’s tags', async () => {
    const { report } = await checkJson('broken-exec-tag-on-task-only.json');
    const finding = onlyFinding(report, 'caller.execute-command', 'fail');
    expect(finding.message).toBe(
      `caller role \`prod-exec-operators\` may not call ecs:ExecuteCommand on ${CLUSTER_ARN} (container payments-api): identity policy exec-production statement ExecIntoProduction requires aws:ResourceTag/environment=production; the cluster has no environment tag. ExecuteCommand needs both the task ARN and the cluster ARN; the cluster ARN is the one not allowed. Tag conditions are evaluated on each resource's own tags: the task's tags for the task ARN, the cluster's tags for the cluster ARN.`,
    );
    expect(finding.evidence).toEqual([
      `ecs:ExecuteCommand on \`${taskArn('9b7d5f3e1c0a4e2b8d6f4a2c0e8b6d4f')}\`: allowed by identity policy exec-production statement ExecIntoProduction`,
      `ecs:ExecuteCommand on \`${CLUSTER_ARN}\`: implicit deny by the identity policy: identity policy exec-production statement ExecIntoProduction requires aws:ResourceTag/environment=production; the cluster has no environment tag`,
      'SCPs not given: not evaluated',
    ]);
    // The session's policies are its role's: the fix goes on the role.
    const statement = {
      Sid: 'EcsExecuteCommand',
      Effect: 'Allow',
      Action: 'ecs:ExecuteCommand',
      Resource: [CLUSTER_TASKS, CLUSTER_ARN],
    };
    // Tagging the cluster is the first fix; the policy is the alternative.
    expect(finding.fix?.cli).toMatch(
      new RegExp(
        `^aws ecs tag-resource --resource-arn ${CLUSTER_ARN} --tags key=environment,value=production --region us-east-1\n# or, instead:\naws iam put-role-policy --role-name prod-exec-operators --policy-name ecs-exec --policy-document '`,
      ),
    );
    expect(documentOf(finding.fix?.cli)).toEqual({ Version: '2012-10-17', Statement: [statement] });
  });

  it('a grant on the task ARN only fails on the cluster ARN; an Identity Center role is fixed in its permission set', async () => {
    const { report } = await checkJson('broken-exec-task-arn-only.json');
    const role = 'AWSReservedSSO_EcsOperator_5b8e2f71c9a04d36';
    const finding = onlyFinding(report, 'caller.execute-command', 'fail');
    expect(finding.resource).toBe(sessionArn(role, 'dana'));
    expect(finding.message).toBe(
      `caller role \`${role}\` may not call ecs:ExecuteCommand on ${CLUSTER_ARN} (container search): no statement in the identity policies allows ecs:ExecuteCommand on ${CLUSTER_ARN}. ExecuteCommand needs both the task ARN and the cluster ARN; the cluster ARN is the one not allowed.`,
    );
    expect(finding.evidence[0]).toBe(
      `ecs:ExecuteCommand on \`${taskArn('2c4e6a8b0d1f4a3c5e7b9d1f3a5c7e9b')}\`: allowed by identity policy AwsSSOInlinePolicy statement ExecIntoTasks`,
    );
    expect(finding.fix?.summary).toContain(
      `Role ${role} belongs to IAM Identity Center, which overwrites policies put on the role: add the statement to the inline policy of permission set EcsOperator instead. put-inline-policy-to-permission-set replaces the whole inline policy`,
    );
    // Read, merge, put back, provision: a plain put would drop the set's other statements.
    const steps = finding.fix!.cli!.split('\n').filter((line) => line.startsWith('aws sso-admin '));
    expect(steps.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
      'aws sso-admin get-inline-policy-for-permission-set',
      'aws sso-admin put-inline-policy-to-permission-set',
      'aws sso-admin provision-permission-set',
    ]);
    expect(finding.fix?.cli).toContain(
      `add {"Sid":"EcsExecuteCommand","Effect":"Allow","Action":"ecs:ExecuteCommand","Resource":["${CLUSTER_TASKS}","${CLUSTER_ARN}"]} to "Statement"`,
    );

    const bypass = onlyFinding(report, 'caller.start-session-bypass', 'warn');
    expect(bypass.evidence[0]).toBe(
      `ssm:StartSession on \`${taskArn('2c4e6a8b0d1f4a3c5e7b9d1f3a5c7e9b')}\`: allowed by identity policy AwsSSOInlinePolicy statement SessionManager`,
    );
    // The Deny goes into the permission set too, merged the same way.
    expect(bypass.fix?.cli).toContain(
      `{"Sid":"DenyStartSessionOnEcsTasks","Effect":"Deny","Action":"ssm:StartSession","Resource":"${CLUSTER_TASKS}"}`,
    );
    expect(bypass.fix?.cli).toContain('aws sso-admin put-inline-policy-to-permission-set');
  });

  it('the recommended ssm:StartSession deny makes the bypass check pass, naming the denying statement', async () => {
    const { report } = await checkJson('healthy-fargate.json');
    expect(onlyFinding(report, 'caller.start-session-bypass', 'pass').evidence[0]).toBe(
      `ssm:StartSession on \`${taskArn('4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b')}\`: explicit deny: denied by identity policy ecs-exec-operators statement DenyStartSessionOnTasks`,
    );
  });
});

describe.skipIf(!BUILT).concurrent(`check: key policies${SKIP_NOTE}`, () => {
  it('a key policy without account-root trust that names neither role refuses both, whatever IAM grants', async () => {
    const { report } = await checkJson('broken-key-policy-without-root.json');
    const caller = onlyFinding(report, 'caller.kms-generate-data-key', 'fail');
    expect(caller.resource).toBe(sessionArn('platform-engineer', 'carol'));
    expect(caller.evidence).toEqual([
      `kms:GenerateDataKey on \`${KEY_ARN}\`: implicit deny by the key policy: the ${KEY_POLICY} neither names arn:aws:iam::${ACCOUNT}:role/platform-engineer nor lets IAM policies of account ${ACCOUNT} allow kms:GenerateDataKey`,
      'SCPs not given: not evaluated',
    ]);
    // The key policy names the role behind the session.
    expect(firstJsonObject(caller.fix!.summary)).toEqual({
      Sid: 'Allowplatformengineer',
      Effect: 'Allow',
      Principal: { AWS: roleArn('platform-engineer') },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
    });
    expect(caller.fix?.cli).toContain(
      `aws kms put-key-policy --key-id ${KEY_ARN} --policy-name default --region us-east-1 --policy file://key-policy.json`,
    );

    const decrypt = onlyFinding(report, 'task-role.kms-decrypt', 'fail');
    expect(decrypt.resource).toBe(roleArn('orders-api-task'));
    expect(decrypt.message).toContain(
      `task role \`orders-api-task\` may not call kms:Decrypt on KMS key ${KEY_ARN}: the ${KEY_POLICY} neither names ${roleArn('orders-api-task')} nor lets IAM policies of account ${ACCOUNT} allow kms:Decrypt.`,
    );
    expect(decrypt.evidence[0]).toContain(': implicit deny by the key policy: ');
    expect(firstJsonObject(decrypt.fix!.summary)).toEqual({
      Sid: 'Allowordersapitask',
      Effect: 'Allow',
      Principal: { AWS: roleArn('orders-api-task') },
      Action: 'kms:Decrypt',
      Resource: '*',
    });

    // The SSE-KMS bucket needs a data key from the same key, through S3.
    expect(onlyFinding(report, 'task-role.s3-logging', 'fail').message).toContain(
      `may not call kms:GenerateDataKey on KMS key ${KEY_ARN}: the ${KEY_POLICY} neither names ${roleArn('orders-api-task')}`,
    );
  });

  it('a key policy that names the roles allows them on its own, without IAM grants', async () => {
    const { report } = await checkJson('healthy-key-policy-names-roles.json');
    expect(onlyFinding(report, 'caller.kms-generate-data-key', 'pass').evidence[0]).toBe(
      `kms:GenerateDataKey on \`${KEY_ARN}\`: allowed by ${KEY_POLICY} statement Allow use of the key`,
    );
    expect(onlyFinding(report, 'task-role.kms-decrypt', 'pass')).toMatchObject({
      resource: roleArn('catalog-task'),
      message: `task role \`catalog-task\` may call kms:Decrypt on KMS key ${KEY_ARN}.`,
      evidence: [
        `kms:Decrypt on \`${KEY_ARN}\`: allowed by ${KEY_POLICY} statement Allow use of the key`,
        'SCPs not given: not evaluated',
      ],
    });
  });
});

describe.skipIf(!BUILT)(`check: IAM problems in the text report${SKIP_NOTE}`, () => {
  it('prints the blocking problem with the statement to add and the command', async () => {
    const { code, stdout } = await runCli([
      'check',
      '--snapshot',
      snapshotPath('broken-ssmmessages-on-execution-role.json'),
    ]);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines).toContain('✖ Exec will fail: 1 blocking problem.');
    expect(stdout).toMatch(
      /^ {2}1\. task role `inventory-task` lacks ssmmessages:CreateControlChannel, .* \[task-role\.ssmmessages\]$/m,
    );
    expect(stdout).toMatch(
      /^ {7}\$ aws iam put-role-policy --role-name inventory-task --policy-name ecs-exec-ssmmessages --policy-document '\{"Version":"2012-10-17",/m,
    );
    expect(stdout).toMatch(/^ {2}✖ task-role\.ssmmessages +task role `inventory-task` lacks /m);
    expect(lines.filter(Boolean).at(-1)).toMatch(/^1 failed · \d+ passed · \d+ skipped$/);
  });
});

/**
 * `--org-scps` on a snapshot recorded with it: the Organizations reads replay, and the SCPs of
 * every level (root → OU → account) are evaluated. Run through the app layer, as the CLI would.
 */
async function checkWithOrganizationScps(file: string, organizationScps: boolean) {
  const snapshot = Snapshot.parse(JSON.parse(readFileSync(snapshotPath(file), 'utf8')));
  const { report } = await runCheck({
    request: {},
    source: { kind: 'snapshot', snapshot },
    organizationScps,
    settings: {
      checks: builtInChecks,
      selection: { suite: 'all', only: [], skip: [] },
      failOn: 'fail',
      requireExec: true,
      suppress: [],
      severity: {},
    },
  });
  return report;
}

describe('check --org-scps: the SCPs read from AWS Organizations', () => {
  it('an OU’s SCP denies exec outside the EU: decided at the OU level, naming the policy and statement', async () => {
    const report = await checkWithOrganizationScps('broken-org-scp-deny-exec.json', true);
    expect(report.problems).toEqual([]);
    const failing = report.findings.filter((finding) => finding.status === 'fail');
    expect(failing.map((finding) => finding.checkId)).toEqual(['caller.execute-command']);
    expect(failing[0]?.evidence).toEqual([
      `ecs:ExecuteCommand on \`${taskArn('4c1f9a7e2b8d4e6f9a0b1c2d3e4f5a6b')}\`: explicit deny: denied by SCP DenyExecOutsideEu statement DenyExecOutsideEu`,
      `ecs:ExecuteCommand on \`${CLUSTER_ARN}\`: explicit deny: denied by SCP DenyExecOutsideEu statement DenyExecOutsideEu`,
      'SCPs evaluated (3 levels, root to account)',
    ]);
    expect(failing[0]?.fix?.summary).toContain('ask your AWS Organizations administrators');
  });

  it('without --org-scps the same snapshot is healthy, and says SCPs were not evaluated', async () => {
    const report = await checkWithOrganizationScps('broken-org-scp-deny-exec.json', false);
    expect(report.findings.filter((finding) => finding.status === 'fail')).toEqual([]);
    const [execute] = report.findings.filter((finding) => finding.checkId === 'caller.execute-command');
    expect(execute?.evidence.at(-1)).toBe('SCPs not given: not evaluated');
  });
});
