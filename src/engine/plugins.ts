import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Check, Layer } from '../checks/types.js';
import { formatIssues, UsageError } from './errors.js';
import { LAYER_ORDER } from './finding.js';

/**
 * Plugins: modules that export checks built with `defineCheck`, loaded with `--plugin` or the
 * config file's `plugins:`, so a team adds its own rules without a fork.
 */

export interface LoadPluginsOptions {
  /** Where relative paths and package names are resolved from. */
  cwd: string;
  /** The built-in checks, whose ids and aliases a plugin may not take. */
  builtIn: readonly Check[];
}

/** `layer.name`, lower-case, at least one dot: `org.audit-bucket`. */
const CHECK_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/;
const checkId = z.string().regex(CHECK_ID, 'expected a lower-case dotted id such as "org.audit-bucket"');

const CheckShape = z.object({
  id: checkId,
  aliases: z.array(checkId).optional(),
  title: z.string().min(1),
  layer: z.enum(LAYER_ORDER as [Layer, ...Layer[]]),
  suite: z.enum(['readiness', 'audit', 'hardening']),
  modes: z.array(z.enum(['live', 'lint'])).min(1),
  rationale: z.string().min(1),
  references: z.object({
    docs: z.array(z.string()),
    securityHub: z.array(z.string()).optional(),
    checkov: z.array(z.string()).optional(),
  }),
  run: z.custom<Check['run']>((value) => typeof value === 'function', 'expected a function'),
});

/**
 * Plain JavaScript: Node 20 cannot import TypeScript without a loader, and a CommonJS plugin
 * could not `require` this ESM-only package for `defineCheck`.
 */
const PLUGIN_EXTENSIONS = new Set(['.js', '.mjs']);

/** A spec names a file when it looks like a path or a file of that name exists; else a package. */
export function isPathSpec(spec: string, baseDir: string): boolean {
  if (spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec)) return true;
  const candidate = resolve(baseDir, spec);
  return existsSync(candidate) && statSync(candidate).isFile();
}

function resolveFile(spec: string, cwd: string): string {
  const file = resolve(cwd, spec);
  if (!existsSync(file)) throw new UsageError(`plugin "${spec}": file not found: ${file}`);
  const extension = extname(file);
  if (extension === '.ts' || extension === '.mts') {
    throw new UsageError(`plugin "${spec}": compile TypeScript plugins to .js or .mjs first`);
  }
  if (!PLUGIN_EXTENSIONS.has(extension)) {
    throw new UsageError(`plugin "${spec}": expected a .js or .mjs file`);
  }
  return file;
}

/**
 * Node 20's `import.meta.resolve` ignores a parent URL (it is behind a flag), so a package is
 * found from `cwd` with `require.resolve`, which uses the `require`/`default` export conditions.
 */
function resolvePackage(spec: string, cwd: string): string {
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(spec);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND') {
      throw new UsageError(
        `plugin "${spec}": cannot find package "${spec}" from ${cwd} (install it, or pass the path to a .js or .mjs file)`,
      );
    }
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      throw new UsageError(
        `plugin "${spec}": its package.json "exports" has no "default" condition; add one, or pass the path to its entry file`,
      );
    }
    throw new UsageError(`plugin "${spec}": ${(error as Error).message.split('\n')[0]}`);
  }
}

async function importModule(spec: string, file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`plugin "${spec}": failed to load ${file}: ${reason}`, { cause: error });
  }
}

/** `default` (a check or an array of checks) and `checks` (an array), each check once. */
function exportedValues(
  spec: string,
  module: Record<string, unknown>,
): Array<{ where: string; value: unknown }> {
  const found: Array<{ where: string; value: unknown }> = [];
  const add = (name: string, exported: unknown, arrayOnly: boolean) => {
    if (exported === undefined) return;
    if (Array.isArray(exported)) {
      found.push(...exported.map((value, index) => ({ where: `${name}[${index}]`, value })));
    } else if (arrayOnly) {
      throw new UsageError(`plugin "${spec}": export "${name}" must be an array of checks`);
    } else {
      found.push({ where: name, value: exported });
    }
  };
  add('default', module.default, false);
  add('checks', module.checks, true);
  if (found.length === 0) {
    throw new UsageError(
      `plugin "${spec}": exports no checks (export default a check or an array of checks, or export const checks = [...])`,
    );
  }
  // `export const checks = [...]; export default checks;` names each check twice.
  return found.filter(({ value }, index) => found.findIndex((other) => other.value === value) === index);
}

function validateCheck(spec: string, where: string, value: unknown): Check {
  const parsed = CheckShape.safeParse(value);
  if (!parsed.success) {
    const id = (value as { id?: unknown } | null)?.id;
    const name = typeof id === 'string' ? `check "${id}"` : `export ${where}`;
    throw new UsageError(`plugin "${spec}": ${name} is not a valid check: ${formatIssues(parsed.error)}`);
  }
  return value as Check;
}

/** Each name a check answers to (its id and aliases), and how an error names it. */
function claimedNames(check: Check): Array<[name: string, label: string]> {
  return [
    [check.id, `check id "${check.id}"`],
    ...(check.aliases ?? []).map((alias): [string, string] => [
      alias,
      `alias "${alias}" of check "${check.id}"`,
    ]),
  ];
}

/**
 * Loads the checks of each plugin, in order. A plugin given twice (by the config file and by
 * --plugin) is loaded once. Every problem is a UsageError naming the plugin.
 */
export async function loadPlugins(specs: readonly string[], options: LoadPluginsOptions): Promise<Check[]> {
  // Who owns each id and alias: a plugin may not shadow a built-in check or another plugin's.
  const owners = new Map<string, string>();
  for (const check of options.builtIn) {
    for (const [name] of claimedNames(check)) owners.set(name, 'a built-in check');
  }
  const loadedFiles = new Set<string>();
  const checks: Check[] = [];
  for (const spec of specs) {
    const file = isPathSpec(spec, options.cwd)
      ? resolveFile(spec, options.cwd)
      : resolvePackage(spec, options.cwd);
    if (loadedFiles.has(file)) continue;
    loadedFiles.add(file);
    const module = await importModule(spec, file);
    for (const { where, value } of exportedValues(spec, module)) {
      const check = validateCheck(spec, where, value);
      for (const [name, label] of claimedNames(check)) {
        const owner = owners.get(name);
        if (owner) throw new UsageError(`plugin "${spec}": ${label} clashes with ${owner}`);
        owners.set(name, `check "${check.id}" of plugin "${spec}"`);
      }
      checks.push(check);
    }
  }
  return checks;
}
