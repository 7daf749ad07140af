import type { ContextValue, NamedPolicy } from '../iam/index.js';
import type { ExecTarget, KmsKey } from '../model/index.js';
import { describeUnavailable, isArn, parseArn } from '../model/index.js';
import { grantFix } from './iam-fixes.js';
import {
  type Ask,
  DIRECT_CALL_ABSENT_KEYS,
  directCallContext,
  evidenceLines,
  isDenied,
  type Judged,
  judge,
  scpEvidence,
  statementsTesting,
  undecided,
} from './iam-helpers.js';
import type { Subject } from './iam-subjects.js';
import { fail, pass, skip, unknown, unknownFromFact } from './results.js';
import { clusterAbout } from './target-helpers.js';
import type { CheckResult } from './types.js';

/**
 * KMS use by an exec session. With a cluster `kmsKeyId`, the Session Manager plugin on the user's
 * machine calls kms:GenerateDataKey with the caller's credentials, and the SSM agent in the
 * container calls kms:Decrypt with the task role, both directly (not through an AWS service) and
 * with the encryption context `aws:ssm:SessionId` + `aws:ssm:TargetId`. A key policy must allow
 * the request itself or trust the account so that IAM policies can.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://github.com/aws/session-manager-plugin/blob/mainline/src/datachannel/streaming.go
 */

export const SESSION_CONTEXT_KEYS = ['aws:ssm:SessionId', 'aws:ssm:TargetId'];

/** A key to judge, with its key policy when it could be read. */
export interface KeyToJudge {
  arn: string;
  region: string;
  /** `alias/NAME` when the configuration names the key by an alias: the request then carries `kms:RequestAlias`. */
  alias?: string;
  policy: { known: true; value: NamedPolicy } | { known: false; reason: string; permission?: string };
}

/** The cluster's session key, or the result to report instead of judging it. */
export function sessionKey(target: ExecTarget, resource: string): KeyToJudge | CheckResult {
  if (!target.cluster.known) {
    return unknownFromFact(clusterAbout(target), 'the cluster exec configuration', target.cluster);
  }
  const kmsKeyId = target.cluster.value.executeCommandConfiguration?.kmsKeyId;
  if (!kmsKeyId) return skip(resource, 'The cluster configures no KMS key for exec sessions (kmsKeyId).');
  const fact = target.kmsKey;
  if (!fact) {
    return target.mode === 'lint'
      ? skip(resource, `KMS key ${kmsKeyId} is not defined in the linted files; it is checked in live mode.`)
      : unknown(resource, `KMS key ${kmsKeyId} was not looked up.`, 'kms:DescribeKey');
  }
  if (!fact.known) return unknownFromFact(resource, `KMS key ${kmsKeyId}`, fact);
  if (!fact.value)
    return skip(resource, `KMS key ${kmsKeyId} does not exist; cluster.kms-key-usable reports it.`);
  return keyToJudge(target, fact.value);
}

export function keyToJudge(target: ExecTarget, key: KmsKey): KeyToJudge {
  const alias = /(?:^|:)(alias\/.+)$/.exec(key.reference)?.[1];
  const base = {
    arn: key.arn,
    region: parseArn(key.arn)?.region || target.region,
    ...(alias ? { alias } : {}),
  };
  const policy = key.policy;
  if (!policy) {
    return {
      ...base,
      policy: { known: false, reason: 'the key policy was not read', permission: 'kms:GetKeyPolicy' },
    };
  }
  if (!policy.known)
    return { ...base, policy: { ...policy, permission: policy.permission ?? 'kms:GetKeyPolicy' } };
  return { ...base, policy: { known: true, value: namedKeyPolicy(key.keyId, policy) } };
}

/**
 * One NamedPolicy per key policy: the evaluator parses a policy once per object, and in lint every
 * target of a cluster shares its key.
 */
const keyPolicies = new WeakMap<object, NamedPolicy>();

function namedKeyPolicy(keyId: string, fact: { value: unknown }): NamedPolicy {
  let named = keyPolicies.get(fact);
  if (!named || named.name !== keyId) {
    named = { name: keyId, document: fact.value };
    keyPolicies.set(fact, named);
  }
  return named;
}

export interface KeyRequest {
  action: string;
  /** Context beyond a direct call's: `kms:ViaService` when a service calls KMS for the principal… */
  context?: Record<string, ContextValue>;
  absentKeys?: string[];
  /** Encryption-context keys sent with values the tool cannot know. */
  encryptionContextKeys: string[];
}

/**
 * The request, with the encryption context's keys known and its values not: a key policy that
 * tests only their presence still decides. A `kms:ViaService` condition never matches a direct call.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 */
