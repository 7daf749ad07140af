/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is CloudFormation’s syntax, the data under test. */
import { describe, expect, it } from 'vitest';
import { Resolver, type ResolverLinks } from '../../../src/sources/iac/cloudformation/intrinsics.js';
import { ResourceRef, Unresolved } from '../../../src/sources/iac/values.js';

const template = {
  Parameters: {
    Environment: { Type: 'String', Default: 'staging' },
    Port: { Type: 'Number', Default: 8080 },
    Subnets: { Type: 'CommaDelimitedList', Default: 'subnet-a, subnet-b' },
    ImageTag: { Type: 'String' },
    Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
  },
  Conditions: {
    IsProduction: { 'Fn::Equals': [{ Ref: 'Environment' }, 'production'] },
    IsStaging: { 'Fn::Not': [{ Condition: 'IsProduction' }] },
    HasTag: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ImageTag' }, ''] }] },
    EitherWay: { 'Fn::Or': [{ Condition: 'IsStaging' }, { Condition: 'HasTag' }] },
  },
  Mappings: { Size: { staging: { Cpu: '512' }, production: { Cpu: '2048' } } },
  Resources: {
    TaskRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Sub': 'orders-${Environment}' } } },
    AnonymousRole: { Type: 'AWS::IAM::Role', Properties: {} },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/ecs/orders' } },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Key: { Type: 'AWS::KMS::Key', Properties: {} },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
  },
};

const noLinks: ResolverLinks = { importValue: () => undefined, nestedOutput: () => undefined };

function resolver(environment = {}) {
  return new Resolver({ scope: 'template.yaml', template, environment }, noLinks);
}

