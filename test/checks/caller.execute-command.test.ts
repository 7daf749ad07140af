import { expect } from 'vitest';
import { callerExecuteCommand } from '../../src/checks/caller/execute-command.js';
import { checkTable } from '../support/check-table.js';
import {
  ADMINISTRATOR_ACCESS,
  accessDenied,
  allow,
  CLUSTER_ARN,
  callerWith,
  DEVELOPER_ROLE_ARN,
  deny,
  policy,
  regionBoundary,
  scps,
  sessionCaller,
  TASKS_OF_CLUSTER,
} from '../support/iam-targets.js';
import { TASK_ARN } from '../support/targets.js';

const BOTH_ARNS = policy(
  'ecs-exec',
  allow('ecs:ExecuteCommand', [TASKS_OF_CLUSTER, CLUSTER_ARN], { Sid: 'AllowExec' }),
);
const PRODUCTION_ONLY = policy(
  'ecs-exec-production',
  allow('ecs:ExecuteCommand', '*', {
    Sid: 'ExecProduction',
    Condition: { StringEquals: { 'aws:ResourceTag/environment': 'production' } },
  }),
);

checkTable(callerExecuteCommand, {
  valid: [
    {
      name: 'grant on the tasks and the cluster',
      target: callerWith([BOTH_ARNS]),
      statuses: ['pass'],
      message:
        /caller `alice` may call ecs:ExecuteCommand on task 0123456789abcdef0123456789abcdef and cluster demo \(container web\)/,
      assert: (findings) => {
        expect(findings[0]!.evidence).toContain(
          `ecs:ExecuteCommand on \`${TASK_ARN}\`: allowed by identity policy ecs-exec statement AllowExec`,
        );
        expect(findings[0]!.evidence).toContain(
          `ecs:ExecuteCommand on \`${CLUSTER_ARN}\`: allowed by identity policy ecs-exec statement AllowExec`,
        );
        expect(findings[0]!.evidence).toContain('SCPs not given: not evaluated');
      },
    },
    {
      name: 'tag-conditioned grant, environment=production on both the task and the cluster',
      target: callerWith([PRODUCTION_ONLY], (t) => {
        t.task!.tags = { environment: 'production' };
        if (t.cluster.known) t.cluster.value.tags = { environment: 'production' };
      }),
      statuses: ['pass'],
    },
    {
      name: 'ecs:ResourceTag works like aws:ResourceTag',
      target: callerWith(
        [
          policy(
            'ecs-exec',
            allow('ecs:ExecuteCommand', '*', {
              Condition: { StringEquals: { 'ecs:ResourceTag/team': 'web' } },
            }),
          ),
        ],
        (t) => {
          t.task!.tags = { team: 'web' };
          if (t.cluster.known) t.cluster.value.tags = { team: 'web' };
        },
      ),
      statuses: ['pass'],
    },
    {
      name: 'AdministratorAccess with SCPs that allow',
      target: callerWith([ADMINISTRATOR_ACCESS], (t) => {
        t.serviceControlPolicies = scps(allow('*', '*'));
      }),
      statuses: ['pass'],
      assert: (findings) =>
        expect(findings[0]!.evidence).toContain('SCPs evaluated (2 levels, root to account)'),
    },
    {
      name: 'a permission boundary limited to the task region',
      target: callerWith({ identityPolicies: [BOTH_ARNS], permissionBoundary: regionBoundary('us-east-1') }),
      statuses: ['pass'],
      assert: (findings) =>
        expect(findings[0]!.evidence.join('\n')).toMatch(/permission boundary region-boundary/),
    },
    {
      name: 'an assumed-role caller, with a grant conditioned on aws:PrincipalArn (the role)',
      target: callerWith([], (t) =>
        sessionCaller(t, [
          policy(
            'ecs-exec',
            allow('ecs:ExecuteCommand', '*', {
              Condition: { ArnEquals: { 'aws:PrincipalArn': DEVELOPER_ROLE_ARN } },
            }),
          ),
        ]),
      ),
      statuses: ['pass'],
      message: /caller role `Developer`/,
    },
    {
      name: 'a grant scoped to the container name',
      target: callerWith([
        policy(
          'ecs-exec',
          allow('ecs:ExecuteCommand', '*', { Condition: { StringEquals: { 'ecs:container-name': 'web' } } }),
        ),
      ]),
      statuses: ['pass'],
    },
    {
      name: 'no running task (lint)',
      target: callerWith([BOTH_ARNS], (t) => {
        t.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'grant on the task ARN only: the cluster ARN is needed too',
      target: callerWith([
        policy('ecs-exec', allow('ecs:ExecuteCommand', TASKS_OF_CLUSTER, { Sid: 'TaskOnly' })),
      ]),
      statuses: ['fail'],
      message:
        /may not call ecs:ExecuteCommand on arn:aws:ecs:us-east-1:111122223333:cluster\/demo .*the cluster ARN is the one not allowed/,
      fix: /aws iam put-user-policy --user-name alice --policy-name ecs-exec --policy-document '.*"Resource":\["arn:aws:ecs:us-east-1:111122223333:task\/demo\/\*","arn:aws:ecs:us-east-1:111122223333:cluster\/demo"\]/,
      assert: (findings) =>
        expect(findings[0]!.evidence.join('\n')).toMatch(
          /cluster\/demo`: implicit deny by the identity policy: no statement in the identity policies allows/,
        ),
    },
    {
      name: 'environment=production on the task but not on the cluster: tag the cluster first',
      target: callerWith([PRODUCTION_ONLY], (t) => {
        t.task!.tags = { environment: 'production' };
      }),
      statuses: ['fail'],
      message: `caller \`alice\` may not call ecs:ExecuteCommand on ${CLUSTER_ARN} (container web): identity policy ecs-exec-production statement ExecProduction requires aws:ResourceTag/environment=production; the cluster has no environment tag. ExecuteCommand needs both the task ARN and the cluster ARN; the cluster ARN is the one not allowed. Tag conditions are evaluated on each resource's own tags`,
      assert: (findings) => {
        const fix = findings[0]!.fix!;
        expect(fix.cli!.split('\n')[0]).toBe(
          `aws ecs tag-resource --resource-arn ${CLUSTER_ARN} --tags key=environment,value=production --region us-east-1`,
        );
        expect(fix.cli).toMatch(
          /\n# or, instead:\naws iam put-user-policy --user-name alice --policy-name ecs-exec /,
        );
        expect(fix.summary).toMatch(
          /^Tag cluster demo with environment=production: identity policy ecs-exec-production statement ExecProduction requires aws:ResourceTag\/environment=production; the cluster has no environment tag\. Or, instead: identity policy ecs-exec-production statement ExecProduction grants this only when aws:ResourceTag\/environment=production: meet or widen that condition, or grant ecs:ExecuteCommand to caller `alice` with this statement: \{/,
        );
      },
    },
    {
      name: 'environment=production on the cluster but not on the task: tag the task, new tasks need it too',
      target: callerWith([PRODUCTION_ONLY], (t) => {
        if (t.cluster.known) t.cluster.value.tags = { environment: 'production' };
      }),
      statuses: ['fail'],
      message:
        /: identity policy ecs-exec-production statement ExecProduction requires aws:ResourceTag\/environment=production; the task has no environment tag\. .*the task ARN is the one not allowed/,
      fix: /^Tag task 0123456789abcdef0123456789abcdef with environment=production \(new tasks carry it when their service has it with propagateTags=SERVICE/,
      assert: (findings) =>
        expect(findings[0]!.fix!.cli).toMatch(
          new RegExp(
            `^aws ecs tag-resource --resource-arn ${TASK_ARN} --tags key=environment,value=production --region us-east-1\n`,
          ),
        ),
    },
    {
      name: 'neither the task nor the cluster is tagged: tag both, one reason each',
      target: callerWith([PRODUCTION_ONLY]),
      statuses: ['fail'],
      message:
        /\(container web\): identity policy ecs-exec-production statement ExecProduction requires aws:ResourceTag\/environment=production; the task has no environment tag; identity policy ecs-exec-production statement ExecProduction requires aws:ResourceTag\/environment=production; the cluster has no environment tag\.$/,
      assert: (findings) => {
        const fix = findings[0]!.fix!;
        expect(fix.cli!.split('\n').slice(0, 3)).toEqual([
          `aws ecs tag-resource --resource-arn ${TASK_ARN} --tags key=environment,value=production --region us-east-1`,
          `aws ecs tag-resource --resource-arn ${CLUSTER_ARN} --tags key=environment,value=production --region us-east-1`,
          '# or, instead:',
        ]);
        // The policy alternative is given once, not once per resource.
        expect(fix.cli!.match(/put-user-policy/g)).toHaveLength(1);
        expect(fix.summary).toMatch(
          /^Tag task \S+ with environment=production .*\. Tag cluster demo with environment=production: /,
        );
      },
    },
    {
      name: 'the cluster tagged with another value: the reason names the value it has',
      target: callerWith([PRODUCTION_ONLY], (t) => {
        t.task!.tags = { environment: 'production' };
        if (t.cluster.known) t.cluster.value.tags = { environment: 'staging' };
      }),
      statuses: ['fail'],
      message: /requires aws:ResourceTag\/environment=production; the cluster has environment=staging\./,
      fix: /^aws ecs tag-resource --resource-arn arn:aws:ecs:us-east-1:111122223333:cluster\/demo --tags key=environment,value=production /m,
    },
    {
      name: 'a tag pattern with a wildcard names no tag to add: only the policy fix',
      target: callerWith(
        [
          policy(
            'ecs-exec',
            allow('ecs:ExecuteCommand', '*', {
              Sid: 'ExecProd',
              Condition: { StringLike: { 'aws:ResourceTag/environment': 'prod*' } },
            }),
          ),
        ],
        (t) => {
          t.task!.tags = { environment: 'production' };
        },
      ),
      statuses: ['fail'],
      message:
        /identity policy ecs-exec statement ExecProd requires aws:ResourceTag\/environment StringLike prod\*; the cluster has no environment tag/,
      assert: (findings) => {
        expect(findings[0]!.fix!.cli).toMatch(/^aws iam put-user-policy /);
        expect(findings[0]!.fix!.cli).not.toContain('tag-resource');
      },
    },
    {
      name: 'tagging would not be enough (the boundary refuses too): only the policy fix',
      target: callerWith(
        { identityPolicies: [PRODUCTION_ONLY], permissionBoundary: regionBoundary('eu-west-1') },
        (t) => {
          t.task!.tags = { environment: 'production' };
        },
      ),
      statuses: ['fail'],
      message: /the cluster has no environment tag/,
      assert: (findings) => expect(findings[0]!.fix!.cli).not.toContain('tag-resource'),
    },
    {
      name: 'an SCP denies ExecuteCommand',
      target: callerWith([BOTH_ARNS], (t) => {
        t.serviceControlPolicies = scps(
          allow('*', '*'),
          deny('ecs:ExecuteCommand', '*', { Sid: 'DenyExec' }),
        );
      }),
      statuses: ['fail'],
      message: /denied by SCP deny-exec statement DenyExec/,
      fix: /AWS Organizations administrators/,
    },
    {
      name: 'AdministratorAccess, but an SCP denies exec in production',
      target: callerWith([ADMINISTRATOR_ACCESS], (t) => {
        t.task!.tags = { environment: 'production' };
        t.serviceControlPolicies = scps(
          allow('*', '*'),
          deny('ecs:ExecuteCommand', '*', {
            Sid: 'NoExecInProduction',
            Condition: { StringEquals: { 'aws:ResourceTag/environment': 'production' } },
          }),
        );
      }),
      statuses: ['fail'],
      message:
        /on arn:aws:ecs:us-east-1:111122223333:task\/demo\/0123456789abcdef0123456789abcdef .*denied by SCP deny-exec statement NoExecInProduction/,
    },
    {
      name: 'an SCP level without an allow',
      target: callerWith([BOTH_ARNS], (t) => {
        t.serviceControlPolicies = [
          [policy('FullAWSAccess', allow('*', '*'))],
          [policy('s3-only', allow('s3:*', '*'))],
        ];
      }),
      statuses: ['fail'],
      message: /no SCP at level 2 \(s3-only\) allows ecs:ExecuteCommand/,
    },
    {
      name: 'a permission boundary limited to another region',
      target: callerWith({ identityPolicies: [BOTH_ARNS], permissionBoundary: regionBoundary('eu-west-1') }),
      statuses: ['fail'],
      message:
        /: permission boundary region-boundary statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\.$/,
      fix: /^Widen the permission boundary region-boundary of caller `alice`: its statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\. In statement #0, widen aws:RequestedRegion to admit us-east-1 \(add "us-east-1" to its values\); a new identity statement would not help/m,
      assert: (findings) => {
        expect(findings[0]!.fix!.cli).toMatch(
          /# in statement #0 of boundary\.json, widen aws:RequestedRegion to admit us-east-1 \(add "us-east-1" to its values\), then:\naws iam create-policy-version --policy-arn .*region-boundary/,
        );
        expect(findings[0]!.fix!.summary).not.toContain('add this statement');
      },
    },
    {
      name: 'an explicit Deny in an identity policy',
      target: callerWith([
        BOTH_ARNS,
        policy('guardrail', deny('ecs:ExecuteCommand', CLUSTER_ARN, { Sid: 'NoExec' })),
      ]),
      statuses: ['fail'],
      fix: /Remove or narrow identity policy guardrail statement NoExec/,
    },
    {
      name: 'containers get different answers: listed one by one',
      target: callerWith(
        [
          policy(
            'ecs-exec',
            allow('ecs:ExecuteCommand', '*', {
              Condition: { StringEquals: { 'ecs:container-name': 'web' } },
            }),
          ),
        ],
        (t) => {
          t.task!.containers.push({
            name: 'debug',
            lastStatus: 'RUNNING',
            managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'RUNNING' }],
          });
        },
      ),
      statuses: ['pass', 'fail'],
      message: /\(container web\)[\s\S]*\(container debug\)/,
    },
    {
      name: 'a condition on a key the tool cannot know',
      target: callerWith([
        policy(
          'ecs-exec',
          allow('ecs:ExecuteCommand', '*', {
            Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
          }),
        ),
      ]),
      statuses: ['unknown'],
      message: /depends on aws:SourceIp/,
      assert: (findings) => expect(findings[0]!.needs).toBe('context keys aws:SourceIp'),
    },
    {
      name: 'policies unavailable: AccessDenied on iam:GetRolePolicy',
      target: callerWith([], (t) => {
        sessionCaller(t, []);
        if (t.caller?.known) t.caller.value.policies = accessDenied('iam:GetRolePolicy');
      }),
      statuses: ['unknown'],
      message:
        /Could not read the IAM policies of caller role `Developer`: AccessDenied on iam:GetRolePolicy/,
      assert: (findings) => expect(findings[0]!.needs).toBe('iam:GetRolePolicy'),
    },
    {
      name: 'policies not collected',
      target: callerWith([], (t) => {
        if (t.caller?.known) delete t.caller.value.policies;
      }),
      statuses: ['unknown'],
      message: /The IAM policies of caller `alice` were not collected/,
      assert: (findings) => expect(findings[0]!.needs).toMatch(/iam:GetUser, iam:ListUserPolicies/),
    },
    {
      name: 'an IAM Identity Center role: the fix goes into the permission set',
      target: callerWith([], (t) => {
        sessionCaller(t, []);
        if (t.caller?.known) {
          t.caller.value.arn =
            'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_0123456789abcdef/alice';
          const policies = t.caller.value.policies;
          if (policies?.known)
            policies.value.principalArn =
              'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developer_0123456789abcdef';
        }
      }),
      statuses: ['fail'],
      assert: (findings) => {
        const fix = findings[0]!.fix!;
        expect(fix.summary).toContain(
          'Role AWSReservedSSO_Developer_0123456789abcdef belongs to IAM Identity Center, which overwrites policies put on the role: add the statement to the inline policy of permission set Developer instead. put-inline-policy-to-permission-set replaces the whole inline policy, so read the current one, add the statement to its Statement list, put the result back, then provision the permission set',
        );
        expect(fix.summary).not.toContain('merged');
        const set = '--instance-arn INSTANCE_ARN --permission-set-arn PERMISSION_SET_ARN';
        const lines = fix.cli!.split('\n');
        expect(lines[0]).toMatch(
          /^# INSTANCE_ARN: aws sso-admin list-instances; PERMISSION_SET_ARN: the one named Developer/,
        );
        expect(lines.slice(1)).toEqual([
          `aws sso-admin get-inline-policy-for-permission-set ${set} --query InlinePolicy --output text > inline-policy.json`,
          expect.stringMatching(
            /^# add \{"Sid":"EcsExecuteCommand",.*\} to "Statement" in inline-policy\.json \(if it is empty, .*\), then:$/,
          ),
          `aws sso-admin put-inline-policy-to-permission-set ${set} --inline-policy file://inline-policy.json`,
          `aws sso-admin provision-permission-set ${set} --target-type ALL_PROVISIONED_ACCOUNTS`,
        ]);
        // No pasted document replaces the permission set's other statements.
        expect(fix.cli).not.toMatch(/--inline-policy '/);
      },
    },
  ],
});
