import { expect } from 'vitest';
import { callerStartSessionBypass } from '../../src/checks/caller/start-session-bypass.js';
import { checkTable } from '../support/check-table.js';
import {
  ADMINISTRATOR_ACCESS,
  accessDenied,
  allow,
  callerWith,
  deny,
  policy,
  scps,
  sessionCaller,
} from '../support/iam-targets.js';

const DENY_START_SESSION = policy(
  'deny-ssm-start-session-ecs',
  deny('ssm:StartSession', 'arn:aws:ecs:*:111122223333:task/demo/*', { Sid: 'DenyStartSessionOnEcsTasks' }),
);
const PRODUCTION_TAG = { StringEquals: { 'aws:ResourceTag/environment': 'production' } };

checkTable(callerStartSessionBypass, {
  valid: [
    {
      name: 'an explicit Deny on the cluster’s tasks',
      target: callerWith([ADMINISTRATOR_ACCESS, DENY_START_SESSION]),
      statuses: ['pass'],
      message:
        /caller `alice` is explicitly denied ssm:StartSession on task 0123456789abcdef0123456789abcdef/,
      assert: (findings) =>
        expect(findings[0]!.evidence[0]).toMatch(
          /explicit deny: denied by identity policy deny-ssm-start-session-ecs statement DenyStartSessionOnEcsTasks/,
        ),
    },
    {
      name: 'an SCP denies it on tasks tagged environment=production',
      target: callerWith([ADMINISTRATOR_ACCESS], (t) => {
        t.task!.tags = { environment: 'production' };
        t.serviceControlPolicies = scps(
          allow('*', '*'),
          deny('ssm:StartSession', 'arn:aws:ecs:*:*:task/*', {
            Sid: 'NoDirectSessions',
            Condition: PRODUCTION_TAG,
          }),
        );
      }),
      statuses: ['pass'],
      message: /explicitly denied/,
    },
    {
      name: 'no allow today: info, an explicit Deny is recommended',
      target: callerWith([policy('ecs-exec', allow('ecs:ExecuteCommand', '*'))]),
      statuses: ['info'],
      message:
        /no allow for ssm:StartSession on task 0123456789abcdef0123456789abcdef today, but an explicit Deny is recommended/,
      fix: /put-user-policy --user-name alice --policy-name deny-ssm-start-session-ecs --policy-document '.*"Effect":"Deny","Action":"ssm:StartSession","Resource":"arn:aws:ecs:us-east-1:111122223333:task\/demo\/\*"/,
    },
    {
      name: 'no running task (lint)',
      target: callerWith([ADMINISTRATOR_ACCESS], (t) => {
        t.task = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess allows it: a session can bypass ECS Exec logging',
      target: callerWith([ADMINISTRATOR_ACCESS]),
      statuses: ['warn'],
      message:
        /`aws ssm start-session --target ecs:demo_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-1234567890` opens a session that ECS Exec logging does not record/,
      fix: /ECS Exec does not need it/,
    },
    {
      name: 'an allow on tasks tagged environment=production, and the task has the tag',
      target: callerWith(
        [policy('ssm-sessions', allow('ssm:StartSession', '*', { Condition: PRODUCTION_TAG }))],
        (t) => {
          t.task!.tags = { environment: 'production' };
        },
      ),
      statuses: ['warn'],
    },
    {
      name: 'an allow that needs a key the tool cannot know',
      target: callerWith([
        policy(
          'ssm-sessions',
          allow('ssm:StartSession', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123' } } }),
        ),
      ]),
      statuses: ['unknown'],
      assert: (findings) => expect(findings[0]!.needs).toBe('context keys aws:SourceVpce'),
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
  ],
});
