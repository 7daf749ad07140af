import type { NamedPolicy } from '../../../model/index.js';
import type { Field } from '../field.js';
import { emptyDraft, type PolicyDraft, policiesFact } from '../policies.js';
import { plainDocument, Unresolved } from '../values.js';
import { resourceReader, type TemplateContext } from './context.js';
import type { TemplateResource } from './intrinsics.js';
import { resourceName } from './references.js';

/**
 * A role's identity policies, gathered from everywhere a template can grant them: the role's own
 * Policies, ManagedPolicyArns and PermissionsBoundary, and the AWS::IAM::Policy,
 * AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy resources that name the role. A managed policy
 * that is not in the files (an AWS managed policy, another stack's) leaves the policies unknown.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html
 */

interface Attachment {
  /** Role references: Refs to roles of the template, or role names. */
  roles: Field[];
  policy: NamedPolicy;
}

interface RoleDraft {
  draft: PolicyDraft;
  managedPolicyArns: Field;
  permissionsBoundary: Field;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export class TemplateIam {
  private readonly roles = new Map<string, RoleDraft>();
  private readonly managedPolicies = new Map<string, NamedPolicy>();
  private readonly attachments: Attachment[] = [];

  constructor(private readonly context: TemplateContext) {}

  /** Properties resolved as a policy document is (see Resolver.resolve). */
  private documentProperties(resource: TemplateResource): Record<string, unknown> {
    return record(this.context.resolver.resolve(resource.Properties, true));
  }

  readRole(id: string, resource: TemplateResource): void {
    const { properties, reader } = resourceReader(this.context, id, resource);
    for (const path of ['policies', 'managedPolicyArns', 'permissionsBoundary'])
      reader.note(path, properties.get(path));
    const draft = emptyDraft();
    const inline = this.documentProperties(resource).Policies;
    for (const entry of Array.isArray(inline) ? inline : []) {
      if (entry instanceof Unresolved) {
        draft.unknown.push(`an inline policy the files do not decide (${entry.reason})`);
        continue;
      }
      const policy = record(entry);
      draft.identityPolicies.push({
        name: typeof policy.PolicyName === 'string' ? policy.PolicyName : id,
        document: plainDocument(policy.PolicyDocument),
      });
    }
    this.roles.set(id, {
      draft,
      managedPolicyArns: properties.get('managedPolicyArns'),
      permissionsBoundary: properties.get('permissionsBoundary'),
    });
  }

  /** AWS::IAM::Policy (inline, `managed` false) or AWS::IAM::ManagedPolicy. */
  readPolicy(id: string, resource: TemplateResource, managed: boolean): void {
    const { properties } = resourceReader(this.context, id, resource);
    const resolved = this.documentProperties(resource);
    const name = properties.get(managed ? 'managedPolicyName' : 'policyName').text() ?? id;
    const document = plainDocument(resolved.PolicyDocument);
    const policy: NamedPolicy = managed ? { name, arn: id, document } : { name, document };
    if (managed) this.managedPolicies.set(id, policy);
    this.attachments.push({ roles: properties.get('roles').items(), policy });
  }

  readRolePolicy(id: string, resource: TemplateResource): void {
    const { properties } = resourceReader(this.context, id, resource);
    const resolved = this.documentProperties(resource);
    this.attachments.push({
      roles: [properties.get('roleName')],
      policy: {
        name: properties.get('policyName').text() ?? id,
        document: plainDocument(resolved.PolicyDocument),
      },
    });
  }

  /** A reference to a resource of this template. */
  private localReference(field: Field) {
    const reference = field.reference;
    return reference?.scope === this.context.resolver.scope ? reference : undefined;
  }

  /** The role a reference names: a Ref to a role of the template, or the name a role is given. */
  private roleIdOf(field: Field): string | undefined {
    const reference = this.localReference(field);
    if (reference && this.roles.has(reference.id)) return reference.id;
    const name = field.text();
    if (name === undefined) return undefined;
    return [...this.roles.keys()].find((id) => this.roleName(id) === name);
  }

  private roleName(id: string): string {
    return resourceName(this.context.resolver, id, this.context.resolver.resources[id]!);
  }

  /** The managed policy an ARN names, or why the files do not hold it. */
  private managedPolicy(field: Field): NamedPolicy | string {
    const reference = this.localReference(field);
    const policy = reference ? this.managedPolicies.get(reference.id) : undefined;
    if (policy) return policy;
    const open = field.unresolved;
    const missing = `attached managed policy ${field.text()} is not in the linted files`;
    return open ? `${missing} (${open.reason})` : missing;
  }

  /** Adds a RoleNode for every role of the template, with the policies found for it. */
  finish(): void {
    for (const attachment of this.attachments) {
      for (const role of attachment.roles) {
        const id = this.roleIdOf(role);
        if (id) this.roles.get(id)!.draft.identityPolicies.push(attachment.policy);
      }
    }
    for (const [id, role] of this.roles) {
      const { draft } = role;
      const openList = role.managedPolicyArns.unresolved;
      if (openList) draft.unknown.push(`ManagedPolicyArns is not decided by the files (${openList.reason})`);
      for (const arn of role.managedPolicyArns.items()) {
        const policy = this.managedPolicy(arn);
        if (typeof policy === 'string') draft.unknown.push(policy);
        else if (!draft.identityPolicies.includes(policy)) draft.identityPolicies.push(policy);
      }
      if (role.permissionsBoundary.present) {
        const boundary = this.managedPolicy(role.permissionsBoundary);
        if (typeof boundary === 'string') draft.unknown.push(`permissions boundary: ${boundary}`);
        else draft.permissionBoundary = boundary;
      }
      this.context.graph.roles.push({
        scope: this.context.resolver.scope,
        id,
        name: this.roleName(id),
        policies: policiesFact(draft),
      });
    }
  }
}
