import { describe, expect, it } from 'vitest';
import {
  evaluate,
  type NamedPolicy,
  PolicyError,
  type PolicyInputs,
  parsePolicy,
} from '../../src/iam/index.js';

const request = {
  principal: { arn: 'arn:aws:sts::111122223333:assumed-role/task-role/s', accountId: '111122223333' },
  action: 'ssmmessages:OpenDataChannel',
  resource: '*',
};
const document = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Exec', Effect: 'Allow', Action: 'ssmmessages:*', Resource: '*' }],
};

function errorOf(inputs: PolicyInputs): PolicyError {
  try {
    evaluate(request, inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

const identity = (policyDocument: unknown): PolicyInputs => ({
  identityPolicies: [{ name: 'task-role-policy', document: policyDocument }],
});

describe('policy documents', () => {
  it('accepts an object, a JSON string and URL-encoded JSON (as GetRolePolicy returns it)', () => {
    for (const form of [document, JSON.stringify(document), encodeURIComponent(JSON.stringify(document))]) {
      expect(evaluate(request, identity(form)).decision).toBe('allowed');
    }
  });

  it('accepts a single statement object', () => {
    const single = { Version: '2012-10-17', Statement: document.Statement[0] };
    expect(evaluate(request, identity(single)).decision).toBe('allowed');
  });

  it('parsePolicy normalises elements to lists and notes whether variables apply', () => {
    const parsed = parsePolicy({ name: 'p', document }, 'identity-policy');
    expect(parsed.variables).toBe(true);
    expect(parsed.statements[0]).toMatchObject({
      index: 0,
      sid: 'Exec',
      actions: ['ssmmessages:*'],
      resources: ['*'],
    });
  });
});

describe('malformed policies raise a PolicyError naming the policy', () => {
  const cases: [string, PolicyInputs, RegExp, number | undefined][] = [
    [
      'malformed JSON',
      identity('{"Version": "2012-10-17", "Statement": ['),
      /^policy "task-role-policy": malformed JSON/,
      undefined,
    ],
    [
      'text that is neither JSON nor URL-encoded JSON',
      identity('%E0%A4%A'),
      /neither JSON nor URL-encoded JSON/,
      undefined,
    ],
    ['a document without Statement', identity({ Version: '2012-10-17' }), /has no Statement/, undefined],
    ['an unknown top-level element', identity({ ...document, Statements: [] }), /Statements/, undefined],
    ['an unknown Version', identity({ ...document, Version: '2020-01-01' }), /Version/, undefined],
    [
      'a bad Effect, naming the statement index and Sid',
      identity({
        Version: '2012-10-17',
        Statement: [document.Statement[0], { Sid: 'Bad', Effect: 'allow', Action: '*', Resource: '*' }],
      }),
      /^policy "task-role-policy" statement 1 \(Sid "Bad"\): Effect/,
      1,
    ],
    [
      'a misspelt element ("Actions")',
      identity({ Statement: [{ Effect: 'Allow', Actions: '*', Resource: '*' }] }),
      /statement 0: .*Actions/,
      0,
    ],
    [
      'no Action or NotAction',
      identity({ Statement: [{ Effect: 'Allow', Resource: '*' }] }),
      /exactly one of Action or NotAction/,
      0,
    ],
    [
      'both Action and NotAction',
      identity({ Statement: [{ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' }] }),
      /exactly one of Action or NotAction/,
      0,
    ],
    [
      'both Resource and NotResource',
      identity({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' }] }),
      /both Resource and NotResource/,
      0,
    ],
    [
      'no Resource in an identity policy',
      identity({ Statement: [{ Effect: 'Allow', Action: '*' }] }),
      /needs Resource or NotResource/,
      0,
    ],
    [
      'a Principal in an identity policy',
      identity({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }),
      /cannot have Principal/,
      0,
    ],
    [
      'an action without a service prefix',
      identity({ Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }] }),
      /"GetObject" is not "service:action"/,
      0,
    ],
    [
      'an unknown condition operator',
      identity({
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualz: { k: 'v' } } }],
      }),
      /unknown condition operator "StringEqualz"/,
      0,
    ],
    [
      'an unknown set qualifier',
      identity({
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { 'ForSomeValues:StringEquals': { k: 'v' } },
          },
        ],
      }),
      /unknown condition set qualifier/,
      0,
    ],
    [
      'NullIfExists',
      identity({
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*', Condition: { NullIfExists: { k: 'true' } } },
        ],
      }),
      /Null has no IfExists form/,
      0,
    ],
    [
      'a condition value that is an object',
      identity({
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: { v: 1 } } } },
        ],
      }),
      /Condition/,
      0,
    ],
  ];

  it.each(cases)('%s', (_name, inputs, message, statementIndex) => {
    const error = errorOf(inputs);
    expect(error.message).toMatch(message);
    expect(error.policy).toBe('task-role-policy');
    expect(error.statementIndex).toBe(statementIndex);
  });

  const resourcePolicy = (policy: NamedPolicy): PolicyInputs => ({
    identityPolicies: [],
    resourcePolicy: policy,
  });

  it('a resource policy statement without Principal', () => {
    const error = errorOf(
      resourcePolicy({
        name: 'bucket-policy',
        document: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      }),
    );
    expect(error.message).toBe(
      'policy "bucket-policy" statement 0: a resource-policy statement needs Principal or NotPrincipal',
    );
  });

  it('a malformed SCP names the SCP', () => {
    const error = errorOf({
      identityPolicies: [],
      scps: [[{ name: 'deny-regions', document: { Statement: [{ Effect: 'Deny', Action: '*' }] } }]],
    });
    expect(error.message).toBe('policy "deny-regions" statement 0: needs Resource or NotResource');
  });

  it('an unknown Principal type', () => {
    const error = errorOf(
      resourcePolicy({
        name: 'bucket-policy',
        document: { Statement: [{ Effect: 'Allow', Principal: { User: 'x' }, Action: 's3:*' }] },
      }),
    );
    expect(error.message).toMatch(/^policy "bucket-policy" statement 0: Principal/);
  });
});
