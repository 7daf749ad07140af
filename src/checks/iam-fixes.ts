import {
  type ConditionRefusal,
  type FailedCondition,
  refusalText,
  requirementsText,
  type StatementRef,
} from '../iam/index.js';
import { type Judged, layerName } from './iam-helpers.js';
import type { Subject } from './iam-subjects.js';
import type { Fix } from './types.js';

/**
 * Fixes for a denied request, by the layer that denied it: an identity statement to add (ready to
 * paste, with the `put-role-policy` command and the IaC forms), a permission boundary to widen, a
 * key-policy statement, or a Deny or SCP to narrow. Statements are scoped to the real ARNs. When a
 * statement of the deciding layer matches but for a condition, the fix names that condition.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html
 */

/** A statement, as it goes into a policy document. */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { AWS: string };
  Action: string | string[];
  Resource: string | string[];
}

export interface Grant {
  statement: Statement;
  /** The inline policy name for `put-role-policy`. */
  policyName: string;
  /** With a KMS key: how to fix its key policy. */
  key?: { arn: string; region: string };
}

export function policyDocument(...statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

const asList = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const quoted = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * IAM Identity Center owns the roles it creates (AWSReservedSSO_<permission set>_<id>): a policy
 * put on the role is overwritten, so the statement goes into the permission set.
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/permissionsetcustom.html
 */
function identityCenterPermissionSet(subject: Subject): string | undefined {
  if (subject.entity.kind !== 'role') return undefined;
  return /^AWSReservedSSO_(.+)_[0-9a-f]+$/.exec(subject.entity.name)?.[1];
}

/**
 * PutInlinePolicyToPermissionSet replaces the whole inline policy, so the statement is merged into
 * the current one by hand; the change reaches the accounts only once the set is provisioned again.
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ProvisionPermissionSet.html
 */
function permissionSetFix(subject: Subject, permissionSet: string, grant: Grant, summary: string): Fix {
  const set = '--instance-arn INSTANCE_ARN --permission-set-arn PERMISSION_SET_ARN';
  return {
    summary: `${summary}. Role ${subject.entity.name} belongs to IAM Identity Center, which overwrites policies put on the role: add the statement to the inline policy of permission set ${permissionSet} instead. put-inline-policy-to-permission-set replaces the whole inline policy, so read the current one, add the statement to its Statement list, put the result back, then provision the permission set so its accounts get it (run these where Identity Center is administered).`,
    cli: [
      `# INSTANCE_ARN: aws sso-admin list-instances; PERMISSION_SET_ARN: the one named ${permissionSet} (aws sso-admin list-permission-sets, describe-permission-set)`,
      `aws sso-admin get-inline-policy-for-permission-set ${set} --query InlinePolicy --output text > inline-policy.json`,
      `# add ${JSON.stringify(grant.statement)} to "Statement" in inline-policy.json (if it is empty, the set has no inline policy yet: write ${policyDocument(grant.statement)}), then:`,
      `aws sso-admin put-inline-policy-to-permission-set ${set} --inline-policy file://inline-policy.json`,
      `aws sso-admin provision-permission-set ${set} --target-type ALL_PROVISIONED_ACCOUNTS`,
    ].join('\n'),
  };
}

/**
 * Puts a statement into an identity policy of the role or user: the CLI command and, for a role,
 * the CloudFormation, Terraform and CDK forms. `summary` defaults to granting its actions.
 */
export function identityPolicyFix(subject: Subject, grant: Grant, summary?: string): Fix {
  const { entity } = subject;
  const document = policyDocument(grant.statement);
  summary ??= `Grant ${asList(grant.statement.Action).join(', ')} to ${subject.label} with this statement: ${JSON.stringify(grant.statement)}`;
  const permissionSet = identityCenterPermissionSet(subject);
  if (permissionSet) return permissionSetFix(subject, permissionSet, grant, summary);
  if (entity.kind === 'user') {
    return {
      summary,
      cli: `aws iam put-user-policy --user-name ${entity.name} --policy-name ${grant.policyName} --policy-document '${document}'`,
    };
  }
  if (entity.kind !== 'role') return { summary };
  return {
    summary,
    cli: `aws iam put-role-policy --role-name ${entity.name} --policy-name ${grant.policyName} --policy-document '${document}'`,
    cloudformation: `AWS::IAM::Role ${entity.name}: Policies: [{ PolicyName: ${grant.policyName}, PolicyDocument: ${document} }]`,
    terraform: `resource "aws_iam_role_policy" "${grant.policyName.replaceAll('-', '_')}" {\n  role   = "${entity.name}"\n  policy = jsonencode(${document})\n}`,
    cdk: `role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [${quoted(asList(grant.statement.Action))}], resources: [${quoted(asList(grant.statement.Resource))}] }))`,
  };
}

function keyPolicyGrant(subject: Subject, grant: Grant): Fix {
  const key = grant.key!;
  const statement: Statement = {
    Sid: `Allow${subject.entity.name.replace(/[^A-Za-z0-9]/g, '')}`,
    Effect: 'Allow',
    Principal: { AWS: subject.entity.arn },
    Action: grant.statement.Action,
    Resource: '*',
  };
  const actions = asList(statement.Action);
  const keyOption = `--key-id ${key.arn} --policy-name default --region ${key.region}`;
  return {
    summary: `The key policy of ${key.arn} neither names ${subject.entity.arn} nor lets the account's IAM policies grant ${actions.join(', ')}: add this statement to the key policy: ${JSON.stringify(statement)} (or trust the account root, "Enable IAM User Permissions", and grant it in an identity policy).`,
    cli: `aws kms get-key-policy ${keyOption} --query Policy --output text > key-policy.json\n# add the statement to "Statement" in key-policy.json, then:\naws kms put-key-policy ${keyOption} --policy file://key-policy.json`,
    cloudformation: `AWS::KMS::Key KeyPolicy.Statement: add ${JSON.stringify(statement)}`,
    terraform: `aws_kms_key policy: add ${JSON.stringify(statement)} to its Statement`,
    cdk: `key.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ArnPrincipal('${subject.entity.arn}')], actions: [${quoted(actions)}], resources: ['*'] }))`,
  };
}

const statementName = (ref: StatementRef) => ref.sid ?? `#${ref.index}`;

export function statementLabel(ref: StatementRef, kms = false): string {
  return `${layerName(ref.layer, kms)} ${ref.policy} statement ${statementName(ref)}`;
}

/** The statement of the deciding layer closest to granting, refused only by its conditions. */
function closestRefusal(judged: Judged): ConditionRefusal | undefined {
  return judged.evaluation.conditionRefusals?.[0];
}

/** "widen aws:RequestedRegion to admit us-east-1 (add "us-east-1" to its values)". */
function widening(condition: FailedCondition): string {
  const { key, operator, actual } = condition;
  if (!actual) return `relax ${key} so that it admits requests without it`;
  const admits = `widen ${key} to admit ${actual.join(', ')}`;
  const plainList = !/^for(all|any)values:|not|^null$/i.test(operator);
  return plainList && actual.length === 1 ? `${admits} (add "${actual[0]}" to its values)` : admits;
}

function denyFix(judged: Judged, subject: Subject): Fix {
  const kms = judged.ask.resourcePolicyKind === 'kms';
  const denies = judged.evaluation.statements.filter((ref) => ref.effect === 'Deny');
  const labels = denies.map((ref) => statementLabel(ref, kms)).join(', ');
  if (denies.some((ref) => ref.layer === 'scp' || ref.layer === 'rcp')) {
    return {
      summary: `${labels} denies ${judged.ask.action} for ${subject.label}: ask your AWS Organizations administrators to exempt it (organization policies are changed in the management account).`,
    };
  }
  return {
    summary: `Remove or narrow ${labels}: it denies ${judged.ask.action} on ${judged.ask.resource} for ${subject.label}, and an explicit deny wins over every allow.`,
  };
}

/**
 * A boundary only caps what identity policies grant. When one of its statements matches but for a
 * condition, widening that condition is the change; otherwise the boundary needs the statement.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
function boundaryFix(judged: Judged, subject: Subject, grant: Grant): Fix {
  const boundary = subject.policies.permissionBoundary;
  const name = boundary?.name ?? 'the permission boundary';
  const refusal = closestRefusal(judged);
  const widen = refusal?.conditions.map(widening).join(' and ');
  const change = refusal
    ? `in statement ${statementName(refusal.statement)} of boundary.json, ${widen}`
    : 'add the statement to "Statement" in boundary.json';
  const cli = boundary?.arn
    ? `aws iam get-policy-version --policy-arn ${boundary.arn} --version-id $(aws iam get-policy --policy-arn ${boundary.arn} --query Policy.DefaultVersionId --output text) --query PolicyVersion.Document > boundary.json\n# ${change}, then:\naws iam create-policy-version --policy-arn ${boundary.arn} --policy-document file://boundary.json --set-as-default`
    : undefined;
  // Named by statement and condition, not by action, so that every action it refuses shares one fix.
  const summary = refusal
    ? `Widen the permission boundary ${name} of ${subject.label}: its statement ${statementName(refusal.statement)} ${refusalText(refusal.conditions, judged.ask.resource)}. In statement ${statementName(refusal.statement)}, ${widen}; a new identity statement would not help, since a boundary caps what identity policies grant.`
    : `The permission boundary ${name} of ${subject.label} does not allow ${asList(grant.statement.Action).join(', ')}: a boundary only caps what identity policies grant, so add this statement to the boundary too: ${JSON.stringify(grant.statement)}`;
  return { summary, ...(cli ? { cli } : {}) };
}

/** An identity statement refused by a condition: say so before offering the statement to add. */
function identityFix(judged: Judged, subject: Subject, grant: Grant): Fix {
  const refusal = judged.evaluation.decidedBy === 'identity-policy' ? closestRefusal(judged) : undefined;
  if (!refusal) return identityPolicyFix(subject, grant);
  return identityPolicyFix(
    subject,
    grant,
    `${statementLabel(refusal.statement)} grants this only when ${requirementsText(refusal.conditions)}: meet or widen that condition, or grant ${asList(grant.statement.Action).join(', ')} to ${subject.label} with this statement: ${JSON.stringify(grant.statement)}`,
  );
}

function scpFix(judged: Judged, subject: Subject): Fix {
  return {
    summary: `${judged.evaluation.reason}: every SCP level from the root to the account must allow ${judged.ask.action} for ${subject.label}; ask your AWS Organizations administrators.`,
  };
}

function fixFor(judged: Judged, subject: Subject, grant: Grant): Fix {
  const { decision, decidedBy } = judged.evaluation;
  if (decision === 'explicit-deny') return denyFix(judged, subject);
  if (decidedBy === 'scp' || decidedBy === 'rcp') return scpFix(judged, subject);
  if (decidedBy === 'permission-boundary') return boundaryFix(judged, subject, grant);
  if (decidedBy === 'resource-policy' && grant.key) return keyPolicyGrant(subject, grant);
  return identityFix(judged, subject, grant);
}

/** A fix to try first, then another that also works: "… Or, instead: …", commands in that order. */
export function orInstead(first: Fix, instead: Fix): Fix {
  const fix: Fix = { ...instead, summary: `${first.summary} Or, instead: ${instead.summary}` };
  const cli = [first.cli, instead.cli && `# or, instead:\n${instead.cli}`].filter(Boolean).join('\n');
  if (cli) fix.cli = cli;
  return fix;
}

/** One fix for the denied requests: one part per distinct cause, the identity grant last. */
export function grantFix(subject: Subject, denied: readonly Judged[], grant: Grant): Fix {
  const fixes = new Map<string, Fix>();
  for (const judged of denied) {
    const fix = fixFor(judged, subject, grant);
    fixes.set(fix.summary, fix);
  }
  const parts = [...fixes.values()];
  if (parts.length === 1) return parts[0]!;
  const joined = (field: 'cli' | 'cloudformation' | 'terraform' | 'cdk') =>
    parts.flatMap((fix) => (fix[field] ? [fix[field]] : [])).join('\n');
  const fix: Fix = { summary: parts.map((part) => part.summary).join(' Also: ') };
  for (const field of ['cli', 'cloudformation', 'terraform', 'cdk'] as const) {
    const text = joined(field);
    if (text) fix[field] = text;
  }
  return fix;
}
