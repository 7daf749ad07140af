import type { Status } from '../checks/types.js';
import type { Finding } from '../engine/finding.js';
import { globToRegExp } from './glob.js';
import type { SuppressionRule } from './schema.js';

/**
 * Only findings that report a problem can be suppressed. A pass or skip has nothing to hide,
 * and an `error` means the check broke: it cannot vouch for anything, suppressed or not.
 */
const SUPPRESSIBLE = new Set<Status>(['fail', 'warn', 'info', 'unknown']);

const DAY_MS = 24 * 60 * 60 * 1000;

/** A rule applies through its expiry day (UTC) and stops at the next midnight. */
function hasExpired(rule: SuppressionRule, now: Date): boolean {
  return rule.expires !== undefined && now.getTime() >= Date.parse(`${rule.expires}T00:00:00Z`) + DAY_MS;
}

function idMatches(ruleId: string, checkId: string): boolean {
  return ruleId.endsWith('*') ? checkId.startsWith(ruleId.slice(0, -1)) : ruleId === checkId;
}

export interface SuppressionOutcome {
  findings: Finding[];
  /** One line per expired rule: it no longer applies, and should be renewed or removed. */
  warnings: string[];
}

/**
 * Marks the findings that a rule matches (check id and resource glob) as `suppressed`, keeping
 * the reason and the status they had. Rule ids must be canonical: see resolveConfigCheckIds.
 */
export function applySuppressions(
  findings: readonly Finding[],
  rules: readonly SuppressionRule[],
  now: Date,
): SuppressionOutcome {
  const expired = rules.filter((rule) => hasExpired(rule, now));
  const active = rules
    .filter((rule) => !hasExpired(rule, now))
    .map((rule) => ({ rule, resource: globToRegExp(rule.resource) }));
  return {
    findings: findings.map((finding) => {
      if (!SUPPRESSIBLE.has(finding.status)) return finding;
      const match = active.find(
        ({ rule, resource }) => idMatches(rule.id, finding.checkId) && resource.test(finding.resource),
      );
      if (!match) return finding;
      return {
        ...finding,
        status: 'suppressed',
        suppression: { reason: match.rule.reason, originalStatus: finding.status },
      };
    }),
    warnings: expired.map(
      (rule) =>
        `suppression of "${rule.id}" on "${rule.resource}" expired on ${rule.expires} and no longer applies (reason was: ${rule.reason})`,
    ),
  };
}
