import { STOPPED_AGENT_REASONS } from '../checks/task/managed-agent-reasons.js';
import type { KnownMessage } from './knowledge.js';

/**
 * The messages of ECS Exec, the AWS CLI, the Session Manager plugin, the SSM agent and the ECS
 * agent that users paste, with their causes ranked and the checks that decide between them.
 * Rows follow the troubleshooting table of reference/ecs-exec-requirements.md §11; the texts come
 * from the programs that print them:
 * https://github.com/aws/aws-cli/blob/develop/awscli/customizations/ecs/executecommand.py
 * https://github.com/aws/session-manager-plugin/blob/mainline/src/datachannel/streaming.go
 * https://github.com/aws/amazon-ssm-agent/blob/mainline/agent/session/shell/shell.go
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec-troubleshooting.html
 */

const CLIENT_MESSAGES: KnownMessage[] = [
  {
    id: 'plugin-not-found',
    row: 1,
    title: 'Session Manager plugin not found',
    messages: [
      'SessionManagerPlugin is not found. Please refer to SessionManager Documentation here: http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found',
    ],
    phrases: ['SessionManagerPlugin is not found', 'session-manager-plugin-not-found'],
    where: 'AWS CLI, before it calls ExecuteCommand.',
    meaning:
      'The AWS CLI hands every exec session to the local session-manager-plugin program, and could not run it.',
    causes: [
      {
        cause:
          'The Session Manager plugin is not installed, or not on the PATH of the process that runs `aws`.',
        fix: 'Install the plugin for your OS and CPU, then check `session-manager-plugin --version` in the same shell.',
        checks: ['client.session-manager-plugin'],
      },
    ],
  },
  {
    id: 'plugin-installed-successfully',
    row: 2,
    title: 'Session Manager plugin presence check (not an error)',
    messages: ['The Session Manager plugin was installed successfully. Use the AWS CLI to start a session.'],
    phrases: ['Session Manager plugin was installed successfully'],
    where: 'Session Manager plugin, run by the AWS CLI with no arguments before every exec.',
    meaning:
      'Not an error: the AWS CLI runs the plugin once without arguments to check that it is installed. The real error, if any, is on the next line.',
    informational: true,
    causes: [
      {
        cause:
          'The AWS CLI checks that the plugin is installed before each session; this line is always printed.',
        fix: 'Read the line that follows it; paste that into `explain`.',
        checks: ['client.session-manager-plugin'],
      },
      {
        cause: 'If your own tool prints only this line, it started the plugin without the session arguments.',
        fix: 'Pass the full argument list: session JSON (or the name of an environment variable holding it), region, "StartSession", profile, request JSON with the ecs: target, endpoint URL.',
        checks: [],
      },
    ],
  },
  {
    id: 'plugin-unknown-operation',
    row: 3,
    title: 'Session Manager plugin called with too few arguments',
    messages: ['Unknown operation <operation>. Use session-manager-plugin --version to check the version.'],
    phrases: ['Use session-manager-plugin --version to check the version'],
    where: 'Session Manager plugin.',
    meaning: 'The plugin was started with two or three arguments, which it does not understand.',
    causes: [
      {
        cause: 'A tool or script invokes session-manager-plugin with an incomplete argument list.',
        fix: 'Start sessions with `aws ecs execute-command`, or pass the plugin its full seven-entry argument list.',
        checks: ['client.aws-cli', 'client.session-manager-plugin'],
      },
    ],
  },
];

