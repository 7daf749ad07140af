import { execFile } from 'node:child_process';
import { type ClientFacts, type Fact, known, type ToolVersion } from '../../model/index.js';

/** Runs `command --version`; a missing binary and one that will not run are different facts. */
function probeVersion(command: string, parse: (output: string) => string | undefined): Promise<ToolVersion> {
  return new Promise((resolve) => {
    execFile(command, ['--version'], { timeout: 5_000, windowsHide: true }, (error, stdout, stderr) => {
      // AWS CLI v1 prints its version on stderr.
      const output = `${stdout}${stderr}`.trim();
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        resolve({ version: null, runs: false });
      } else if (error) {
        resolve({ version: parse(output) ?? '', runs: false, output: output || error.message });
      } else {
        resolve({ version: parse(output) ?? '', runs: true, output });
      }
    });
  });
}

export function parseAwsCliVersion(output: string): string | undefined {
  return /aws-cli\/(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function parsePluginVersion(output: string): string | undefined {
  return /(\d+\.\d+\.\d+\.\d+)/.exec(output)?.[1];
}

/**
 * Whether the profile signs in through IAM Identity Center: old Session Manager plugins cannot
 * use such profiles in the KMS handshake.
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html
 */
async function profileUsesSso(profile: string): Promise<boolean | undefined> {
  try {
    const { loadSharedConfigFiles } = await import('@smithy/core/config');
    const { configFile } = await loadSharedConfigFiles();
    const section = configFile[profile];
    return Boolean(section?.sso_start_url || section?.sso_session);
  } catch {
    return undefined;
  }
}

export async function probeClient(profile: string | undefined): Promise<Fact<ClientFacts>> {
  const profileName = profile ?? process.env.AWS_PROFILE ?? 'default';
  const [awsCli, sessionManagerPlugin, usesSso] = await Promise.all([
    probeVersion('aws', parseAwsCliVersion),
    probeVersion('session-manager-plugin', parsePluginVersion),
    profileUsesSso(profileName),
  ]);
  const facts: ClientFacts = {
    awsCli,
    sessionManagerPlugin,
    profile: profileName,
    os: process.platform,
    arch: process.arch,
  };
  if (usesSso !== undefined) facts.profileUsesSso = usesSso;
  return known(facts);
}
