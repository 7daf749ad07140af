import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  committedSnapshotFiles,
  renderSnapshots,
  SNAPSHOT_DIRECTORY,
} from '../../fixtures/snapshots/build.js';
import { Snapshot } from '../../src/sources/aws/snapshot.js';

/**
 * The committed snapshots are the builder's output: edit fixtures/snapshots/builder/, then run
 * `npx tsx fixtures/snapshots/build.ts`. Hand edits would drift from what the collector asks.
 */
describe('fixtures/snapshots', async () => {
  const rendered = await renderSnapshots();

  it('holds exactly the files the builder writes', () => {
    expect(committedSnapshotFiles()).toEqual([...rendered.keys()].sort());
  });

  it.each([...rendered.entries()])('%s equals the builder output', (file, text) => {
    expect(readFileSync(join(SNAPSHOT_DIRECTORY, file), 'utf8')).toBe(text);
  });

  it.each([...rendered.entries()])(
    '%s is a valid snapshot with a description and a request',
    (_file, text) => {
      const snapshot = Snapshot.parse(JSON.parse(text));
      expect(snapshot.description).toBeTruthy();
      expect(snapshot.request.tasks?.length).toBeGreaterThan(0);
    },
  );
});
