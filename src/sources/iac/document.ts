import { isAlias, isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { UsageError } from '../../engine/errors.js';
import type { SourceLocation } from '../../model/index.js';
import { parseJsonWithOffsets } from './json-positions.js';

/**
 * A parsed JSON or YAML file that remembers where each value was written, so a finding can name
 * the file, line and column. JSON is YAML 1.2, so the `yaml` package reads both with positions.
 * CloudFormation's short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become the long form
 * (`{Ref: X}`, `{'Fn::GetAtt': [A, B]}`, `{'Fn::Sub': …}`), as CloudFormation itself reads them.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export interface SourceDocument {
  /** The path as the user gave it (or as found under a directory they gave). */
  file: string;
  value: unknown;
  /** Where the value at `pointer` was declared: the key of a map entry, else the value itself. */
  locate(pointer: string): SourceLocation;
}

const SHORT_FORM_TAGS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Contains',
  'EachMemberEquals',
  'ValueOf',
  'ToJsonString',
  'Length',
];

/** Registering the tags (as plain scalars, sequences and maps) keeps `yaml` from warning about them. */
const customTags = ['Ref', 'Condition', ...SHORT_FORM_TAGS].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]);

/** The long-form key of a short-form tag (`!Sub` → `Fn::Sub`), or undefined for other tags. */
function longFormKey(tag: string): string | undefined {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return name;
  return SHORT_FORM_TAGS.includes(name) ? `Fn::${name}` : undefined;
}

/** `!GetAtt Resource.Attribute` splits at the first dot: attribute names may contain dots. */
function longFormValue(key: string, value: unknown): unknown {
  if (key !== 'Fn::GetAtt' || typeof value !== 'string') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

/**
 * Converts yaml nodes to plain data. Where each value was declared is kept per container (the
 * offset of each key or item), so locating a JSON pointer walks the data: no string per node.
 */
class DuplicateKey extends Error {
  constructor(
    readonly key: string,
    readonly offset: number,
  ) {
    super(`Map keys must be unique: "${key}" appears twice`);
  }
}

class Converter {
  readonly offsets = new WeakMap<object, Map<string, number>>();

  constructor(private readonly document: ReturnType<typeof parseDocument>) {}

  convert(node: unknown): unknown {
    const resolved = (isAlias(node) ? node.resolve(this.document) : node) as Node | null | undefined;
    const key = resolved?.tag ? longFormKey(resolved.tag) : undefined;
    if (!key) return this.plain(resolved);
    // The tagged value sits one level down, under the function's name.
    const wrapper = { [key]: longFormValue(key, this.plain(resolved)) };
    this.offsets.set(wrapper, new Map([[key, resolved?.range?.[0] ?? 0]]));
    return wrapper;
  }

  private plain(node: Node | null | undefined): unknown {
    if (node === null || node === undefined) return null;
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      const offsets = new Map<string, number>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = String(isScalar(keyNode) ? keyNode.value : (keyNode?.toJSON() ?? ''));
        const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
        // CloudFormation refuses duplicate keys; checked here in one pass, as the yaml package's
        // own check compares every key with every other (quadratic on a large Resources map).
        if (offsets.has(key)) throw new DuplicateKey(key, offset);
        offsets.set(key, offset);
        object[key] = this.convert(pair.value);
      }
      this.offsets.set(object, offsets);
      return object;
    }
    if (isSeq(node)) {
      const offsets = new Map<string, number>();
      const items = node.items.map((item, index) => {
        offsets.set(String(index), (item as Node | null)?.range?.[0] ?? 0);
        return this.convert(item);
      });
      this.offsets.set(items, offsets);
      return items;
    }
    return isScalar(node) ? node.value : node.toJSON();
  }
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

/** The offset declaring the value at `pointer`, or that of the nearest ancestor declared. */
function offsetOf(
  offsets: WeakMap<object, Map<string, number>>,
  root: unknown,
  rootOffset: number,
  pointer: string,
): { offset: number; pointer: string } {
  let value = root;
  let found = { offset: rootOffset, pointer: '' };
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    const offset = value !== null && typeof value === 'object' ? offsets.get(value)?.get(key) : undefined;
    if (offset === undefined) break;
    found = { offset, pointer: `${found.pointer}/${segment}` };
    value = (value as Record<string, unknown>)[key];
  }
  return found;
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
  const offset = position ? Number(position[1]) : (parseDocument(text).errors[0]?.pos[0] ?? 0);
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

function parseYaml(file: string, text: string): SourceDocument {
  const document = parseDocument(text, { customTags, prettyErrors: false, uniqueKeys: false, strict: false });
  const firstError = document.errors[0];
  if (firstError) {
    const { line, column } = lineIndex(text)(firstError.pos[0]);
    const message = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw fileError(file, line, column, message);
  }
  const converter = new Converter(document);
  let value: unknown;
  try {
    value = converter.convert(document.contents);
  } catch (error) {
    if (!(error instanceof DuplicateKey)) throw error;
    const { line, column } = lineIndex(text)(error.offset);
    throw fileError(file, line, column, error.message);
  }
  return sourceDocument(file, text, value, converter.offsets, document.contents?.range?.[0] ?? 0);
}

/** Parses a JSON or YAML file; a syntax error is a UsageError naming the file, line and column. */
export function parseSource(file: string, text: string): SourceDocument {
  return looksLikeJson(text) ? parseJson(file, text) : parseYaml(file, text);
}
