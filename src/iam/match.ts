import type { RequestContext } from './context.js';
import { anyOf, type Outcome, outcome } from './truth.js';
import { resolveVariables } from './variables.js';
import { actionRegex, matchesArnPattern } from './wildcard.js';

/**
 * Action names are case-insensitive; `*` and `?` match within them ("s3:Get*", "iam:*AccessKey*").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function matchesAction(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => actionRegex(pattern).test(action));
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
