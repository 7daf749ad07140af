import { compact } from '../ecs-readers.js';
import type { Field } from '../field.js';
import type { Environment, IacGraph } from '../graph.js';
import { defaultKeyPolicy } from '../kms.js';
import { factFrom, type PropertyReader } from '../reader.js';
import { resourceReader } from './ecs.js';
import type { TerraformPlan, TfResource } from './plan.js';

/**
 * The exec configuration's KMS key, log group and bucket in a plan. The bucket's encryption and
 * versioning come from their own resources (AWS provider v4 and later), or from the bucket's
 * legacy blocks when the plan knows them. Unset arguments take the provider's documented defaults.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
 */

function known(field: Field): string | undefined {
  return !field.unresolved && typeof field.value === 'string' && field.value !== '' ? field.value : undefined;
}

/** An attribute AWS computes when it is not set: open in the plan means not known, not undecided. */
function computedBoolean(reader: PropertyReader, path: string, field: Field): boolean | undefined {
  return field.unresolved ? undefined : reader.boolean(path, field);
}

function first(field: Field): Field | undefined {
  return field.items()[0];
}

function parsedPolicy(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function readKeys(graph: IacGraph, plan: TerraformPlan, environment: Environment): void {
  const scope = plan.document.file;
  for (const key of plan.ofType('aws_kms_key')) {
    const reader = resourceReader(graph, plan, key);
    const values = key.values;
    const arn = known(values.get('arn'));
    const keyId = known(values.get('key_id'));
    const policy = plan.attribute(key, 'policy');
    reader.note('policy', policy);
    graph.keys.push({
      scope,
      id: key.address,
      names: [arn, keyId].filter((name): name is string => name !== undefined),
      fact: factFrom(() =>
        compact({
          keyId: keyId ?? key.address,
          arn: arn ?? key.address,
          keyState: (reader.boolean('enabled', values.get('is_enabled')) ?? true) ? 'Enabled' : 'Disabled',
          keySpec: values.get('customer_master_key_spec').unresolved
            ? undefined
            : (known(values.get('customer_master_key_spec')) ?? 'SYMMETRIC_DEFAULT'),
          keyUsage: values.get('key_usage').unresolved
            ? undefined
            : (known(values.get('key_usage')) ?? 'ENCRYPT_DECRYPT'),
          keyManager: 'CUSTOMER',
          multiRegion: computedBoolean(reader, 'multiRegion', values.get('multi_region')),
          policy: keyPolicy(plan, key, policy, environment),
        }),
      ),
    });
  }
  for (const alias of plan.ofType('aws_kms_alias')) {
    const target = plan.attribute(alias, 'target_key_id');
    const name = known(alias.values.get('name'));
    const keyId = target.reference?.id ?? known(target);
    const keyNode = graph.keys.find(
      (node) =>
        node.scope === scope && (node.id === keyId || (keyId !== undefined && node.names.includes(keyId))),
    );
    if (name && keyNode) graph.aliases.push({ scope, keyId: keyNode.id, alias: name });
  }
}

/** The key policy: as planned; KMS's default when the configuration sets none; else unknown. */
function keyPolicy(plan: TerraformPlan, key: TfResource, policy: Field, environment: Environment) {
  const text = known(policy);
  if (text) return { known: true as const, value: parsedPolicy(text) };
  if (!plan.configuration.sets(key, 'policy')) {
    return {
      known: true as const,
      value: defaultKeyPolicy(environment.partition ?? 'aws', environment.accountId ?? 'unknown'),
    };
  }
  return {
    known: false as const,
    reason: `${key.address}: ${policy.unresolved?.reason ?? 'policy is not in the plan'}`,
  };
}

export function readLogGroups(graph: IacGraph, plan: TerraformPlan, environment: Environment): void {
  const scope = plan.document.file;
  const { partition = 'aws', region = 'unknown', accountId = 'unknown' } = environment;
  for (const group of plan.ofType('aws_cloudwatch_log_group')) {
    const reader = resourceReader(graph, plan, group);
    const name = known(group.values.get('name')) ?? group.address;
    reader.note('name', group.values.get('name'));
    graph.logGroups.push({
      scope,
      id: group.address,
      name,
      fact: factFrom(() => {
        const retention = reader.number('retentionInDays', group.values.get('retention_in_days'));
        return compact({
          name,
          arn:
            known(group.values.get('arn')) ??
            `arn:${partition}:logs:${region}:${accountId}:log-group:${name}:*`,
          kmsKeyId: reader.text('kmsKeyId', plan.attribute(group, 'kms_key_id')) || undefined,
          // 0 means "never expire", which CloudWatch Logs reports as no retention.
          retentionInDays: retention === 0 ? undefined : retention,
        });
      }),
    });
  }
}

/** The resources configuring a bucket (encryption, versioning), matched by name or reference. */
function configurationsOf(plan: TerraformPlan, type: string, bucket: TfResource, name: string): TfResource[] {
  return plan.ofType(type).filter((candidate) => {
    const target = plan.attribute(candidate, 'bucket');
    return target.reference?.id === bucket.address || (known(target) !== undefined && known(target) === name);
  });
}

export function readBuckets(graph: IacGraph, plan: TerraformPlan): void {
  const scope = plan.document.file;
  for (const bucket of plan.ofType('aws_s3_bucket')) {
    const reader = resourceReader(graph, plan, bucket);
    const name = known(bucket.values.get('bucket')) ?? bucket.address;
    reader.note('name', bucket.values.get('bucket'));
    const encryptionResource = configurationsOf(
      plan,
      'aws_s3_bucket_server_side_encryption_configuration',
      bucket,
      name,
    )[0];
    const versioningResource = configurationsOf(plan, 'aws_s3_bucket_versioning', bucket, name)[0];
    graph.buckets.push({
      scope,
      id: bucket.address,
      name,
      fact: factFrom(() => {
        // The legacy block is computed: known for an existing bucket, open for a new one.
        const legacy = first(bucket.values.get('server_side_encryption_configuration'));
        const rule = encryptionResource
          ? first(encryptionResource.values.get('rule'))
          : legacy && first(legacy.get('rule'));
        const byDefault = rule && first(rule.get('apply_server_side_encryption_by_default'));
        if (byDefault) reader.note('encryption', byDefault);
        const algorithm = byDefault
          ? reader.string('encryption.algorithm', byDefault.get('sse_algorithm'))
          : undefined;
        return compact({
          name,
          // No configuration: S3 applies SSE-S3; the bucket-encryption check says so in lint mode.
          encryption:
            algorithm === undefined
              ? undefined
              : compact({ algorithm, kmsMasterKeyId: known(byDefault!.get('kms_master_key_id')) }),
          versioning: versioningOf(reader, bucket, versioningResource),
          objectLockEnabled: computedBoolean(
            reader,
            'objectLockEnabled',
            bucket.values.get('object_lock_enabled'),
          ),
        });
      }),
    });
  }
}

/**
 * From aws_s3_bucket_versioning when there is one; a bucket this plan creates without it has never
 * had versioning (S3 reports no Status); an existing bucket's legacy block, when the plan knows it.
 */
function versioningOf(
  reader: PropertyReader,
  bucket: TfResource,
  versioning: TfResource | undefined,
): string | undefined {
  if (versioning) {
    const status = first(versioning.values.get('versioning_configuration'))?.get('status');
    return status ? reader.string('versioning', status) : undefined;
  }
  if (bucket.created) return 'Disabled';
  const legacy = first(bucket.values.get('versioning'))?.get('enabled');
  if (!legacy || legacy.unresolved || typeof legacy.value !== 'boolean') return undefined;
  return legacy.value ? 'Enabled' : 'Disabled';
}
