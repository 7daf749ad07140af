import { renderCauseVerdicts } from '../explain/applies.js';
import { decidingCheckIds, explain, explainError, renderExplanation } from '../explain/index.js';
import { type CheckRunOptions, runCheck } from './check.js';
import type { Settings } from './settings.js';

export interface ExplainRunOptions {
  input: string;
  settings: Settings;
  /** With a task to look at (`--cluster/--task` or `--snapshot`), the deciding checks run on it. */
  check?: CheckRunOptions;
}

/** `explain`: a check's page, or what an error message means, and with a task, which cause applies. */
export async function runExplain(options: ExplainRunOptions): Promise<{ text: string; exitCode: number }> {
  const { settings } = options;
  const page = explain(options.input, settings.checks);
  if (!options.check) return { text: page, exitCode: 0 };
  const result = explainError(options.input);
  if (!result.recognized) return { text: page, exitCode: 0 };
  const known = new Set(settings.checks.map((check) => check.id));
  const deciding = decidingCheckIds(result).filter((id) => known.has(id));
  const { report } = await runCheck({
    ...options.check,
    settings: { ...settings, selection: { suite: 'all', only: deciding, skip: [] } },
  });
  return {
    text: `${renderExplanation(result)}\n${renderCauseVerdicts(result, report.findings)}`,
    exitCode: report.exitCode,
  };
}
