import type { RequestContext } from './context.js';
import { anyOf, type Outcome, outcome } from './truth.js';
import { resolveVariables } from './variables.js';
import { compilePattern, matchesArnPattern, textParts } from './wildcard.js';

/**
 * Action names are case-insensitive; `*` and `?` match within them ("s3:Get*", "iam:*AccessKey*").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function matchesAction(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => actionRegex(pattern).test(action));
}

/** Every request asks about a handful of actions against the same statements: compile each pattern once. */
const actionRegexes = new Map<string, RegExp>();

function actionRegex(pattern: string): RegExp {
  let regex = actionRegexes.get(pattern);
  if (!regex) {
    regex = compilePattern(textParts(pattern), true);
    if (actionRegexes.size >= 10_000) actionRegexes.clear();
    actionRegexes.set(pattern, regex);
  }
  return regex;
}

/**
 * Resource ARNs are case-sensitive, matched component by component with `*` and `?`, after policy
 * variables are resolved. `*` alone matches every resource, including `*` (an action that takes
 * no resource).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export function matchesResource(
  patterns: readonly string[],
  resource: string,
  context: RequestContext,
  variables: boolean,
): Outcome {
  return anyOf(
    patterns.map((pattern): Outcome => {
      const resolution = resolveVariables(pattern, context, variables);
      if (resolution.kind === 'invalid') return { truth: 'invalid', missing: [] };
      if (resolution.kind === 'unknown') return { truth: 'unknown', missing: resolution.keys };
      return outcome(matchesArnPattern(resolution.parts, resource));
    }),
  );
}
