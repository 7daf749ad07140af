import { writeFileSync } from 'node:fs';
import type { Check } from '../checks/types.js';
import { UsageError } from '../engine/errors.js';
import type { Report } from '../engine/report.js';
import { FORMATS, FORMATTERS, type Format } from '../report/index.js';

export interface OutputTarget {
  format: Format;
  /** A file path; undefined for stdout. */
  file?: string;
}

/**
 * Pairs `--format` and `--output` in order: `--format sarif --output out.sarif --format text`
 * writes SARIF to the file and text to stdout. Extra outputs without a format are an error.
 */
export function pairOutputs(formats: string[], outputs: string[]): OutputTarget[] {
  const requested = formats.length > 0 ? formats : ['text'];
  for (const format of requested) {
    if (!FORMATS.includes(format as Format)) {
      throw new UsageError(`unknown format "${format}" (choose from ${FORMATS.join(', ')})`);
    }
  }
  if (outputs.length > requested.length) throw new UsageError('more --output files than --format values');
  const targets = requested.map((format, index) => {
    const file = outputs[index];
    return file && file !== '-' ? { format: format as Format, file } : { format: format as Format };
  });
  if (targets.filter((target) => !target.file).length > 1)
    throw new UsageError('only one format can go to stdout');
  return targets;
}

/** Colors only on a terminal, never in files, and never when NO_COLOR is set. */
export function useColor(requested: boolean, stream: NodeJS.WriteStream): boolean {
  if (!requested || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function writeOutputs(
  report: Report,
  targets: OutputTarget[],
  options: { color: boolean; verbose: boolean; checks: readonly Check[] },
): void {
  const common = { verbose: options.verbose, checks: options.checks, cwd: process.cwd() };
  for (const target of targets) {
    const formatter = FORMATTERS[target.format];
    if (target.file) {
      writeFileSync(target.file, formatter(report, { ...common, color: false }));
    } else {
      process.stdout.write(formatter(report, { ...common, color: useColor(options.color, process.stdout) }));
    }
  }
}
