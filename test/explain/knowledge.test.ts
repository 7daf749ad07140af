import { describe, expect, it } from 'vitest';
import { CATALOGUE_CHECK_IDS } from '../../src/checks/catalogue-ids.js';
import { builtInChecks } from '../../src/checks/index.js';
import { KNOWN_MESSAGES } from '../../src/explain/messages.js';

const catalogue: readonly string[] = CATALOGUE_CHECK_IDS;

describe('the explain knowledge base', () => {
  it('covers all 32 rows of the troubleshooting table', () => {
    const rows = new Set(KNOWN_MESSAGES.flatMap((entry) => (entry.row === undefined ? [] : [entry.row])));
    expect([...rows].sort((left, right) => left - right)).toEqual(
      Array.from({ length: 32 }, (_, index) => index + 1),
    );
  });

  it('has unique ids', () => {
    const ids = KNOWN_MESSAGES.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const entry of KNOWN_MESSAGES) {
    it(`${entry.id} has messages, a meaning and ranked causes with fixes`, () => {
      expect(entry.messages.length).toBeGreaterThan(0);
      expect(entry.where).not.toBe('');
      expect(entry.meaning).not.toBe('');
      expect(entry.causes.length).toBeGreaterThan(0);
      for (const cause of entry.causes) {
        expect(cause.cause).not.toBe('');
        expect(cause.fix).not.toBe('');
      }
    });

    it(`${entry.id} names only catalogue check ids`, () => {
      const unknown = entry.causes.flatMap((cause) => cause.checks).filter((id) => !catalogue.includes(id));
      expect(unknown).toEqual([]);
    });
  }
});

describe('the catalogue ids', () => {
  it('include every built-in check id', () => {
    const missing = builtInChecks.map((check) => check.id).filter((id) => !catalogue.includes(id));
    expect(missing, 'add new check ids to src/checks/catalogue-ids.ts').toEqual([]);
  });

  it('are unique and dotted by layer', () => {
    expect(new Set(catalogue).size).toBe(catalogue.length);
    for (const id of catalogue) expect(id).toMatch(/^[a-z-]+\.[a-z0-9-]+$/);
  });
});
