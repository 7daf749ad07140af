/**
 * The check ids of the catalogue (design/CHECKS.md), built or not yet built. They are a public
 * contract: users name them in suppressions and CI configs, and `explain` names them as the
 * checks that decide between an error's causes. A new check's id goes here too.
 */
export const CATALOGUE_CHECK_IDS = [
  'client.aws-cli',
  'client.session-manager-plugin',
  'caller.execute-command',
  'caller.describe-tasks',
  'caller.kms-generate-data-key',
  'caller.start-session-bypass',
  'cluster.exec-config-valid',
  'cluster.kms-key-usable',
  'cluster.audit-logging',
  'cluster.session-encryption',
  'service.exec-enabled',
  'service.tasks-predate-exec',
  'task.running',
  'task.exec-enabled',
  'task.managed-agent',
  'task.container-running',
  'task.platform-version',
  'task.agent-version',
  'task.launch-type-supported',
  'task.container-selection',
  'task-definition.readonly-root-fs',
  'task-definition.init-process',
  'task-definition.pid-mode',
  'task-definition.credentials-env',
  'task-definition.proxy',
  'task-definition.remote-shell-daemon',
  'task-role.present',
  'task-role.ssmmessages',
  'task-role.kms-decrypt',
  'task-role.cloudwatch-logging',
  'task-role.s3-logging',
  'logging.log-group-exists',
  'logging.log-group-encryption',
  'logging.bucket-exists',
  'logging.bucket-encryption',
  'logging.retention',
  'network.ssmmessages-path',
  'network.security-groups',
  'network.nacl',
  'network.dependency-endpoints',
] as const;

export type CatalogueCheckId = (typeof CATALOGUE_CHECK_IDS)[number];
