import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { formatJunit } from '../../src/report/junit.js';
import { AWKWARD_MESSAGE, fixtureReport, LOG_GROUP_ARN, TASK_ARN } from './report-fixture.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses with saxes, a conforming XML 1.0 parser: it throws on anything not well-formed. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open = [root];
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    open.at(-1)!.children.push(element);
    open.push(element);
  });
  parser.on('closetag', () => open.pop());
  parser.on('text', (text) => {
    open.at(-1)!.text += text;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

function testcases(root: XmlElement): XmlElement[] {
  return root.children.flatMap((suite) => suite.children);
}

function testcase(root: XmlElement, name: string): XmlElement {
  const found = testcases(root).find((candidate) => candidate.attributes.name === name);
  if (!found) throw new Error(`no testcase ${name}`);
  return found;
}

describe('junit', () => {
  it('is well-formed XML with one testsuite per layer, in layer order', () => {
    const root = parseXml(formatJunit(fixtureReport()));
    expect(root.name).toBe('testsuites');
    expect(root.children.map((suite) => [suite.name, suite.attributes.name])).toEqual([
      ['testsuite', 'client'],
      ['testsuite', 'cluster'],
      ['testsuite', 'service'],
      ['testsuite', 'task'],
      ['testsuite', 'task-definition'],
      ['testsuite', 'task-role'],
      ['testsuite', 'logging'],
    ]);
  });

  it('has a testcase per check and resource, its class the layer', () => {
    const root = parseXml(formatJunit(fixtureReport()));
    const cases = testcases(root).map((element) => [element.attributes.classname, element.attributes.name]);
    expect(cases).toHaveLength(10);
    expect(cases).toContainEqual(['task', `task.exec-enabled ${TASK_ARN}`]);
    expect(cases).toContainEqual(['task-definition', 'task-definition.readonly-root-fs TaskDefinition']);
  });

  it('counts tests, failures, errors and skipped per suite and in total', () => {
    const root = parseXml(formatJunit(fixtureReport()));
    const counts = (element: XmlElement) => {
      const { tests, failures, errors, skipped } = element.attributes;
      return { tests, failures, errors, skipped };
    };
    expect(counts(root)).toEqual({ tests: '10', failures: '2', errors: '1', skipped: '3' });
    expect(root.children.map((suite) => [suite.attributes.name, counts(suite)])).toEqual([
      ['client', { tests: '1', failures: '0', errors: '0', skipped: '0' }],
      ['cluster', { tests: '2', failures: '0', errors: '1', skipped: '1' }],
      ['service', { tests: '1', failures: '0', errors: '0', skipped: '1' }],
      ['task', { tests: '1', failures: '1', errors: '0', skipped: '0' }],
      ['task-definition', { tests: '3', failures: '1', errors: '0', skipped: '0' }],
      ['task-role', { tests: '1', failures: '0', errors: '0', skipped: '1' }],
      ['logging', { tests: '1', failures: '0', errors: '0', skipped: '0' }],
    ]);
    for (const suite of root.children) {
      const cases = suite.children;
      expect(Number(suite.attributes.tests)).toBe(cases.length);
      expect(Number(suite.attributes.failures)).toBe(
        cases.filter((element) => child(element, 'failure')).length,
      );
      expect(Number(suite.attributes.errors)).toBe(cases.filter((element) => child(element, 'error')).length);
      expect(Number(suite.attributes.skipped)).toBe(
        cases.filter((element) => child(element, 'skipped')).length,
      );
    }
  });

  it('fails a failing finding with its message, its status as the type, and the fix in the body', () => {
    const failure = child(
      testcase(parseXml(formatJunit(fixtureReport())), `task.exec-enabled ${TASK_ARN}`),
      'failure',
    )!;
    expect(failure.attributes).toEqual({
      message: 'Task abc123 was started with enableExecuteCommand=false.',
      type: 'fail',
    });
    expect(failure.text).toBe(
      [
        'Task abc123 was started with enableExecuteCommand=false.',
        `Resource: ${TASK_ARN}`,
        'Fix: Enable exec on service web and force a new deployment; running tasks keep the old flag.',
        '  $ aws ecs update-service --cluster prod --service web --enable-execute-command --force-new-deployment --region us-east-1',
        '  CloudFormation: AWS::ECS::Service: EnableExecuteCommand: true',
        '  Terraform: aws_ecs_service: enable_execute_command = true',
        '  CDK: new ecs.FargateService(this, …, { enableExecuteCommand: true })',
        'Evidence: DescribeTasks: enableExecuteCommand=false',
      ].join('\n'),
    );
  });

  it('reports a check that broke as an error', () => {
    const root = parseXml(formatJunit(fixtureReport()));
    const error = child(
      testcase(root, 'cluster.kms-key-usable arn:aws:ecs:us-east-1:123456789012:cluster/prod'),
      'error',
    )!;
    expect(error.attributes).toEqual({
      message: 'The check failed: TypeError: key is undefined',
      type: 'error',
    });
  });

  it('skips skipped, suppressed and undecided findings, saying why', () => {
    const root = parseXml(formatJunit(fixtureReport()));
    const skipped = (name: string) => child(testcase(root, name), 'skipped')?.attributes.message;
    expect(skipped(`service.exec-enabled ${TASK_ARN}`)).toBe('The task was not started by a service.');
    expect(skipped('cluster.audit-logging arn:aws:ecs:us-east-1:123456789012:cluster/prod')).toBe(
      'suppressed (fail): Sessions are recorded by the bastion; see SEC-12.',
    );
    expect(skipped(`task-role.present ${TASK_ARN}`)).toBe('could not decide: needs iam:GetRole');
  });

  it('passes warnings unless --fail-on warn, which fails them', () => {
    const name = `logging.retention ${LOG_GROUP_ARN}`;
    const lenient = testcase(parseXml(formatJunit(fixtureReport())), name);
    expect(child(lenient, 'failure')).toBeUndefined();
    expect(child(lenient, 'system-out')!.text).toContain('Fix: Keep session logs for 90 days.');

    const strict = parseXml(formatJunit(fixtureReport({ failOn: 'warn' })));
    expect(child(testcase(strict, name), 'failure')!.attributes.type).toBe('warn');
    expect(strict.attributes.failures).toBe('4');
  });

  it('escapes markup, quotes, newlines and tabs, and replaces characters XML cannot hold', () => {
    const xml = formatJunit(fixtureReport({ failOn: 'warn' }));
    const failure = child(testcase(parseXml(xml), `logging.retention ${LOG_GROUP_ARN}`), 'failure')!;
    const expected = AWKWARD_MESSAGE.replace('\u0001', '\uFFFD');
    expect(failure.attributes.message).toBe(expected);
    expect(failure.text.startsWith(`${expected}\nResource: ${LOG_GROUP_ARN}`)).toBe(true);
    expect(xml).not.toContain('\u0001');
  });

  it('keeps carriage returns and lone surrogates from breaking the document', () => {
    const [finding] = fixtureReport().findings.filter((candidate) => candidate.status === 'fail');
    const report = fixtureReport({ findings: [{ ...finding!, message: 'a\r\nb \uD800 c \u{1F600}' }] });
    const failure = child(
      testcase(parseXml(formatJunit(report)), `${finding!.checkId} ${finding!.resource}`),
      'failure',
    )!;
    expect(failure.attributes.message).toBe('a\r\nb \uFFFD c \u{1F600}');
  });

  it('is an empty, valid document when there is nothing to report', () => {
    const root = parseXml(formatJunit(fixtureReport({ findings: [] })));
    expect(root.attributes).toEqual({
      name: 'ecs-exec-doctor check',
      tests: '0',
      failures: '0',
      errors: '0',
      skipped: '0',
    });
    expect(root.children).toEqual([]);
  });
});
