import type { Fact } from '../model/index.js';
import { describeUnavailable } from '../model/index.js';
import type { CheckResult, Fix } from './types.js';

/** Small constructors so checks read as their rules. A pass must carry its evidence. */

export function pass(resource: string, message: string, evidence: [string, ...string[]]): CheckResult {
  return { status: 'pass', resource, message, evidence };
}

export function fail(resource: string, message: string, fix: Fix, evidence?: string[]): CheckResult {
  return evidence
    ? { status: 'fail', resource, message, fix, evidence }
    : { status: 'fail', resource, message, fix };
}

export function warn(resource: string, message: string, fix: Fix, evidence?: string[]): CheckResult {
  return evidence
    ? { status: 'warn', resource, message, fix, evidence }
    : { status: 'warn', resource, message, fix };
}

export function info(resource: string, message: string, fix?: Fix): CheckResult {
  return fix ? { status: 'info', resource, message, fix } : { status: 'info', resource, message };
}

export function skip(resource: string, reason: string): CheckResult {
  return { status: 'skip', resource, message: reason };
}

export function unknown(resource: string, message: string, needs?: string): CheckResult {
  return needs ? { status: 'unknown', resource, message, needs } : { status: 'unknown', resource, message };
}

/** `unknown` for a fact a source could not learn, naming what it needed. */
export function unknownFromFact(
  resource: string,
  what: string,
  fact: { known: false; reason: string; permission?: string },
): CheckResult {
  return unknown(resource, `Could not read ${what}: ${describeUnavailable(fact)}`, fact.permission);
}

/** The value of a known fact, or undefined. */
export function knownValue<T>(fact: Fact<T> | undefined): T | undefined {
  return fact?.known ? fact.value : undefined;
}
