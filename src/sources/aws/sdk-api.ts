import type { AwsApi } from './api.js';
import { isOperationName, type OperationName } from './operations.js';

export interface SdkApiOptions {
  profile?: string;
  region?: string;
}

type ServicePrefix = 'sts' | 'ecs' | 'ec2' | 'iam' | 'kms' | 'logs' | 's3' | 'organizations';

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  config: { region: () => Promise<string> };
}
type SdkModule = Record<string, new (config: object) => unknown>;

/**
 * Each client package is imported on first use only: a run that needs no S3 never loads it,
 * and `lint` never loads the SDK at all.
 */
const MODULES: Record<ServicePrefix, { load: () => Promise<SdkModule>; client: string }> = {
  sts: { load: () => import('@aws-sdk/client-sts') as never, client: 'STSClient' },
  ecs: { load: () => import('@aws-sdk/client-ecs') as never, client: 'ECSClient' },
  ec2: { load: () => import('@aws-sdk/client-ec2') as never, client: 'EC2Client' },
  iam: { load: () => import('@aws-sdk/client-iam') as never, client: 'IAMClient' },
  kms: { load: () => import('@aws-sdk/client-kms') as never, client: 'KMSClient' },
  logs: { load: () => import('@aws-sdk/client-cloudwatch-logs') as never, client: 'CloudWatchLogsClient' },
  s3: { load: () => import('@aws-sdk/client-s3') as never, client: 'S3Client' },
  organizations: {
    load: () => import('@aws-sdk/client-organizations') as never,
    client: 'OrganizationsClient',
  },
};

/**
 * The live implementation: AWS SDK v3 clients with the standard configuration chain (env,
 * profiles, SSO, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>), adaptive retry for throttling,
 * and timeouts so an unreachable endpoint fails instead of hanging.
 */
export function createSdkApi(options: SdkApiOptions): AwsApi {
  const clients = new Map<string, Promise<{ client: SdkClient; module: SdkModule }>>();

  function clientFor(service: ServicePrefix, region: string | undefined) {
    const key = `${service} ${region ?? ''}`;
    let pending = clients.get(key);
    if (!pending) {
      pending = MODULES[service].load().then((module) => {
        const Client = module[MODULES[service].client]!;
        const config: Record<string, unknown> = {
          retryMode: 'adaptive',
          maxAttempts: 5,
          requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
        };
        if (region) config.region = region;
        if (options.profile) config.profile = options.profile;
        // A bucket may live in another region than the task; S3 answers 301 and the SDK follows it.
        if (service === 's3') config.followRegionRedirects = true;
        return { client: new Client(config) as SdkClient, module };
      });
      clients.set(key, pending);
    }
    return pending;
  }

  return {
    async defaultRegion() {
      if (options.region) return options.region;
      try {
        const { client } = await clientFor('sts', undefined);
        return await client.config.region();
      } catch {
        return undefined;
      }
    },
    async call(operation, input, region) {
      if (!isOperationName(operation))
        throw new Error(`refusing to call ${operation}: not a known read operation`);
      const [service, name] = (operation as OperationName).split(':') as [ServicePrefix, string];
      const { client, module } = await clientFor(service, region);
      const Command = module[`${name}Command`];
      if (!Command) throw new Error(`internal: the SDK has no ${name}Command`);
      const output = (await client.send(new Command(input))) as Record<string, unknown>;
      const { $metadata: _metadata, ...rest } = output;
      return rest as never;
    },
  };
}
