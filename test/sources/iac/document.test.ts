/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is CloudFormation’s syntax, the data under test. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/engine/errors.js';
import { parseSource } from '../../../src/sources/iac/document.js';

describe('parseSource', () => {
  it('turns CloudFormation short-form tags into the long form', () => {
    const document = parseSource(
      'template.yaml',
      [
        'Role: !GetAtt TaskRole.Arn',
        'Listed: !GetAtt [Bucket, Arn]',
        'Name: !Sub "${AWS::StackName}-web"',
        'Parts: !Join ["", [a, !Ref B]]',
        'Either: !If [IsProd, !Ref AWS::NoValue, 3]',
        'Same: !Condition IsProd',
        'Dotted: !GetAtt Stack.Outputs.ClusterArn',
      ].join('\n'),
    );
    expect(document.value).toEqual({
      Role: { 'Fn::GetAtt': ['TaskRole', 'Arn'] },
      Listed: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      Name: { 'Fn::Sub': '${AWS::StackName}-web' },
      Parts: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      Either: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 3] },
      Same: { Condition: 'IsProd' },
      Dotted: { 'Fn::GetAtt': ['Stack', 'Outputs.ClusterArn'] },
    });
  });

  it('locates a key in YAML by JSON pointer, through short-form tags and up to the nearest ancestor', () => {
    const document = parseSource(
      'template.yaml',
      'Resources:\n  Service:\n    Properties:\n      EnableExecuteCommand: !If [IsProd, false, true]\n',
    );
    expect(document.locate('/Resources/Service/Properties/EnableExecuteCommand')).toEqual({
      file: 'template.yaml',
      line: 4,
      column: 7,
      pointer: '/Resources/Service/Properties/EnableExecuteCommand',
    });
    expect(document.locate('/Resources/Service/Properties/EnableExecuteCommand/Fn::If/2')).toMatchObject({
      line: 4,
      column: 49,
    });
    expect(document.locate('/Resources/Service/Properties/Missing/Deeper')).toMatchObject({
      line: 3,
      column: 5,
      pointer: '/Resources/Service/Properties',
    });
  });

  it('locates keys and items in JSON, with escaped pointer segments', () => {
    const document = parseSource('plan.json', '{\n  "a/b": [\n    {"c": 1},\n    {"d~e": true}\n  ]\n}\n');
    expect(document.value).toEqual({ 'a/b': [{ c: 1 }, { 'd~e': true }] });
    expect(document.locate('/a~1b/1/d~0e')).toMatchObject({ line: 4, column: 6 });
    expect(document.locate('/a~1b/0')).toMatchObject({ line: 3, column: 5 });
  });

  it('reads JSON strings with escapes and numbers exactly', () => {
    const document = parseSource('x.json', '{"s": "a\\"b\\u00e9", "n": -1.5e2, "z": null, "t": false}');
    expect(document.value).toEqual({ s: 'a"bé', n: -150, z: null, t: false });
  });

  it('reports a JSON syntax error on one line with the file, line and column', () => {
    expect(() => parseSource('plan.json', '{\n  "a": 1\n  "b": 2\n}')).toThrowError(
      new UsageError("plan.json:3:3: Expected ',' or '}' after property value"),
    );
    expect(() => parseSource('plan.json', '{"format_version": "1.2", "planned_values": tru}')).toThrowError(
      /^plan\.json:1:\d+: Unexpected token/,
    );
  });

  it('reports a YAML syntax error on one line with the file, line and column', () => {
    const error = (() => {
      try {
        parseSource(
          'template.yaml',
          'Resources:\n  Cluster:\n    Type: AWS::ECS::Cluster\n   Properties: {}\n',
        );
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a syntax error');
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^template\.yaml:4:\d+: /);
    expect(error.message).not.toContain('\n');
  });

  it('rejects duplicate keys', () => {
    expect(() => parseSource('t.yaml', 'A: 1\nA: 2\n')).toThrowError(
      new UsageError('t.yaml:2:1: duplicated mapping key'),
    );
  });

  it('locates quoted keys at their quote, tagged items at their tag, and items of block sequences', () => {
    const document = parseSource(
      'template.yaml',
      [
        'Resources:',
        '  "Task Def":',
        '    Properties:',
        "      'Family': web",
        '      Containers:',
        '        - Name: app',
        '        - !Ref Sidecar',
      ].join('\n'),
    );
    const at = (pointer: string) => {
      const { line, column } = document.locate(`/Resources/Task Def${pointer}`);
      return [line, column];
    };
    expect(
      ['', '/Properties/Family', '/Properties/Containers/0/Name', '/Properties/Containers/1'].map(at),
    ).toEqual([
      [2, 3],
      [4, 7],
      [6, 11],
      [7, 11],
    ]);
    // Through the short-form tag: `!Ref Sidecar` is `{Ref: Sidecar}`, declared at the tag.
    expect(document.locate('/Resources/Task Def/Properties/Containers/1/Ref')).toMatchObject({
      line: 7,
      column: 11,
      pointer: '/Resources/Task Def/Properties/Containers/1/Ref',
    });
  });

  it('reads anchors and aliases, keeps the plain value of other tags, and reads an empty file as null', () => {
    const document = parseSource(
      'template.yaml',
      [
        'Base: &base {Cpu: 256}',
        'Copy: *base',
        'Job: !reference [.setup, script]',
        'Py: !!python/name:x ""',
      ].join('\n'),
    );
    expect(document.value).toEqual({
      Base: { Cpu: 256 },
      Copy: { Cpu: 256 },
      Job: ['.setup', 'script'],
      Py: '',
    });
    expect(document.locate('/Copy/Cpu')).toMatchObject({ line: 1, column: 14 });
    expect(parseSource('empty.yaml', '').value).toBeNull();
  });

  it('refuses a file of several documents, naming where the second begins', () => {
    expect(() => parseSource('t.yaml', 'A: 1\n---\nB: 2\n')).toThrowError(
      new UsageError('t.yaml:3:1: expected one YAML document, found 2'),
    );
  });
});