const EXECUTE_COMMAND_MESSAGES: KnownMessage[] = [
  {
    id: 'exec-not-enabled-or-agent-not-running',
    row: 4,
    title: 'Exec not enabled on the task, or its agent not running',
    messages: [
      'An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running. Wait and try again or run a new task with execute command enabled and try again.',
    ],
    phrases: [
      'execute command was not enabled when the task was run',
      'the execute command agent isn’t running',
      'run a new task with execute command enabled',
    ],
    where: 'ECS ExecuteCommand API, through the AWS CLI or an SDK.',
    meaning:
      'ECS refused the session: either the task was started without enableExecuteCommand, or the ExecuteCommandAgent in the target container is not RUNNING.',
    causes: [
      {
        cause:
          'The task was started without exec: the service got --enable-execute-command after the task started (UpdateService starts no deployment), or the task was run without it.',
        fix: 'aws ecs update-service --cluster CLUSTER --service SERVICE --enable-execute-command --force-new-deployment, then exec into a new task.',
        checks: ['task.exec-enabled', 'service.tasks-predate-exec', 'service.exec-enabled'],
      },
      {
        cause: 'The task just started and its ExecuteCommandAgent is still PENDING.',
        fix: 'Wait 30–60 s after the task is RUNNING, then retry.',
        checks: ['task.running', 'task.managed-agent'],
      },
      {
        cause:
          'The ExecuteCommandAgent is STOPPED: a read-only root filesystem, a custom AMI without the ECS Exec dependencies, or the agent crashed.',
        fix: 'Read managedAgents[].reason in describe-tasks, fix its cause, then replace the task.',
        checks: ['task.managed-agent', 'task-definition.readonly-root-fs', 'task.agent-version'],
      },
      {
        cause: 'The target container is not running (stopped, or restarted by its restart policy).',
        fix: 'Exec into a running container, or replace the task.',
        checks: ['task.container-running'],
      },
      {
        cause:
          'The task runs where the agent cannot start: a Fargate platform version before 1.4.0, or an EC2 agent before 1.50.2.',
        fix: 'Move to Fargate platform version LATEST, or update the ECS agent, then replace the task.',
        checks: ['task.platform-version', 'task.agent-version'],
      },
    ],
  },
  {
    id: 'interactive-only',
    row: 5,
    title: 'Only interactive sessions are supported',
    messages: [
      'An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: Interactive is the only mode supported currently.',
    ],
    phrases: ['Interactive is the only mode supported'],
    where: 'ECS ExecuteCommand API.',
    meaning:
      'ExecuteCommand was called with interactive=false (`--non-interactive`), which ECS does not support.',
    causes: [
      {
        cause: 'The command used --non-interactive, or an SDK call set interactive=false.',
        fix: 'Use --interactive; for a one-shot command, run it as --command "sh -c \'…\'" in an interactive session.',
        checks: [],
      },
    ],
  },
  {
    id: 'target-not-connected',
    row: 6,
    title: 'The SSM agent in the container is not connected',
    messages: [
      'An error occurred (TargetNotConnectedException) when calling the ExecuteCommand operation: The execute command failed due to an internal error. Try again later.',
    ],
    phrases: ['TargetNotConnectedException', 'The execute command failed due to an internal error'],
    where: 'ECS ExecuteCommand API.',
    meaning:
      'ECS started the session, but the SSM agent inside the container has no open channel to Systems Manager: it could not get credentials, reach ssmmessages, or is not running yet.',
    causes: [
      {
        cause:
          'The task role is missing, or lacks ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel (granting them to the execution role does not help).',
        fix: 'Give the task (not execution) role the four ssmmessages actions on "*", then start new tasks.',
        checks: ['task-role.present', 'task-role.ssmmessages'],
      },
      {
        cause:
          'The task cannot reach ssmmessages.<region> over HTTPS: private subnets with ECS endpoints but no ssmmessages endpoint, no NAT, or no public IP.',
        fix: 'Add an ssmmessages interface endpoint with private DNS (or a NAT route), and allow outbound 443.',
        checks: ['network.ssmmessages-path', 'network.security-groups', 'network.nacl'],
      },
      {
        cause: 'The agent has not connected yet: the task started seconds ago, or the agent stopped.',
        fix: 'Wait 30–60 s after the task is RUNNING and retry; if it persists, read the managed agent status.',
        checks: ['task.managed-agent'],
      },
      {
        cause:
          'AWS credential variables in the container (AWS_ACCESS_KEY_ID…) replace the task role for SSM agents older than 3.1.1260.0.',
        fix: 'Remove them from the environment and secrets, and grant what they were for to the task role.',
        checks: ['task-definition.credentials-env'],
      },
      {
        cause:
          'HTTP_PROXY/HTTPS_PROXY without NO_PROXY=169.254.169.254,169.254.170.2 sends credential requests to the proxy.',
        fix: 'Set NO_PROXY=169.254.169.254,169.254.170.2 on the container.',
        checks: ['task-definition.proxy'],
      },
      {
        cause: 'pidMode=task: one ECS Exec session per PID namespace, so only one container can be reached.',
        fix: 'Remove pidMode=task, or exec into the container that has the session.',
        checks: ['task-definition.pid-mode'],
      },
      {
        cause: 'The task is IPv6-only, which ECS Exec does not support.',
        fix: 'Run the task in dual-stack subnets.',
        checks: ['task.launch-type-supported'],
      },
      {
        cause:
          'Reported (2025, unresolved): intermittent failures in tasks with a FireLens log router sidecar.',
        fix: 'Retry; if it recurs only with FireLens, report it to AWS Support.',
        checks: [],
      },
    ],
  },
  {
    id: 'access-denied-execute-command',
    row: 7,
    title: 'The caller may not call ecs:ExecuteCommand',
    messages: [
      'An error occurred (AccessDeniedException) when calling the ExecuteCommand operation: User: <principal> is not authorized to perform: ecs:ExecuteCommand on resource: <resource>',
    ],
    phrases: ['is not authorized to perform: ecs:ExecuteCommand'],
    where: 'ECS ExecuteCommand API (IAM authorization).',
    meaning:
      'IAM denied ecs:ExecuteCommand to the identity you are using. The end of the message ("because no identity-based policy allows…", "…with an explicit deny in a service control policy") says which layer denied.',
    causes: [
      {
        cause: 'No identity policy allows ecs:ExecuteCommand on both the task ARN and the cluster ARN.',
        fix: 'Allow ecs:ExecuteCommand on arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/* and arn:aws:ecs:REGION:ACCOUNT:cluster/CLUSTER.',
        checks: ['caller.execute-command'],
      },
      {
        cause:
          'A condition does not match: tags on the service or task definition (only task and cluster tags count), or ecs:cluster, ecs:task or ecs:container-name values.',
        fix: 'Condition on task or cluster tags only, and pass --container when the policy uses ecs:container-name.',
        checks: ['caller.execute-command'],
      },
      {
        cause: 'An explicit deny in a service control policy, a permissions boundary or another policy.',
        fix: 'Find the deny the message names and exempt this principal or action.',
        checks: ['caller.execute-command'],
      },
    ],
  },
  {
    id: 'access-denied-describe-tasks',
    row: 8,
    title: 'The caller may not call ecs:DescribeTasks',
    messages: [
      'An error occurred (AccessDeniedException) when calling the DescribeTasks operation: User: <principal> is not authorized to perform: ecs:DescribeTasks on resource: <resource>',
    ],
    phrases: ['is not authorized to perform: ecs:DescribeTasks'],
    where: 'AWS CLI, right after a successful ExecuteCommand.',
    meaning:
      'ExecuteCommand succeeded (CloudTrail shows it), but the AWS CLI then calls DescribeTasks to find the container runtime id, and that was denied.',
    causes: [
      {
        cause: 'The caller lacks ecs:DescribeTasks, which the AWS CLI needs for every exec.',
        fix: 'Allow ecs:DescribeTasks on arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/*.',
        checks: ['caller.describe-tasks'],
      },
    ],
  },
  {
    id: 'cluster-not-found',
    row: 9,
    title: 'Cluster not found',
    messages: [
      'An error occurred (ClusterNotFoundException) when calling the ExecuteCommand operation: Cluster not found.',
    ],
    phrases: ['ClusterNotFoundException'],
    where: 'ECS API.',
    meaning: 'No cluster with that name or ARN exists in the region the call went to.',
    causes: [
      {
        cause: 'The cluster name or ARN is wrong, or the call went to another region or account.',
        fix: 'Check --cluster and --region (aws ecs list-clusters --region REGION), and the profile you use.',
        checks: [],
      },
    ],
  },
  {
    id: 'task-not-found',
    row: 10,
    title: 'Task not found after ExecuteCommand',
    messages: ['The task provided in the request was not found.'],
    phrases: ['The task provided in the request was not found'],
    where: 'AWS CLI, when DescribeTasks returns no task after ExecuteCommand.',
    meaning: 'The AWS CLI could not find the task it had just opened a session to.',
    causes: [
      {
        cause: 'The task stopped between ExecuteCommand and DescribeTasks.',
        fix: 'Pick a running task (aws ecs list-tasks --cluster CLUSTER --desired-status RUNNING).',
        checks: ['task.running'],
      },
      {
        cause: 'The task id was given with the wrong cluster.',
        fix: 'Pass the cluster the task runs in, or the full task ARN.',
        checks: [],
      },
    ],
  },
];

