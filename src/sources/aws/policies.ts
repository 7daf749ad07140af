import {
  type Fact,
  known,
  type NamedPolicy,
  type PrincipalPolicies,
  parseArn,
  unavailable,
} from '../../model/index.js';
import { type Attempts, unavailableFrom } from './attempt.js';

/**
 * Reads the identity policies of a role or user: inline ones, attached managed ones (their
 * default version), the permission boundary, and tags (for `aws:PrincipalTag/*`). Every list is
 * read to its last page. Any policy that cannot be read makes the whole set unavailable, naming
 * the permission: a verdict on part of the policies would be a guess.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html
 */
export async function collectPrincipalPolicies(
  attempts: Attempts,
  principalArn: string,
  region: string,
): Promise<Fact<PrincipalPolicies>> {
  const arn = parseArn(principalArn);
  const kind = arn?.resource.split('/')[0];
  const name = arn?.resource.split('/').pop();
  if (!arn || !name || (kind !== 'role' && kind !== 'user')) {
    return unavailable(`policies of ${principalArn} cannot be read: not an IAM role or user`);
  }
  return kind === 'role' ? rolePolicies(attempts, name, region) : userPolicies(attempts, name, region);
}

/** `assumed-role/NAME/SESSION` → the role's ARN, by parsing: never by listing every role. */
export function roleArnOfSession(sessionArn: string): string | undefined {
  const arn = parseArn(sessionArn);
  if (arn?.service !== 'sts') return undefined;
  const [kind, roleName] = arn.resource.split('/');
  if (kind !== 'assumed-role' || !roleName) return undefined;
  // The session ARN drops the role's path; IAM accepts the role name without it.
  return `arn:${arn.partition}:iam::${arn.accountId}:role/${roleName}`;
}

class PolicyReadError extends Error {
  constructor(readonly failure: { reason: string; permission?: string }) {
    super(failure.reason);
  }
}

async function must<T>(
  pending: Promise<{ ok: true; value: T } | { ok: false; reason: string; permission?: string }>,
) {
  const result = await pending;
  if (!result.ok) throw new PolicyReadError(result);
  return result.value;
}

/** A list call's input, with the page marker only when there is one. */
function paged<T extends object>(input: T, marker: string | undefined): T & { Marker?: string } {
  return marker ? { ...input, Marker: marker } : input;
}

/** IAM list APIs page with Marker/IsTruncated. */
async function allPages<T>(
  read: (
    marker?: string,
  ) => Promise<{ items: T[]; marker?: string | undefined; truncated?: boolean | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const page = await read(marker);
    items.push(...page.items);
    marker = page.truncated ? page.marker : undefined;
  } while (marker);
  return items;
}

async function managedPolicy(attempts: Attempts, policyArn: string, region: string): Promise<NamedPolicy> {
  const policy = await must(attempts.attempt('iam:GetPolicy', { PolicyArn: policyArn }, region));
  const versionId = policy.Policy?.DefaultVersionId ?? 'v1';
  const version = await must(
    attempts.attempt('iam:GetPolicyVersion', { PolicyArn: policyArn, VersionId: versionId }, region),
  );
  return {
    name: policy.Policy?.PolicyName ?? policyArn.split('/').pop()!,
    arn: policyArn,
    document: version.PolicyVersion?.Document ?? '{}',
  };
}

async function rolePolicies(
  attempts: Attempts,
  roleName: string,
  region: string,
): Promise<Fact<PrincipalPolicies>> {
  try {
    const [role, inlineNames, attached] = await Promise.all([
      must(attempts.attempt('iam:GetRole', { RoleName: roleName }, region)),
      allPages(async (Marker) => {
        const page = await must(
          attempts.attempt('iam:ListRolePolicies', paged({ RoleName: roleName }, Marker), region),
        );
        return { items: page.PolicyNames ?? [], marker: page.Marker, truncated: page.IsTruncated };
      }),
      allPages(async (Marker) => {
        const page = await must(
          attempts.attempt('iam:ListAttachedRolePolicies', paged({ RoleName: roleName }, Marker), region),
        );
        return { items: page.AttachedPolicies ?? [], marker: page.Marker, truncated: page.IsTruncated };
      }),
    ]);
    const boundaryArn = role.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
    const [inline, managed, boundary] = await Promise.all([
      Promise.all(
        inlineNames.map(async (policyName) => {
          const policy = await must(
            attempts.attempt('iam:GetRolePolicy', { RoleName: roleName, PolicyName: policyName }, region),
          );
          return { name: policyName, document: policy.PolicyDocument ?? '{}' };
        }),
      ),
      Promise.all(attached.map((policy) => managedPolicy(attempts, policy.PolicyArn!, region))),
      boundaryArn ? managedPolicy(attempts, boundaryArn, region) : undefined,
    ]);
    const policies: PrincipalPolicies = { identityPolicies: [...inline, ...managed] };
    if (role.Role?.Arn) policies.principalArn = role.Role.Arn;
    if (boundary) policies.permissionBoundary = boundary;
    const tags = role.Role?.Tags;
    if (tags?.length) policies.tags = Object.fromEntries(tags.map((tag) => [tag.Key ?? '', tag.Value ?? '']));
    return known(policies);
  } catch (error) {
    if (error instanceof PolicyReadError) return unavailableFrom(error.failure);
    throw error;
  }
}

