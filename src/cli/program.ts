import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { type CheckRunOptions, runCheck } from '../app/check.js';
import { runExplain } from '../app/explain.js';
import { runLint } from '../app/lint.js';
import { resolveSettings, type SettingsInput } from '../app/settings.js';
import { TOOL_VERSION } from '../app/version.js';
import { UsageError } from '../engine/errors.js';
import type { FailOn } from '../engine/verdict.js';
import { FORMATS } from '../report/index.js';
import { Snapshot } from '../sources/aws/snapshot.js';
import { readBaselineFile, writeBaselineFile } from '../sources/files/baseline-file.js';
import { readServiceControlPolicies } from '../sources/files/scp-files.js';
import { INPUT_TYPES, type InputType } from '../sources/iac/detect.js';
import { listChecks } from './checks-command.js';
import { exitCodeForError } from './errors.js';
import { pairOutputs, writeOutputs } from './output.js';
import { createProgress } from './progress.js';

/** Repeatable options that also accept comma-separated lists: `--only a,b --only c`. */
function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

function append(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

interface CommonOptions {
  format?: string[];
  output?: string[];
  failOn?: FailOn;
  suite?: 'readiness' | 'audit' | 'hardening' | 'all';
  plugin?: string[];
  config?: string;
  only?: string[];
  skip?: string[];
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

function addCommonOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--format <format>',
        `output format: ${FORMATS.join(', ')} (repeatable, paired with --output)`,
      )
        .argParser(append)
        .default([]),
    )
    .addOption(
      new Option('--output <file>', 'write the paired --format to FILE (repeatable; - for stdout)')
        .argParser(append)
        .default([]),
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when a finding reaches this level')
        .choices(['fail', 'warn'])
        .default('fail'),
    )
    .addOption(
      new Option('--suite <suite>', 'which checks to run')
        .choices(['readiness', 'audit', 'hardening', 'all'])
        .default('all'),
    )
    .addOption(
      new Option('--only <ids>', 'run only these check ids (repeatable, comma-separated, `task.*` prefixes)')
        .argParser(collect)
        .default([]),
    )
    .addOption(
      new Option('--skip <ids>', 'skip these check ids (repeatable, comma-separated)')
        .argParser(collect)
        .default([]),
    )
    .addOption(
      new Option('--plugin <path|package>', 'load extra checks from a module (repeatable)').argParser(append),
    )
    .option('--config <file>', 'config file (default: .ecs-exec-doctor.yml in the current directory)')
    .option('--no-color', 'no colors (also: NO_COLOR)')
    .option('--quiet', 'no progress indicator')
    .option('--verbose', 'also list skipped checks and the evidence behind each pass');
}

function settingsInput(options: Partial<CommonOptions>): SettingsInput {
  const input: SettingsInput = {};
  if (options.config) input.config = options.config;
  if (options.plugin) input.plugins = options.plugin;
  if (options.failOn) input.failOn = options.failOn;
  if (options.suite) input.suite = options.suite;
  if (options.only) input.only = options.only;
  if (options.skip) input.skip = options.skip;
  return input;
}

function readSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${file}: not an ecs-exec-doctor snapshot: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

interface CheckCommandOptions extends CommonOptions {
  scp?: string[];
  orgScps?: boolean;
  iamSimulate?: boolean;
  cluster?: string;
  task?: string[];
  service?: string;
  all?: boolean;
  container?: string;
  snapshot?: string;
  record?: string;
  redact?: boolean;
  region?: string;
  profile?: string;
}

/** The target options `check` and `explain` share, as what the app layer runs. */
function checkRun(options: CheckCommandOptions): Omit<CheckRunOptions, 'settings'> {
  const tasks = options.task ?? [];
  if (options.service && tasks.length > 0) throw new UsageError('give either --task or --service, not both');
  const request = {
    cluster: options.cluster,
    tasks: tasks.length > 0 ? tasks : undefined,
    service: options.service,
    all: options.all,
    container: options.container,
    region: options.region,
  };
  return {
    request: Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)),
    source: options.snapshot
      ? { kind: 'snapshot', snapshot: readSnapshot(options.snapshot) }
      : options.profile
        ? { kind: 'aws', profile: options.profile }
        : { kind: 'aws' },
    ...(options.record ? { record: { redact: Boolean(options.redact) } } : {}),
    ...(options.scp ? { serviceControlPolicies: readServiceControlPolicies(options.scp) } : {}),
    ...(options.iamSimulate ? { iamSimulate: true } : {}),
    ...(options.orgScps ? { organizationScps: true } : {}),
  };
}

function namesATarget(options: CheckCommandOptions): boolean {
  return Boolean(options.snapshot || options.task?.length || options.service || options.all);
}

async function checkAction(options: CheckCommandOptions): Promise<number> {
  if (!namesATarget(options)) {
    throw new UsageError('name what to check: --cluster C --task T, --service S, --all, or --snapshot FILE');
  }
  const outputs = pairOutputs(options.format ?? [], options.output ?? []);
  const settings = await resolveSettings(settingsInput(options));
  const run = checkRun(options);
  const progress = createProgress(process.stderr, !options.quiet);
  try {
    const { report, snapshot, warnings } = await runCheck({
      ...run,
      settings,
      onProgress: (message) => progress.update(message),
    });
    progress.done();
    if (options.record && snapshot) writeFileSync(options.record, `${JSON.stringify(snapshot, null, 2)}\n`);
    writeOutputs(report, outputs, {
      color: options.color,
      verbose: Boolean(options.verbose),
      checks: settings.checks,
    });
    for (const warning of warnings) process.stderr.write(`ecs-exec-doctor: warning: ${warning}\n`);
    for (const problem of report.problems) process.stderr.write(`ecs-exec-doctor: incomplete: ${problem}\n`);
    return report.exitCode;
  } finally {
    progress.done();
  }
}