const ENCRYPTION_MESSAGES: KnownMessage[] = [
  {
    id: 'kms-cli-upgrade-needed',
    row: 11,
    title: 'KMS-encrypted session started by an old client',
    messages: [
      'Encountered error while initiating handshake. KMSEncryption failed on client with status 2 error: Failed to process action KMSEncryption: Installed version of CLI does not support Session Manager encryption feature. Please upgrade to the latest version of your CLI (e.g., AWS CLI).',
      'Encountered error while initiating handshake. KMSEncryption failed on client with status 2 error: Failed to process action KMSEncryption: Installed version of AWS CLI does not support Session Manager encryption feature. Please upgrade to latest version of AWS CLI',
    ],
    phrases: [
      'does not support Session Manager encryption feature',
      'Please upgrade to latest version of AWS CLI',
    ],
    where: 'Session Manager plugin, during the KMS handshake.',
    meaning:
      'The cluster encrypts sessions with a KMS key, and the plugin was started in legacy mode (four arguments), which cannot do the KMS handshake.',
    causes: [
      {
        cause:
          'An old AWS CLI, or a third-party tool (ecspresso, Copilot, an IDE toolkit) that starts the plugin the legacy way.',
        fix: 'Upgrade the AWS CLI, or update the tool so it passes the plugin its full argument list.',
        checks: ['client.aws-cli', 'client.session-manager-plugin', 'cluster.session-encryption'],
      },
    ],
  },
  {
    id: 'kms-generate-data-key-failed',
    row: 12,
    title: 'The client could not get a data key from KMS',
    messages: [
      'KMSEncryption failed on client with status 2 error: Failed to process action KMSEncryption: Error calling KMS GenerateDataKey API: <error>',
    ],
    phrases: ['Error calling KMS GenerateDataKey API'],
    where: 'Session Manager plugin on your machine, during the KMS handshake.',
    meaning:
      'With a cluster KMS key, the plugin calls kms:GenerateDataKey with your credentials; that call failed (the error after "GenerateDataKey API:" says how).',
    causes: [
      {
        cause:
          'AccessDeniedException: your identity lacks kms:GenerateDataKey on the key, or the key policy does not allow it.',
        fix: 'Allow kms:GenerateDataKey on the cluster key in your policy and in the key policy (or let the key policy trust the account).',
        checks: ['caller.kms-generate-data-key'],
      },
      {
        cause: 'The key is disabled, pending deletion, not symmetric, or in another region.',
        fix: 'Use an enabled symmetric key in the task’s region.',
        checks: ['cluster.kms-key-usable'],
      },
      {
        cause:
          'UnrecognizedClientException or a ProcessProvider error: the plugin could not get valid credentials (expired token, credential_process failing, SSO with an old plugin).',
        fix: 'Refresh your credentials (aws sso login), and upgrade the plugin to 1.2.497.0 or later.',
        checks: ['client.session-manager-plugin'],
      },
      {
        cause:
          'ValidationException: Invalid EncryptionContext: a third-party client sent the wrong encryption context.',
        fix: 'Use the official Session Manager plugin.',
        checks: [],
      },
    ],
  },
  {
    id: 'handshake-timed-out',
    row: 13,
    title: 'KMS handshake timed out',
    messages: [
      'Encountered error while initiating handshake. Handshake timed out. Please ensure that you have the latest version of the session manager plugin.',
    ],
    phrases: ['Handshake timed out'],
    where: 'SSM agent in the container, reported through the plugin.',
    meaning: 'The agent asked your client for the KMS handshake and never got an answer.',
    causes: [
      {
        cause:
          'The plugin could not get credentials for KMS (for example an AWS SSO profile with a plugin older than 1.2.497.0: NoCredentialProviders).',
        fix: 'Upgrade the Session Manager plugin and check that your profile has valid credentials.',
        checks: ['client.session-manager-plugin'],
      },
      {
        cause: 'Your identity cannot use the key, so the client side of the handshake fails.',
        fix: 'Allow kms:GenerateDataKey on the cluster key, in your policy and the key policy.',
        checks: ['caller.kms-generate-data-key'],
      },
    ],
  },
  {
    id: 'sso-profile-missing-configuration',
    row: 14,
    title: 'Old plugin cannot read an SSO session profile',
    messages: [
      'Error creating new aws sdk session profile "<profile>" is configured to use SSO but is missing required configuration: sso_region, sso_start_url',
    ],
    phrases: ['is configured to use SSO but is missing required configuration'],
    where: 'Session Manager plugin, when the cluster encrypts sessions with KMS.',
    meaning:
      'The plugin’s AWS SDK predates sso-session profiles, so it cannot load your credentials for KMS.',
    causes: [
      {
        cause: 'The profile uses an sso-session section, which plugins before 1.2.497.0 cannot read.',
        fix: 'Upgrade the Session Manager plugin to 1.2.497.0 or later.',
        checks: ['client.session-manager-plugin'],
      },
    ],
  },
  {
    id: 'kms-decrypt-data-key-failed',
    row: 15,
    title: 'The agent could not decrypt the session data key',
    messages: [
      'Encountered error while initiating handshake. Fetching data key failed: Unable to retrieve data key, Error when decrypting data key <error>',
    ],
    phrases: ['Error when decrypting data key', 'Fetching data key failed'],
    where: 'SSM agent in the container, during the KMS handshake.',
    meaning:
      'The agent in the container calls kms:Decrypt with the task role to read the session key; that failed.',
    causes: [
      {
        cause: 'The task role lacks kms:Decrypt on the cluster key, or the key policy does not allow it.',
        fix: 'Allow kms:Decrypt on the key for the task role, in its policy and in the key policy.',
        checks: ['task-role.kms-decrypt'],
      },
      {
        cause: 'The task cannot reach KMS: private subnets with endpoints but no kms endpoint, and no NAT.',
        fix: 'Add a kms interface endpoint (com.amazonaws.REGION.kms) or a NAT route.',
        checks: ['network.dependency-endpoints', 'network.ssmmessages-path'],
      },
      {
        cause: 'The key is disabled, pending deletion or in another region.',
        fix: 'Use an enabled symmetric key in the task’s region.',
        checks: ['cluster.kms-key-usable'],
      },
      {
        cause: 'InvalidCiphertextException: a third-party client used a mismatching encryption context.',
        fix: 'Use the current official Session Manager plugin.',
        checks: [],
      },
    ],
  },
];

