import { readFileSync, writeFileSync } from 'node:fs';
import { Baseline } from '../../config/baseline.js';
import { UsageError } from '../../engine/errors.js';

export function readBaselineFile(file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${file}: not a readable baseline: ${reason}`);
  }
  const parsed = Baseline.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file}: not an ecs-exec-doctor baseline: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export function writeBaselineFile(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
