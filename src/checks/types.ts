import type { ContextValue, Decision } from '../iam/index.js';
import type { ExecTarget, SourceLocation } from '../model/index.js';

export type Status = 'pass' | 'fail' | 'warn' | 'info' | 'skip' | 'unknown' | 'error' | 'suppressed';
export type Layer =
  | 'client'
  | 'caller'
  | 'cluster'
  | 'service'
  | 'task'
  | 'task-definition'
  | 'task-role'
  | 'kms'
  | 'logging'
  | 'network'
  | 'hardening';
/** readiness: exec fails without it; audit: exec works but the audit trail is missing or weak. */
export type Suite = 'readiness' | 'audit' | 'hardening';
export type Mode = 'live' | 'lint';

/**
 * Facts that cost extra calls, read only when a selected check needs them: the machine's AWS
 * CLI and plugin, IAM and KMS key policies, and the task's network path.
 */
export type FactGroup = 'client' | 'policies' | 'network';

/** How to fix a failing finding: one line, and where it applies the exact command and IaC property. */
export interface Fix {
  summary: string;
  /** A ready-to-run command with the user's real names filled in. */
  cli?: string;
  cloudformation?: string;
  terraform?: string;
  cdk?: string;
}

interface ResultBase {
  /** An ARN, a CloudFormation logical id or a Terraform address. */
  resource: string;
  /** Names the concrete thing: "container `web` has readonlyRootFilesystem=true". */
  message: string;
  evidence?: string[];
  /**
   * The property at fault, as a model path (`containerDefinitions[web].readonlyRootFilesystem`).
   * In lint mode the engine turns it into the file, line and column where it was declared, or
   * where the resource was declared when the property is missing.
   */
  property?: string;
  location?: SourceLocation;
}

/** What a check returns. The engine adds the check's id, title, layer and suite. */
export type CheckResult =
  | (ResultBase & { status: 'pass'; evidence: [string, ...string[]] })
  | (ResultBase & { status: 'fail' | 'warn'; fix: Fix })
  | (ResultBase & { status: 'info'; fix?: Fix })
  | (ResultBase & { status: 'skip' })
  /** `needs`: the permission or input that would decide it. */
  | (ResultBase & { status: 'unknown'; needs?: string });

export interface CheckOptions {
  /** Lint: exec must be enabled (`--require-exec`). */
  requireExec: boolean;
}

/** One IAM question a check asked the local evaluator, and its answer (for `--iam-simulate`). */
export interface IamObservation {
  /** The role or user whose policies were judged (a session's role). */
  principalArn: string;
  action: string;
  resource: string;
  context: Record<string, ContextValue>;
  decision: Decision;
  /** Judged together with a resource policy (a KMS key policy), which IAM's simulator cannot do for roles. */
  withResourcePolicy: boolean;
}

export interface CheckContext {
  options: CheckOptions;
  now: Date;
  /** Told every IAM question the checks evaluate; `check --iam-simulate` asks IAM the same ones. */
  observeIam?: (observation: IamObservation) => void;
}

export interface CheckReferences {
  docs: string[];
  securityHub?: string[];
  checkov?: string[];
}

/**
 * Static documentation of a check, for `docs/checks/<id>.md` and `explain <id>`: what passes, what
 * fails, and how to fix it in each tool, with placeholder names (CLUSTER, SERVICE, TASK_ID,
 * TASK_DEFINITION, CONTAINER, REGION…) where a finding's fix has the user's real ones.
 */
export interface CheckDocs {
  passes: string;
  /** What fails, and what only warns or is unknown. */
  fails: string;
  fix: { cli?: string; cloudformation?: string; terraform?: string; cdk?: string };
  /** When the check answers `skip`. */
  notApplicable?: string;
}

export interface Check {
  /** Stable, lower-case, dotted by layer. Never changes; see CHECKS.md. */
  id: string;
  /** Former ids, still accepted by --only/--skip and suppressions. */
  aliases?: string[];
  /** One line that states the requirement. */
  title: string;
  layer: Layer;
  suite: Suite;
  modes: Mode[];
  /** Why it matters, for `explain <id>` and the docs. */
  rationale: string;
  references: CheckReferences;
  /** The costly fact groups this check reads (see FactGroup); the rest are always collected. */
  needs?: FactGroup[];
  docs?: CheckDocs;
  run(target: ExecTarget, context: CheckContext): CheckResult[];
}

/** The public helper for built-in and plugin checks alike: it only types the object. */
export function defineCheck(check: Check): Check {
  return check;
}
