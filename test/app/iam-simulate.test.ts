import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/app/check.js';
import { builtInChecks } from '../../src/checks/index.js';
import type { AwsApi } from '../../src/sources/aws/api.js';
import { Snapshot } from '../../src/sources/aws/snapshot.js';

const snapshot = Snapshot.parse(
  JSON.parse(readFileSync(new URL('../../fixtures/snapshots/healthy-fargate.json', import.meta.url), 'utf8')),
);
const settings = {
  checks: builtInChecks,
  selection: { suite: 'all' as const, only: [], skip: [] },
  failOn: 'fail' as const,
  requireExec: true,
  suppress: [],
  severity: {},
};
const CROSS_CHECK = 'caller.iam-simulate-cross-check';

/**
 * IAM's answer, shaped as SimulatePrincipalPolicy returns it:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
function simulatorSaying(decide: (action: string) => string, asked: unknown[]) {
  return (replay: AwsApi): AwsApi => ({
    defaultRegion: () => replay.defaultRegion(),
    async call(operation, input, region) {
      if (operation !== 'iam:SimulatePrincipalPolicy') return replay.call(operation, input, region);
      asked.push(input);
      const { ActionNames, ResourceArns } = input as { ActionNames: string[]; ResourceArns: string[] };
      const decision = decide(ActionNames[0]!);
      return {
        EvaluationResults: [
          {
            EvalActionName: ActionNames[0],
            EvalResourceName: ResourceArns[0],
            EvalDecision: decision,
            MatchedStatements: [],
            MissingContextValues: [],
            ...(decision === 'implicitDeny'
              ? { OrganizationsDecisionDetail: { AllowedByOrganizations: false } }
              : {}),
          },
        ],
        IsTruncated: false,
      } as never;
    },
  });
}

async function run(iamSimulate: boolean, decide: (action: string) => string) {
  const asked: unknown[] = [];
  const { report } = await runCheck({
    request: snapshot.request,
    source: { kind: 'snapshot', snapshot, wrap: simulatorSaying(decide, asked) },
    settings,
    iamSimulate,
  });
  return { findings: report.findings.filter((finding) => finding.checkId === CROSS_CHECK), asked };
}

describe('check --iam-simulate', () => {
  it('without the flag: skipped, and IAM is never asked', async () => {
    const { findings, asked } = await run(false, () => 'allowed');
    expect(findings.map((finding) => finding.status)).toEqual(['skip']);
    expect(asked).toEqual([]);
  });

  it('passes with evidence when IAM agrees, asking each question once with the same context entries', async () => {
    // The healthy world grants everything exec needs, and denies the session that would bypass it.
    const { findings, asked } = await run(true, (action) =>
      action === 'ssm:StartSession' ? 'explicitDeny' : 'allowed',
    );
    expect(findings.map((finding) => finding.status)).toEqual(['pass']);
    expect(findings[0]!.evidence.join('\n')).toContain('ecs:ExecuteCommand');
    const execute = asked.find(
      (input) => (input as { ActionNames: string[] }).ActionNames[0] === 'ecs:ExecuteCommand',
    ) as {
      ContextEntries: { ContextKeyName: string; ContextKeyType: string; ContextKeyValues: string[] }[];
    };
    expect(execute.ContextEntries).toContainEqual({
      ContextKeyName: 'aws:RequestedRegion',
      ContextKeyType: 'string',
      ContextKeyValues: ['us-east-1'],
    });
    const keys = asked.map((input) => JSON.stringify(input));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reports a disagreement as info with both answers and the likely reason', async () => {
    const { findings } = await run(true, (action) =>
      action === 'ecs:ExecuteCommand' ? 'implicitDeny' : 'allowed',
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.status === 'info')).toBe(true);
    expect(findings[0]!.message).toMatch(
      /ecs:ExecuteCommand on .*: local evaluation says allowed, IAM's simulator says implicit-deny \(IAM says an AWS Organizations SCP denies it/,
    );
  });

  it('is unknown, naming the permission, when IAM refuses the simulator', async () => {
    const asked: unknown[] = [];
    const refusing = (replay: AwsApi): AwsApi => ({
      defaultRegion: () => replay.defaultRegion(),
      call(operation, input, region) {
        if (operation !== 'iam:SimulatePrincipalPolicy') return replay.call(operation, input, region);
        asked.push(input);
        const error = Object.assign(
          new Error('User is not authorized to perform: iam:SimulatePrincipalPolicy'),
          {
            name: 'AccessDenied',
            $metadata: { httpStatusCode: 403 },
          },
        );
        return Promise.reject(error);
      },
    });
    const { report } = await runCheck({
      request: snapshot.request,
      source: { kind: 'snapshot', snapshot, wrap: refusing },
      settings,
      iamSimulate: true,
    });
    const [finding] = report.findings.filter((candidate) => candidate.checkId === CROSS_CHECK);
    expect(finding?.status).toBe('unknown');
    expect(finding?.needs).toBe('iam:SimulatePrincipalPolicy');
  });
});
