import { describe, expect, it } from 'vitest';
import { builtInChecks } from '../../src/checks/index.js';
import { type Check, defineCheck, type Layer, type Suite } from '../../src/checks/types.js';
import type { Finding } from '../../src/engine/finding.js';
import { runChecks } from '../../src/engine/run.js';
import { selectChecks, unknownPatterns } from '../../src/engine/select.js';
import { blockingProblems, exitCodeFor } from '../../src/engine/verdict.js';
import { defaultContext, healthyTarget, TASK_ARN } from '../support/targets.js';

const base: Pick<Check, 'layer' | 'suite' | 'modes' | 'rationale' | 'references'> = {
  layer: 'task',
  suite: 'readiness',
  modes: ['live'],
  rationale: 'test',
  references: { docs: [] },
};

describe('runChecks', () => {
  it('turns a check that throws into an error finding, and keeps running the others', () => {
    const broken = defineCheck({
      ...base,
      id: 'test.throws',
      title: 'throws',
      run() {
        throw new Error('boom');
      },
    });
    const fine = defineCheck({
      ...base,
      id: 'test.fine',
      title: 'fine',
      run: (target) => [{ status: 'pass', resource: target.task!.arn, message: 'ok', evidence: ['seen'] }],
    });
    const findings = runChecks([healthyTarget()], [broken, fine], defaultContext);
    expect(findings.map((finding) => [finding.checkId, finding.status])).toEqual([
      ['test.throws', 'error'],
      ['test.fine', 'pass'],
    ]);
    expect(findings[0]!.message).toBe('check threw: boom');
    expect(findings[0]!.resource).toBe(TASK_ARN);
  });

  it('never reports a pass without evidence', () => {
    const careless = defineCheck({
      ...base,
      id: 'test.careless',
      title: 'careless',
      run: () => [
        { status: 'pass', resource: 'r', message: 'trust me', evidence: [] as unknown as [string] },
      ],
    });
    const [finding] = runChecks([healthyTarget()], [careless], defaultContext);
    expect(finding!.status).toBe('error');
    expect(finding!.message).toMatch(/without evidence/);
  });

  it('reports a shared fact once when several targets share it', () => {
    const clusterCheck = builtInChecks.find((check) => check.id === 'cluster.exec-config-valid')!;
    const second = healthyTarget();
    second.task!.arn = `${TASK_ARN.slice(0, -4)}ffff`;
    const findings = runChecks([healthyTarget(), second], [clusterCheck], defaultContext);
    expect(findings).toHaveLength(1);
  });

  it('rejects a target that breaks the model (a source bug) with a clear error', () => {
    const invalid = healthyTarget() as unknown as Record<string, unknown>;
    invalid.region = 42;
    expect(() => runChecks([invalid as never], [], defaultContext)).toThrow(/invalid target/);
  });
});

describe('selectChecks', () => {
  const all = { mode: 'live' as const, suite: 'all' as const, only: [], skip: [] };

  it('selects by suite, id, layer prefix and skip', () => {
    expect(
      selectChecks(builtInChecks, { ...all, suite: 'audit' }).every((check) => check.suite === 'audit'),
    ).toBe(true);
    expect(selectChecks(builtInChecks, { ...all, only: ['task.running'] }).map((check) => check.id)).toEqual([
      'task.running',
    ]);
    const taskLayer = selectChecks(builtInChecks, { ...all, only: ['task.*'] });
    expect(taskLayer.length).toBeGreaterThan(3);
    expect(taskLayer.every((check) => check.id.startsWith('task.'))).toBe(true);
    expect(
      selectChecks(builtInChecks, { ...all, skip: ['task.*'] }).some((check) => check.id.startsWith('task.')),
    ).toBe(false);
  });

  it('keeps lint-mode checks only in lint', () => {
    const lint = selectChecks(builtInChecks, { ...all, mode: 'lint' });
    expect(lint.every((check) => check.modes.includes('lint'))).toBe(true);
    expect(lint.some((check) => check.id === 'task.running')).toBe(false);
  });

  it('names unknown ids so a typo cannot silently disable a gate', () => {
    expect(unknownPatterns(builtInChecks, ['task.running', 'task.runing', 'nope.*'])).toEqual([
      'task.runing',
      'nope.*',
    ]);
  });
});

describe('verdict and exit codes', () => {
  const finding = (
    status: 'pass' | 'fail' | 'warn' | 'error' | 'unknown',
    layer: Layer = 'task',
    suite: Suite = 'readiness',
  ): Finding => ({
    checkId: `x.${status}`,
    title: '',
    layer,
    suite,
    status,
    resource: 'r',
    message: '',
    evidence: [],
  });

  it('exits 1 at or above the threshold, 0 below it, 3 when incomplete', () => {
    expect(exitCodeFor([finding('pass'), finding('warn')], 'fail', false)).toBe(0);
    expect(exitCodeFor([finding('warn')], 'warn', false)).toBe(1);
    expect(exitCodeFor([finding('fail')], 'fail', false)).toBe(1);
    expect(exitCodeFor([finding('error')], 'fail', false)).toBe(1);
    expect(exitCodeFor([finding('unknown')], 'warn', false)).toBe(0);
    expect(exitCodeFor([finding('pass')], 'fail', true)).toBe(3);
  });

  it('orders blocking problems along the session path, readiness before audit', () => {
    const ordered = blockingProblems([
      finding('fail', 'logging', 'audit'),
      finding('fail', 'task-role'),
      finding('fail', 'client'),
      finding('warn'),
    ]);
    expect(ordered.map((item) => item.layer)).toEqual(['client', 'task-role', 'logging']);
  });
});

describe('lint locations', () => {
  const flagging = defineCheck({
    ...base,
    id: 'test.flags',
    title: 'flags',
    run: () => [
      {
        status: 'warn',
        resource: 'WebTaskDefinition',
        property: 'containerDefinitions[web].readonlyRootFilesystem',
        message: 'm',
        fix: { summary: 'f' },
      },
      {
        status: 'warn',
        resource: 'WebTaskDefinition',
        property: 'pidMode',
        message: 'n',
        fix: { summary: 'g' },
      },
    ],
  });

  it('points at the property at fault, or at the resource when the property is missing', () => {
    const target = healthyTarget();
    target.locations = {
      WebTaskDefinition: { file: 'template.yaml', line: 10, column: 3 },
      'WebTaskDefinition#containerDefinitions[web].readonlyRootFilesystem': {
        file: 'template.yaml',
        line: 24,
        column: 11,
      },
    };
    const findings = runChecks([target], [flagging], defaultContext);
    expect(findings.map((finding) => finding.location?.line)).toEqual([24, 10]);
  });
});
