import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import type { ExecTarget } from '../../model/index.js';
import { readCloudAssembly } from './cdk.js';
import { StackSet } from './cloudformation/stacks.js';
import { detectInputType, type InputType, looksLikeInput } from './detect.js';
import { parseSource, type SourceDocument } from './document.js';
import { readServiceJson, readTaskDefinitionJson } from './ecs-json.js';
import { expandPaths } from './files.js';
import { IacGraph, type InlineSuppression } from './graph.js';
import { linkTargets } from './link.js';
import { readTerraformPlan } from './terraform/read.js';

/**
 * `ecs-exec-doctor lint`'s source: reads task definition and service JSON, CloudFormation
 * templates (JSON or YAML), CDK cloud assemblies and Terraform plan JSON into the same ExecTarget
 * model the live source produces (mode `lint`), with where each fact was declared. It never loads
 * the AWS SDK.
 */

export { detectInputType, INPUT_TYPES, type InputType } from './detect.js';
export type { InlineSuppression } from './graph.js';

export interface IacOptions {
  /** Read every file named explicitly as this type instead of detecting it by content. */
  inputType?: InputType;
}

export interface IacResult {
  targets: ExecTarget[];
  /** Every file read, in order. */
  files: string[];
  /** `Metadata: {ecs-exec-doctor: {suppress: [{id, reason}]}}` entries, for the engine to apply. */
  inlineSuppressions: InlineSuppression[];
  /** One line each: files skipped, suppressions ignored. */
  warnings: string[];
}

interface Classified {
  document: SourceDocument;
  type: InputType;
}

/** Parses and classifies a file; undefined when a directory walk should skip it. */
async function classify(path: string, explicit: boolean, options: IacOptions, warnings: string[]) {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${path}: cannot read: ${error.code ?? error.message}`);
  });
  let document: SourceDocument;
  try {
    document = parseSource(path, text);
  } catch (error) {
    if (explicit || looksLikeInput(text)) throw error;
    warnings.push(`skipped ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const type = (explicit ? options.inputType : undefined) ?? detectInputType(document.value);
  if (type) return { document, type };
  if (explicit) {
    throw new UsageError(
      `${path}: not a task definition, service definition, CloudFormation template, CDK manifest or Terraform plan (see --input-type)`,
    );
  }
  return undefined;
}

export async function collectIacTargets(
  paths: readonly string[],
  options: IacOptions = {},
): Promise<IacResult> {
  const graph = new IacGraph();
  const stacks = new StackSet();
  const files: string[] = [];
  const classified: Classified[] = [];
  for (const input of await expandPaths(paths, options.inputType === 'cdk')) {
    if (input.kind === 'assembly') {
      files.push(...(await readCloudAssembly(stacks, input.path)));
      continue;
    }
    const found = await classify(input.path, input.explicit, options, graph.warnings);
    if (!found) continue;
    if (found.type === 'cdk') {
      files.push(...(await readCloudAssembly(stacks, dirname(input.path))));
      continue;
    }
    files.push(input.path);
    if (found.type === 'cloudformation') stacks.add({ document: found.document, environment: {} });
    else classified.push(found);
  }
  // Task definitions first: a service file without a task definition pairs with the one beside it.
  for (const { document, type } of classified)
    if (type === 'taskdef') readTaskDefinitionJson(graph, document);
  for (const { document, type } of classified) if (type === 'service') readServiceJson(graph, document);
  stacks.readAll(graph);
  for (const { document, type } of classified)
    if (type === 'terraform-plan') readTerraformPlan(graph, document);
  return {
    targets: linkTargets(graph),
    files: [...new Set(files)],
    inlineSuppressions: graph.inlineSuppressions,
    warnings: graph.warnings,
  };
}
