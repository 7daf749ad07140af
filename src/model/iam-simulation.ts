import { z } from 'zod';
import { factSchema } from './fact.js';

/**
 * `check --iam-simulate`: what IAM's SimulatePrincipalPolicy answered to the questions the local
 * evaluator was asked, beside the local answer, for the checks to compare.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
export const SimulatedQuestion = z.object({
  principalArn: z.string(),
  action: z.string(),
  resource: z.string(),
  /** allowed | explicit-deny | implicit-deny | unknown */
  local: z.string(),
  /** allowed | explicit-deny | implicit-deny, or why IAM could not be asked. */
  remote: z.string(),
  /** Context keys IAM said it needed but were not given. */
  missingContextValues: z.array(z.string()),
  /** Whether AWS Organizations SCPs took part in IAM's answer. */
  organizationsAllowed: z.boolean().optional(),
});
export type SimulatedQuestion = z.infer<typeof SimulatedQuestion>;

export const IamSimulationFact = factSchema(z.array(SimulatedQuestion));
