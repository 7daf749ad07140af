import type { Report } from '../engine/report.js';
import { formatJson } from './json.js';
import { formatText } from './text.js';

export interface FormatOptions {
  color: boolean;
  verbose: boolean;
}

/** One pure function per output format. */
export const FORMATTERS = {
  text: (report: Report, options: FormatOptions) => formatText(report, options),
  json: (report: Report) => formatJson(report),
} satisfies Record<string, (report: Report, options: FormatOptions) => string>;

export type Format = keyof typeof FORMATTERS;
export const FORMATS = Object.keys(FORMATTERS) as Format[];
