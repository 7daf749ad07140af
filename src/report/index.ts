import type { Check } from '../checks/types.js';
import type { Report } from '../engine/report.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export interface FormatOptions {
  color: boolean;
  verbose: boolean;
  /** The check catalogue (built-in and plugin checks): SARIF describes each rule from it. */
  checks: readonly Check[];
  /** Source paths are written relative to this directory, as CI annotations and SARIF expect. */
  cwd: string;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

/** One pure function per output format. */
export const FORMATTERS = {
  text: (report, options) => formatText(report, options),
  json: (report) => formatJson(report),
  sarif: (report, options) => formatSarif(report, options),
  junit: (report) => formatJunit(report),
  github: (report, options) => formatGithub(report, options),
  markdown: (report, options) => formatMarkdown(report, options),
} satisfies Record<string, Formatter>;

export type Format = keyof typeof FORMATTERS;
export const FORMATS = Object.keys(FORMATTERS) as Format[];
