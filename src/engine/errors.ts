import type { z } from 'zod';
import { EXIT } from './verdict.js';

/** A bad flag, config file or plugin: the CLI prints the one-line message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode: number;

  constructor(message: string, options?: ErrorOptions & { exitCode?: number }) {
    super(message, options);
    this.exitCode = options?.exitCode ?? EXIT.usage;
  }
}

/** No credentials, region or network: the CLI prints what it has, the one-line reason, and exits 3. */
export class IncompleteError extends Error {
  override readonly name = 'IncompleteError';
  readonly exitCode: number = EXIT.incomplete;
}

/** A zod issue path as a user writes it: `suppress[1].reason`, `severity["task.exec-enabled"]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(segment)))
      text += text ? `.${String(segment)}` : String(segment);
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) return 'required';
  return issue.message.replace(/^Invalid (input|option): /, '');
}

/** Every zod issue on one line, each prefixed with where it is: `plugins[0]: expected string, received number`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${formatIssuePath([...issue.path, key])}: unknown key`);
      }
      const where = formatIssuePath(issue.path);
      return [where ? `${where}: ${issueMessage(issue)}` : issueMessage(issue)];
    })
    .join('; ');
}
