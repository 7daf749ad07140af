import { UsageError } from '../../engine/errors.js';
import type { SourceLocation } from '../../model/index.js';
import { parseJsonWithOffsets } from './json-positions.js';
import { parseYamlWithOffsets, YamlSyntaxError } from './yaml-positions.js';

/**
 * A parsed JSON or YAML file that remembers where each value was written, so a finding can name
 * the file, line and column. Valid JSON takes a JSON reader; anything else is read as YAML, with
 * CloudFormation's short-form tags in the long form (see yaml-positions.ts).
 */
export interface SourceDocument {
  /** The path as the user gave it (or as found under a directory they gave). */
  file: string;
  value: unknown;
  /** Where the value at `pointer` was declared: the key of a map entry, else the value itself. */
  locate(pointer: string): SourceLocation;
}

/** `file:line:column: message`, the one line the CLI prints for an unreadable input. */
function fileError(file: string, line: number, column: number, message: string): UsageError {
  return new UsageError(`${file}:${line}:${column}: ${message}`);
}

/** Line and column (1-based) of offsets in a text, by binary search over line starts. */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/**
 * The offset declaring the value at `pointer`, or that of the nearest ancestor declared. Called for
 * every property a reader notes (tens of thousands in a large template), so it walks the pointer
 * in place rather than splitting it.
 */
function offsetOf(
  offsets: WeakMap<object, Map<string, number>>,
  root: unknown,
  rootOffset: number,
  pointer: string,
): { offset: number; pointer: string } {
  let value = root;
  let offset = rootOffset;
  let matchedLength = 0;
  for (let start = 1; start <= pointer.length; ) {
    const slash = pointer.indexOf('/', start);
    const end = slash < 0 ? pointer.length : slash;
    const segment = pointer.slice(start, end);
    const key = segment.includes('~') ? segment.replaceAll('~1', '/').replaceAll('~0', '~') : segment;
    const found = value !== null && typeof value === 'object' ? offsets.get(value)?.get(key) : undefined;
    if (found === undefined) break;
    offset = found;
    matchedLength = end;
    value = (value as Record<string, unknown>)[key];
    start = end + 1;
  }
  return { offset, pointer: pointer.slice(0, matchedLength) };
}

function sourceDocument(
  file: string,
  text: string,
  value: unknown,
  offsets: WeakMap<object, Map<string, number>>,
  rootOffset: number,
): SourceDocument {
  const position = lineIndex(text);
  return {
    file,
    value,
    locate(pointer) {
      const found = offsetOf(offsets, value, rootOffset, pointer);
      const { line, column } = position(found.offset);
      return { file, line, column, pointer: found.pointer };
    },
  };
}

/** Text a JSON parser should read: JSON files start with an object or an array. */
function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/**
 * JSON.parse gives the clear message for a JSON file ("Expected ',' or '}' after property
 * value"); when it gives no position, the YAML parser's first error does.
 */
function jsonSyntaxError(file: string, text: string, error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : yamlErrorOffset(text);
  const { line, column } = lineIndex(text)(offset);
  const short = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  return fileError(file, line, column, short);
}

function parseJson(file: string, text: string): SourceDocument {
  try {
    JSON.parse(text);
  } catch (error) {
    throw jsonSyntaxError(file, text, error);
  }
  const { value, offsets } = parseJsonWithOffsets(text);
  return sourceDocument(file, text, value, offsets, text.search(/\S/));
}

/** Where the YAML reader (JSON is YAML) stops, for a JSON error that gives no position. */
function yamlErrorOffset(text: string): number {
  try {
    parseYamlWithOffsets(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) return error.offset;
  }
  return 0;
}

function parseYaml(file: string, text: string): SourceDocument {
  try {
    const { value, offsets, rootOffset } = parseYamlWithOffsets(text);
    return sourceDocument(file, text, value, offsets, rootOffset);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const { line, column } = lineIndex(text)(error.offset);
    throw fileError(file, line, column, error.message);
  }
}

/** Parses a JSON or YAML file; a syntax error is a UsageError naming the file, line and column. */
export function parseSource(file: string, text: string): SourceDocument {
  return looksLikeJson(text) ? parseJson(file, text) : parseYaml(file, text);
}
