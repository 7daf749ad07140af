import type { ContainerDefinition, ExecTarget } from '../../model/index.js';
import { fail, pass, unknown, unknownFromUnresolved } from '../results.js';
import { taskDefinitionResource } from '../target-helpers.js';
import { type CheckResult, defineCheck, type Fix } from '../types.js';
import {
  type ContainerVariable,
  containerEnvironmentFiles,
  containerProperty,
  containerVariables,
  definitionSource,
  judgeEachContainer,
  listOf,
  openVariables,
  variableEvidence,
  variablePath,
} from './containers.js';
import { containerEdit, newRevisionCommand, newRevisionCommandTemplate } from './new-revision.js';

/**
 * The SSM agent fetches the task role's credentials from 169.254.170.2 (and, on EC2, instance
 * metadata from 169.254.169.254) over plain HTTP. Through a proxy those requests fail, so the
 * agent never connects. The ECS Exec docs ask for NO_PROXY=169.254.169.254,169.254.170.2.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 */
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2'];
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY'];

/** The variables whose values this check reads, in any case. */
function isProxySetting(name: string): boolean {
  const upper = name.toUpperCase();
  return PROXY_VARIABLES.includes(upper) || upper === 'NO_PROXY';
}

/** Like Go's net/http (the agent's language): NO_PROXY first, then no_proxy, then other spellings. */
function noProxyRank(name: string): number {
  if (name === 'NO_PROXY') return 0;
  return name === 'no_proxy' ? 1 : 2;
}

function ipv4ToNumber(text: string | undefined): number | undefined {
  const parts = (text ?? '').split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255))
    return undefined;
  return parts.reduce((total, part) => total * 256 + Number(part), 0);
}

/** One NO_PROXY entry: `*`, the address (with port 80 at most), or a CIDR block containing it. */
function entryCovers(entry: string, address: string): boolean {
  if (entry === '*' || entry === address || entry === `${address}:80`) return true;
  const [network, bits] = entry.split('/');
  const prefix = Number(bits);
  const networkNumber = ipv4ToNumber(network);
  const addressNumber = ipv4ToNumber(address);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  if (networkNumber === undefined || addressNumber === undefined) return false;
  const blockSize = 2 ** (32 - prefix);
  return Math.floor(networkNumber / blockSize) === Math.floor(addressNumber / blockSize);
}

