/**
 * A policy that is not valid JSON or not a valid IAM policy. The message names the policy and,
 * when one is at fault, the statement (by index from 0, and Sid when it has one).
 */
export class PolicyError extends Error {
  readonly policy: string;
  readonly statementIndex: number | undefined;

  constructor(policy: string, detail: string, statement?: { index: number; sid?: string | undefined }) {
    const where = statement
      ? ` statement ${statement.index}${statement.sid ? ` (Sid "${statement.sid}")` : ''}`
      : '';
    super(`policy "${policy}"${where}: ${detail}`);
    this.name = 'PolicyError';
    this.policy = policy;
    this.statementIndex = statement?.index;
  }
}
