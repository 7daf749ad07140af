import { describe, expect, it } from 'vitest';
import { detectInputType } from '../../../src/sources/iac/index.js';

describe('detectInputType', () => {
  it.each([
    [
      'a CloudFormation template',
      { AWSTemplateFormatVersion: '2010-09-09', Resources: {} },
      'cloudformation',
    ],
    [
      'a template without a version',
      { Resources: { Cluster: { Type: 'AWS::ECS::Cluster' } } },
      'cloudformation',
    ],
    [
      'a Terraform plan',
      { format_version: '1.2', planned_values: {}, resource_changes: [] },
      'terraform-plan',
    ],
    [
      'a Terraform state',
      { format_version: '1.0', terraform_version: '1.9.8', values: {} },
      'terraform-plan',
    ],
    ['a CDK manifest', { version: '36.0.0', artifacts: {} }, 'cdk'],
    ['register-task-definition input', { family: 'web', containerDefinitions: [] }, 'taskdef'],
    [
      'describe-task-definition output',
      { taskDefinition: { family: 'web', containerDefinitions: [] } },
      'taskdef',
    ],
    ['create-service input', { serviceName: 'web', taskDefinition: 'web' }, 'service'],
    ['an ecspresso service definition', { desiredCount: 1, launchType: 'FARGATE' }, 'service'],
    ['describe-services output', { services: [{ serviceName: 'web' }], failures: [] }, 'service'],
  ])('recognises %s', (_, value, type) => {
    expect(detectInputType(value)).toBe(type);
  });

  it.each([
    ['package.json', { name: 'app', version: '1.0.0', dependencies: {} }],
    ['a CDK asset manifest', { version: '36.0.0', files: {}, dockerImages: {} }],
    ['a Kubernetes manifest', { apiVersion: 'v1', kind: 'Service' }],
    ['a list', [1, 2]],
    ['a scalar', 'text'],
  ])('does not take %s for an input', (_, value) => {
    expect(detectInputType(value)).toBeUndefined();
  });
});