function noProxyEntries(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The value each name ends with: a container override wins over the task definition. */
function effectiveVariables(variables: ContainerVariable[]): ContainerVariable[] {
  return [...new Map(variables.map((variable) => [variable.name, variable])).values()].filter(
    (variable) => variable.fromSecret || Boolean(variable.value),
  );
}

function fixFor(
  target: ExecTarget,
  container: ContainerDefinition,
  noProxyValue: string,
  fromOverride: boolean,
): Fix {
  const name = container.name;
  const fix: Fix = {
    summary: `Set NO_PROXY=${noProxyValue} on container \`${name}\`${fromOverride ? ' (and in the container overrides the task is started with)' : ''} so credential and metadata requests bypass the proxy.`,
    cloudformation: `AWS::ECS::TaskDefinition ContainerDefinitions[Name=${name}].Environment: - Name: NO_PROXY, Value: ${noProxyValue}`,
    terraform: `aws_ecs_task_definition container_definitions JSON, container "${name}": "environment": [{"name": "NO_PROXY", "value": "${noProxyValue}"}]`,
    cdk: `taskDefinition.addContainer('${name}', { environment: { NO_PROXY: '${noProxyValue}' }, … })`,
  };
  const cli = newRevisionCommand(
    target,
    containerEdit(
      name,
      `.environment = ((.environment // []) | map(select(.name | ascii_upcase != "NO_PROXY")) + [{"name": "NO_PROXY", "value": ${JSON.stringify(noProxyValue)}}])`,
    ),
  );
  return cli ? { ...fix, cli } : fix;
}

function judge(target: ExecTarget, container: ContainerDefinition): CheckResult[] {
  const at = (path: string) => containerProperty(target, container.name, path);
  // A value the files leave open (`${ProxyUrl}`) may be empty or anything: it is not judged.
  const [open, ...moreOpen] = openVariables(target, container, isProxySetting);
  if (open) {
    return [
      unknownFromUnresolved(
        target,
        taskDefinitionResource(target),
        `Whether container \`${container.name}\` sends the SSM agent's requests through a proxy`,
        [open, ...moreOpen],
      ),
    ];
  }
  const variables = effectiveVariables(containerVariables(target, container));
  const proxies = variables.filter((variable) => PROXY_VARIABLES.includes(variable.name.toUpperCase()));
  if (proxies.length === 0) {
    const files = containerEnvironmentFiles(target, container);
    return [
      pass(
        at('environment'),
        `Container \`${container.name}\` sets no HTTP_PROXY or HTTPS_PROXY${files.length > 0 ? ` (its environment files ${listOf(files)} were not read)` : ''}.`,
        [`${definitionSource(target)}: container ${container.name} defines no HTTP_PROXY or HTTPS_PROXY`],
      ),
    ];
  }
  // Proxy values may embed credentials (http://user:password@host): name them, never print them.
  const proxyNames = listOf(proxies.map((variable) => `${variable.name} (${variable.origin})`));
  const proxyEvidence = proxies.map((variable) => variableEvidence(target, container, variable));
  const noProxy = variables
    .filter((variable) => variable.name.toUpperCase() === 'NO_PROXY')
    .sort((left, right) => noProxyRank(left.name) - noProxyRank(right.name))[0];
  if (noProxy?.fromSecret) {
    return [
      unknown(
        at(variablePath(noProxy)),
        `Container \`${container.name}\` sets ${proxyNames}, and takes ${noProxy.name} from a secret whose value the tool does not read: make sure it covers ${listOf(METADATA_ADDRESSES)}.`,
        `the value of secret ${noProxy.name}`,
      ),
    ];
  }
  const entries = noProxyEntries(noProxy?.value ?? '');
  const uncovered = METADATA_ADDRESSES.filter(
    (address) => !entries.some((entry) => entryCovers(entry, address)),
  );
  if (uncovered.length === 0 && noProxy) {
    return [
      pass(
        at(variablePath(noProxy)),
        `Container \`${container.name}\` sets ${proxyNames}, and ${noProxy.name} covers ${listOf(METADATA_ADDRESSES)}.`,
        [`${variableEvidence(target, container, noProxy)}=${noProxy.value}`, ...proxyEvidence],
      ),
    ];
  }
  const lacking = noProxy
    ? `${noProxy.name}=${noProxy.value} does not cover ${listOf(uncovered)}`
    : 'there is no NO_PROXY';
  return [
    fail(
      at(noProxy ? variablePath(noProxy) : 'environment'),
      `Container \`${container.name}\` sets ${proxyNames}, but ${lacking}: the SSM agent's requests for task-role credentials (169.254.170.2) and instance metadata (169.254.169.254) go to the proxy and fail, so exec fails with TargetNotConnectedException.`,
      fixFor(
        target,
        container,
        [...entries, ...uncovered].join(','),
        [...proxies, ...(noProxy ? [noProxy] : [])].some((variable) => variable.fromOverride),
      ),
      proxyEvidence,
    ),
  ];
}

export const taskDefinitionProxy = defineCheck({
  id: 'task-definition.proxy',
  title: 'A proxy in the container leaves the metadata and credential endpoints direct',
  layer: 'task-definition',
  suite: 'readiness',
  modes: ['live', 'lint'],
  rationale:
    'With HTTP_PROXY or HTTPS_PROXY set, the SSM agent sends its task-role credential requests (169.254.170.2) and instance-metadata requests (169.254.169.254) to the proxy, which cannot reach them. Without credentials the agent cannot open its channels and exec fails. NO_PROXY must list both addresses.',
  references: {
    docs: [
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/http_proxy_config.html',
    ],
  },
  docs: {
    passes:
      'No container sets HTTP_PROXY or HTTPS_PROXY; or NO_PROXY (else no_proxy) covers both 169.254.169.254 and 169.254.170.2 (the address, a CIDR block containing it, or `*`).',
    fails:
      "A container sets HTTP_PROXY or HTTPS_PROXY and NO_PROXY is missing or does not cover both addresses: the SSM agent's credential and metadata requests go to the proxy and fail, and exec fails with TargetNotConnectedException. Unknown when NO_PROXY comes from a secret, whose value the tool does not read, or when the linted files leave a proxy setting or an `environment` or `secrets` entry open.",
    fix: {
      cli: newRevisionCommandTemplate(
        containerEdit(
          'CONTAINER',
          '.environment = ((.environment // []) | map(select(.name | ascii_upcase != "NO_PROXY")) + [{"name": "NO_PROXY", "value": "169.254.169.254,169.254.170.2"}])',
        ),
      ),
      cloudformation: `TaskDefinition:
  Type: AWS::ECS::TaskDefinition
  Properties:
    ContainerDefinitions:
      - Name: CONTAINER
        Environment:
          - Name: NO_PROXY
            Value: 169.254.169.254,169.254.170.2`,
      terraform: `resource "aws_ecs_task_definition" "this" {
  container_definitions = jsonencode([{
    name        = "CONTAINER"
    environment = [{ name = "NO_PROXY", value = "169.254.169.254,169.254.170.2" }]
    # …
  }])
}`,
      cdk: `taskDefinition.addContainer('CONTAINER', { image, environment: { NO_PROXY: '169.254.169.254,169.254.170.2' } });`,
    },
  },
  run(target) {
    return judgeEachContainer(target, (container) => judge(target, container));
  },
});
