import { expect } from 'vitest';
import { clientAwsCli, parseAwsCliVersion } from '../../src/checks/client/aws-cli.js';
import { type ClientFacts, type ExecTarget, unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { targetWith } from '../support/targets.js';

function withClient(change: (client: ClientFacts) => void): ExecTarget {
  return targetWith((t) => {
    if (t.client?.known) change(t.client.value);
  });
}

/** An installed, working CLI that prints `output` for `aws --version`. */
const cliPrinting = (output: string) =>
  withClient((client) => {
    client.awsCli = { version: parseAwsCliVersion(output) ?? output, runs: true, output };
  });

checkTable(clientAwsCli, {
  valid: [
    {
      name: 'AWS CLI v2 well above the minimum',
      target: targetWith(() => {}),
      statuses: ['pass'],
      message: 'AWS CLI 2.31.4 meets the documented minimum (2.3.6).',
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'aws --version: aws-cli/2.31.4 Python/3.13.7 Linux/6.8 exe/x86_64',
        ]),
    },
    {
      name: 'AWS CLI v1 at exactly the documented minimum',
      target: cliPrinting('aws-cli/1.22.3 Python/3.8.10 Linux/5.15.0 botocore/1.23.3'),
      statuses: ['pass'],
      message: /1.22.3 meets the documented minimum \(1.22.3\)/,
    },
    {
      name: 'version field holding the whole `aws --version` line',
      target: withClient((client) => {
        client.awsCli = { version: 'aws-cli/2.3.6 Python/3.8.8 Darwin/21.1.0 exe/x86_64', runs: true };
      }),
      statuses: ['pass'],
      message: /2.3.6 meets/,
    },
    {
      name: 'a later major version',
      target: cliPrinting('aws-cli/3.0.1 Python/3.14.0 Linux/6.12'),
      statuses: ['pass'],
      message: /newer than the documented minimum/,
    },
    {
      name: 'lint: the local machine is not inspected',
      target: targetWith((t) => {
        t.mode = 'lint';
        t.task = undefined;
        t.client = undefined;
      }),
      statuses: ['skip'],
    },
  ],
  invalid: [
    {
      name: 'AWS CLI missing: another client may be used',
      target: withClient((client) => {
        client.awsCli = { version: null, runs: false };
      }),
      statuses: ['warn'],
      message: /not on PATH/,
      fix: /https:\/\/docs.aws.amazon.com\/cli\/latest\/userguide\/getting-started-install.html/,
    },
    {
      name: 'AWS CLI present but broken',
      target: withClient((client) => {
        client.awsCli = { version: '', runs: false, output: 'exec format error' };
      }),
      statuses: ['fail'],
      message: '`aws` is on PATH but does not run: exec format error',
    },
    {
      name: 'v2 with the command but older than the documented minimum',
      target: cliPrinting('aws-cli/2.2.0 Python/3.8.8 Linux/5.4 exe/x86_64'),
      statuses: ['fail'],
      message: 'AWS CLI 2.2.0 has execute-command, but the ECS guide requires 2.3.6 or later.',
    },
    {
      name: 'v2 at the first release with the command',
      target: cliPrinting('aws-cli/2.1.31 Python/3.8.8 Linux/5.4 exe/x86_64'),
      statuses: ['fail'],
      message: /has execute-command, but the ECS guide requires 2.3.6/,
    },
    {
      name: 'v2 before execute-command existed',
      target: cliPrinting('aws-cli/2.1.30 Python/3.8.8 Linux/5.4 exe/x86_64'),
      statuses: ['fail'],
      message:
        'AWS CLI 2.1.30 predates execute-command (added in 2.1.31); the ECS guide requires 2.3.6 or later.',
    },
    {
      name: 'v1 with the command but older than the documented minimum',
      target: cliPrinting('aws-cli/1.19.28 Python/3.8.5 Linux/5.4 botocore/1.20.28'),
      statuses: ['fail'],
      message: /requires 1.22.3 or later/,
      fix: /python -m pip install --upgrade awscli/,
    },
    {
      name: 'v1 before execute-command existed',
      target: cliPrinting('aws-cli/1.18.69 Python/2.7.18 Linux/4.14 botocore/1.17.0'),
      statuses: ['fail'],
      message: /predates execute-command \(added in 1.19.28\)/,
    },
    {
      name: 'unreadable version output',
      target: withClient((client) => {
        client.awsCli = { version: 'custom-build', runs: true };
      }),
      statuses: ['unknown'],
      message: /Could not read the AWS CLI version from `custom-build`/,
    },
    {
      name: 'install command for this machine (Linux ARM64)',
      target: withClient((client) => {
        client.awsCli = { version: null, runs: false };
        client.os = 'linux';
        client.arch = 'arm64';
      }),
      statuses: ['warn'],
      assert: ([finding]) =>
        expect(finding?.fix?.cli).toBe(
          'curl "https://awscli.amazonaws.com/awscli-exe-linux-aarch64.zip" -o awscliv2.zip && unzip -o awscliv2.zip && sudo ./aws/install --update',
        ),
    },
    {
      name: 'install commands for every OS when the machine is not known',
      target: withClient((client) => {
        client.awsCli = { version: null, runs: false };
      }),
      statuses: ['warn'],
      fix: /# Linux x86_64\n.*awscli-exe-linux-x86_64.zip[\s\S]*# macOS\n.*AWSCLIV2.pkg[\s\S]*# Windows\nmsiexec.exe/,
    },
    {
      name: 'client facts could not be gathered',
      target: targetWith((t) => {
        t.client = unavailable('could not run `aws --version`: spawn EACCES');
      }),
      statuses: ['unknown'],
      message: /spawn EACCES/,
    },
  ],
});