/** A user's policies include those of its groups. */
async function userPolicies(
  attempts: Attempts,
  userName: string,
  region: string,
): Promise<Fact<PrincipalPolicies>> {
  try {
    const [user, inlineNames, attached, groups] = await Promise.all([
      must(attempts.attempt('iam:GetUser', { UserName: userName }, region)),
      allPages(async (Marker) => {
        const page = await must(
          attempts.attempt('iam:ListUserPolicies', paged({ UserName: userName }, Marker), region),
        );
        return { items: page.PolicyNames ?? [], marker: page.Marker, truncated: page.IsTruncated };
      }),
      allPages(async (Marker) => {
        const page = await must(
          attempts.attempt('iam:ListAttachedUserPolicies', paged({ UserName: userName }, Marker), region),
        );
        return { items: page.AttachedPolicies ?? [], marker: page.Marker, truncated: page.IsTruncated };
      }),
      allPages(async (Marker) => {
        const page = await must(
          attempts.attempt('iam:ListGroupsForUser', paged({ UserName: userName }, Marker), region),
        );
        return { items: page.Groups ?? [], marker: page.Marker, truncated: page.IsTruncated };
      }),
    ]);
    const boundaryArn = user.User?.PermissionsBoundary?.PermissionsBoundaryArn;
    const [inline, managed, groupPolicies, boundary] = await Promise.all([
      Promise.all(
        inlineNames.map(async (policyName) => {
          const policy = await must(
            attempts.attempt('iam:GetUserPolicy', { UserName: userName, PolicyName: policyName }, region),
          );
          return { name: policyName, document: policy.PolicyDocument ?? '{}' };
        }),
      ),
      Promise.all(attached.map((policy) => managedPolicy(attempts, policy.PolicyArn!, region))),
      Promise.all(groups.map((group) => groupPoliciesOf(attempts, group.GroupName!, region))),
      boundaryArn ? managedPolicy(attempts, boundaryArn, region) : undefined,
    ]);
    const policies: PrincipalPolicies = {
      identityPolicies: [...inline, ...managed, ...groupPolicies.flat()],
    };
    if (user.User?.Arn) policies.principalArn = user.User.Arn;
    if (boundary) policies.permissionBoundary = boundary;
    const tags = user.User?.Tags;
    if (tags?.length) policies.tags = Object.fromEntries(tags.map((tag) => [tag.Key ?? '', tag.Value ?? '']));
    return known(policies);
  } catch (error) {
    if (error instanceof PolicyReadError) return unavailableFrom(error.failure);
    throw error;
  }
}

async function groupPoliciesOf(
  attempts: Attempts,
  groupName: string,
  region: string,
): Promise<NamedPolicy[]> {
  const [inlineNames, attached] = await Promise.all([
    allPages(async (Marker) => {
      const page = await must(
        attempts.attempt('iam:ListGroupPolicies', paged({ GroupName: groupName }, Marker), region),
      );
      return { items: page.PolicyNames ?? [], marker: page.Marker, truncated: page.IsTruncated };
    }),
    allPages(async (Marker) => {
      const page = await must(
        attempts.attempt('iam:ListAttachedGroupPolicies', paged({ GroupName: groupName }, Marker), region),
      );
      return { items: page.AttachedPolicies ?? [], marker: page.Marker, truncated: page.IsTruncated };
    }),
  ]);
  const [inline, managed] = await Promise.all([
    Promise.all(
      inlineNames.map(async (policyName) => {
        const policy = await must(
          attempts.attempt('iam:GetGroupPolicy', { GroupName: groupName, PolicyName: policyName }, region),
        );
        return { name: `${groupName}/${policyName}`, document: policy.PolicyDocument ?? '{}' };
      }),
    ),
    Promise.all(attached.map((policy) => managedPolicy(attempts, policy.PolicyArn!, region))),
  ]);
  return [...inline, ...managed];
}

/** The key policy (KMS keys have exactly one, named `default`). */
export async function collectKeyPolicy(
  attempts: Attempts,
  keyArn: string,
  region: string,
): Promise<Fact<unknown>> {
  const result = await attempts.attempt('kms:GetKeyPolicy', { KeyId: keyArn, PolicyName: 'default' }, region);
  if (!result.ok) return unavailableFrom(result);
  return known(result.value.Policy ?? '{}');
}
