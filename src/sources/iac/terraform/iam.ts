import type { NamedPolicy } from '../../../model/index.js';
import type { Field } from '../field.js';
import type { IacGraph } from '../graph.js';
import { emptyDraft, type PolicyDraft, policiesFact } from '../policies.js';
import { resourceReader } from './ecs.js';
import type { TerraformPlan, TfResource } from './plan.js';

/**
 * A role's identity policies from a plan: the role's inline_policy, managed_policy_arns and
 * permissions_boundary, aws_iam_role_policy, and aws_iam_policy attached with
 * aws_iam_role_policy_attachment or aws_iam_policy_attachment. Policy JSON comes from the plan's
 * values (aws_iam_policy_document data sources included). A policy the plan knows only after
 * apply, or a managed policy that is not in the plan, leaves the role's policies unknown.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role
 */

/** A policy document as given: parsed JSON when it is JSON, else the text. */
function document(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function known(field: Field): string | undefined {
  return !field.unresolved && typeof field.value === 'string' && field.value !== '' ? field.value : undefined;
}

class PlanIam {
  private readonly drafts = new Map<TfResource, PolicyDraft>();
  private readonly policies = new Map<TfResource, NamedPolicy | string>();

  constructor(
    private readonly graph: IacGraph,
    private readonly plan: TerraformPlan,
  ) {}

  /** An inline or managed policy's document, or why the plan does not know it. */
  private policyDocument(resource: TfResource): { document: unknown } | { reason: string } {
    const open = this.plan.attribute(resource, 'policy').unresolved;
    if (open) return { reason: `${resource.address}: ${open.reason}` };
    return { document: document(String(this.plan.attribute(resource, 'policy').value ?? '')) };
  }

  private roleFor(field: Field): TfResource | undefined {
    const reference = field.reference;
    const roles = this.plan.ofType('aws_iam_role');
    if (reference) return roles.find((role) => role.address === reference.id);
    const name = known(field);
    if (!name) return undefined;
    return roles.find(
      (role) => known(role.values.get('name')) === name || known(role.values.get('arn')) === name,
    );
  }

  /** The aws_iam_policy an ARN names, or why the plan does not hold it. */
  private managedPolicy(field: Field): NamedPolicy | string {
    const reference = field.reference;
    const arn = known(field);
    const policy = this.plan
      .ofType('aws_iam_policy')
      .find((candidate) =>
        reference
          ? candidate.address === reference.id
          : arn !== undefined && known(candidate.values.get('arn')) === arn,
      );
    if (policy) return this.policyOf(policy);
    if (field.unresolved) return `a managed policy ARN the plan does not decide (${field.unresolved.reason})`;
    return `attached managed policy ${arn ?? field.text()} is not in the linted files`;
  }

  private policyOf(resource: TfResource): NamedPolicy | string {
    const cached = this.policies.get(resource);
    if (cached) return cached;
    const body = this.policyDocument(resource);
    const name = known(resource.values.get('name')) ?? resource.address;
    const arn = known(resource.values.get('arn')) ?? resource.address;
    const policy = 'reason' in body ? body.reason : { name, arn, document: body.document };
    this.policies.set(resource, policy);
    return policy;
  }

  private attach(role: TfResource | undefined, policy: NamedPolicy | string): void {
    const draft = role && this.drafts.get(role);
    if (!draft) return;
    if (typeof policy === 'string') draft.unknown.push(policy);
    else draft.identityPolicies.push(policy);
  }

  /**
   * inline_policy and managed_policy_arns are computed: when the configuration leaves them unset,
   * the plan cannot know them for a new role, and the policies come from the other resources.
   */
  private readRole(role: TfResource, draft: PolicyDraft): void {
    const inline = role.values.get('inline_policy');
    if (inline.unresolved) {
      if (this.plan.configuration.sets(role, 'inline_policy'))
        draft.unknown.push(`${role.address}: ${inline.unresolved.reason}`);
    } else {
      for (const entry of inline.items()) {
        const policy = entry.get('policy');
        if (policy.unresolved) draft.unknown.push(`${role.address}: ${policy.unresolved.reason}`);
        else if (known(policy))
          draft.identityPolicies.push({
            name: known(entry.get('name')) ?? role.address,
            document: document(known(policy)!),
          });
      }
    }
    const managed = role.values.get('managed_policy_arns');
    if (managed.unresolved) {
      if (this.plan.configuration.sets(role, 'managed_policy_arns'))
        draft.unknown.push(`${role.address}: ${managed.unresolved.reason}`);
    } else {
      for (const arn of managed.items()) this.attach(role, this.managedPolicy(arn));
    }
    const boundary = this.plan.attribute(role, 'permissions_boundary');
    if (boundary.unresolved || known(boundary)) {
      const policy = this.managedPolicy(boundary);
      if (typeof policy === 'string') draft.unknown.push(`permissions boundary: ${policy}`);
      else draft.permissionBoundary = policy;
    }
  }

  read(): void {
    const roles = this.plan.ofType('aws_iam_role');
    for (const role of roles) this.drafts.set(role, emptyDraft());
    for (const role of roles) this.readRole(role, this.drafts.get(role)!);
    for (const inline of this.plan.ofType('aws_iam_role_policy')) {
      const body = this.policyDocument(inline);
      const name = known(inline.values.get('name')) ?? inline.address;
      this.attach(
        this.roleFor(this.plan.attribute(inline, 'role')),
        'reason' in body ? body.reason : { name, document: body.document },
      );
    }
    for (const attachment of this.plan.ofType('aws_iam_role_policy_attachment')) {
      const role = this.roleFor(this.plan.attribute(attachment, 'role'));
      this.attach(role, this.managedPolicy(this.plan.attribute(attachment, 'policy_arn')));
    }
    for (const attachment of this.plan.ofType('aws_iam_policy_attachment')) {
      const policy = this.managedPolicy(this.plan.attribute(attachment, 'policy_arn'));
      const count = attachment.values.get('roles').items().length;
      for (let index = 0; index < count; index++) {
        this.attach(this.roleFor(this.plan.attribute(attachment, 'roles', index)), policy);
      }
    }
    for (const role of roles) {
      const reader = resourceReader(this.graph, this.plan, role);
      for (const [path, attribute] of [
        ['policies', 'inline_policy'],
        ['managedPolicyArns', 'managed_policy_arns'],
        ['permissionsBoundary', 'permissions_boundary'],
      ] as const) {
        reader.note(path, role.values.get(attribute));
      }
      this.graph.roles.push({
        scope: this.plan.document.file,
        id: role.address,
        name: known(role.values.get('name')) ?? role.address,
        ...(known(role.values.get('arn')) ? { arn: known(role.values.get('arn')) } : {}),
        policies: policiesFact(this.drafts.get(role)!),
      });
    }
  }
}

export function readRoles(graph: IacGraph, plan: TerraformPlan): void {
  new PlanIam(graph, plan).read();
}
