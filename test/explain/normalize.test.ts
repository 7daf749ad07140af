import { describe, expect, it } from 'vitest';
import { compileMessage, normalizeText } from '../../src/explain/normalize.js';

describe('normalizeText', () => {
  it('strips the AWS CLI prefix and keeps its error code and operation', () => {
    const normalized = normalizeText(
      'An error occurred (ServerException) when calling the ExecuteCommand operation (reached max retries: 4): Service Unavailable.',
    );
    expect(normalized).toMatchObject({
      text: 'service unavailable.',
      errorCode: 'ServerException',
      operation: 'ExecuteCommand',
    });
  });

  it('straightens quotes and collapses line wrapping', () => {
    expect(normalizeText('agent isn’t\n   running “now”').text).toBe('agent isn\'t running "now"');
    expect(normalizeText('Execute\nCommand').compact).toBe('executecommand');
  });

  it('replaces ARNs, ids, accounts, regions and profiles with placeholders', () => {
    const { text } = normalizeText(
      'User: arn:aws:sts::123456789012:assumed-role/Dev/alice on resource: arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task/c/0123456789abcdef0123456789abcdef. ' +
        'target ecs:my_cluster_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-42 ' +
        'session ecs-execute-command-0a1b2c3d4e5f6a7b8, alice-0123456789abcdef0 task 0123456789abcdef0123456789abcdef ' +
        'account 210987654321 in eu-west-1 profile "dev-sso"',
    );
    expect(text).toBe(
      'user: <arn> on resource: <arn>. target <ecs-target> session <session-id>, <session-id> task <task-id> account <account> in <region> profile "<profile>"',
    );
  });
});

describe('compileMessage', () => {
  it('matches any value in a slot, and takes the code from the prefix', () => {
    const pattern = compileMessage(
      'An error occurred (AccessDeniedException) when calling the DescribeTasks operation: User: <principal> is not authorized',
    );
    expect(pattern).toMatchObject({
      literals: ['user:', 'isnotauthorized'],
      errorCode: 'AccessDeniedException',
      operation: 'DescribeTasks',
    });
    expect(pattern.regex.test(normalizeText('User: arn:aws:iam::1:user/x is not authorized').compact)).toBe(
      true,
    );
    expect(pattern.regex.test(normalizeText('User: x is authorized').compact)).toBe(false);
  });
});
