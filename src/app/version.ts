import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (two levels up from src/app or dist/app). */
export const TOOL_VERSION: string = (() => {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return String(manifest.version);
  } catch {
    return '0.0.0';
  }
})();
