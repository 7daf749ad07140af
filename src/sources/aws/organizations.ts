import { type Fact, known, type NamedPolicy } from '../../model/index.js';
import { type Attempts, unavailableFrom } from './attempt.js';

class ReadFailure extends Error {
  constructor(readonly failure: { reason: string; permission?: string }) {
    super(failure.reason);
  }
}

async function must<T>(
  pending: Promise<{ ok: true; value: T } | { ok: false; reason: string; permission?: string }>,
) {
  const result = await pending;
  if (!result.ok) throw new ReadFailure(result);
  return result.value;
}

/**
 * `--org-scps`: the SCPs that apply to an account, read from AWS Organizations, one level per
 * entry from the root through each OU to the account itself. Every level must allow an action.
 * Only the management account (or a delegated administrator) may read them; anywhere else the
 * answer is unavailable, naming the permission.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
export async function readOrganizationScps(
  attempts: Attempts,
  accountId: string,
  region: string,
): Promise<Fact<NamedPolicy[][]>> {
  try {
    const chain = [accountId];
    for (let child = accountId; ; ) {
      const parents = await must(attempts.attempt('organizations:ListParents', { ChildId: child }, region));
      const parent = parents.Parents?.[0];
      if (!parent?.Id) break;
      chain.unshift(parent.Id);
      if (parent.Type === 'ROOT') break;
      child = parent.Id;
    }
    return known(await Promise.all(chain.map((targetId) => policiesAttachedTo(attempts, targetId, region))));
  } catch (error) {
    if (error instanceof ReadFailure) return unavailableFrom(error.failure);
    throw error;
  }
}

async function policiesAttachedTo(
  attempts: Attempts,
  targetId: string,
  region: string,
): Promise<NamedPolicy[]> {
  const summaries = [];
  let nextToken: string | undefined;
  do {
    const page = await must(
      attempts.attempt(
        'organizations:ListPoliciesForTarget',
        {
          TargetId: targetId,
          Filter: 'SERVICE_CONTROL_POLICY',
          ...(nextToken ? { NextToken: nextToken } : {}),
        },
        region,
      ),
    );
    summaries.push(...(page.Policies ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return Promise.all(
    summaries.map(async (summary) => {
      const described = await must(
        attempts.attempt('organizations:DescribePolicy', { PolicyId: summary.Id! }, region),
      );
      const policy: NamedPolicy = {
        name: summary.Name ?? summary.Id!,
        document: described.Policy?.Content ?? '{}',
      };
      if (summary.Arn) policy.arn = summary.Arn;
      return policy;
    }),
  );
}
