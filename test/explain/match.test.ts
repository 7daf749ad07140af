import { describe, expect, it } from 'vitest';
import { STOPPED_AGENT_REASONS } from '../../src/checks/task/managed-agent-reasons.js';
import { explainError } from '../../src/explain/match.js';
import { KNOWN_MESSAGES } from '../../src/explain/messages.js';

/** Two sets of values for the `<slots>` of the knowledge base's messages, as users' copies hold them. */
const SLOTS: Array<Record<string, string>> = [
  {
    principal: 'arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com',
    resource: 'arn:aws:ecs:us-east-1:123456789012:task/prod-cluster/0123456789abcdef0123456789abcdef',
    target: 'ecs:prod-cluster_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef-1234567890',
    'session-id': 'ecs-execute-command-0a1b2c3d4e5f6a7b8',
    profile: 'dev-sso',
    operation: 'StartSession',
    error: 'AccessDeniedException: User is not authorized to perform this action.',
    path: '/bin/bash',
    command: 'bash',
    address: 'tcp 192.168.1.20:50432->52.94.1.10:443',
    code: '1',
    text: 'A',
  },
  {
    principal: 'arn:aws-cn:iam::210987654321:user/bob',
    resource: 'arn:aws-cn:ecs:cn-north-1:210987654321:task/other_cluster/fedcba9876543210fedcba9876543210',
    target: 'ecs:other_cluster_fedcba9876543210fedcba9876543210_fedcba9876543210fedcba9876543210-99',
    'session-id': 'botocore-session-1712345678-0fedcba9876543210',
    profile: 'prod',
    operation: 'Foo',
    error: 'InvalidCiphertextException: null',
    path: '/usr/local/bin/tool',
    command: 'zsh',
    address: 'tcp [::1]:1->[::2]:443',
    code: '137',
    text: 'The',
  },
];

function fill(message: string, values: Record<string, string>): string {
  return message.replace(/<([a-z][a-z-]*)>/g, (_, name: string) => values[name] ?? 'x');
}

function curly(text: string): string {
  let open = true;
  return text.replace(/'/g, '’').replace(/"/g, () => {
    open = !open;
    return open ? '”' : '“';
  });
}

/** Terminal wrapping every 37 characters, inside words too, with an indent. */
function wrapped(text: string): string {
  return (text.match(/[\s\S]{1,37}/g) ?? []).join('\n   ');
}

const CLI_PREFIX =
  /^An error occurred \(\w+\) when calling the \w+ operation(?: \(reached max retries: \d+\))?: /;

/** Add the AWS CLI prefix where the message has none; drop it where it has one. */
function prefixToggled(text: string): string {
  return CLI_PREFIX.test(text)
    ? text.replace(CLI_PREFIX, '')
    : `An error occurred (SomethingException) when calling the ExecuteCommand operation: ${text}`;
}

function expectFirst(text: string, id: string): void {
  const result = explainError(text);
  expect(result.recognized, `not recognized: ${text}`).toBe(true);
  expect(result.matches[0]?.entry.id, `wrong first match for: ${text}`).toBe(id);
}

describe('explainError recognizes every known message', () => {
  for (const entry of KNOWN_MESSAGES) {
    describe(`row ${entry.row}: ${entry.id}`, () => {
      for (const message of entry.messages) {
        const exact = fill(message, SLOTS[0]!);
        it(`exact text: ${message.slice(0, 60)}`, () => {
          const result = explainError(exact);
          expectFirst(exact, entry.id);
          expect(result.matches[0]!.score).toBe(1);
        });
        it('other ARNs, ids and names', () => expectFirst(fill(message, SLOTS[1]!), entry.id));
        it('curly quotes and apostrophes', () => expectFirst(curly(exact), entry.id));
        it('wrapped lines', () => expectFirst(wrapped(exact), entry.id));
        it('with or without the AWS CLI prefix', () => expectFirst(prefixToggled(exact), entry.id));
        it('inside other output', () =>
          expectFirst(`$ aws ecs execute-command --cluster prod\n${exact}\n$ echo done\ndone`, entry.id));
      }
    });
  }
});

