/**
 * A pure, offline evaluator of AWS IAM policies: may principal P perform action A on resource R
 * with context C, given its identity policies, permissions boundary, session policy, SCPs, RCPs and
 * the resource policy (e.g. a KMS key policy)?
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export { PolicyError } from './errors.js';
export { evaluate } from './evaluate.js';
export { type ParsedPolicy, parsePolicy } from './parse.js';
export { PolicyDocument, PolicyStatement, PrincipalElement } from './policy-schema.js';
export { refusalText, requirementsText, resourceTagKey } from './refusal-text.js';
export type {
  AuthorizationRequest,
  ConditionRefusal,
  ContextValue,
  Decision,
  Evaluation,
  FailedCondition,
  NamedPolicy,
  PolicyInputs,
  PolicyLayer,
  RequestPrincipal,
  StatementRef,
} from './types.js';
