import { expect } from 'vitest';
import { callerDescribeTasks } from '../../src/checks/caller/describe-tasks.js';
import { checkTable } from '../support/check-table.js';
import {
  ADMINISTRATOR_ACCESS,
  accessDenied,
  allow,
  callerWith,
  deny,
  policy,
  regionBoundary,
  scps,
  sessionCaller,
  TASKS_OF_CLUSTER,
} from '../support/iam-targets.js';
import { CLUSTER_ARN, TASK_ARN } from '../support/targets.js';

const DESCRIBE = policy('ecs-read', allow('ecs:Describe*', '*', { Sid: 'EcsRead' }));

checkTable(callerDescribeTasks, {
  valid: [
    {
      name: 'ecs:Describe* on everything',
      target: callerWith([DESCRIBE]),
      statuses: ['pass'],
      message: /caller `alice` may call ecs:DescribeTasks on task 0123456789abcdef0123456789abcdef/,
      assert: (findings) =>
        expect(findings[0]!.evidence).toEqual([
          `ecs:DescribeTasks on \`${TASK_ARN}\`: allowed by identity policy ecs-read statement EcsRead`,
          'SCPs not given: not evaluated',
        ]),
    },
    {
      name: 'a grant conditioned on ecs:cluster',
      target: callerWith([
        policy(
          'ecs-read',
          allow('ecs:DescribeTasks', '*', { Condition: { ArnEquals: { 'ecs:cluster': CLUSTER_ARN } } }),
        ),
      ]),
      statuses: ['pass'],
    },
    {
      name: 'AdministratorAccess within a boundary limited to the task region',
      target: callerWith({
        identityPolicies: [ADMINISTRATOR_ACCESS],
        permissionBoundary: regionBoundary('us-east-1'),
      }),
      statuses: ['pass'],
    },
    {
      name: 'no running task (lint)',
      target: callerWith([DESCRIBE], (t) => {
        t.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'no statement allows it',
      target: callerWith([policy('ecs-exec', allow('ecs:ExecuteCommand', '*'))]),
      statuses: ['fail'],
      message:
        /may not call ecs:DescribeTasks on task 0123456789abcdef0123456789abcdef: no statement in the identity policies allows ecs:DescribeTasks.*fails after the session was created/,
      fix: new RegExp(
        `put-user-policy --user-name alice --policy-name ecs-describe-tasks --policy-document '.*"Action":"ecs:DescribeTasks","Resource":"${TASKS_OF_CLUSTER.replace(/[*/]/g, '\\$&')}"`,
      ),
    },
    {
      name: 'a grant for another cluster',
      target: callerWith([
        policy(
          'ecs-read',
          allow('ecs:DescribeTasks', '*', {
            Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:111122223333:cluster/other' } },
          }),
        ),
      ]),
      statuses: ['fail'],
    },
    {
      name: 'an SCP denies it',
      target: callerWith([DESCRIBE], (t) => {
        t.serviceControlPolicies = scps(allow('*', '*'), deny('ecs:Describe*', '*', { Sid: 'NoEcsReads' }));
      }),
      statuses: ['fail'],
      message: /denied by SCP deny-exec statement NoEcsReads/,
    },
    {
      name: 'AdministratorAccess within a boundary limited to another region',
      target: callerWith({
        identityPolicies: [ADMINISTRATOR_ACCESS],
        permissionBoundary: regionBoundary('eu-west-1'),
      }),
      statuses: ['fail'],
      message:
        /: permission boundary region-boundary statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\./,
      fix: /^Widen the permission boundary region-boundary of caller `alice`: its statement #0 requires aws:RequestedRegion=eu-west-1; the request has us-east-1\. In statement #0, widen aws:RequestedRegion to admit us-east-1 \(add "us-east-1" to its values\)/m,
    },
    {
      name: 'a grant that needs MFA, which the tool cannot know',
      target: callerWith([
        policy(
          'ecs-read',
          allow('ecs:DescribeTasks', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        ),
      ]),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('context keys aws:MultiFactorAuthPresent'),
    },
    {
      name: 'policies unavailable: AccessDenied on iam:GetRolePolicy',
      target: callerWith([], (t) => {
        sessionCaller(t, []);
        if (t.caller?.known) t.caller.value.policies = accessDenied('iam:GetRolePolicy');
      }),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('iam:GetRolePolicy'),
    },
    {
      name: 'the caller identity could not be read',
      target: callerWith([], (t) => {
        t.caller = accessDenied('sts:GetCallerIdentity');
      }),
      statuses: ['unknown'],
      message: /Could not read the caller identity/,
    },
  ],
});