const LOGGING_MESSAGES: KnownMessage[] = [
  {
    id: 'cloudwatch-encryption-not-set-up',
    row: 16,
    title: 'Log group encryption required but not found',
    messages: [
      "We couldn't start the session because encryption is not set up on the selected CloudWatch Logs log group. Either encrypt the log group or choose an option to enable logging without encryption.",
    ],
    phrases: ['encryption is not set up on the selected CloudWatch Logs log group'],
    where: 'SSM agent in the container, at session start.',
    meaning:
      'The cluster sets cloudWatchEncryptionEnabled=true, and the agent could not confirm that the log group has a KMS key.',
    causes: [
      {
        cause: 'The log group really has no KMS key.',
        fix: 'aws logs associate-kms-key --log-group-name LOG_GROUP_NAME --kms-key-id KEY_ARN, or set cloudWatchEncryptionEnabled=false.',
        checks: ['logging.log-group-encryption'],
      },
      {
        cause: 'The task role lacks logs:DescribeLogGroups, so the agent cannot read the group’s key.',
        fix: 'Allow logs:DescribeLogGroups on "*" for the task role.',
        checks: ['task-role.cloudwatch-logging'],
      },
      {
        cause: 'The log group name is wrong, or the group does not exist in the task’s region.',
        fix: 'Create the group or fix cloudWatchLogGroupName in the cluster’s exec configuration.',
        checks: ['logging.log-group-exists'],
      },
      {
        cause: 'The task cannot reach CloudWatch Logs (no logs endpoint, no NAT).',
        fix: 'Add a logs interface endpoint or a NAT route.',
        checks: ['network.dependency-endpoints'],
      },
    ],
  },
  {
    id: 's3-encryption-validation-failed',
    row: 17,
    title: 'Bucket encryption could not be checked',
    messages: [
      "Couldn't start the session because we are unable to validate encryption on Amazon S3 bucket. Error: <error>",
    ],
    phrases: ['unable to validate encryption on Amazon S3 bucket'],
    where: 'SSM agent in the container, at session start.',
    meaning: 'The cluster sets s3EncryptionEnabled=true, and the agent’s GetBucketEncryption call failed.',
    causes: [
      {
        cause: 'The task role lacks s3:GetEncryptionConfiguration on the bucket.',
        fix: 'Allow s3:GetEncryptionConfiguration on arn:aws:s3:::BUCKET for the task role.',
        checks: ['task-role.s3-logging'],
      },
      {
        cause: 'The bucket name is wrong or the bucket does not exist.',
        fix: 'Create the bucket or fix s3BucketName in the cluster’s exec configuration.',
        checks: ['logging.bucket-exists'],
      },
      {
        cause: 'The task cannot reach S3 (no S3 gateway endpoint on its route table, no NAT).',
        fix: 'Add an S3 gateway endpoint to the subnets’ route tables, or a NAT route.',
        checks: ['network.dependency-endpoints'],
      },
    ],
  },
  {
    id: 's3-encryption-not-set-up',
    row: 18,
    title: 'Bucket encryption required but not recognised',
    messages: [
      "We couldn't start the session because encryption is not set up on the selected Amazon S3 bucket. Either encrypt the bucket or choose an option to enable logging without encryption.",
    ],
    phrases: ['encryption is not set up on the selected Amazon S3 bucket'],
    where: 'SSM agent in the container, at session start.',
    meaning:
      'The cluster sets s3EncryptionEnabled=true, and the bucket’s default encryption is neither SSE-S3 (AES256) nor SSE-KMS (aws:kms).',
    causes: [
      {
        cause: 'The bucket uses another algorithm (such as DSSE-KMS), which the agent treats as unencrypted.',
        fix: 'Set the bucket’s default encryption to SSE-S3 or SSE-KMS, or set s3EncryptionEnabled=false.',
        checks: ['logging.bucket-encryption'],
      },
    ],
  },
];

