import { applyBaseline, type Baseline, baselineOf } from '../config/baseline.js';
import { buildReport, type Report } from '../engine/report.js';
import { runChecks } from '../engine/run.js';
import { selectChecks, unknownPatterns } from '../engine/select.js';
import { collectIacTargets, type InputType } from '../sources/iac/index.js';
import { applyPolicy, type Settings } from './settings.js';
import { TOOL_VERSION } from './version.js';

export interface LintRunOptions {
  paths: string[];
  inputType?: InputType;
  settings: Settings;
  /** Findings already accepted (`--baseline`): reported as suppressed. */
  baseline?: { file: string; baseline: Baseline };
  now?: Date;
}

export interface LintRunResult {
  report: Report;
  /** Unreadable suppressions, expired ones, skipped files: said on stderr. */
  warnings: string[];
  /** Every finding that needs attention, for `--write-baseline` (fingerprinted only when asked). */
  baseline: () => Baseline;
}

/** `lint`: read infrastructure files (never the AWS SDK), judge them offline, and report. */
export async function runLint(options: LintRunOptions): Promise<LintRunResult> {
  const { settings } = options;
  const now = options.now ?? new Date();
  const source = await collectIacTargets(
    options.paths,
    options.inputType ? { inputType: options.inputType } : {},
  );
  const selected = selectChecks(settings.checks, { ...settings.selection, mode: 'lint' });
  const judged = runChecks(source.targets, selected, { options: { requireExec: settings.requireExec }, now });

  // CloudFormation `Metadata: {ecs-exec-doctor: {suppress: [...]}}` suppresses on its own resource.
  const [inline, misspelt] = partition(
    source.inlineSuppressions,
    (suppression) => unknownPatterns(settings.checks, [suppression.id]).length === 0,
  );
  const inlineWarnings = misspelt.map(
    (suppression) =>
      `${suppression.location.file}:${suppression.location.line}: suppression of unknown check id "${suppression.id}" ignored`,
  );
  const { findings: policed, warnings } = applyPolicy(
    judged,
    {
      ...settings,
      suppress: [
        ...settings.suppress,
        ...inline.map(({ id, resource, reason }) => ({ id, resource, reason })),
      ],
    },
    now,
  );
  const findings = options.baseline
    ? applyBaseline(policed, options.baseline.baseline, options.baseline.file)
    : policed;
  const report = buildReport({
    command: 'lint',
    toolVersion: TOOL_VERSION,
    now,
    targets: source.targets,
    findings,
    problems: [],
    failOn: settings.failOn,
  });
  return {
    report,
    warnings: [...source.warnings, ...inlineWarnings, ...warnings],
    baseline: () => baselineOf(policed, now),
  };
}

function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}
