import { expect } from 'vitest';
import { clientSessionManagerPlugin } from '../../src/checks/client/session-manager-plugin.js';
import { type ClientFacts, type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

function withClient(change: (client: ClientFacts) => void, changeTarget: (t: ExecTarget) => void = () => {}) {
  return targetWith((t) => {
    if (t.client?.known) change(t.client.value);
    changeTarget(t);
  });
}

const withoutClusterKey = (t: ExecTarget) => {
  t.kmsKey = undefined;
  if (t.cluster.known) t.cluster.value.executeCommandConfiguration!.kmsKeyId = undefined;
};

/** A plugin older than 1.2.497.0 (August 2023), used with an SSO profile. */
const oldPluginWithSso = (client: ClientFacts) => {
  client.sessionManagerPlugin = { version: '1.2.463.0', runs: true };
  client.profile = 'dev-sso';
  client.profileUsesSso = true;
};

checkTable(clientSessionManagerPlugin, {
  valid: [
    {
      name: 'plugin installed and running',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: /1.2.707.0 runs/,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual(['session-manager-plugin --version: 1.2.707.0']),
    },
    {
      name: 'old plugin without a cluster key',
      target: withClient(oldPluginWithSso, withoutClusterKey),
      statuses: ['pass'],
      message: 'session-manager-plugin 1.2.463.0 runs.',
    },
    {
      name: 'old plugin with a cluster key and a non-SSO profile',
      target: withClient((client) => {
        oldPluginWithSso(client);
        client.profileUsesSso = false;
      }),
      statuses: ['pass'],
    },
    {
      name: 'SSO profile, cluster key, plugin at exactly 1.2.497.0',
      target: withClient((client) => {
        oldPluginWithSso(client);
        client.sessionManagerPlugin = { version: '1.2.497.0', runs: true };
      }),
      statuses: ['pass'],
      message: /handles SSO profiles with KMS-encrypted sessions/,
    },
    {
      name: 'the local machine was not inspected',
      target: targetWith((t) => {
        t.client = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'plugin missing',
      target: withClient((client) => {
        client.sessionManagerPlugin = { version: null, runs: false };
        client.os = 'darwin';
        client.arch = 'x64';
      }),
      statuses: ['fail'],
      message: /SessionManagerPlugin is not found/,
      fix: /session-manager-working-with-install-plugin.html/,
      assert: ([finding]) =>
        expect(finding?.fix?.cli).toMatch(
          /^curl "https:\/\/s3.amazonaws.com\/session-manager-downloads\/plugin\/latest\/mac\/sessionmanager-bundle.zip"/,
        ),
    },
    {
      name: 'plugin built for another CPU',
      target: withClient((client) => {
        client.sessionManagerPlugin = { version: '', runs: false, output: 'zsh: bad CPU type in executable' };
        client.os = 'darwin';
        client.arch = 'arm64';
      }),
      statuses: ['fail'],
      message:
        /does not run; often it is a build for another CPU architecture \(this machine is darwin arm64\)/,
      fix: /plugin\/latest\/mac_arm64\/sessionmanager-bundle.zip/,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'session-manager-plugin --version: zsh: bad CPU type in executable',
        ]),
    },
    {
      name: 'Linux x86_64 install commands give the deb and the rpm',
      target: withClient((client) => {
        client.sessionManagerPlugin = { version: null, runs: false };
        client.os = 'linux';
        client.arch = 'x64';
      }),
      statuses: ['fail'],
      fix: /ubuntu_64bit\/session-manager-plugin.deb[\s\S]*linux_64bit\/session-manager-plugin.rpm/,
    },
    {
      name: 'SSO profile, cluster key, plugin older than 1.2.497.0',
      target: withClient(oldPluginWithSso),
      statuses: ['fail'],
      message: /1.2.463.0 is older than 1.2.497.0, and profile dev-sso uses SSO/,
      fix: /Upgrade the Session Manager plugin to 1.2.497.0 or later/,
    },
    {
      name: 'old plugin, cluster key, SSO use not known',
      target: withClient((client) => {
        oldPluginWithSso(client);
        client.profileUsesSso = undefined;
      }),
      statuses: ['unknown'],
      message: /whether profile dev-sso uses SSO is not known/,
      assert: ([finding]) => expect(finding?.needs).toBe('sso_session or sso_start_url in profile dev-sso'),
    },
    {
      name: 'unreadable plugin version with a cluster key and SSO',
      target: withClient((client) => {
        oldPluginWithSso(client);
        client.sessionManagerPlugin = { version: 'dev', runs: true };
      }),
      statuses: ['unknown'],
    },
    {
      name: 'client facts could not be gathered',
      target: targetWith((t) => {
        t.client = unavailable('could not run session-manager-plugin');
      }),
      statuses: ['unknown'],
    },
  ],
});
