import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import type { StackSet } from './cloudformation/stacks.js';
import { parseSource, type SourceDocument } from './document.js';
import type { Environment } from './graph.js';

/**
 * A CDK cloud assembly (`cdk.out`): manifest.json lists the stacks (artifacts of type
 * `aws:cloudformation:stack`) with their template files and environments; nested stacks are
 * AWS::CloudFormation::Stack resources whose `aws:asset:path` metadata names their template in the
 * assembly. `aws:cdk:path` metadata gives each resource its construct path, a friendlier name.
 * https://docs.aws.amazon.com/cdk/v2/guide/apps.html#apps_cloud_assembly
 */

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `aws://123456789012/us-east-1`; CDK writes `unknown-account` / `unknown-region` for agnostic stacks. */
function environmentOf(text: unknown): Environment {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(String(text ?? ''));
  const environment: Environment = {};
  if (match && match[1] !== 'unknown-account') environment.accountId = match[1]!;
  if (match && match[2] !== 'unknown-region') environment.region = match[2]!;
  return environment;
}

/** The construct path of each resource, without the `/Resource` leaf the L1 constructs add. */
function labels(template: Record<string, unknown>): (id: string) => string | undefined {
  const resources = record(template.Resources);
  return (id) => {
    const path = record(record(resources[id]).Metadata)['aws:cdk:path'];
    return typeof path === 'string' ? path.replace(/\/Resource$/, '') : undefined;
  };
}

async function readDocument(file: string): Promise<SourceDocument> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`${file}: cannot read the file the CDK manifest names`);
  });
  return parseSource(file, text);
}

async function addTemplate(
  stacks: StackSet,
  directory: string,
  file: string,
  environment: Environment,
  files: string[],
  parent?: { scope: string; stackId: string },
): Promise<void> {
  const document = await readDocument(file);
  files.push(file);
  const template = record(document.value);
  stacks.add({ document, environment, label: labels(template), ...(parent ? { parent } : {}) });
  for (const [id, resource] of Object.entries(record(template.Resources))) {
    const entry = record(resource);
    const assetPath = record(entry.Metadata)['aws:asset:path'];
    if (entry.Type !== 'AWS::CloudFormation::Stack' || typeof assetPath !== 'string') continue;
    await addTemplate(stacks, directory, join(directory, assetPath), environment, files, {
      scope: file,
      stackId: id,
    });
  }
}

/** Adds every stack of the assembly (nested stacks included) to `stacks`; returns the files read. */
export async function readCloudAssembly(stacks: StackSet, directory: string): Promise<string[]> {
  const manifestFile = join(directory, 'manifest.json');
  const manifest = record((await readDocument(manifestFile)).value);
  const files = [manifestFile];
  for (const artifact of Object.values(record(manifest.artifacts))) {
    const entry = record(artifact);
    const templateFile = record(entry.properties).templateFile;
    if (entry.type !== 'aws:cloudformation:stack' || typeof templateFile !== 'string') continue;
    await addTemplate(
      stacks,
      directory,
      join(directory, templateFile),
      environmentOf(entry.environment),
      files,
    );
  }
  return files;
}