const SESSION_MESSAGES: KnownMessage[] = [
  {
    id: 'start-session-eof',
    row: 19,
    title: 'Session ended at once: no terminal',
    messages: ['Cannot perform start session: EOF'],
    where: 'Session Manager plugin.',
    meaning: 'The plugin needs an interactive terminal (a TTY) and did not get one.',
    causes: [
      {
        cause: 'The command runs without a TTY: CI, a script with redirected input, an IDE runner.',
        fix: 'Run it from a real terminal, or allocate a pseudo-terminal (e.g. `script -q -c "aws ecs execute-command …" /dev/null`).',
        checks: [],
      },
    ],
  },
  {
    id: 'start-session-stdin-unavailable',
    row: 20,
    title: 'Terminal input failed, or the connection dropped',
    messages: [
      'Cannot perform start session: read /dev/stdin: resource temporarily unavailable',
      'Cannot perform start session: write <address>: broken pipe',
    ],
    phrases: ['read /dev/stdin: resource temporarily unavailable'],
    where: 'Session Manager plugin.',
    meaning: 'The plugin lost its terminal input or its connection.',
    causes: [
      {
        cause: 'macOS terminal signal handling (the delayed-suspend key, Ctrl-Y) breaks the plugin’s stdin.',
        fix: 'Run `stty dsusp undef` before the session.',
        checks: [],
      },
      {
        cause: 'The connection dropped after being idle.',
        fix: 'Reconnect.',
        checks: [],
      },
    ],
  },
  {
    id: 'shell-not-found',
    row: 21,
    title: 'The command’s binary is not in the image',
    messages: ['Unable to start command: Failed to start pty: fork/exec <path>: no such file or directory'],
    phrases: ['Failed to start pty: fork/exec'],
    where: 'SSM agent in the container, shown in the session.',
    meaning: 'The program named by --command does not exist in the container image.',
    causes: [
      {
        cause: 'The image has no such binary: Alpine has no bash, distroless images have no shell at all.',
        fix: 'Use --command "/bin/sh", or exec into a debug sidecar or a debug build of the image.',
        checks: [],
      },
    ],
  },
  {
    id: 'command-not-in-path',
    row: 22,
    title: 'The command is not on the container’s PATH',
    messages: [
      'Unable to start command: Failed to start pty: exec: "<command>": executable file not found in $PATH',
    ],
    phrases: ['executable file not found in $PATH'],
    where: 'SSM agent in the container, shown in the session.',
    meaning: 'The command was given by name, and no directory of the container’s PATH has it.',
    causes: [
      {
        cause: 'The binary is missing from the image, or lives outside PATH.',
        fix: 'Use an absolute path (--command "/bin/sh") or a binary the image has.',
        checks: [],
      },
    ],
  },
  {
    id: 'exec-format-error',
    row: 23,
    title: 'The command cannot be executed on this CPU',
    messages: ['Unable to start command: Failed to start pty: fork/exec <path>: exec format error'],
    phrases: ['exec format error'],
    where: 'SSM agent in the container, shown in the session.',
    meaning: 'The kernel cannot execute the file named by --command.',
    causes: [
      {
        cause: 'A binary built for another CPU architecture (an amd64 tool in an arm64 task).',
        fix: 'Use a binary built for the task’s architecture.',
        checks: [],
      },
      {
        cause: 'A script without a shebang line: ECS Exec runs the command directly, not through a shell.',
        fix: 'Run it through a shell: --command "sh -c \'./script.sh\'".',
        checks: [],
      },
    ],
  },
  {
    id: 'no-shell-for-pipes',
    row: 24,
    title: 'Pipes and redirects are passed as arguments',
    messages: [
      "cannot access '|': No such file or directory",
      "cannot access '&&': No such file or directory",
    ],
    phrases: ['pipes do not work', "pipe doesn't work", 'redirect does not work'],
    where: 'The command run in the container.',
    meaning:
      'ECS Exec splits --command into words and runs it without a shell, so |, >, && and $VAR reach the program as plain arguments.',
    causes: [
      {
        cause: 'The command relies on shell syntax.',
        fix: 'Wrap it in a shell: --command "sh -c \'ls | grep x\'".',
        checks: [],
      },
    ],
  },
  {
    id: 'session-started',
    title: 'Session started (not an error)',
    messages: ['Starting session with SessionId: <session-id>'],
    where: 'Session Manager plugin, when the session opens.',
    meaning: 'Not an error: ECS Exec opened the session. An error printed after it is what went wrong.',
    informational: true,
    causes: [
      {
        cause: 'The session opened; if it closes at once, the plugin had no terminal or the command failed.',
        fix: 'Read the lines that follow; run from a real terminal, and check the command exists in the image.',
        checks: [],
      },
    ],
  },
  {
    id: 'session-timed-out',
    row: 25,
    title: 'Idle session timed out',
    messages: ['Session: <session-id> timed out.', 'Exiting session with sessionId: <session-id>.'],
    where: 'Session Manager plugin, after about 20 minutes without activity.',
    meaning: 'ECS Exec sessions end after 20 idle minutes; the timeout cannot be changed.',
    causes: [
      {
        cause: 'The session was idle for 20 minutes.',
        fix: 'Reconnect. Processes started in the session may keep running: an init process reaps those left behind.',
        checks: ['task-definition.init-process'],
      },
    ],
  },
];

