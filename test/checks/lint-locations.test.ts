import { beforeAll, describe, expect, it } from 'vitest';
import { builtInChecks } from '../../src/checks/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import type { Finding } from '../../src/engine/finding.js';
import { runChecks } from '../../src/engine/run.js';
import { collectIacTargets } from '../../src/sources/iac/index.js';
import { defaultContext } from '../support/targets.js';

/**
 * Lint findings name the file, line and column of the property at fault (or, where the files do not
 * declare it, of the nearest enclosing property or the resource), through the real IaC source over
 * fixtures/iac and the engine.
 */

const FIXTURES = 'fixtures/iac';
const lintChecks = builtInChecks.filter((check) => check.modes.includes('lint'));
const requireExec: CheckContext = { ...defaultContext, options: { requireExec: true } };

async function lintFindings(context: CheckContext): Promise<Finding[]> {
  const { targets } = await collectIacTargets([FIXTURES]);
  return runChecks(targets, lintChecks, context);
}

/**
 * `file:line:column` of the one finding of `checkId` on `resource` whose message matches (and, where
 * several files declare a resource of that id, in `file`).
 */
function locationOf(
  findings: Finding[],
  checkId: string,
  resource: string,
  message: RegExp,
  file?: string,
): string {
  const matching = findings.filter(
    (finding) =>
      finding.checkId === checkId &&
      finding.resource === resource &&
      message.test(finding.message) &&
      (!file || finding.location?.file.endsWith(file)),
  );
  expect(matching, `${checkId} on ${resource} matching ${message}`).toHaveLength(1);
  const { location } = matching[0]!;
  return location ? `${location.file}:${location.line}:${location.column}` : 'no location';
}

describe('lint findings over fixtures/iac', () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await lintFindings(requireExec);
  });

  it('point at readonlyRootFilesystem in a CloudFormation YAML template', () => {
    expect(locationOf(findings, 'task-definition.readonly-root-fs', 'TaskDefinition', /`orders`/)).toBe(
      `${FIXTURES}/cloudformation/ecs-exec.yaml:188:11`,
    );
  });

  it('point at readonlyRootFilesystem in a task definition JSON file', () => {
    expect(locationOf(findings, 'task-definition.readonly-root-fs', 'legacy-api', /`api`/)).toBe(
      `${FIXTURES}/task-definitions/legacy-api.json:18:7`,
    );
  });

  it("point at a service's EnableExecuteCommand, in a template and in a plan", () => {
    expect(locationOf(findings, 'service.exec-enabled', 'Service', /orders/)).toBe(
      `${FIXTURES}/cloudformation/ecs-exec.yaml:222:7`,
    );
    expect(locationOf(findings, 'service.exec-enabled', 'aws_ecs_service.app', /payments/)).toBe(
      `${FIXTURES}/terraform/plain/plan.json:209:13`,
    );
  });

  it("point at the cluster's exec logging setting", () => {
    expect(locationOf(findings, 'cluster.audit-logging', 'Cluster3F3BAD43', /logging=DEFAULT/)).toBe(
      `${FIXTURES}/cdk-nested/cdk.out/PlatformStack.template.json:9:7`,
    );
    expect(locationOf(findings, 'cluster.audit-logging', 'Cluster', /Sessions are recorded/)).toBe(
      `${FIXTURES}/cloudformation/ecs-exec.yaml:98:11`,
    );
  });

  it('point at Terraform properties: a container definition’s (the container_definitions string is one value, so its resource) and pid_mode', () => {
    expect(locationOf(findings, 'task-definition.init-process', 'aws_ecs_task_definition.app', /`app`/)).toBe(
      `${FIXTURES}/terraform/plain/plan.json:169:9`,
    );
    expect(
      locationOf(findings, 'task-definition.pid-mode', 'aws_ecs_task_definition.app', /pidMode=task/),
    ).toBe(`${FIXTURES}/terraform/plain/plan.json:182:13`);
  });

  it('point at the resource, or the nearest enclosing property, when the property is missing', () => {
    expect(
      locationOf(findings, 'task-definition.pid-mode', 'TaskDefinition', /not set/, 'ecs-exec.yaml'),
    ).toBe(`${FIXTURES}/cloudformation/ecs-exec.yaml:164:3`);
    // No KmsKeyId: the ExecuteCommandConfiguration that lacks it.
    expect(locationOf(findings, 'cluster.session-encryption', 'Cluster3F3BAD43', /sets no kmsKeyId/)).toBe(
      `${FIXTURES}/cdk-nested/cdk.out/PlatformStack.template.json:8:6`,
    );
  });

  it('point at an entry the files leave open, through its list, and answer unknown for it', () => {
    const finding = findings.find(
      (candidate) => candidate.checkId === 'task-definition.proxy' && candidate.resource === 'TaskDefinition',
    );
    expect(finding).toMatchObject({
      status: 'unknown',
      message: expect.stringContaining(
        'containerDefinitions[orders].environment[2]: depends on condition HasDatabaseHost',
      ),
      location: { file: `${FIXTURES}/cloudformation/ecs-exec.yaml`, line: 194, column: 11 },
    });
  });

  it('point at the service property naming a cluster the files do not hold', () => {
    expect(
      locationOf(
        findings,
        'cluster.session-encryption',
        'legacy-api',
        /cluster legacy is not in the linted files/,
      ),
    ).toBe(`${FIXTURES}/services/legacy-api-service.json:2:3`);
  });

  for (const [name, context] of [
    ['exec required', requireExec],
    ['exec not required', defaultContext],
  ] as const) {
    it(`give every finding that is not a pass a location (${name})`, async () => {
      const unlocated = (await lintFindings(context))
        .filter((finding) => finding.status !== 'pass' && !finding.location)
        .map((finding) => `${finding.checkId} ${finding.status} on ${finding.resource}: ${finding.message}`);
      expect(unlocated).toEqual([]);
    });
  }
});
