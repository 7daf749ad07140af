import { compact, linkOf } from '../ecs-readers.js';
import { defaultKeyPolicy } from '../kms.js';
import { factFrom } from '../reader.js';
import { plainDocument } from '../values.js';
import { resourceReader, type TemplateContext } from './context.js';
import type { TemplateResource } from './intrinsics.js';
import { documentEnvironment, resourceName } from './references.js';

/**
 * The exec configuration's KMS key, log group and bucket, when the template declares them. Values
 * CloudFormation defaults when a property is left out are the documented defaults.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kms-key.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html
 */

export function readKey(context: TemplateContext, id: string, resource: TemplateResource): void {
  const { properties, reader } = resourceReader(context, id, resource);
  const { partition, accountId } = documentEnvironment(context.resolver);
  const keyPolicy = (resource.Properties as Record<string, unknown> | undefined)?.KeyPolicy;
  reader.note('policy', properties.get('keyPolicy'));
  context.graph.keys.push({
    scope: context.resolver.scope,
    id,
    names: [],
    fact: factFrom(() => {
      const enabled = reader.boolean('enabled', properties.get('enabled')) ?? true;
      const keySpec = properties.get('keySpec');
      const keyUsage = properties.get('keyUsage');
      reader.note('keySpec', keySpec);
      reader.note('keyUsage', keyUsage);
      return compact({
        keyId: id,
        arn: id,
        keyState: enabled ? 'Enabled' : 'Disabled',
        // A value the files leave open stays undefined: the check says it is not known.
        keySpec: keySpec.unresolved ? undefined : (keySpec.text() ?? 'SYMMETRIC_DEFAULT'),
        keyUsage: keyUsage.unresolved ? undefined : (keyUsage.text() ?? 'ENCRYPT_DECRYPT'),
        keyManager: 'CUSTOMER',
        multiRegion: reader.boolean('multiRegion', properties.get('multiRegion')),
        policy: {
          known: true as const,
          value:
            keyPolicy === undefined
              ? defaultKeyPolicy(partition, accountId)
              : plainDocument(context.resolver.resolve(keyPolicy, true)),
        },
      });
    }),
  });
}

/** AWS::KMS::Alias: the key it points at answers to the alias name too. */
export function readAlias(context: TemplateContext, id: string, resource: TemplateResource): void {
  const { properties } = resourceReader(context, id, resource);
  const target = linkOf(properties.get('targetKeyId'));
  const alias = properties.get('aliasName').text();
  if (target?.kind !== 'resource' || !alias) return;
  context.graph.aliases.push({ scope: target.scope, keyId: target.id, alias });
}

export function readLogGroup(context: TemplateContext, id: string, resource: TemplateResource): void {
  const { properties, reader } = resourceReader(context, id, resource);
  const name = resourceName(context.resolver, id, resource);
  const { partition, region, accountId } = documentEnvironment(context.resolver);
  reader.note('name', properties.get('logGroupName'));
  context.graph.logGroups.push({
    scope: context.resolver.scope,
    id,
    name,
    fact: factFrom(() =>
      compact({
        name,
        arn: `arn:${partition}:logs:${region}:${accountId}:log-group:${name}:*`,
        kmsKeyId: reader.text('kmsKeyId', properties.get('kmsKeyId')),
        retentionInDays: reader.number('retentionInDays', properties.get('retentionInDays')),
      }),
    ),
  });
}

export function readBucket(context: TemplateContext, id: string, resource: TemplateResource): void {
  const { properties, reader } = resourceReader(context, id, resource);
  const name = resourceName(context.resolver, id, resource);
  reader.note('name', properties.get('bucketName'));
  const encryption = properties.get('bucketEncryption');
  const rule = encryption
    .get('serverSideEncryptionConfiguration')
    .items()[0]
    ?.get('serverSideEncryptionByDefault');
  context.graph.buckets.push({
    scope: context.resolver.scope,
    id,
    name,
    fact: factFrom(() => {
      reader.note('encryption', encryption);
      const algorithm = rule ? reader.string('encryption.algorithm', rule.get('SSEAlgorithm')) : undefined;
      return compact({
        name,
        // No BucketEncryption: S3 applies SSE-S3; the bucket-encryption check says so in lint mode.
        encryption:
          algorithm === undefined
            ? undefined
            : compact({ algorithm, kmsMasterKeyId: rule!.get('KMSMasterKeyID').text() }),
        // A bucket whose template sets no versioning has never had it: S3 reports no Status.
        versioning:
          reader.string('versioning', properties.get('versioningConfiguration').get('status')) ?? 'Disabled',
        objectLockEnabled: reader.boolean('objectLockEnabled', properties.get('objectLockEnabled')) ?? false,
      });
    }),
  });
}
