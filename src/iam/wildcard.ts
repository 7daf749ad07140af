/**
 * Wildcard patterns as IAM writes them: `*` matches any run of characters, `?` exactly one.
 * A pattern is kept as parts so that a `*` that came from the `${*}` variable (a literal asterisk)
 * is not taken for a wildcard.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
 */
export type Part = { literal: string } | { wildcard: '*' | '?' };

/** Reads `*` and `?` in policy text as wildcards. */
export function textParts(text: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (const char of text) {
    if (char === '*' || char === '?') {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ wildcard: char });
    } else {
      literal += char;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** The text of the parts, wildcards written as their characters (for exact comparisons). */
export function partsText(parts: readonly Part[]): string {
  return parts.map((part) => ('literal' in part ? part.literal : part.wildcard)).join('');
}

/** Patterns repeat across every request a run evaluates: compile each one once. */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 10_000;

function remember(key: string, compile: () => RegExp): RegExp {
  let regex = compiled.get(key);
  if (!regex) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    regex = compile();
    compiled.set(key, regex);
  }
  return regex;
}

function regexFor(parts: readonly Part[], ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${parts.map((part) => ('literal' in part ? `=${part.literal}` : part.wildcard)).join('\u0000')}`;
  return remember(key, () => compilePattern(parts, ignoreCase));
}

/** A policy's action text (`s3:Get*`) as a case-insensitive regular expression, compiled once. */
export function actionRegex(pattern: string): RegExp {
  return remember(`a${pattern}`, () => compilePattern(textParts(pattern), true));
}

/** The pattern as an anchored regular expression (`*` any run, `?` one character). */
function compilePattern(parts: readonly Part[], ignoreCase: boolean): RegExp {
  const source = parts
    .map((part) => {
      if ('wildcard' in part) return part.wildcard === '*' ? '.*' : '.';
      return part.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

/** Whether the whole value matches the pattern. */
export function matchesPattern(parts: readonly Part[], value: string, ignoreCase = false): boolean {
  // Most ARN components are plain text or a lone `*`: no regular expression needed.
  if (parts.length === 1 && 'wildcard' in parts[0]! && parts[0].wildcard === '*') return true;
  if (parts.every((part) => 'literal' in part)) {
    const literal = parts.map((part) => (part as { literal: string }).literal).join('');
    return ignoreCase ? literal.toLowerCase() === value.toLowerCase() : literal === value;
  }
  return regexFor(parts, ignoreCase).test(value);
}

/** Splits an ARN into its six components: the first five colons separate, the resource keeps the rest. */
function splitArn(value: string): string[] | undefined {
  const pieces = value.split(':');
  if (pieces.length < 6 || pieces[0] !== 'arn') return undefined;
  return [...pieces.slice(0, 5), pieces.slice(5).join(':')];
}

/** The same split for a pattern: only literal colons separate components. */
function splitArnPattern(parts: readonly Part[]): Part[][] | undefined {
  const components: Part[][] = [[]];
  for (const part of parts) {
    if ('wildcard' in part || components.length === 6) {
      components.at(-1)!.push(part);
      continue;
    }
    const pieces = part.literal.split(':');
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (components.length < 6) components.push([]);
        else components.at(-1)!.push({ literal: ':' });
      }
      if (piece) components.at(-1)!.push({ literal: piece });
    });
  }
  return components.length === 6 ? components : undefined;
}

/**
 * ARN matching: each of the six components is matched on its own, so a wildcard in the region or
 * account does not swallow colons; the resource component may contain colons. A pattern or value
 * that is not an ARN (e.g. `*`) is matched as a whole string.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function matchesArnPattern(parts: readonly Part[], value: string): boolean {
  const patternComponents = splitArnPattern(parts);
  const valueComponents = splitArn(value);
  if (!patternComponents || !valueComponents) return matchesPattern(parts, value);
  return patternComponents.every((component, i) => matchesPattern(component, valueComponents[i]!));
}
