import { describe, expect, it } from 'vitest';
import { pairOutputs } from '../../src/cli/output.js';
import { FORMATS, FORMATTERS } from '../../src/report/index.js';
import { CHECKS, CWD, fixtureReport } from './report-fixture.js';

describe('FORMATTERS', () => {
  it('offers every output format the CLI documents', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'junit', 'github', 'markdown']);
  });

  it('renders the same report in each format, each ending in a newline', () => {
    for (const format of FORMATS) {
      const output = FORMATTERS[format](fixtureReport(), {
        color: false,
        verbose: false,
        checks: CHECKS,
        cwd: CWD,
      });
      expect(output, format).toMatch(/\S\n$/);
    }
  });

  it('lets --format pair each new format with an --output file', () => {
    expect(
      pairOutputs(['sarif', 'junit', 'markdown', 'github'], ['out.sarif', 'junit.xml', 'comment.md']),
    ).toEqual([
      { format: 'sarif', file: 'out.sarif' },
      { format: 'junit', file: 'junit.xml' },
      { format: 'markdown', file: 'comment.md' },
      { format: 'github' },
    ]);
  });
});
