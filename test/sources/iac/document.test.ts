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
    expect(() => parseSource('t.yaml', 'A: 1\nA: 2\n')).toThrowError(/^t\.yaml:2:1: Map keys must be unique/);
  });
});