/** Row 26: the managed agent reported STOPPED, first by reason (shared with task.managed-agent), then in general. */
const STOPPED_AGENT_MESSAGES: KnownMessage[] = [
  ...STOPPED_AGENT_REASONS.map(
    (reason): KnownMessage => ({
      id: reason.id,
      row: 26,
      title: `ExecuteCommandAgent STOPPED: ${reason.messages[0]}`,
      messages: reason.messages,
      where:
        'DescribeTasks: containers[].managedAgents[].reason of the ExecuteCommandAgent (written by the ECS or Fargate agent).',
      meaning: `The SSM agent for ECS Exec could not run in the container: ${reason.cause}.`,
      causes: [
        {
          cause: `${reason.cause.charAt(0).toUpperCase()}${reason.cause.slice(1)}.`,
          fix: reason.remedy,
          checks: reason.checks,
        },
      ],
    }),
  ),
  {
    id: 'managed-agent-stopped',
    row: 26,
    title: 'ExecuteCommandAgent STOPPED',
    messages: [
      '"name": "ExecuteCommandAgent", "lastStatus": "STOPPED"',
      '"lastStatus": "STOPPED", "name": "ExecuteCommandAgent"',
      'ExecuteCommandAgent is STOPPED',
    ],
    where: 'DescribeTasks: containers[].managedAgents[] of the target container.',
    meaning:
      'The SSM agent that ECS Exec needs is not running in the container, so every ExecuteCommand fails.',
    causes: [
      {
        cause: 'The agent exited after starting: most often a read-only root filesystem.',
        fix: 'Make the root filesystem writable, then replace the task.',
        checks: ['task-definition.readonly-root-fs', 'task.managed-agent'],
      },
      {
        cause: 'The EC2 host lacks the ECS Exec dependencies (a custom AMI), or its ECS agent is too old.',
        fix: 'Use a current ECS-optimized AMI, then replace the task.',
        checks: ['task.agent-version'],
      },
      {
        cause:
          'Docker could not start the agent in the container (the container stopped, or the Docker daemon failed).',
        fix: 'Check the container and the host, then replace the task.',
        checks: ['task.container-running'],
      },
    ],
  },
];

