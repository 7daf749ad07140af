// Times the IaC source on a large CloudFormation template: 2,000 resources, mostly ECS services,
// each with its task definition and task role (with an inline policy), over a few clusters with
// exec logging to KMS, CloudWatch Logs and S3. Target: the whole `lint` in under 2 s.
// JSON by default, as the CDK writes the largest templates; `--yaml` writes YAML instead.
// Run after `npm run build`: node bench/lint-large-template.mjs [--yaml]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dump } from 'js-yaml';
import { runLint } from '../dist/app/lint.js';
import { builtInChecks } from '../dist/checks/index.js';
import { formatSarif } from '../dist/report/sarif.js';
import { formatText } from '../dist/report/text.js';

const RESOURCES = 2000;
const CLUSTERS = 4;

function execDestinations(index) {
  return {
    [`Key${index}`]: {
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true },
    },
    [`ExecLogs${index}`]: {
      Type: 'AWS::Logs::LogGroup',
      Properties: {
        LogGroupName: `/ecs/cluster-${index}/exec`,
        KmsKeyId: { 'Fn::GetAtt': [`Key${index}`, 'Arn'] },
        RetentionInDays: 365,
      },
    },
    [`ExecBucket${index}`]: {
      Type: 'AWS::S3::Bucket',
      Properties: { VersioningConfiguration: { Status: 'Enabled' } },
    },
    [`Cluster${index}`]: {
      Type: 'AWS::ECS::Cluster',
      Properties: {
        ClusterName: { 'Fn::Sub': `\${Environment}-${index}` },
        Configuration: {
          ExecuteCommandConfiguration: {
            KmsKeyId: { Ref: `Key${index}` },
            Logging: 'OVERRIDE',
            LogConfiguration: {
              CloudWatchLogGroupName: { Ref: `ExecLogs${index}` },
              CloudWatchEncryptionEnabled: true,
              S3BucketName: { Ref: `ExecBucket${index}` },
              S3EncryptionEnabled: true,
            },
          },
        },
      },
    },
  };
}

function service(index) {
  const cluster = `Cluster${index % CLUSTERS}`;
  return {
    [`Role${index}`]: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'exec',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:OpenDataChannel'],
                  Resource: '*',
                },
                {
                  Effect: 'Allow',
                  Action: 'kms:Decrypt',
                  Resource: { 'Fn::GetAtt': [`Key${index % CLUSTERS}`, 'Arn'] },
                },
              ],
            },
          },
        ],
      },
    },
    [`TaskDefinition${index}`]: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: { 'Fn::Sub': `\${Environment}-svc-${index}` },
        RequiresCompatibilities: ['FARGATE'],
        NetworkMode: 'awsvpc',
        TaskRoleArn: { 'Fn::GetAtt': [`Role${index}`, 'Arn'] },
        ContainerDefinitions: [
          {
            Name: 'app',
            Image: {
              'Fn::Sub': `\${AWS::AccountId}.dkr.ecr.\${AWS::Region}.amazonaws.com/svc-${index}:latest`,
            },
            LinuxParameters: { InitProcessEnabled: true },
            PortMappings: [{ ContainerPort: 8080 }],
            Environment: [{ Name: 'SERVICE', Value: `svc-${index}` }],
            LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': `/ecs/svc-${index}` } },
          },
        ],
      },
    },
    [`Service${index}`]: {
      Type: 'AWS::ECS::Service',
      Properties: {
        Cluster: { Ref: cluster },
        TaskDefinition: { Ref: `TaskDefinition${index}` },
        EnableExecuteCommand: { 'Fn::If': ['IsProduction', false, true] },
        LaunchType: 'FARGATE',
      },
    },
  };
}

const resources = {};
for (let index = 0; index < CLUSTERS; index++) Object.assign(resources, execDestinations(index));
for (let index = 0; Object.keys(resources).length < RESOURCES; index++) {
  if (Object.keys(resources).length + 3 > RESOURCES) {
    resources[`Topic${index}`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: `t-${index}` } };
  } else Object.assign(resources, service(index));
}
const template = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: { Environment: { Type: 'String', Default: 'staging' } },
  Conditions: { IsProduction: { 'Fn::Equals': [{ Ref: 'Environment' }, 'production'] } },
  Resources: resources,
};

const directory = await mkdtemp(join(tmpdir(), 'ecs-exec-doctor-bench-'));
try {
  const yaml = process.argv.includes('--yaml');
  const file = join(directory, yaml ? 'large.template.yaml' : 'large.template.json');
  await writeFile(file, yaml ? dump(template) : JSON.stringify(template, undefined, 1));
  const settings = {
    checks: builtInChecks,
    selection: { suite: 'all', only: [], skip: [] },
    failOn: 'fail',
    requireExec: false,
    suppress: [],
    severity: {},
  };
  // The whole lint as the CLI runs it: read, link, every check, and two formats written.
  const started = performance.now();
  const { report } = await runLint({ paths: [file], settings });
  const judged = performance.now();
  formatText(report, { color: false, verbose: false, cwd: directory });
  formatSarif(report, { checks: builtInChecks, cwd: directory });
  const finished = performance.now();
  const elapsed = finished - started;
  console.log(`template:  ${yaml ? 'YAML' : 'JSON'}, ${Object.keys(resources).length} resources`);
  console.log(`targets:   ${report.targets.length}, findings: ${report.findings.length}`);
  console.log(
    `wall time: ${elapsed.toFixed(0)} ms for the whole lint (read + judge ${(judged - started).toFixed(0)} ms, text and SARIF reports ${(finished - judged).toFixed(0)} ms); target < 2000 ms`,
  );
  if (elapsed >= 2000) process.exitCode = 1;
} finally {
  await rm(directory, { recursive: true, force: true });
}