describe('Resolver', () => {
  it('reads a parameter’s default, and leaves a parameter without one unresolved', () => {
    const resolve = resolver();
    expect(resolve.resolve({ Ref: 'Environment' })).toBe('staging');
    expect(resolve.resolve({ Ref: 'Port' })).toBe('8080');
    expect(resolve.resolve({ Ref: 'Subnets' })).toEqual(['subnet-a', 'subnet-b']);
    const open = resolve.resolve({ Ref: 'ImageTag' });
    expect(open).toBeInstanceOf(Unresolved);
    expect(open).toMatchObject({ reason: 'parameter ImageTag has no default', rendering: '${ImageTag}' });
  });

  it('never takes an SSM parameter type’s default (the parameter name) for its value', () => {
    expect(resolver().resolve({ Ref: 'Version' })).toMatchObject({
      reason: 'parameter Version is read from SSM at deploy time',
    });
  });

  it('links Ref and GetAtt of a role to the role: its logical id is its ARN in lint mode', () => {
    const resolve = resolver();
    expect(resolve.resolve({ 'Fn::GetAtt': ['TaskRole', 'Arn'] })).toEqual(
      new ResourceRef('template.yaml', 'TaskRole', 'TaskRole'),
    );
    expect(resolve.resolve({ Ref: 'TaskRole' })).toEqual(
      new ResourceRef('template.yaml', 'TaskRole', 'orders-staging'),
    );
    expect(resolve.resolve({ Ref: 'AnonymousRole' })).toEqual(
      new ResourceRef('template.yaml', 'AnonymousRole', 'AnonymousRole'),
    );
    expect(resolve.resolve({ Ref: 'Key' })).toEqual(new ResourceRef('template.yaml', 'Key', 'Key'));
  });

  it('leaves attributes CloudFormation generates unresolved', () => {
    expect(resolver().resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toMatchObject({
      reason: 'Queue.Arn is known only after deploy',
    });
  });

  it('substitutes ${AWS::Region} and ${Param} in Fn::Sub when the files decide them', () => {
    expect(
      resolver({ region: 'eu-west-1' }).resolve({ 'Fn::Sub': '/ecs/${Environment}/${AWS::Region}' }),
    ).toBe('/ecs/staging/eu-west-1');
    expect(resolver().resolve({ 'Fn::Sub': ['${Name}-${!Literal}', { Name: { Ref: 'Environment' } }] })).toBe(
      'staging-${Literal}',
    );
    const open = resolver().resolve({ 'Fn::Sub': '/ecs/${Environment}/${AWS::Region}' });
    expect(open).toMatchObject({
      reason: 'AWS::Region is decided at deploy time',
      rendering: '/ecs/staging/${AWS::Region}',
    });
  });

  it('keeps a reference through a Sub or Join of it alone, and builds ARNs in policy documents', () => {
    expect(resolver().resolve({ 'Fn::Sub': '${TaskRole.Arn}' })).toEqual(
      new ResourceRef('template.yaml', 'TaskRole', 'TaskRole'),
    );
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: 'Bucket' }, '/*']] };
    expect(resolver().resolve(arn)).toBeInstanceOf(Unresolved);
    expect(resolver().resolve(arn, true)).toBe('arn:aws:s3:::Bucket/*');
    expect(resolver({ partition: 'aws-cn' }).resolve(arn)).toBe('arn:aws-cn:s3:::Bucket/*');
    expect(resolver().resolve({ 'Fn::GetAtt': ['Logs', 'Arn'] }, true)).toEqual(
      new ResourceRef('template.yaml', 'Logs', 'arn:aws:logs:unknown:unknown:log-group:/ecs/orders:*'),
    );
  });

  it('joins, selects and splits', () => {
    const resolve = resolver();
    expect(resolve.resolve({ 'Fn::Join': ['-', ['orders', { Ref: 'Environment' }, 'exec']] })).toBe(
      'orders-staging-exec',
    );
    expect(resolve.resolve({ 'Fn::Select': [1, { Ref: 'Subnets' }] })).toBe('subnet-b');
    expect(resolve.resolve({ 'Fn::Split': [',', 'a,b'] })).toEqual(['a', 'b']);
    expect(resolve.resolve({ 'Fn::FindInMap': ['Size', { Ref: 'Environment' }, 'Cpu'] })).toBe('512');
    expect(resolve.resolve({ 'Fn::Join': ['-', ['orders', { Ref: 'ImageTag' }]] })).toMatchObject({
      rendering: 'orders-${ImageTag}',
    });
  });

  it('picks the Fn::If branch of a decided condition, and drops AWS::NoValue', () => {
    const resolve = resolver();
    expect(resolve.resolve({ 'Fn::If': ['IsProduction', 'Enabled', 'Suspended'] })).toBe('Suspended');
    expect(resolve.resolve({ 'Fn::If': ['IsStaging', true, false] })).toBe(true);
    expect(resolve.resolve({ 'Fn::If': ['EitherWay', 'yes', 'no'] })).toBe('yes');
    expect(resolve.resolve({ A: { 'Fn::If': ['IsProduction', 1, { Ref: 'AWS::NoValue' }] }, B: 2 })).toEqual({
      B: 2,
    });
    expect(resolve.resolve([1, { Ref: 'AWS::NoValue' }, 3])).toEqual([1, 3]);
  });

  it('leaves Fn::If on an undecided condition unresolved, unless both branches agree', () => {
    const resolve = resolver();
    const open = resolve.resolve({ 'Fn::If': ['HasTag', true, false] });
    expect(open).toBeInstanceOf(Unresolved);
    expect((open as Unresolved).reason).toBe(
      'depends on condition HasTag, which the files do not decide (parameter ImageTag has no default)',
    );
    expect(resolve.resolve({ 'Fn::If': ['HasTag', 'same', 'same'] })).toBe('same');
    expect(resolve.condition('HasTag')).toBeInstanceOf(Unresolved);
  });

  it('reads the region, account and partition the environment gives, else leaves them open', () => {
    expect(resolver({ accountId: '111122223333' }).resolve({ Ref: 'AWS::AccountId' })).toBe('111122223333');
    expect(resolver().resolve({ Ref: 'AWS::StackName' })).toBeInstanceOf(Unresolved);
    expect(resolver().resolve({ Ref: 'AWS::AccountId' }, true)).toBe('unknown');
    expect(resolver().resolve({ 'Fn::GetAZs': '' })).toMatchObject({
      reason: 'Fn::GetAZs is evaluated at deploy time',
    });
  });

  it('asks the other templates of the run for an imported value', () => {
    const links: ResolverLinks = {
      importValue: (name) => (name === 'network-VpcId' ? 'vpc-0abc' : undefined),
      nestedOutput: () => undefined,
    };
    const resolve = new Resolver({ scope: 't.yaml', template, environment: {} }, links);
    expect(resolve.resolve({ 'Fn::ImportValue': 'network-VpcId' })).toBe('vpc-0abc');
    expect(resolve.resolve({ 'Fn::ImportValue': 'other' })).toMatchObject({
      reason: 'export other is not in the linted files',
    });
  });
});
