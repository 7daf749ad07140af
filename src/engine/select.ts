import type { Check, Mode, Suite } from '../checks/types.js';

export interface Selection {
  mode: Mode;
  /** 'all' or one suite. */
  suite: Suite | 'all';
  /** Ids, aliases, or prefixes ending in `*` (`task.*`). Empty: every check. */
  only: string[];
  skip: string[];
}

function matches(check: Check, pattern: string): boolean {
  const names = [check.id, ...(check.aliases ?? [])];
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return names.some((name) => name.startsWith(prefix));
  }
  return names.includes(pattern);
}

/** Unknown ids in --only/--skip are usage errors: a typo must not silently skip a gate. */
export function unknownPatterns(checks: readonly Check[], patterns: readonly string[]): string[] {
  return patterns.filter((pattern) => !checks.some((check) => matches(check, pattern)));
}

export function selectChecks(checks: readonly Check[], selection: Selection): Check[] {
  return checks.filter(
    (check) =>
      check.modes.includes(selection.mode) &&
      (selection.suite === 'all' || check.suite === selection.suite) &&
      (selection.only.length === 0 || selection.only.some((pattern) => matches(check, pattern))) &&
      !selection.skip.some((pattern) => matches(check, pattern)),
  );
}
