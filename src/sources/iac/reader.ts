import type { Fact, SourceLocation } from '../../model/index.js';
import type { Field } from './field.js';
import { displayText, ResourceRef } from './values.js';

/**
 * A property a check judges that the files do not decide. The resource's fact becomes
 * `known: false` with this reason, so checks answer `unknown` instead of judging a guess.
 */
class Undecided extends Error {
  override readonly name = 'Undecided';
}

function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/**
 * Reads one resource's properties into model values, and records where each was declared
 * (`locations`, keyed `RESOURCE#MODEL_PATH`) and which displayed values the files leave open
 * (`unresolved`). Judged reads (`boolean`, `string`, …) throw Undecided on a value the files do
 * not decide; `text` reads keep the file's text for display (an image, an environment value).
 */
export class PropertyReader {
  constructor(
    readonly resourceId: string,
    readonly locations: Record<string, SourceLocation>,
    readonly unresolved: Record<string, string>,
  ) {}

  /** Records where the property at `path` (model terms) was declared, when the file declares it. */
  note(path: string, field: Field): void {
    if (field.value !== undefined) this.locations[`${this.resourceId}#${path}`] = field.location();
  }

  undecided(path: string, field: Field, why: string): Undecided {
    return new Undecided(`${where(field.location())}: ${this.resourceId} ${path} ${why}`);
  }

  private decided(path: string, field: Field): unknown {
    this.note(path, field);
    const open = field.unresolved;
    if (open) throw this.undecided(path, field, `is not decided by the files: ${open.reason}`);
    return field.value ?? undefined;
  }

  boolean(path: string, field: Field): boolean | undefined {
    const value = this.decided(path, field);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    // CloudFormation accepts the strings "true" and "false" for booleans.
    if (value === 'true' || value === 'false') return value === 'true';
    throw this.undecided(path, field, `is ${JSON.stringify(value)}, not a boolean`);
  }

  number(path: string, field: Field): number | undefined {
    const value = this.decided(path, field);
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number === 'number' && Number.isFinite(number)) return number;
    throw this.undecided(path, field, `is ${JSON.stringify(value)}, not a number`);
  }

  string(path: string, field: Field): string | undefined {
    const value = this.decided(path, field);
    if (value === undefined || value === null) return undefined;
    if (value instanceof ResourceRef) return value.text;
    // An empty string is how JSON tools write an unset ECS string (ecspresso: `"pidMode": ""`).
    if (value === '') return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      return String(value);
    throw this.undecided(path, field, 'is not a string');
  }

  stringList(path: string, field: Field): string[] | undefined {
    const value = this.decided(path, field);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.undecided(path, field, 'is not a list');
    return field.items().map((item, index) => this.string(`${path}[${index}]`, item) ?? '');
  }

  /** True (and recorded in `unresolved`) when the files leave the value open: the caller leaves it out. */
  leftOpen(path: string, field: Field): boolean {
    const open = field.unresolved;
    if (open) this.unresolved[`${this.resourceId}#${path}`] = open.reason;
    return open !== undefined;
  }

  /** A displayed value: the file's text, noted as unresolved when the files do not decide it. */
  text(path: string, field: Field): string | undefined {
    this.note(path, field);
    const open = field.unresolved;
    if (open) this.unresolved[`${this.resourceId}#${path}`] = open.reason;
    return displayText(field.value);
  }
}

/** The value `read` returns, or `known: false` when a property it judges is not decided by the files. */
export function factFrom<T>(read: () => T): Fact<T> {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (error instanceof Undecided) return { known: false, reason: error.message };
    throw error;
  }
}
