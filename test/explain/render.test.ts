import { describe, expect, it } from 'vitest';
import { builtInChecks } from '../../src/checks/index.js';
import { UsageError } from '../../src/engine/errors.js';
import {
  decidingCheckIds,
  explain,
  explainCheck,
  explainError,
  renderExplanation,
} from '../../src/explain/index.js';

const TARGET_NOT_CONNECTED =
  'An error occurred (TargetNotConnectedException) when calling the ExecuteCommand operation: The execute command failed due to an internal error. Try again later.';

describe('renderExplanation', () => {
  it('says what a recognized message means and ranks its causes with fixes and deciding checks', () => {
    const text = renderExplanation(explainError(TARGET_NOT_CONNECTED));
    expect(text).toContain(
      'The SSM agent in the container is not connected [target-not-connected] (match 1.00)',
    );
    expect(text).toContain('Where it appears: ECS ExecuteCommand API.');
    expect(text).toMatch(/What it means: .*SSM agent/);
    expect(text).toContain('Causes, most likely first:');
    expect(text).toMatch(
      / {2}1\. The task role is missing[^\n]*\n {5}Fix: [^\n]+\n {5}Decided by: task-role\.present, task-role\.ssmmessages/,
    );
    expect(text.indexOf('  1. ')).toBeLessThan(text.indexOf('  2. '));
    expect(text).toContain('ecs-exec-doctor check --cluster CLUSTER --task TASK_ID');
  });

  it('shows equally good candidates in full', () => {
    const text = renderExplanation(explainError('The execute command failed'));
    expect(text).toContain('Recognized 2 messages that fit equally well.');
    expect(text).toContain('[target-not-connected]');
    expect(text).toContain('[exec-not-enabled-or-agent-not-running]');
  });

  it('says when text is not recognized and lists the closest messages', () => {
    const text = renderExplanation(explainError('the flux capacitor overheated'));
    expect(text).toMatch(/^Not recognized/);
    expect(text).toContain('Closest known messages:');
    expect(text.match(/\(similarity \d\.\d\d\)/g)).toHaveLength(3);
  });
});

describe('decidingCheckIds', () => {
  it('lists the checks of the best match once each, in cause order', () => {
    const ids = decidingCheckIds(explainError(TARGET_NOT_CONNECTED));
    expect(ids.slice(0, 3)).toEqual([
      'task-role.present',
      'task-role.ssmmessages',
      'network.ssmmessages-path',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is empty for unrecognized text', () => {
    expect(decidingCheckIds(explainError('nothing like it'))).toEqual([]);
  });
});

describe('explainCheck', () => {
  it('renders the check page', () => {
    expect(explainCheck('task.exec-enabled', builtInChecks)).toMatch(
      /^# task\.exec-enabled: Task was started with exec enabled/,
    );
  });

  it('accepts a former id', () => {
    const check = { ...builtInChecks[0]!, aliases: ['client.cli'] };
    expect(explainCheck('client.cli', [check])).toContain(`# ${check.id}:`);
  });

  it('names the closest id for a typo', () => {
    expect(() => explainCheck('task.exec-enable', builtInChecks)).toThrow(UsageError);
    expect(() => explainCheck('task.exec-enable', builtInChecks)).toThrow(
      'Did you mean "task.exec-enabled"?',
    );
  });

  it('says when a catalogue check is not built yet', () => {
    const withoutIt = builtInChecks.filter((check) => check.id !== 'task.running');
    expect(() => explainCheck('task.running', withoutIt)).toThrow('in the catalogue but not implemented yet');
  });
});

describe('explain', () => {
  it('takes a check id to its page and anything else to the knowledge base', () => {
    expect(explain(' task.running ', builtInChecks)).toMatch(/^# task\.running:/);
    expect(explain(TARGET_NOT_CONNECTED, builtInChecks)).toMatch(/^Recognized:/);
    expect(() => explain('task.runing', builtInChecks)).toThrow('Did you mean "task.running"?');
  });
});
