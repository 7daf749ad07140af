import type { ExecTarget } from '../../model/index.js';
import { isAtLeast } from '../../model/index.js';
import { fail, pass, skip, unknown, unknownFromFact } from '../results.js';
import { defineCheck, type Fix } from '../types.js';
import { PLUGIN_INSTALL_DOCS, pluginInstallCommand } from './install.js';

/**
 * The AWS CLI hands every exec session to the local `session-manager-plugin`; without it the CLI
 * stops with "SessionManagerPlugin is not found". A plugin built for another CPU is on PATH but
 * cannot start. With a cluster KMS key the plugin itself calls KMS with your profile, and SSO
 * (sso-session) profiles work there only from plugin 1.2.497.0.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/plugin-version-history.html
 */

const RESOURCE = 'client/session-manager-plugin';
const SSO_KMS_MINIMUM = '1.2.497.0';

function clusterHasKmsKey(target: ExecTarget): boolean {
  return (
    target.kmsKey !== undefined ||
    (target.cluster.known && target.cluster.value.executeCommandConfiguration?.kmsKeyId !== undefined)
  );
}

export const clientSessionManagerPlugin = defineCheck({
  id: 'client.session-manager-plugin',
  title: 'Session Manager plugin is installed and runs',
  layer: 'client',
  suite: 'readiness',
  modes: ['live'],
  needs: ['client'],
  rationale:
    'The AWS CLI runs the local session-manager-plugin for every exec session. It must be on PATH and start (a build for the wrong CPU architecture is found but cannot run). When the cluster encrypts sessions with a KMS key, the plugin calls KMS with your profile; SSO profiles work there only from plugin 1.2.497.0.',
  references: {
    docs: [
      PLUGIN_INSTALL_DOCS,
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/plugin-version-history.html',
    ],
  },
  docs: {
    passes:
      '`session-manager-plugin --version` runs. When the cluster encrypts sessions with a KMS key and the AWS profile uses SSO, the plugin is also 1.2.497.0 or later.',
    fails:
      'Fails when the plugin is not on PATH (the AWS CLI stops with "SessionManagerPlugin is not found"), is on PATH but does not start (often a build for another CPU architecture), or is older than 1.2.497.0 while the cluster has a KMS key and the profile uses SSO (the KMS handshake fails). Unknown when the version cannot be read, or when the plugin is old and whether the profile uses SSO is not known.',
    fix: {
      cli: `# Debian, Ubuntu (x86_64; the install guide has ARM, macOS and Windows)
curl "https://s3.amazonaws.com/session-manager-downloads/plugin/latest/ubuntu_64bit/session-manager-plugin.deb" -o session-manager-plugin.deb && sudo dpkg -i session-manager-plugin.deb
# Amazon Linux, RHEL (x86_64)
sudo yum install -y https://s3.amazonaws.com/session-manager-downloads/plugin/latest/linux_64bit/session-manager-plugin.rpm
session-manager-plugin --version`,
    },
    notApplicable:
      'Skipped when the local machine was not inspected (a replayed snapshot without client facts).',
  },
  run(target) {
    const fact = target.client;
    if (!fact) return [skip(RESOURCE, 'The local machine was not inspected.')];
    if (!fact.known) return [unknownFromFact(RESOURCE, 'the local Session Manager plugin', fact)];
    const client = fact.value;
    const plugin = client.sessionManagerPlugin;
    const install: Fix = {
      summary: `Install the latest Session Manager plugin for this machine's OS and CPU: ${PLUGIN_INSTALL_DOCS}`,
      cli: pluginInstallCommand(client),
    };
    if (plugin.version === null) {
      return [
        fail(
          RESOURCE,
          'session-manager-plugin is not on PATH: the AWS CLI stops with "SessionManagerPlugin is not found".',
          install,
          ['session-manager-plugin --version: not found on PATH'],
        ),
      ];
    }
    const evidence = `session-manager-plugin --version: ${plugin.output ?? plugin.version}`;
    if (!plugin.runs) {
      const machine = [client.os, client.arch].filter(Boolean).join(' ');
      const cpu = client.arch ? ` (this machine is ${machine})` : '';
      return [
        fail(
          RESOURCE,
          `session-manager-plugin is on PATH but does not run; often it is a build for another CPU architecture${cpu}.`,
          install,
          [evidence],
        ),
      ];
    }
    if (!clusterHasKmsKey(target) || client.profileUsesSso === false) {
      return [pass(RESOURCE, `session-manager-plugin ${plugin.version} runs.`, [evidence])];
    }
    const ssoNote = `the cluster encrypts sessions with a KMS key, which the plugin calls with your profile; SSO profiles need plugin ${SSO_KMS_MINIMUM} or later`;
    if (!/^\d+(\.\d+)+$/.test(plugin.version)) {
      return [
        unknown(
          RESOURCE,
          `Could not read the plugin version from \`${plugin.version}\`; ${ssoNote}.`,
          'session-manager-plugin --version',
        ),
      ];
    }
    if (isAtLeast(plugin.version, SSO_KMS_MINIMUM)) {
      return [
        pass(
          RESOURCE,
          `session-manager-plugin ${plugin.version} runs and handles SSO profiles with KMS-encrypted sessions.`,
          [evidence],
        ),
      ];
    }
    const profile = client.profile ?? '(default)';
    if (client.profileUsesSso === undefined) {
      return [
        unknown(
          RESOURCE,
          `session-manager-plugin ${plugin.version} is older than ${SSO_KMS_MINIMUM}, and whether profile ${profile} uses SSO is not known; ${ssoNote}.`,
          `sso_session or sso_start_url in profile ${profile}`,
        ),
      ];
    }
    return [
      fail(
        RESOURCE,
        `session-manager-plugin ${plugin.version} is older than ${SSO_KMS_MINIMUM}, and profile ${profile} uses SSO; ${ssoNote}, so sessions fail in the KMS handshake.`,
        {
          ...install,
          summary: `Upgrade the Session Manager plugin to ${SSO_KMS_MINIMUM} or later: ${PLUGIN_INSTALL_DOCS}`,
        },
        [evidence, `profile ${profile}: uses SSO`],
      ),
    ];
  },
});
