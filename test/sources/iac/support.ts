import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecTarget } from '../../../src/model/index.js';

/** Writes `files` (path → content) under a new temporary directory and returns it. */
export async function tempFiles(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'ecs-exec-doctor-iac-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(directory, path)), { recursive: true });
    await writeFile(join(directory, path), content);
  }
  return directory;
}

/** The known value of a fact, failing the test when it is unknown. */
export function value<T>(fact: { known: true; value: T } | { known: false; reason: string } | undefined): T {
  if (!fact?.known) throw new Error(`expected a known fact, got ${JSON.stringify(fact)}`);
  return fact.value;
}

/** The target whose task definition (or, for a cluster alone, cluster) has this id. */
export function targetOf(targets: ExecTarget[], id: string): ExecTarget {
  const target = targets.find(
    (candidate) =>
      (candidate.taskDefinition.known && candidate.taskDefinition.value.arn === id) ||
      (candidate.cluster.known && candidate.cluster.value.arn === id && !candidate.taskDefinition.known),
  );
  if (!target) throw new Error(`no target for ${id}`);
  return target;
}

export const FIXTURES = 'fixtures/iac';
