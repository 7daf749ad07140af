import {
  CORE_SCHEMA,
  constructFromEvents,
  defineMappingTag,
  defineScalarTag,
  defineSequenceTag,
  EVENT_ID,
  type Event,
  getScalarValue,
  mapTag,
  parseEvents,
  SCALAR_STYLE,
  seqTag,
  YAMLException,
} from 'js-yaml';
import type { ParsedJson } from './json-positions.js';

/**
 * Parses a YAML file, keeping where each key and item starts (the same shape as
 * `parseJsonWithOffsets`). js-yaml builds the values from its event stream; one more walk over the
 * same events records the offsets. Both are linear: a 2,000-resource template takes ~0.1 s.
 *
 * CloudFormation's short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) become the long form
 * (`{Ref: X}`, `{'Fn::GetAtt': [A, B]}`, `{'Fn::Sub': …}`), as CloudFormation itself reads them.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */

const SHORT_FORM_FUNCTIONS = [
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

/** `!Sub` → `Fn::Sub`; `!Ref` and `!Condition` keep their name. */
const LONG_FORM_KEYS = new Map<string, string>([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...SHORT_FORM_FUNCTIONS.map((name): [string, string] => [`!${name}`, `Fn::${name}`]),
]);

/** `!GetAtt Resource.Attribute` splits at the first dot: attribute names may contain dots. */
function longFormValue(key: string, value: unknown): unknown {
  if (key !== 'Fn::GetAtt' || typeof value !== 'string') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

const neverDumped = () => false;

const shortFormTags = [...LONG_FORM_KEYS].flatMap(([tag, key]) => {
  const wrap = (value: unknown) => ({ [key]: longFormValue(key, value) });
  return [
    defineScalarTag(tag, { resolve: wrap, identify: neverDumped }),
    defineSequenceTag(tag, { ...seqTag, finalize: wrap }),
    defineMappingTag(tag, { ...mapTag, finalize: wrap }),
  ];
});

/**
 * Any other tag (`!reference`, `!!python/name:…`) keeps its plain value, so a YAML file that is not
 * an input (a CI workflow, mkdocs.yml) is read and skipped rather than refused.
 */
const otherTags = ['!', 'tag:'].flatMap((prefix) => [
  defineScalarTag(prefix, { matchByTagPrefix: true, resolve: (source) => source, identify: neverDumped }),
  defineSequenceTag(prefix, { ...seqTag, matchByTagPrefix: true }),
  defineMappingTag(prefix, { ...mapTag, matchByTagPrefix: true }),
]);

const schema = CORE_SCHEMA.withTags(...shortFormTags, ...otherTags);

/** A syntax error at an offset of the text; the caller turns it into `file:line:column`. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type NodeEvent = Exclude<Event, { type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.POP }>;

/** Where a node was written: its tag, else its anchor, else its value (a quote included). */
function nodeOffset(event: NodeEvent): number {
  if (event.type !== EVENT_ID.ALIAS && event.tagStart >= 0) return event.tagStart;
  if (event.anchorStart >= 0) return event.anchorStart;
  if (event.type !== EVENT_ID.SCALAR) return event.type === EVENT_ID.ALIAS ? 0 : event.start;
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
  return quoted ? event.valueStart - 1 : event.valueStart;
}

/** An open mapping or sequence while walking the events, with the value js-yaml built for it. */
interface Frame {
  container: Record<string, unknown> | undefined;
  offsets: Map<string, number> | undefined;
  mapping: boolean;
  /** In a mapping: true when the next node is a key. */
  expectingKey: boolean;
  /** In a mapping: the key whose value comes next (undefined when it has no offset to keep). */
  key: string | undefined;
  index: number;
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** Walks the events beside the built value and records the offset of each key and item. */
function recordOffsets(
  text: string,
  events: readonly Event[],
  root: unknown,
): ParsedJson & { rootOffset: number } {
  const offsets = new WeakMap<object, Map<string, number>>();
  const stack: Frame[] = [];
  let rootOffset = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) continue;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const offset = nodeOffset(event);
    const parent = stack.at(-1);
    let value: unknown;
    if (!parent) {
      value = root;
      rootOffset = offset;
    } else if (parent.mapping && parent.expectingKey) {
      // A key: remember where it was written, under the name js-yaml gave it.
      parent.expectingKey = false;
      const key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : undefined;
      const known =
        key !== undefined && parent.container !== undefined && Object.hasOwn(parent.container, key);
      parent.key = known ? key : undefined;
      if (known) parent.offsets?.set(key, offset);
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) stack.push(untracked(event));
      continue;
    } else if (parent.mapping) {
      parent.expectingKey = true;
      value = parent.key === undefined ? undefined : parent.container?.[parent.key];
    } else {
      const index = String(parent.index++);
      value = parent.container?.[index];
      if (parent.container) parent.offsets?.set(index, offset);
    }
    // A short-form tag's value sits one level down, under the function's name.
    const tag =
      event.type === EVENT_ID.ALIAS || event.tagStart < 0 ? '' : text.slice(event.tagStart, event.tagEnd);
    const longFormKey = LONG_FORM_KEYS.get(tag);
    const wrapper = objectOrUndefined(value);
    if (longFormKey && wrapper && Object.hasOwn(wrapper, longFormKey)) {
      offsets.set(wrapper, new Map([[longFormKey, offset]]));
      value = wrapper[longFormKey];
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const container = objectOrUndefined(value);
      const frameOffsets = container ? new Map<string, number>() : undefined;
      if (container && frameOffsets) offsets.set(container, frameOffsets);
      stack.push({
        container,
        offsets: frameOffsets,
        mapping: event.type === EVENT_ID.MAPPING,
        expectingKey: true,
        key: undefined,
        index: 0,
      });
    }
  }
  return { value: root, offsets, rootOffset };
}

/** A collection used as a key: walked through, nothing recorded. */
function untracked(event: NodeEvent): Frame {
  return {
    container: undefined,
    offsets: undefined,
    mapping: event.type === EVENT_ID.MAPPING,
    expectingKey: true,
    key: undefined,
    index: 0,
  };
}

/** The offset of the first node of the second document, for the "one document" error. */
function secondDocumentOffset(events: readonly Event[]): number {
  let documents = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) documents++;
    else if (documents > 1 && event.type !== EVENT_ID.POP) return nodeOffset(event);
  }
  return 0;
}

/**
 * Reads one YAML document (an empty file is `null`). Duplicate keys are errors, as CloudFormation
 * refuses them. Every problem is a YamlSyntaxError with the offset where it was found.
 */
export function parseYamlWithOffsets(text: string): ParsedJson & { rootOffset: number } {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, {});
    documents = constructFromEvents(events, { source: text, schema });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    throw new YamlSyntaxError(error.reason, error.mark?.position ?? 0);
  }
  if (documents.length > 1) {
    throw new YamlSyntaxError(
      `expected one YAML document, found ${documents.length}`,
      secondDocumentOffset(events),
    );
  }
  return recordOffsets(text, events, documents[0] ?? null);
}