interface LintCommandOptions extends CommonOptions {
  inputType?: InputType;
  requireExec?: boolean;
  baseline?: string;
  writeBaseline?: string;
}

async function lintAction(paths: string[], options: LintCommandOptions): Promise<number> {
  const outputs = pairOutputs(options.format ?? [], options.output ?? []);
  const settings = await resolveSettings({
    ...settingsInput(options),
    ...(options.requireExec ? { requireExec: true } : {}),
  });
  const { report, warnings, baseline } = await runLint({
    paths,
    settings,
    ...(options.inputType ? { inputType: options.inputType } : {}),
    ...(options.baseline
      ? { baseline: { file: options.baseline, baseline: readBaselineFile(options.baseline) } }
      : {}),
  });
  if (options.writeBaseline) writeBaselineFile(options.writeBaseline, baseline());
  writeOutputs(report, outputs, {
    color: options.color,
    verbose: Boolean(options.verbose),
    checks: settings.checks,
  });
  for (const warning of warnings) process.stderr.write(`ecs-exec-doctor: warning: ${warning}\n`);
  return report.exitCode;
}

async function explainAction(words: string[], options: CheckCommandOptions): Promise<number> {
  const input = words.join(' ');
  if (!input.trim()) throw new UsageError('give a check id or the error text to explain');
  const settings = await resolveSettings(settingsInput(options));
  const progress = createProgress(process.stderr, !options.quiet && namesATarget(options));
  try {
    const { text, exitCode } = await runExplain({
      input,
      ...(namesATarget(options)
        ? { check: { ...checkRun(options), settings, onProgress: (message) => progress.update(message) } }
        : {}),
      settings,
    });
    progress.done();
    process.stdout.write(text);
    return exitCode;
  } finally {
    progress.done();
  }
}

/** Options that name a task, for `check` and `explain`. */
function addTargetOptions(command: Command): Command {
  return command
    .option('--cluster <cluster>', 'cluster name or ARN (default: from the task ARN, else "default")')
    .addOption(new Option('--task <task>', 'task id or ARN (repeatable)').argParser(append))
    .option('--service <service>', 'every running task of this service')
    .option('--all', 'every running task of the cluster')
    .option('--container <name>', 'the container you will exec into')
    .option('--snapshot <file>', 'replay a recorded snapshot offline instead of calling AWS')
    .option('--region <region>', 'AWS region (default: from ARNs, then the SDK configuration)')
    .option('--profile <profile>', 'AWS profile')
    .addOption(
      new Option('--scp <file>', 'a service control policy JSON file, root first (repeatable)').argParser(
        append,
      ),
    )
    .option('--org-scps', "read the SCPs of the task's account from AWS Organizations (management account)");
}

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('ecs-exec-doctor')
    .description('Why does `aws ecs execute-command` fail here, and how do I fix it?')
    .version(TOOL_VERSION)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  addCommonOptions(
    addTargetOptions(program.command('check'))
      .description('judge a live task (or a recorded snapshot) and say why exec fails')
      .option('--record <file>', 'write every AWS response this run used to FILE')
      .option('--redact', 'with --record: replace account ids consistently')
      .option('--iam-simulate', "also ask IAM's SimulatePrincipalPolicy and report any disagreement"),
  ).action(async (options: CheckCommandOptions) => setExitCode(await checkAction(options)));

  addCommonOptions(
    program
      .command('lint')
      .argument(
        '<paths...>',
        'task definition JSON, CloudFormation JSON/YAML, cdk.out, Terraform plan JSON, or directories',
      )
      .description('check infrastructure files before deploy, offline (no AWS account needed)')
      .addOption(
        new Option(
          '--input-type <type>',
          'read the named files as this type instead of detecting it',
        ).choices([...INPUT_TYPES]),
      )
      .option('--require-exec', 'services must enable exec (otherwise a service without exec is only noted)')
      .option('--baseline <file>', 'findings in this baseline are reported as suppressed')
      .option('--write-baseline <file>', 'write every finding that needs attention to a baseline file'),
  ).action(async (paths: string[], options: LintCommandOptions) =>
    setExitCode(await lintAction(paths, options)),
  );

  addTargetOptions(
    program
      .command('explain')
      .argument('<text...>', 'a check id, or the error text (quote it)')
      .description('what an error message or a check means; with a task, which cause applies')
      .addOption(
        new Option('--plugin <path|package>', 'load extra checks from a module (repeatable)').argParser(
          append,
        ),
      )
      .option('--config <file>', 'config file (default: .ecs-exec-doctor.yml in the current directory)')
      .option('--quiet', 'no progress indicator'),
  ).action(async (words: string[], options: CheckCommandOptions) =>
    setExitCode(await explainAction(words, options)),
  );

  program
    .command('checks')
    .description('list the check catalogue (with plugin checks)')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .addOption(
      new Option('--plugin <path|package>', 'load extra checks from a module (repeatable)').argParser(append),
    )
    .option('--config <file>', 'config file (default: .ecs-exec-doctor.yml in the current directory)')
    .action(async (options: { format: 'text' | 'json'; plugin?: string[]; config?: string }) => {
      const settings = await resolveSettings(settingsInput({ ...options, format: [options.format] }));
      process.stdout.write(listChecks(settings.checks, options.format));
      setExitCode(0);
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its message already; --help and --version are not errors.
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? 0
        : 2;
    }
    return exitCodeForError(error, process.stderr);
  }
}