const OTHER_MESSAGES: KnownMessage[] = [
  {
    id: 'exec-checker-cli-too-old',
    row: 27,
    title: 'AWS CLI too old for ECS Exec (exec-checker)',
    messages: ['Pre-flight check failed: ECS Exec requires the AWS CLI v1.19.28/v2.1.30 or later.'],
    phrases: ['ECS Exec requires the AWS CLI'],
    where: 'amazon-ecs-exec-checker (check-ecs-exec.sh).',
    meaning: 'The installed AWS CLI predates execute-command.',
    causes: [
      {
        cause: 'The AWS CLI is older than 1.19.28 / 2.1.30; the ECS guide now requires 1.22.3 / 2.3.6.',
        fix: 'Upgrade to the latest AWS CLI v2.',
        checks: ['client.aws-cli'],
      },
    ],
  },
  {
    id: 'service-unavailable',
    row: 28,
    title: 'ECS service unavailable',
    messages: [
      'An error occurred (ServerException) when calling the ExecuteCommand operation (reached max retries: 4): Service Unavailable. Please try again later.',
    ],
    phrases: ['Service Unavailable. Please try again later'],
    where: 'ECS ExecuteCommand API.',
    meaning: 'A transient failure on the service side.',
    causes: [
      {
        cause: 'ECS had a temporary problem.',
        fix: 'Retry later, and check the AWS Health Dashboard for the region.',
        checks: [],
      },
    ],
  },
  {
    id: 'start-session-target-not-connected',
    row: 29,
    title: 'Direct ssm start-session to an ECS target: not connected',
    messages: [
      'An error occurred (TargetNotConnected) when calling the StartSession operation: <target> is not connected.',
    ],
    where: 'AWS CLI, `aws ssm start-session --target ecs:…`.',
    meaning:
      'A session was started directly through Systems Manager instead of ECS Exec, and the target’s agent is not connected. Such sessions also bypass ECS Exec logging.',
    causes: [
      {
        cause: 'The agent in the container is not running or not connected.',
        fix: 'Use `aws ecs execute-command`; check the ExecuteCommandAgent status.',
        checks: ['task.managed-agent'],
      },
      {
        cause: 'Users can open sessions with ssm:StartSession, which leaves no ECS Exec transcript.',
        fix: 'Deny ssm:StartSession on arn:aws:ecs:*:ACCOUNT:task/* for humans; ECS Exec does not need it.',
        checks: ['caller.start-session-bypass'],
      },
    ],
  },
  {
    id: 'start-session-access-denied',
    row: 30,
    title: 'Direct ssm start-session to an ECS target: denied',
    messages: [
      'An error occurred (AccessDeniedException) when calling the StartSession operation: User: <principal> is not authorized to perform: ssm:StartSession on resource: <resource>',
    ],
    phrases: ['is not authorized to perform: ssm:StartSession'],
    where: 'AWS CLI, `aws ssm start-session --target ecs:…`.',
    meaning:
      'The recommended deny on ssm:StartSession for ECS targets is working: sessions must go through ECS Exec, which logs them.',
    causes: [
      {
        cause: 'A policy denies ssm:StartSession on ECS task targets, as recommended.',
        fix: 'Use `aws ecs execute-command` instead.',
        checks: ['caller.start-session-bypass'],
      },
    ],
  },
  {
    id: 'no-transcript',
    row: 31,
    title: 'Sessions work but leave no transcript',
    messages: ['The session works but no transcript appears in CloudWatch Logs or S3.'],
    phrases: ['no transcript', 'no session logs', 'session is not logged', 'sessions are not logged'],
    where: 'CloudWatch Logs or S3, after a session.',
    meaning: 'ECS Exec sessions run, but the audit transcript does not arrive.',
    causes: [
      {
        cause: 'logging=NONE, or DEFAULT for a container that does not log with awslogs.',
        fix: 'Set logging=OVERRIDE with a log group or bucket.',
        checks: ['cluster.audit-logging'],
      },
      {
        cause: 'The configured log group or bucket does not exist.',
        fix: 'Create it, or fix the name in the cluster’s exec configuration.',
        checks: ['logging.log-group-exists', 'logging.bucket-exists'],
      },
      {
        cause: 'The task role lacks the logs:* or s3:PutObject permissions.',
        fix: 'Grant logs:DescribeLogGroups, CreateLogStream, DescribeLogStreams, PutLogEvents, or s3:PutObject on the prefix.',
        checks: ['task-role.cloudwatch-logging', 'task-role.s3-logging'],
      },
      {
        cause: 'The task cannot reach CloudWatch Logs or S3 (endpoints only, no logs or S3 endpoint).',
        fix: 'Add a logs interface endpoint or an S3 gateway endpoint.',
        checks: ['network.dependency-endpoints'],
      },
      {
        cause: 'The session was opened with `aws ssm start-session`, which ECS Exec logging does not cover.',
        fix: 'Deny ssm:StartSession on ECS task targets.',
        checks: ['caller.start-session-bypass'],
      },
      {
        cause:
          'The image lacks `script` or `cat`, which the agent records with; or the task stopped before the S3 upload at session end.',
        fix: 'Add util-linux (script) and coreutils to the image; prefer CloudWatch Logs, which streams.',
        checks: [],
      },
    ],
  },
  {
    id: 'container-name-required',
    row: 32,
    title: 'Several containers: --container is required',
    // The exact InvalidParameterException text is not captured (reference §13, question 6).
    messages: [
      'An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: <text> container name <text> more than one container',
    ],
    phrases: ['task has multiple containers', 'more than one container', 'container name is required'],
    where: 'ECS ExecuteCommand API.',
    meaning: 'The task has several containers (AWS-added sidecars count), so ECS needs to know which one.',
    causes: [
      {
        cause: 'No --container was given for a task with several containers.',
        fix: 'Pass --container NAME; `ecs-exec-doctor check` prints the command for each exec-able container.',
        checks: ['task.container-selection'],
      },
    ],
  },
];

/** In row order; within row 26 the specific reasons come before the general entry. */
export const KNOWN_MESSAGES: readonly KnownMessage[] = [
  ...CLIENT_MESSAGES,
  ...EXECUTE_COMMAND_MESSAGES,
  ...ENCRYPTION_MESSAGES,
  ...LOGGING_MESSAGES,
  ...SESSION_MESSAGES,
  ...STOPPED_AGENT_MESSAGES,
  ...OTHER_MESSAGES,
];
