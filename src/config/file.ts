import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { loadAll, YAMLException } from 'js-yaml';
import { formatIssues, UsageError } from '../engine/errors.js';
import { isPathSpec } from '../engine/plugins.js';
import { type Config, ConfigFile } from './schema.js';

export const CONFIG_FILE_NAMES = ['.ecs-exec-doctor.yml', '.ecs-exec-doctor.yaml'] as const;

/** The config file in `cwd`, if any. Parents are not searched: the file sits where the tool runs. */
export function findConfigFile(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((file) => existsSync(file));
}

/** The path as the user knows it: relative to cwd when inside it. */
function displayPath(file: string, cwd: string): string {
  const fromCwd = relative(cwd, file);
  return fromCwd && !fromCwd.startsWith('..') ? fromCwd : file;
}

/** The file's one YAML document (an empty file is no settings); a syntax error names line and column. */
function parseYaml(text: string, shown: string): unknown {
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = error.mark ? `:${error.mark.line + 1}:${error.mark.column + 1}` : '';
    throw new UsageError(`${shown}${at}: ${error.reason}`);
  }
  if (documents.length > 1)
    throw new UsageError(`${shown}: expected one YAML document, found ${documents.length}`);
  return documents[0] ?? {};
}

/**
 * Reads and validates a config file. Plugin paths are made absolute from the file's directory,
 * so the file works whatever directory the tool runs in. Every problem is a one-line UsageError
 * naming the file and the key.
 */
export async function loadConfigFile(file: string, cwd: string = process.cwd()): Promise<Config> {
  const path = resolve(cwd, file);
  const shown = displayPath(path, cwd);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${shown}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  const data = parseYaml(text, shown);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`${shown}: expected a mapping of settings (plugins, fail-on, suppress, …)`);
  }
  const parsed = ConfigFile.safeParse(data);
  if (!parsed.success) throw new UsageError(`${shown}: ${formatIssues(parsed.error)}`);
  const directory = dirname(path);
  return {
    ...parsed.data,
    plugins: parsed.data.plugins.map((spec) =>
      isPathSpec(spec, directory) ? resolve(directory, spec) : spec,
    ),
    path: shown,
  };
}
