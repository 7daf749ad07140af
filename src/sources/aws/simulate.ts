import type * as IAM from '@aws-sdk/client-iam';
import type { IamObservation } from '../../checks/types.js';
import type { ContextValue } from '../../iam/index.js';
import { type Fact, known, type SimulatedQuestion } from '../../model/index.js';
import { canonicalJson } from './api.js';
import { type Attempts, unavailableFrom } from './attempt.js';

const DECISIONS: Record<string, string> = {
  allowed: 'allowed',
  explicitDeny: 'explicit-deny',
  implicitDeny: 'implicit-deny',
};

/**
 * The context entries IAM's simulator takes, typed as it wants them. Its simulator fills no key
 * on its own (exec-checker#44), so the same values the local evaluator used are passed.
 */
function contextEntries(context: Record<string, ContextValue>): IAM.ContextEntry[] {
  return Object.entries(context).map(([name, value]) => {
    const values = Array.isArray(value) ? value : [value];
    const sample = values[0];
    const scalar =
      typeof sample === 'boolean' ? 'boolean' : typeof sample === 'number' ? 'numeric' : 'string';
    const type = (Array.isArray(value) ? `${scalar}List` : scalar) as IAM.ContextKeyTypeEnum;
    return { ContextKeyName: name, ContextKeyType: type, ContextKeyValues: values.map(String) };
  });
}

/**
 * Asks IAM's SimulatePrincipalPolicy each distinct question once. Questions judged with a KMS
 * key policy are not asked: the simulator evaluates a resource policy only for IAM users as
 * callers, never for roles, so its answer would not be comparable.
 */
export async function simulateQuestions(
  attempts: Attempts,
  observations: readonly IamObservation[],
  region: string,
): Promise<Fact<SimulatedQuestion[]>> {
  const distinct = new Map<string, IamObservation>();
  for (const observation of observations) {
    if (observation.withResourcePolicy) continue;
    const { principalArn, action, resource, context } = observation;
    distinct.set(canonicalJson({ principalArn, action, resource, context }), observation);
  }
  const answers = await Promise.all(
    [...distinct.values()].map(async (observation) => {
      const result = await attempts.attempt(
        'iam:SimulatePrincipalPolicy',
        {
          PolicySourceArn: observation.principalArn,
          ActionNames: [observation.action],
          ResourceArns: [observation.resource],
          ContextEntries: contextEntries(observation.context),
        },
        region,
      );
      return { observation, result };
    }),
  );
  const denied = answers.find(({ result }) => !result.ok && result.kind === 'access-denied');
  if (denied && !denied.result.ok) return unavailableFrom(denied.result);
  return known(
    answers.map(({ observation, result }): SimulatedQuestion => {
      const base = {
        principalArn: observation.principalArn,
        action: observation.action,
        resource: observation.resource,
        local: observation.decision,
      };
      if (!result.ok) return { ...base, remote: `not asked: ${result.reason}`, missingContextValues: [] };
      const evaluation = result.value.EvaluationResults?.[0];
      const question: SimulatedQuestion = {
        ...base,
        remote: DECISIONS[evaluation?.EvalDecision ?? ''] ?? String(evaluation?.EvalDecision ?? 'no answer'),
        missingContextValues: evaluation?.MissingContextValues ?? [],
      };
      const organizations = evaluation?.OrganizationsDecisionDetail?.AllowedByOrganizations;
      if (organizations !== undefined) question.organizationsAllowed = organizations;
      return question;
    }),
  );
}
