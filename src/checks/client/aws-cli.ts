import { isAtLeast } from '../../model/index.js';
import { fail, pass, skip, unknown, unknownFromFact, warn } from '../results.js';
import { defineCheck, type Fix } from '../types.js';
import { AWS_CLI_INSTALL_DOCS, awsCliInstallCommand } from './install.js';

/**
 * `aws ecs execute-command` first shipped in AWS CLI 1.19.28 / 2.1.31, but the ECS guide requires
 * 1.22.3 / 2.3.6. Other clients (SDK-based tools, the console) can run exec without the CLI, so a
 * missing CLI is only a warning.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html
 */

const RESOURCE = 'client/aws-cli';
const RUN_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-run.html';

/** Per major version: the documented minimum, and the first release that has the command. */
const MINIMUMS: Record<string, { documented: string; command: string }> = {
  '1': { documented: '1.22.3', command: '1.19.28' },
  '2': { documented: '2.3.6', command: '2.1.31' },
};

/** `aws-cli/2.31.4 Python/3.13.7 …` or `2.31.4` → `2.31.4`. */
export function parseAwsCliVersion(text: string): string | undefined {
  return /(?:^|aws-cli\/)(\d+\.\d+\.\d+)/.exec(text.trim())?.[1];
}

export const clientAwsCli = defineCheck({
  id: 'client.aws-cli',
  title: 'AWS CLI is installed and new enough for execute-command',
  layer: 'client',
  suite: 'readiness',
  modes: ['live'],
  needs: ['client'],
  rationale:
    'The ECS guide requires AWS CLI v1 ≥ 1.22.3 or v2 ≥ 2.3.6 for ECS Exec; older releases from 1.19.28 / 2.1.31 have the execute-command command but predate the documented minimum, and anything older lacks it. Exec also works from other clients, so a missing CLI is a warning.',
  references: { docs: [RUN_DOCS, AWS_CLI_INSTALL_DOCS] },
  docs: {
    passes:
      '`aws --version` reports AWS CLI v1 ≥ 1.22.3 or v2 ≥ 2.3.6 (or a later major version), the minimum the ECS guide documents.',
    fails:
      'Fails when `aws` is on PATH but does not run, or its version is below 1.22.3 / 2.3.6; releases before 1.19.28 / 2.1.31 have no `execute-command` at all. Warns when `aws` is not on PATH, since another client may run ECS Exec. Unknown when the version cannot be read.',
    fix: {
      cli: `# Linux x86_64 (the install guide has the commands for ARM, macOS and Windows)
curl "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip" -o awscliv2.zip && unzip -o awscliv2.zip && sudo ./aws/install --update
# AWS CLI v1
python -m pip install --upgrade awscli
aws --version`,
    },
    notApplicable:
      'Skipped when the local machine was not inspected (a replayed snapshot without client facts).',
  },
  run(target) {
    const fact = target.client;
    if (!fact) return [skip(RESOURCE, 'The local machine was not inspected.')];
    if (!fact.known) return [unknownFromFact(RESOURCE, 'the local AWS CLI', fact)];
    const client = fact.value;
    const { awsCli } = client;
    const install: Fix = {
      summary: `Install or upgrade to the latest AWS CLI v2 (v1: python -m pip install --upgrade awscli): ${AWS_CLI_INSTALL_DOCS}`,
      cli: awsCliInstallCommand(client),
    };
    if (awsCli.version === null) {
      return [
        warn(
          RESOURCE,
          'The AWS CLI (`aws`) is not on PATH; `aws ecs execute-command` needs it, unless you use another client.',
          install,
          ['aws --version: not found on PATH'],
        ),
      ];
    }
    const seen = awsCli.output ?? awsCli.version;
    const evidence = `aws --version: ${seen}`;
    if (!awsCli.runs) {
      return [fail(RESOURCE, `\`aws\` is on PATH but does not run: ${seen}`, install, [evidence])];
    }
    const version = parseAwsCliVersion(awsCli.version) ?? parseAwsCliVersion(seen);
    if (version === undefined) {
      return [unknown(RESOURCE, `Could not read the AWS CLI version from \`${seen}\`.`, 'aws --version')];
    }
    const major = version.split('.')[0]!;
    const minimum = MINIMUMS[major];
    if (!minimum) {
      return Number(major) > 2
        ? [
            pass(RESOURCE, `AWS CLI ${version} is newer than the documented minimum (v2 ≥ 2.3.6).`, [
              evidence,
            ]),
          ]
        : [fail(RESOURCE, `AWS CLI ${version} has no execute-command.`, install, [evidence])];
    }
    if (isAtLeast(version, minimum.documented)) {
      return [
        pass(RESOURCE, `AWS CLI ${version} meets the documented minimum (${minimum.documented}).`, [
          evidence,
        ]),
      ];
    }
    if (isAtLeast(version, minimum.command)) {
      return [
        fail(
          RESOURCE,
          `AWS CLI ${version} has execute-command, but the ECS guide requires ${minimum.documented} or later.`,
          install,
          [evidence],
        ),
      ];
    }
    return [
      fail(
        RESOURCE,
        `AWS CLI ${version} predates execute-command (added in ${minimum.command}); the ECS guide requires ${minimum.documented} or later.`,
        install,
        [evidence],
      ),
    ];
  },
});
