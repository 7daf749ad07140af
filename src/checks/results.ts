import type { ExecTarget, Fact } from '../model/index.js';
import { describeUnavailable } from '../model/index.js';
import { declaredProperty } from './target-helpers.js';
import type { CheckResult, Fix } from './types.js';

/** Small constructors so checks read as their rules. A pass must carry its evidence. */

/**
 * What a result is about: a resource (an ARN, a CloudFormation logical id or a Terraform address),
 * or a resource and the property at fault as a model path
 * (`containerDefinitions[web].readonlyRootFilesystem`), which lint turns into the file, line and
 * column where it is declared.
 */
export type About = string | { resource: string; property?: string };

function subject(about: About): { resource: string; property?: string } {
  if (typeof about === 'string') return { resource: about };
  return about.property === undefined
    ? { resource: about.resource }
    : { resource: about.resource, property: about.property };
}

export function pass(about: About, message: string, evidence: [string, ...string[]]): CheckResult {
  return { status: 'pass', ...subject(about), message, evidence };
}

export function fail(about: About, message: string, fix: Fix, evidence?: string[]): CheckResult {
  return evidence
    ? { status: 'fail', ...subject(about), message, fix, evidence }
    : { status: 'fail', ...subject(about), message, fix };
}

export function warn(about: About, message: string, fix: Fix, evidence?: string[]): CheckResult {
  return evidence
    ? { status: 'warn', ...subject(about), message, fix, evidence }
    : { status: 'warn', ...subject(about), message, fix };
}

export function info(about: About, message: string, fix?: Fix): CheckResult {
  return fix
    ? { status: 'info', ...subject(about), message, fix }
    : { status: 'info', ...subject(about), message };
}

export function skip(about: About, reason: string): CheckResult {
  return { status: 'skip', ...subject(about), message: reason };
}

export function unknown(about: About, message: string, needs?: string): CheckResult {
  return needs
    ? { status: 'unknown', ...subject(about), message, needs }
    : { status: 'unknown', ...subject(about), message };
}

/** `unknown` for a fact a source could not learn, naming what it needed. */
export function unknownFromFact(
  about: About,
  what: string,
  fact: { known: false; reason: string; permission?: string },
): CheckResult {
  return unknown(about, `Could not read ${what}: ${describeUnavailable(fact)}`, fact.permission);
}

/**
 * `unknown` for a judgment that rests on properties of `resource` the linted files leave open
 * (`[path, reason]`, see ExecTarget.unresolved), pointing at the first of them (or the nearest
 * declared property enclosing it): a placeholder is never judged as a value.
 */
export function unknownFromUnresolved(
  target: ExecTarget,
  resource: string,
  what: string,
  open: readonly [[string, string], ...[string, string][]],
): CheckResult {
  const reasons = open.map(([path, reason]) => `${path}: ${reason}`).join('; ');
  return unknown(
    declaredProperty(target, resource, open[0][0]),
    `${what} is not decided by the files (${reasons}).`,
  );
}

/** The value of a known fact, or undefined. */
export function knownValue<T>(fact: Fact<T> | undefined): T | undefined {
  return fact?.known ? fact.value : undefined;
}
