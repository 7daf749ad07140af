import {
  type Caller,
  type Fact,
  type KmsKey,
  known,
  type PrincipalPolicies,
  parseArn,
  type Role,
  unavailable,
} from '../../model/index.js';
import type { Attempts } from './attempt.js';
import { collectKeyPolicy, collectPrincipalPolicies, roleArnOfSession } from './policies.js';

/**
 * Reads policies once per principal and attaches them to the facts that need them. Disabled,
 * it attaches nothing: the IAM checks then say the policies were not read.
 */
export class PolicyReader {
  private readonly byArn = new Map<string, Promise<Fact<PrincipalPolicies>>>();

  constructor(
    private readonly attempts: Attempts,
    private readonly region: string,
    private readonly enabled: boolean,
    private readonly caller: Fact<Caller>,
  ) {}

  /** Starts (or joins) the read of one role's or user's policies. */
  ofRole(arn: string | undefined): Promise<Fact<PrincipalPolicies>> | undefined {
    if (!this.enabled || !arn) return undefined;
    let pending = this.byArn.get(arn);
    if (!pending) {
      pending = this.read(arn);
      this.byArn.set(arn, pending);
    }
    return pending;
  }

  /**
   * IAM answers only for principals of the account whose credentials ask. A task role in another
   * account cannot be read from here, so its policies are unknown rather than guessed.
   */
  private read(arn: string): Promise<Fact<PrincipalPolicies>> {
    const accountId = parseArn(arn)?.accountId;
    const callerAccount = this.caller.known ? this.caller.value.accountId : undefined;
    if (callerAccount && accountId && accountId !== callerAccount) {
      return Promise.resolve(
        unavailable(
          `${arn} is in account ${accountId}; IAM in account ${callerAccount} cannot read its policies`,
        ),
      );
    }
    return collectPrincipalPolicies(this.attempts, arn, this.region);
  }

  /** The caller with its policies; an assumed-role session's are those of its role. */
  async ofCaller(): Promise<Fact<Caller>> {
    if (!this.enabled || !this.caller.known) return this.caller;
    const { arn } = this.caller.value;
    const principal = roleArnOfSession(arn) ?? arn;
    const kind = parseArn(principal)?.resource.split('/')[0];
    const policies =
      kind === 'role' || kind === 'user'
        ? await this.ofRole(principal)!
        : unavailable<PrincipalPolicies>(
            `${arn} is not an IAM user or role session: its policies cannot be read`,
          );
    return known({ ...this.caller.value, policies });
  }

  async withPolicies(role: Fact<Role | null>): Promise<Fact<Role | null>> {
    if (!role.known || !role.value) return role;
    const pending = this.ofRole(role.value.arn);
    return pending ? known({ ...role.value, policies: await pending }) : role;
  }

  /** The cluster key with its key policy. */
  async ofKey(key: Fact<KmsKey | null> | undefined): Promise<Fact<KmsKey | null> | undefined> {
    if (!this.enabled || !key?.known || !key.value) return key;
    const keyRegion = parseArn(key.value.arn)?.region ?? this.region;
    return known({ ...key.value, policy: await collectKeyPolicy(this.attempts, key.value.arn, keyRegion) });
  }
}
