import type { Check } from '../checks/types.js';
import { UsageError } from '../engine/errors.js';
import { unknownPatterns } from '../engine/select.js';
import type { Config } from './schema.js';

/** The canonical id of an id or alias; patterns and unknown names are returned as they are. */
function canonicalId(name: string, checks: readonly Check[]): string {
  return checks.find((check) => check.id === name || check.aliases?.includes(name))?.id ?? name;
}

/**
 * Checks every id the config names against the known checks (built-in and plugins), so a typo
 * is a usage error and not a silent no-op, and rewrites aliases in `suppress` and `severity` to
 * the ids findings carry.
 */
export function resolveConfigCheckIds(config: Config, checks: readonly Check[]): Config {
  const named: Array<[where: string, id: string]> = [
    ...(config.only ?? []).map((id, index): [string, string] => [`only[${index}]`, id]),
    ...(config.skip ?? []).map((id, index): [string, string] => [`skip[${index}]`, id]),
    ...config.suppress.map((rule, index): [string, string] => [`suppress[${index}].id`, rule.id]),
    ...Object.keys(config.severity).map((id): [string, string] => [`severity`, id]),
  ];
  for (const id of Object.keys(config.severity)) {
    if (id.endsWith('*'))
      throw new UsageError(`${config.path}: severity: "${id}": name one check id, not a pattern`);
  }
  for (const [where, id] of named) {
    if (unknownPatterns(checks, [id]).length > 0) {
      throw new UsageError(`${config.path}: ${where}: no check has the id "${id}"`);
    }
  }
  return {
    ...config,
    suppress: config.suppress.map((rule) => ({ ...rule, id: canonicalId(rule.id, checks) })),
    severity: Object.fromEntries(
      Object.entries(config.severity).map(([id, level]) => [canonicalId(id, checks), level]),
    ),
  };
}
