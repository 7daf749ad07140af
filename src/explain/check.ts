import { CATALOGUE_CHECK_IDS } from '../checks/catalogue-ids.js';
import type { Check } from '../checks/types.js';
import { renderCheckDoc } from '../docs/check-doc.js';
import { UsageError } from '../engine/errors.js';

/** `explain <check-id>`: the check's documentation page, or which id was probably meant. */

/** Edits (insertions, deletions, substitutions) that turn one id into the other. */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length]!;
}

function closestId(id: string, ids: readonly string[]): string | undefined {
  return [...ids].sort((left, right) => editDistance(id, left) - editDistance(id, right))[0];
}

export function explainCheck(id: string, checks: readonly Check[]): string {
  const check = checks.find((candidate) => candidate.id === id || candidate.aliases?.includes(id));
  if (check) return renderCheckDoc(check);
  if ((CATALOGUE_CHECK_IDS as readonly string[]).includes(id)) {
    throw new UsageError(`Check ${id} is in the catalogue but not implemented yet.`);
  }
  const closest = closestId(
    id,
    checks.flatMap((candidate) => [candidate.id, ...(candidate.aliases ?? [])]),
  );
  const hint = closest ? ` Did you mean "${closest}"?` : '';
  throw new UsageError(`No check has the id "${id}".${hint} \`ecs-exec-doctor checks\` lists them all.`);
}
