import type { ClientFacts } from '../../model/index.js';

/** Install commands for the client tools, for the machine's OS and CPU when known, else for all. */

export const AWS_CLI_INSTALL_DOCS =
  'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';
export const PLUGIN_INSTALL_DOCS =
  'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html';

interface PlatformCommand {
  os: string;
  arch?: string;
  label: string;
  command: string;
}

const AWS_CLI_COMMANDS: PlatformCommand[] = [
  {
    os: 'linux',
    arch: 'x64',
    label: 'Linux x86_64',
    command:
      'curl "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip" -o awscliv2.zip && unzip -o awscliv2.zip && sudo ./aws/install --update',
  },
  {
    os: 'linux',
    arch: 'arm64',
    label: 'Linux ARM64',
    command:
      'curl "https://awscli.amazonaws.com/awscli-exe-linux-aarch64.zip" -o awscliv2.zip && unzip -o awscliv2.zip && sudo ./aws/install --update',
  },
  {
    os: 'darwin',
    label: 'macOS',
    command:
      'curl "https://awscli.amazonaws.com/AWSCLIV2.pkg" -o AWSCLIV2.pkg && sudo installer -pkg AWSCLIV2.pkg -target /',
  },
  { os: 'win32', label: 'Windows', command: 'msiexec.exe /i https://awscli.amazonaws.com/AWSCLIV2.msi' },
];

const PLUGIN_BASE = 'https://s3.amazonaws.com/session-manager-downloads/plugin/latest';

function linuxPlugin(debianDir: string, rpmDir: string): string {
  return [
    `curl "${PLUGIN_BASE}/${debianDir}/session-manager-plugin.deb" -o session-manager-plugin.deb && sudo dpkg -i session-manager-plugin.deb  # Debian, Ubuntu`,
    `sudo yum install -y ${PLUGIN_BASE}/${rpmDir}/session-manager-plugin.rpm  # Amazon Linux, RHEL`,
  ].join('\n');
}

function macPlugin(directory: string): string {
  return `curl "${PLUGIN_BASE}/${directory}/sessionmanager-bundle.zip" -o sessionmanager-bundle.zip && unzip -o sessionmanager-bundle.zip && sudo ./sessionmanager-bundle/install -i /usr/local/sessionmanagerplugin -b /usr/local/bin/session-manager-plugin`;
}

const PLUGIN_COMMANDS: PlatformCommand[] = [
  { os: 'linux', arch: 'x64', label: 'Linux x86_64', command: linuxPlugin('ubuntu_64bit', 'linux_64bit') },
  { os: 'linux', arch: 'arm64', label: 'Linux ARM64', command: linuxPlugin('ubuntu_arm64', 'linux_arm64') },
  { os: 'darwin', arch: 'x64', label: 'macOS Intel', command: macPlugin('mac') },
  { os: 'darwin', arch: 'arm64', label: 'macOS Apple silicon', command: macPlugin('mac_arm64') },
  {
    os: 'win32',
    label: 'Windows',
    command: `curl.exe -o SessionManagerPluginSetup.exe ${PLUGIN_BASE}/windows/SessionManagerPluginSetup.exe && SessionManagerPluginSetup.exe`,
  },
];

/** The command for this machine, or every command labelled by platform when the machine is not known. */
function commandFor(commands: PlatformCommand[], client: ClientFacts): string {
  const match = commands.filter(
    (entry) => entry.os === client.os && (entry.arch === undefined || entry.arch === client.arch),
  );
  if (match.length === 1) return match[0]!.command;
  return commands.map((entry) => `# ${entry.label}\n${entry.command}`).join('\n');
}

export function awsCliInstallCommand(client: ClientFacts): string {
  return commandFor(AWS_CLI_COMMANDS, client);
}

export function pluginInstallCommand(client: ClientFacts): string {
  return commandFor(PLUGIN_COMMANDS, client);
}
