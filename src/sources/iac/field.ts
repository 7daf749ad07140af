import type { SourceLocation } from '../../model/index.js';
import { childPointer } from './pointer.js';
import { displayText, isUnresolved, ResourceRef, type Unresolved } from './values.js';

export type Locate = (pointer: string) => SourceLocation;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value);
}

/**
 * A value read from a file, with its JSON pointer. `get` matches a key as the ECS API spells it
 * (`readonlyRootFilesystem`) or as CloudFormation does (`ReadonlyRootFilesystem`), so one reader
 * serves task definition JSON, CloudFormation properties and Terraform's container definitions.
 */
export class Field {
  constructor(
    readonly value: unknown,
    readonly pointer: string,
    private readonly locator: Locate,
  ) {}

  /** The child at `key` (API spelling), or at one of `aliases` (e.g. CloudFormation's `EFSVolumeConfiguration`). */
  get(key: string, ...aliases: string[]): Field {
    const object = isObject(this.value) ? this.value : undefined;
    const candidates = [key, key.charAt(0).toUpperCase() + key.slice(1), ...aliases];
    const found = object ? candidates.find((candidate) => Object.hasOwn(object, candidate)) : undefined;
    return new Field(
      found === undefined ? undefined : object![found],
      childPointer(this.pointer, found ?? key),
      this.locator,
    );
  }

  /** The items of a list; none when the value is absent or not a list. */
  items(): Field[] {
    if (!Array.isArray(this.value)) return [];
    return this.value.map((item, index) => new Field(item, childPointer(this.pointer, index), this.locator));
  }

  /** The entries of a map (e.g. log driver options). */
  entries(): [string, Field][] {
    if (!isObject(this.value)) return [];
    return Object.keys(this.value).map((key) => [key, this.get(key)]);
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  get unresolved(): Unresolved | undefined {
    return isUnresolved(this.value) ? this.value : undefined;
  }

  get isObject(): boolean {
    return isObject(this.value);
  }

  get reference(): ResourceRef | undefined {
    return this.value instanceof ResourceRef ? this.value : undefined;
  }

  location(): SourceLocation {
    return this.locator(this.pointer);
  }

  /** The text a user reads for this value, resolved or not. */
  text(): string | undefined {
    return displayText(this.value);
  }
}
