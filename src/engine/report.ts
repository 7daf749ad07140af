import type { Status } from '../checks/types.js';
import type { ExecTarget } from '../model/index.js';
import type { Finding } from './finding.js';
import { countByStatus } from './run.js';
import { blockingProblems, exitCodeFor, type FailOn } from './verdict.js';

/** What was judged, in a line a person recognizes. */
export interface TargetSummary {
  resource: string;
  cluster?: string;
  task?: string;
  taskDefinition?: string;
  region: string;
}

/** Everything a reporter needs; reporters are pure functions of it. */
export interface Report {
  command: 'check' | 'lint';
  toolVersion: string;
  generatedAt: string;
  targets: TargetSummary[];
  findings: Finding[];
  counts: Record<Status, number>;
  /** Failures (exec or its audit trail will not work), most fundamental first. */
  blocking: Finding[];
  /** Why the run is incomplete (credentials, network), if it is. */
  problems: string[];
  failOn: FailOn;
  exitCode: number;
}

export function summarizeTarget(target: ExecTarget): TargetSummary {
  const summary: TargetSummary = {
    resource:
      target.task?.arn ??
      (target.taskDefinition.known
        ? (target.taskDefinition.value.arn ?? target.taskDefinition.value.family)
        : 'task definition'),
    region: target.region,
  };
  if (target.cluster.known) summary.cluster = target.cluster.value.name;
  if (target.task) summary.task = target.task.id;
  if (target.taskDefinition.known) {
    const { family, revision } = target.taskDefinition.value;
    summary.taskDefinition = revision === undefined ? family : `${family}:${revision}`;
  }
  return summary;
}

export function buildReport(input: {
  command: 'check' | 'lint';
  toolVersion: string;
  now: Date;
  targets: readonly ExecTarget[];
  findings: Finding[];
  problems: string[];
  failOn: FailOn;
}): Report {
  return {
    command: input.command,
    toolVersion: input.toolVersion,
    generatedAt: input.now.toISOString(),
    targets: input.targets.map(summarizeTarget),
    findings: input.findings,
    counts: countByStatus(input.findings),
    blocking: blockingProblems(input.findings),
    problems: input.problems,
    failOn: input.failOn,
    exitCode: exitCodeFor(input.findings, input.failOn, input.problems.length > 0),
  };
}
