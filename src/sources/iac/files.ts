import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from '../../engine/errors.js';

/**
 * The inputs under the paths a user gives: files as given, and under a directory the JSON and YAML
 * files it holds. A CDK cloud assembly (a directory with a CDK manifest.json, usually cdk.out) is
 * one input.
 */

export interface InputPath {
  kind: 'file' | 'assembly';
  path: string;
  /** Named by the user: an unreadable or unrecognised one is an error, not skipped. */
  explicit: boolean;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.terraform']);
const CANDIDATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);

/** A CDK manifest has a version and artifacts: https://github.com/aws/aws-cdk/tree/main/packages/aws-cdk-lib/cloud-assembly-schema */
export async function isCloudAssembly(directory: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    return (
      typeof manifest.version === 'string' &&
      typeof manifest.artifacts === 'object' &&
      manifest.artifacts !== null
    );
  } catch {
    return false;
  }
}

async function walk(directory: string, into: InputPath[]): Promise<void> {
  if (await isCloudAssembly(directory)) {
    into.push({ kind: 'assembly', path: directory, explicit: false });
    return;
  }
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((left, right) => left.name.localeCompare(right.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) await walk(path, into);
    } else if (entry.isFile() && CANDIDATE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      into.push({ kind: 'file', path, explicit: false });
    }
  }
}

export async function expandPaths(paths: readonly string[], cdk: boolean): Promise<InputPath[]> {
  const inputs: InputPath[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`${path}: no such file or directory`);
    if (info.isDirectory()) {
      if (cdk || (await isCloudAssembly(path))) inputs.push({ kind: 'assembly', path, explicit: true });
      else await walk(path, inputs);
    } else if (basename(path) === 'manifest.json' && (cdk || (await isCloudAssembly(dirname(path))))) {
      inputs.push({ kind: 'assembly', path: dirname(path), explicit: true });
    } else {
      inputs.push({ kind: 'file', path, explicit: true });
    }
  }
  return inputs;
}
