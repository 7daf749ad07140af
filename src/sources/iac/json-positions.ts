/**
 * Parses text that JSON.parse has already accepted, keeping where each key and item starts.
 * Terraform plans and CDK templates run to megabytes; the `yaml` package reads JSON too, but an
 * order of magnitude slower, so valid JSON takes this path. Strings are decoded by JSON.parse.
 */
export interface ParsedJson {
  value: unknown;
  /** Per object or array: the offset of each key (for objects) or item (for arrays). */
  offsets: WeakMap<object, Map<string, number>>;
}

const WHITESPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

export function parseJsonWithOffsets(text: string): ParsedJson {
  const offsets = new WeakMap<object, Map<string, number>>();
  let position = 0;

  const skipWhitespace = () => {
    while (WHITESPACE.has(text.charCodeAt(position))) position++;
  };

  const readString = (): string => {
    const start = position;
    position++;
    let escaped = false;
    for (;;) {
      const code = text.charCodeAt(position);
      if (code === 0x5c) {
        escaped = true;
        position += 2;
      } else if (code === 0x22) break;
      else position++;
    }
    position++;
    const raw = text.slice(start, position);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };

  const readValue = (): unknown => {
    skipWhitespace();
    const code = text.charCodeAt(position);
    if (code === 0x7b) return readObject();
    if (code === 0x5b) return readArray();
    if (code === 0x22) return readString();
    const start = position;
    while (position < text.length && !/[\s,\]}]/.test(text[position]!)) position++;
    const literal = text.slice(start, position);
    if (literal === 'true') return true;
    if (literal === 'false') return false;
    if (literal === 'null') return null;
    return Number(literal);
  };

  const readObject = (): Record<string, unknown> => {
    const object: Record<string, unknown> = {};
    const keys = new Map<string, number>();
    offsets.set(object, keys);
    position++;
    skipWhitespace();
    if (text.charCodeAt(position) === 0x7d) {
      position++;
      return object;
    }
    for (;;) {
      skipWhitespace();
      const keyStart = position;
      const key = readString();
      skipWhitespace();
      position++; // the colon
      keys.set(key, keyStart);
      object[key] = readValue();
      skipWhitespace();
      if (text.charCodeAt(position++) === 0x7d) return object;
    }
  };

  const readArray = (): unknown[] => {
    const items: unknown[] = [];
    const indexes = new Map<string, number>();
    offsets.set(items, indexes);
    position++;
    skipWhitespace();
    if (text.charCodeAt(position) === 0x5d) {
      position++;
      return items;
    }
    for (;;) {
      skipWhitespace();
      indexes.set(String(items.length), position);
      items.push(readValue());
      skipWhitespace();
      if (text.charCodeAt(position++) === 0x5d) return items;
    }
  };

  return { value: readValue(), offsets };
}
