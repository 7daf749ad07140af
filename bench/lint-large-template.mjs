// Times `ecs-exec-doctor lint` on a large CloudFormation template: 2,000 resources, mostly ECS
// services, each with its task definition and task role (with an inline policy), over a few
// clusters with exec logging to KMS, CloudWatch Logs and S3. Every task role lacks permissions, so
// each service has blocking problems with full fixes: the worst case for the reports too.
//
// What it prints, for the template as JSON and as YAML:
// - the CLI end to end, as a user or CI runs it (`node dist/bin/ecs-exec-doctor.js lint FILE` writing the text
//   and SARIF reports to files): median, fastest and slowest of --runs fresh processes;
// - where the time goes, from one cold in-process run: reading and linking the files, judging, and
//   formatting each report.
// Target: the CLI median under 2 s for both. Exits 1 when missed.
// Run after `npm run build`: node bench/lint-large-template.mjs [--runs N] [--json-only|--yaml-only]
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dump } from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'bin', 'ecs-exec-doctor.js');
const TARGET_MS = 2000;
const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 5;

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

/**
 * Where the time goes, each phase timed cold in a fresh process: `read` reads and links the files
 * alone; `lint` runs the whole lint (read, link, judge) and then formats both reports.
 */
const PHASES = `
const [mode, file, cwd] = process.argv.slice(1);
const started = performance.now();
const since = () => Math.round(performance.now() - started);
if (mode === 'read') {
  const { collectIacTargets } = await import('./dist/sources/iac/index.js');
  const loaded = since();
  const { targets } = await collectIacTargets([file]);
  console.log(JSON.stringify({ targets: targets.length, read: since() - loaded }));
} else {
  const { runLint } = await import('./dist/app/lint.js');
  const { builtInChecks } = await import('./dist/checks/index.js');
  const { formatSarif } = await import('./dist/report/sarif.js');
  const { formatText } = await import('./dist/report/text.js');
  const loaded = since();
  const settings = { checks: builtInChecks, selection: { suite: 'all', only: [], skip: [] }, failOn: 'fail', requireExec: false, suppress: [], severity: {} };
  const { report } = await runLint({ paths: [file], settings });
  const lint = since() - loaded;
  const text = formatText(report, { color: false, verbose: false, cwd });
  const textMs = since() - loaded - lint;
  const sarif = formatSarif(report, { checks: builtInChecks, cwd });
  const sarifMs = since() - loaded - lint - textMs;
  console.log(JSON.stringify({ findings: report.findings.length, load: loaded, lint, text: textMs, sarif: sarifMs, textBytes: text.length, sarifBytes: sarif.length }));
}
`;

function phase(mode, file, directory) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', PHASES, mode, file, directory], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function cliRun(file, directory) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      'lint',
      file,
      '--format',
      'text',
      '--output',
      join(directory, 'report.txt'),
      '--format',
      'sarif',
      '--output',
      join(directory, 'report.sarif'),
    ],
    { encoding: 'utf8' },
  );
  const elapsed = performance.now() - started;
  // Exit 1 is expected: every service has blocking problems. Anything else is a broken run.
  if (run.status !== 1) throw new Error(`lint exited ${run.status}: ${run.stderr}`);
  return elapsed;
}

const directory = await mkdtemp(join(tmpdir(), 'ecs-exec-doctor-bench-'));
try {
  const formats = [
    ...(process.argv.includes('--yaml-only')
      ? []
      : [['JSON', 'large.template.json', JSON.stringify(template, undefined, 1)]]),
    ...(process.argv.includes('--json-only') ? [] : [['YAML', 'large.template.yaml', dump(template)]]),
  ];
  console.log(`template: ${Object.keys(resources).length} resources; CLI runs per format: ${RUNS}`);
  let missed = false;
  for (const [label, name, text] of formats) {
    const file = join(directory, name);
    await writeFile(file, text);
    const split = { ...phase('read', file, directory), ...phase('lint', file, directory) };
    const times = Array.from({ length: RUNS }, () => cliRun(file, directory));
    const middle = median(times);
    missed ||= middle >= TARGET_MS;
    console.log(
      `\n${label}: ${(text.length / 1e6).toFixed(1)} MB, ${split.targets} targets, ${split.findings} findings`,
    );
    console.log(
      `  CLI end to end: median ${middle.toFixed(0)} ms (fastest ${Math.min(...times).toFixed(0)}, slowest ${Math.max(...times).toFixed(0)}); target < ${TARGET_MS} ms: ${middle < TARGET_MS ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  cold, in process: loading the modules ${split.load} ms; reading and linking alone ${split.read} ms; read, link and judge ${split.lint} ms; text report ${split.text} ms (${(split.textBytes / 1e6).toFixed(1)} MB); SARIF ${split.sarif} ms (${(split.sarifBytes / 1e6).toFixed(1)} MB)`,
    );
  }
  if (missed) process.exitCode = 1;
} finally {
  await rm(directory, { recursive: true, force: true });
}
