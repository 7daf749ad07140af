import { builtInChecks } from '../checks/index.js';
import type { Check } from '../checks/types.js';
import { resolveConfigCheckIds } from '../config/check-ids.js';
import { findConfigFile, loadConfigFile } from '../config/file.js';
import type { Config, SeverityOverride, SuppressionRule } from '../config/schema.js';
import { applySeverityOverrides } from '../config/severity.js';
import { applySuppressions } from '../config/suppress.js';
import { UsageError } from '../engine/errors.js';
import type { Finding } from '../engine/finding.js';
import { loadPlugins } from '../engine/plugins.js';
import { type Selection, unknownPatterns } from '../engine/select.js';
import type { FailOn } from '../engine/verdict.js';

/** What the command line says; anything it leaves out comes from the config file, then defaults. */
export interface SettingsInput {
  config?: string;
  plugins?: string[];
  failOn?: FailOn;
  suite?: Selection['suite'];
  only?: string[];
  skip?: string[];
  requireExec?: boolean;
}

/** Everything a run needs besides its inputs: the checks, their selection, and the team's policy. */
export interface Settings {
  checks: readonly Check[];
  selection: Omit<Selection, 'mode'>;
  failOn: FailOn;
  requireExec: boolean;
  suppress: readonly SuppressionRule[];
  severity: Readonly<Record<string, SeverityOverride>>;
}

const NO_CONFIG: Config = { plugins: [], suppress: [], severity: {}, path: '' };

/** Command-line flags win over the config file; plugins from both are loaded. */
export async function resolveSettings(input: SettingsInput, cwd: string = process.cwd()): Promise<Settings> {
  const configFile = input.config ?? findConfigFile(cwd);
  const loaded = configFile ? await loadConfigFile(configFile, cwd) : NO_CONFIG;
  const plugins = await loadPlugins([...loaded.plugins, ...(input.plugins ?? [])], {
    cwd,
    builtIn: builtInChecks,
  });
  const checks = [...builtInChecks, ...plugins];
  const config = configFile ? resolveConfigCheckIds(loaded, checks) : loaded;

  const only = input.only?.length ? input.only : (config.only ?? []);
  const skip = input.skip?.length ? input.skip : (config.skip ?? []);
  const unknownIds = unknownPatterns(checks, [...only, ...skip]);
  if (unknownIds.length > 0) {
    throw new UsageError(`unknown check id: ${unknownIds.join(', ')} (see 'ecs-exec-doctor checks')`);
  }
  return {
    checks,
    selection: { suite: input.suite ?? config.suite ?? 'all', only, skip },
    failOn: input.failOn ?? config.failOn ?? 'fail',
    requireExec: input.requireExec ?? config.requireExec ?? false,
    suppress: config.suppress,
    severity: config.severity,
  };
}

/** Applies the team's severity overrides, then its suppressions; returns expiry warnings. */
export function applyPolicy(
  findings: readonly Finding[],
  settings: Pick<Settings, 'suppress' | 'severity'>,
  now: Date,
): { findings: Finding[]; warnings: string[] } {
  return applySuppressions(applySeverityOverrides(findings, settings.severity), settings.suppress, now);
}
