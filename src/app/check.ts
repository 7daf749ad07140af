import { callerIamSimulateCrossCheck } from '../checks/caller/iam-simulate-cross-check.js';
import type { Check, CheckContext, IamObservation } from '../checks/types.js';
import type { Finding } from '../engine/finding.js';
import { buildReport, type Report } from '../engine/report.js';
import { runChecks } from '../engine/run.js';
import { selectChecks } from '../engine/select.js';
import {
  type ClientFacts,
  type ExecTarget,
  type Fact,
  type NamedPolicy,
  unavailable,
} from '../model/index.js';
import type { AwsApi } from '../sources/aws/api.js';
import { Attempts } from '../sources/aws/attempt.js';
import { collectLiveTargets } from '../sources/aws/collect.js';
import { redactSnapshot } from '../sources/aws/redact.js';
import type { LiveRequest } from '../sources/aws/resolve.js';
import { simulateQuestions } from '../sources/aws/simulate.js';
import { recordingApi, replayApi, SNAPSHOT_FORMAT, type Snapshot } from '../sources/aws/snapshot.js';
import { applyPolicy, type Settings } from './settings.js';
import { TOOL_VERSION } from './version.js';

export interface CheckRunOptions {
  request: LiveRequest;
  /** Live AWS (with an optional profile) or a recorded snapshot. */
  source:
    | { kind: 'aws'; profile?: string; api?: AwsApi }
    /** `wrap` decorates the replaying API: the benchmark adds latency to each call. */
    | { kind: 'snapshot'; snapshot: Snapshot; wrap?: (api: AwsApi) => AwsApi };
  /** Service control policies (`--scp`), root → account, evaluated with every IAM question. */
  serviceControlPolicies?: NamedPolicy[][];
  /** Read the SCPs from AWS Organizations (`--org-scps`). */
  organizationScps?: boolean;
  /** Also put every IAM question to IAM's SimulatePrincipalPolicy and compare (`--iam-simulate`). */
  iamSimulate?: boolean;
  /** Keep every AWS response for `--record`. */
  record?: { redact: boolean };
  /** The checks, selection and policy; `resolveSettings` builds them from flags and the config file. */
  settings: Settings;
  onProgress?: (message: string) => void;
  now?: Date;
}

export interface CheckRunResult {
  report: Report;
  snapshot?: Snapshot;
  /** Expired suppressions and the like: said on stderr, never in the report. */
  warnings: string[];
}

async function liveApi(profile: string | undefined, region: string | undefined): Promise<AwsApi> {
  // The SDK warns on Node 20 about its own future Node support: noise for a CLI's users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { createSdkApi } = await import('../sources/aws/sdk-api.js');
  const options: { profile?: string; region?: string } = {};
  if (profile) options.profile = profile;
  if (region) options.region = region;
  return createSdkApi(options);
}

/** `check`: collect live (or replayed) facts for the requested tasks, judge them, and report. */
export async function runCheck(options: CheckRunOptions): Promise<CheckRunResult> {
  const { settings } = options;
  const selected = selectChecks(settings.checks, { ...settings.selection, mode: 'live' });

  const { source } = options;
  const request: LiveRequest =
    source.kind === 'snapshot'
      ? { ...source.snapshot.request, ...definedOnly(options.request) }
      : options.request;
  let api: AwsApi =
    source.kind === 'snapshot'
      ? (source.wrap ?? ((replay: AwsApi) => replay))(replayApi(source.snapshot))
      : (source.api ?? (await liveApi(source.profile, options.request.region)));
  const recorder = options.record ? recordingApi(api) : undefined;
  if (recorder) api = recorder.api;

  const needs = new Set(selected.flatMap((check) => check.needs ?? []));
  const client: Promise<Fact<ClientFacts>> | undefined = !needs.has('client')
    ? undefined
    : source.kind === 'snapshot'
      ? Promise.resolve(
          source.snapshot.client
            ? (source.snapshot.client as Fact<ClientFacts>)
            : unavailable<ClientFacts>('the snapshot holds no client facts'),
        )
      : import('../sources/client/probe.js').then(({ probeClient }) => probeClient(source.profile));

  const policies = needs.has('policies');
  const network = needs.has('network');
  const collected = await collectLiveTargets(api, request, {
    policies,
    network,
    ...(options.serviceControlPolicies ? { serviceControlPolicies: options.serviceControlPolicies } : {}),
    ...(options.organizationScps && policies ? { organizationScps: true } : {}),
    ...(client ? { client } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const now = options.now ?? new Date();
  // Live `check` is asked because someone wants to exec: exec is required by definition.
  const context = { options: { requireExec: true }, now };
  // With --iam-simulate, every IAM question the checks ask is kept, to ask IAM the same.
  const observations = new Map<ExecTarget, IamObservation[]>();
  const observe = (observation: IamObservation, target: ExecTarget) => {
    const list = observations.get(target) ?? [];
    list.push(observation);
    observations.set(target, list);
  };
  const firstPass = runChecks(
    collected.targets,
    selected,
    context,
    options.iamSimulate ? { onIamObservation: observe } : {},
  );
  const judged = options.iamSimulate
    ? await crossCheckWithIam(api, collected.targets, observations, selected, firstPass, context)
    : firstPass;
  const policed = applyPolicy(judged, settings, now);
  const { findings } = policed;
  const warnings = [...collected.notes, ...policed.warnings];
  const report = buildReport({
    command: 'check',
    toolVersion: TOOL_VERSION,
    now,
    targets: collected.targets,
    findings,
    problems: collected.problems,
    failOn: settings.failOn,
  });

  if (!recorder || !options.record) return { report, warnings };
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    version: 1,
    recordedAt: now.toISOString(),
    request,
    calls: recorder.calls,
  };
  const defaultRegion = await api.defaultRegion();
  if (defaultRegion) snapshot.defaultRegion = defaultRegion;
  if (client) snapshot.client = await client;
  return { report, warnings, snapshot: options.record.redact ? redactSnapshot(snapshot) : snapshot };
}

/**
 * `--iam-simulate`: asks IAM the questions the local evaluator answered, then runs the
 * cross-check again now that the answers are in the targets.
 */
async function crossCheckWithIam(
  api: AwsApi,
  targets: ExecTarget[],
  observations: Map<ExecTarget, IamObservation[]>,
  selected: readonly Check[],
  firstPass: Finding[],
  context: CheckContext,
): Promise<Finding[]> {
  const crossCheck = selected.filter((check) => check.id === callerIamSimulateCrossCheck.id);
  if (crossCheck.length === 0) return firstPass;
  const attempts = new Attempts(api);
  for (const target of targets) {
    target.iamSimulation = await simulateQuestions(attempts, observations.get(target) ?? [], target.region);
  }
  return [
    ...firstPass.filter((finding) => finding.checkId !== callerIamSimulateCrossCheck.id),
    ...runChecks(targets, crossCheck, context),
  ];
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && value !== false),
  ) as Partial<T>;
}
