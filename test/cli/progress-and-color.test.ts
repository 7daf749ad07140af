import { afterEach, describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/output.js';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return {
    stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream,
    written,
  };
}

describe('progress', () => {
  it('draws one line on a terminal and clears it when done', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream, true);
    progress.update('describing the cluster and tasks');
    progress.done();
    expect(written[0]?.startsWith('\r\u001b[K')).toBe(true);
    expect(written[0]).toMatch(/. describing the cluster and tasks$/);
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('stays silent when piped or with --quiet', () => {
    const piped = fakeStream(false);
    createProgress(piped.stream, true).update('x');
    const quiet = fakeStream(true);
    createProgress(quiet.stream, false).update('x');
    expect(piped.written).toEqual([]);
    expect(quiet.written).toEqual([]);
  });
});

describe('colors', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('only on a terminal, never with NO_COLOR or --no-color, always with FORCE_COLOR', () => {
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    expect(useColor(true, fakeStream(true).stream)).toBe(true);
    expect(useColor(true, fakeStream(false).stream)).toBe(false);
    expect(useColor(false, fakeStream(true).stream)).toBe(false);
    process.env.NO_COLOR = '';
    expect(useColor(true, fakeStream(true).stream)).toBe(false);
    delete process.env.NO_COLOR;
    process.env.FORCE_COLOR = '1';
    expect(useColor(true, fakeStream(false).stream)).toBe(true);
  });
});
