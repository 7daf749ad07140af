/**
 * Writes docs/checks/<id>.md and docs/checks/README.md from the built-in checks' metadata.
 * Run with `npm run docs` after adding or changing a check; a test fails while they are stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtInChecks } from '../src/checks/index.js';
import { checkDocFiles } from '../src/docs/check-doc.js';

const directory = fileURLToPath(new URL('../docs/checks/', import.meta.url));
const files = checkDocFiles(builtInChecks);

mkdirSync(directory, { recursive: true });
// A page whose check is gone would otherwise linger.
for (const name of readdirSync(directory)) {
  if (name.endsWith('.md') && !files.has(name)) rmSync(join(directory, name));
}
for (const [name, markdown] of files) writeFileSync(join(directory, name), markdown);
console.log(`Wrote ${files.size} files to docs/checks.`);
