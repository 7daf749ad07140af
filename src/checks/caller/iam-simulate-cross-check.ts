import type { SimulatedQuestion } from '../../model/index.js';
import { info, pass, skip, unknownFromFact } from '../results.js';
import { taskResource } from '../target-helpers.js';
import { defineCheck } from '../types.js';

const SIMULATE_DOCS = 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html';

function describe(question: SimulatedQuestion): string {
  return `${question.action} on ${question.resource} for ${question.principalArn}`;
}

/**
 * IAM's simulator includes the organization's SCPs on its own, fills no context key, and
 * ignores KMS key policies for roles: when it disagrees, both answers are shown, with the likely
 * reason, for the user to judge. It never changes the local verdict.
 */
function disagreement(question: SimulatedQuestion): string {
  const hints = [
    question.organizationsAllowed === false
      ? 'IAM says an AWS Organizations SCP denies it (pass the SCPs with --scp)'
      : '',
    question.missingContextValues.length > 0
      ? `IAM lacked context keys ${question.missingContextValues.join(', ')}`
      : '',
  ].filter(Boolean);
  return `${describe(question)}: local evaluation says ${question.local}, IAM's simulator says ${question.remote}${hints.length ? ` (${hints.join('; ')})` : ''}.`;
}

export const callerIamSimulateCrossCheck = defineCheck({
  id: 'caller.iam-simulate-cross-check',
  title: "IAM's policy simulator agrees with the local IAM evaluation (--iam-simulate)",
  layer: 'caller',
  suite: 'readiness',
  modes: ['live'],
  rationale:
    "The IAM verdicts come from the tool's own offline evaluator. With --iam-simulate, every question the IAM checks asked (caller and task role) is also put to IAM's SimulatePrincipalPolicy with the same context entries, and any disagreement is reported with both answers. The simulator is not the default: it cannot judge KMS key policies for roles, includes SCPs without saying which, and gives false denies on context keys it is not given.",
  references: { docs: [SIMULATE_DOCS] },
  docs: {
    passes:
      "Every comparable question got the same answer from IAM's SimulatePrincipalPolicy as from the local evaluator.",
    fails:
      'Never fails: a disagreement is `info`, with both answers and the likely reason (an SCP the tool was not given, a context key). Skipped without --iam-simulate; unknown when iam:SimulatePrincipalPolicy is refused.',
    fix: {
      cli: 'ecs-exec-doctor check --cluster CLUSTER --task TASK_ID --iam-simulate --scp root.json --scp ou.json',
    },
  },
  run(target) {
    const resource = taskResource(target);
    const simulation = target.iamSimulation;
    if (!simulation)
      return [skip(resource, 'Run with --iam-simulate to compare with IAM’s policy simulator.')];
    if (!simulation.known) return [unknownFromFact(resource, 'IAM’s policy simulator', simulation)];
    const comparable = simulation.value.filter(
      (question) => question.local !== 'unknown' && !question.remote.startsWith('not asked'),
    );
    const disagreeing = comparable.filter((question) => question.local !== question.remote);
    if (disagreeing.length > 0) {
      return disagreeing.map((question) =>
        info(question.principalArn, disagreement(question), {
          summary:
            'Compare the two answers: pass the organization’s SCPs with --scp if IAM says an SCP denies; the local evaluator fills the context keys the real request carries.',
        }),
      );
    }
    if (comparable.length === 0) {
      return [skip(resource, 'No IAM question could be compared (all were undecided locally or not asked).')];
    }
    return [
      pass(
        resource,
        `IAM's policy simulator agrees on all ${comparable.length} comparable questions.`,
        comparable.map((question) => `${describe(question)}: ${question.remote}`) as [string, ...string[]],
      ),
    ];
  },
});