export function keyAsk(
  target: ExecTarget,
  subject: Subject,
  key: KeyToJudge,
  request: KeyRequest,
  now: Date,
): Ask {
  const accountId = parseArn(key.arn)?.accountId;
  const ask: Ask = {
    action: request.action,
    resource: key.arn,
    context: {
      ...directCallContext(target, now),
      'kms:CallerAccount': subject.principal.accountId,
      'kms:EncryptionContextKeys': request.encryptionContextKeys,
      ...(key.alias ? { 'kms:RequestAlias': key.alias } : {}),
      ...request.context,
    },
    absentKeys: [
      ...DIRECT_CALL_ABSENT_KEYS,
      ...(key.alias ? [] : ['kms:RequestAlias']),
      ...(request.absentKeys ?? []),
    ],
    completePrefixes: ['kms:EncryptionContext:'],
    presentUnknown: request.encryptionContextKeys.map((name) => `kms:EncryptionContext:${name}`),
    resourcePolicyKind: 'kms',
    ...(accountId ? { resourceAccountId: accountId } : {}),
  };
  if (key.policy.known) ask.resourcePolicy = key.policy.value;
  return ask;
}

/** AWS principals a key policy names that are no ARN or account id: in lint, logical ids the files leave unresolved. */
function unresolvedPrincipals(key: KeyToJudge): string[] {
  if (!key.policy.known) return [];
  const document = key.policy.value.document as { Statement?: unknown } | undefined;
  const statements = [document?.Statement ?? []].flat() as { Principal?: { AWS?: unknown } }[];
  const named = statements.flatMap((statement) => [statement?.Principal?.AWS ?? []].flat());
  return named.filter(
    (value): value is string =>
      typeof value === 'string' && value !== '*' && !isArn(value) && !/^\d{12}$/.test(value),
  );
}

export interface KeyUse {
  resource: string;
  subject: Subject;
  key: KeyToJudge;
  judged: Judged;
  /** What fails when it is denied: "the Session Manager plugin cannot …". */
  consequence: string;
  policyName: string;
}

/** The verdict on one use of a key: pass, fail with the layer and statement, or unknown. */
export function keyUseResult(target: ExecTarget, use: KeyUse): CheckResult {
  const { resource, subject, key, judged } = use;
  const { action } = judged.ask;
  const evidence = [...evidenceLines([judged]), scpEvidence(subject)];
  if (!key.policy.known) evidence.push(`key policy not read: ${describeUnavailable(key.policy)}`);
  const decision = judged.evaluation.decision;
  if (decision === 'allowed') {
    return pass(resource, `${subject.label} may call ${action} on KMS key ${key.arn}.`, [
      evidence[0]!,
      ...evidence.slice(1),
    ]);
  }
  if (!isDenied(judged)) {
    if (!key.policy.known && judged.evaluation.missingContextKeys.length === 0) {
      return unknown(
        resource,
        `Whether ${subject.label} may call ${action} on KMS key ${key.arn} depends on its key policy, which could not be read: ${describeUnavailable(key.policy)}.`,
        key.policy.permission,
      );
    }
    return undecided(resource, subject, [judged]);
  }
  const principals =
    target.mode === 'lint' && judged.evaluation.decidedBy === 'resource-policy'
      ? unresolvedPrincipals(key)
      : [];
  if (principals.length > 0) {
    return unknown(
      resource,
      `The key policy of ${key.arn} names ${principals.join(', ')}, which the linted files do not resolve to an ARN, so whether it grants ${action} to ${subject.label} is decided in live mode.`,
    );
  }
  const viaService = statementsTesting(subject, judged.ask, 'kms:ViaService');
  const viaServiceNote =
    viaService.length > 0
      ? ` ${viaService.join(', ')} allow${viaService.length === 1 ? 's' : ''} it only through an AWS service (kms:ViaService), but this call goes to KMS directly, so that condition never matches.`
      : '';
  return fail(
    resource,
    `${subject.label} may not call ${action} on KMS key ${key.arn}: ${judged.evaluation.reason}. ${use.consequence}${viaServiceNote}`,
    grantFix(subject, [judged], {
      statement: { Effect: 'Allow', Action: action, Resource: key.arn },
      policyName: use.policyName,
      key: { arn: key.arn, region: key.region },
    }),
    evidence,
  );
}

/** Judges a use of the cluster's session key by a subject. */
export function judgeSessionKeyUse(
  target: ExecTarget,
  subject: Subject,
  key: KeyToJudge,
  use: { resource: string; action: string; consequence: string; policyName: string },
  now: Date,
): CheckResult {
  const ask = keyAsk(
    target,
    subject,
    key,
    { action: use.action, absentKeys: ['kms:ViaService'], encryptionContextKeys: SESSION_CONTEXT_KEYS },
    now,
  );
  return keyUseResult(target, { ...use, subject, key, judged: judge(subject, ask) });
}
