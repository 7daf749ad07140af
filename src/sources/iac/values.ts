/**
 * What a property holds once the file's references are resolved: plain data, a reference to
 * another resource of the same template or plan, or a value the files do not decide.
 */

/** A value the files do not decide: a parameter without a default, a value known after apply… */
export class Unresolved {
  constructor(
    /** Why, in words: "parameter ContainerImage has no default". */
    readonly reason: string,
    /** The text the file has, for display: `${ContainerImage}`. */
    readonly rendering: string,
    /** The expression as written, kept in policy documents so no evaluator mistakes it for a value. */
    readonly expression?: unknown,
  ) {}
}

/**
 * A reference to a resource declared in the same template or plan. In lint mode a resource's
 * identity is its logical id or address (see ExecTarget), so `text` is what the reference stands
 * for in that space: the logical id for a role's ARN, the name (or logical id) of a log group…
 */
export class ResourceRef {
  constructor(
    /** The file that declares the resource: a parent stack's resource reaches a nested stack as a parameter. */
    readonly scope: string,
    /** The logical id or Terraform address. */
    readonly id: string,
    readonly text: string,
  ) {}
}

export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof Unresolved;
}

/** The string a value stands for: the text of a reference, the rendering of an unresolved value. */
export function displayText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof ResourceRef) return value.text;
  if (value instanceof Unresolved) return value.rendering;
  return undefined;
}

/**
 * A policy document as plain JSON: references become their text; a value the files do not decide
 * stays as its expression, so that policy evaluation sees something it cannot match, never a guess.
 */
export function plainDocument(value: unknown): unknown {
  if (value instanceof ResourceRef) return value.text;
  if (value instanceof Unresolved) return value.expression ?? { unresolved: value.rendering };
  if (Array.isArray(value)) return value.map(plainDocument);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plainDocument(entry)]));
  }
  return value;
}
