import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { PolicyError, parsePolicy } from '../../iam/index.js';
import type { NamedPolicy } from '../../model/index.js';

/**
 * `--scp FILE…`: service control policies, one file per level of the organization from the
 * root to the account. A file holds one policy document, or an array of the documents attached
 * at that level (every level must allow an action, any of its policies may).
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
export function readServiceControlPolicies(files: readonly string[]): NamedPolicy[][] {
  return files.map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(`${file}: not a readable JSON policy: ${reason}`);
    }
    const documents = Array.isArray(json) ? json : [json];
    return documents.map((document, index) => {
      const policy: NamedPolicy = {
        name: documents.length > 1 ? `${basename(file)}[${index}]` : basename(file),
        document,
      };
      try {
        parsePolicy(policy, 'scp');
      } catch (error) {
        if (error instanceof PolicyError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
      return policy;
    });
  });
}
