import type { Check } from '../checks/types.js';

/** The catalogue, as a table or JSON (id, title, layer, suite, modes, docs). */
export function listChecks(checks: readonly Check[], format: 'text' | 'json'): string {
  const rows = checks.map((check) => ({
    id: check.id,
    title: check.title,
    layer: check.layer,
    suite: check.suite,
    modes: check.modes,
    docs: check.references.docs,
  }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const idWidth = Math.max(...rows.map((row) => row.id.length));
  return `${rows.map((row) => `${row.id.padEnd(idWidth)}  ${row.suite.padEnd(9)}  ${row.modes.join('+').padEnd(9)}  ${row.title}`).join('\n')}\n`;
}