describe('managed agent STOPPED reasons', () => {
  for (const reason of STOPPED_AGENT_REASONS) {
    it(`${reason.id} in describe-tasks output`, () => {
      const json = JSON.stringify(
        {
          managedAgents: [
            {
              lastStartedAt: '2025-06-01T10:00:00.000000+00:00',
              name: 'ExecuteCommandAgent',
              reason: fill(reason.messages[0]!, SLOTS[0]!),
              lastStatus: 'STOPPED',
            },
          ],
        },
        null,
        4,
      );
      expectFirst(json, reason.id);
      expect(explainError(json).matches.map((match) => match.entry.id)).toContain('managed-agent-stopped');
    });

    it(`${reason.id}: its texts are the ones the check recognizes`, () => {
      for (const message of reason.messages) expect(fill(message, SLOTS[0]!)).toMatch(reason.pattern);
    });
  }

  it('a STOPPED agent with an unknown reason', () =>
    expectFirst(
      '"managedAgents": [ { "name": "ExecuteCommandAgent", "lastStatus": "STOPPED", "reason": "something new" } ]',
      'managed-agent-stopped',
    ));

  it('explains the reason in its causes', () => {
    const entry = KNOWN_MESSAGES.find((candidate) => candidate.id === 'agent-stopped-exited')!;
    expect(entry.causes[0]!.cause).toMatch(/read-only/);
    expect(entry.causes[0]!.checks).toEqual(['task-definition.readonly-root-fs']);
  });
});

describe('near misses rank the right entry first', () => {
  const cases: Array<[string, string]> = [
    [
      'The execute command failed because execute command was not enabled when the task was started',
      'exec-not-enabled-or-agent-not-running',
    ],
    ['the execute command agent is not running', 'exec-not-enabled-or-agent-not-running'],
    ['TargetNotConnectedException', 'target-not-connected'],
    [
      'An error occurred (TargetNotConnectedException) when calling the ExecuteCommand operation: a wording AWS has not used yet',
      'target-not-connected',
    ],
    ['is not authorized to perform: ecs:ExecuteCommand on resource', 'access-denied-execute-command'],
    ['ClusterNotFoundException: Cluster not found.', 'cluster-not-found'],
    ['Handshake timed out', 'handshake-timed-out'],
    ['encryption is not set up on the CloudWatch Logs log group', 'cloudwatch-encryption-not-set-up'],
    ['exec: "bash": executable file not found in $PATH', 'command-not-in-path'],
    ['Interactive is the only mode supported', 'interactive-only'],
    ['session-manager-plugin: command not found; SessionManagerPlugin is not found', 'plugin-not-found'],
    ['ExecuteCommandAgent process exited with exit code', 'agent-stopped-exited'],
    [
      'An error occurred (TargetNotConnected) when calling the StartSession operation: ecs:c_0123456789abcdef0123456789abcdef_abc is not connected.',
      'start-session-target-not-connected',
    ],
  ];
  for (const [text, id] of cases) it(text, () => expectFirst(text, id));

  it('a real error outranks the plugin presence line printed before it', () => {
    const result = explainError(
      'The Session Manager plugin was installed successfully. Use the AWS CLI to start a session.\n\nAn error occurred (InvalidParameterException) when calling the ExecuteCommand operation: Interactive is the only mode supported currently.',
    );
    expect(result.matches.map((match) => match.entry.id)).toEqual(['interactive-only']);
  });

  it('a fragment shared by two messages returns both', () => {
    const ids = explainError('The execute command failed').matches.map((match) => match.entry.id);
    expect(ids).toContain('target-not-connected');
    expect(ids).toContain('exec-not-enabled-or-agent-not-running');
  });

  it('the error code counts against a message with another code', () => {
    const result = explainError(
      'An error occurred (AccessDeniedException) when calling the StartSession operation: User: arn:aws:iam::123456789012:user/x is not authorized to perform: ssm:StartSession on resource: arn:aws:ecs:us-east-1:123456789012:task/c/0123456789abcdef0123456789abcdef',
    );
    expect(result.matches.map((match) => match.entry.id)).toEqual(['start-session-access-denied']);
  });
});

describe('the AWS CLI prefix', () => {
  it('an AccessDenied on another operation is not taken for an exec error', () => {
    const result = explainError(
      'An error occurred (AccessDeniedException) when calling the ListClusters operation: User: arn:aws:iam::123456789012:user/x is not authorized to perform: ecs:ListClusters on resource: *',
    );
    expect(result.recognized).toBe(false);
    expect(result.matches[0]!.entry.id).toMatch(/^access-denied|start-session-access-denied/);
  });

  it('an unseen text under a known code is recognized by the code alone, less surely', () => {
    const result = explainError(
      'An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: a new wording',
    );
    expect(result.recognized).toBe(true);
    expect(result.matches.map((match) => match.entry.id).sort()).toEqual(
      ['container-name-required', 'exec-not-enabled-or-agent-not-running', 'interactive-only'].sort(),
    );
    expect(result.matches[0]!.score).toBeLessThan(0.85);
  });
});

describe('unknown text', () => {
  it('is not recognized, with the three closest entries', () => {
    const result = explainError('Error: the flux capacitor overheated while compiling the universe');
    expect(result.recognized).toBe(false);
    expect(result.matches).toHaveLength(3);
    const scores = result.matches.map((match) => match.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    expect(scores[0]).toBeLessThan(0.5);
  });

  it('empty text matches nothing', () => {
    expect(explainError('  \n ')).toEqual({ normalized: '', recognized: false, matches: [] });
  });
});
