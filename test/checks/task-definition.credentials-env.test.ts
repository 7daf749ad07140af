/** biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` is how the linted files leave a value open, the data under test. */
import { expect } from 'vitest';
import { taskDefinitionCredentialsEnv } from '../../src/checks/task-definition/credentials-env.js';
import { unavailable } from '../../src/model/index.js';
import { checkTable } from '../support/check-table.js';
import { firstContainer, lintTargetWith, TASK_DEFINITION_ARN, targetWith } from '../support/targets.js';

const ENV_FILE = 'arn:aws:s3:::app-config/web.env';

/** Where the linted file declares a property of the web container. */
const declared = (line: number) => ({ file: 'template.yaml', line, column: 11 });
const ENVIRONMENT = `${TASK_DEFINITION_ARN}#containerDefinitions[web].environment`;

checkTable(taskDefinitionCredentialsEnv, {
  valid: [
    {
      name: 'no credential variables',
      target: targetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeTaskDefinition: container web environment and secrets define no AWS credential variable',
          'DescribeTasks: the container overrides of task 0123456789abcdef0123456789abcdef define none',
        ]),
    },
    {
      name: 'look-alike names are not credential variables',
      target: targetWith((target) => {
        firstContainer(target).environment.push(
          { name: 'AWS_REGION', value: 'us-east-1' },
          { name: 'APP_AWS_ACCESS_KEY_ID', value: 'AKIAEXAMPLE' },
          { name: 'aws_access_key_id', value: 'lower case: not read by the SDKs' },
        );
        firstContainer(target).secrets.push({
          name: 'DB_PASSWORD',
          valueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db',
        });
      }),
      statuses: ['pass'],
    },
    {
      name: 'environment files cannot be read: info naming the S3 object',
      target: targetWith((target) => {
        firstContainer(target).environmentFiles.push({ type: 's3', value: ENV_FILE });
      }),
      statuses: ['pass', 'info'],
      message:
        /Container `web` loads environment files the tool cannot read \(arn:aws:s3:::app-config\/web\.env\)/,
    },
    {
      name: 'environment file given in a container override',
      target: targetWith((target) => {
        target.task!.overrides.containerOverrides[0]!.environmentFiles.push({ type: 's3', value: ENV_FILE });
      }),
      statuses: ['pass', 'info'],
      message: /web\.env/,
    },
    {
      name: 'lint: no credential variables',
      target: lintTargetWith(() => {}),
      statuses: ['pass'],
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'task definition: container web environment and secrets define no AWS credential variable',
        ]),
    },
    {
      name: 'lint: a value the files leave open is not judged: only names are',
      target: lintTargetWith((target) => {
        firstContainer(target).environment.push({ name: 'DB_HOST', value: '${DatabaseHost}' });
        target.unresolved = { [`${ENVIRONMENT}[DB_HOST].value`]: 'parameter DatabaseHost has no default' };
        target.locations = { [ENVIRONMENT]: declared(40) };
      }),
      statuses: ['pass'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(40)),
    },
  ],
  invalid: [
    {
      name: 'static keys in environment and secrets',
      target: targetWith((target) => {
        firstContainer(target).environment.push({ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAEXAMPLE' });
        firstContainer(target).secrets.push({
          name: 'AWS_SECRET_ACCESS_KEY',
          valueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:never-read',
        });
      }),
      statuses: ['warn'],
      message:
        /Container `web` sets AWS_ACCESS_KEY_ID \(environment\) and AWS_SECRET_ACCESS_KEY \(secrets\): SSM agents older than 3\.1\.1260\.0 .*TargetNotConnectedException\. A warning, not a failure/,
      fix: /IN\("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"\).*register-task-definition/,
      assert: ([finding]) => {
        expect(finding?.evidence).toEqual([
          'DescribeTaskDefinition: container web environment defines AWS_ACCESS_KEY_ID',
          'DescribeTaskDefinition: container web secrets defines AWS_SECRET_ACCESS_KEY',
        ]);
        expect(JSON.stringify(finding)).not.toMatch(/AKIAEXAMPLE|never-read/);
      },
    },
    {
      name: 'every listed variable and the AWS_CONTAINER_CREDENTIALS_ family',
      target: targetWith((target) => {
        firstContainer(target).environment = [
          'AWS_ACCESS_KEY',
          'AWS_SESSION_TOKEN',
          'AWS_PROFILE',
          'AWS_SHARED_CREDENTIALS_FILE',
          'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
          'AWS_CONTAINER_CREDENTIALS_FULL_URI',
          'AWS_WEB_IDENTITY_TOKEN_FILE',
          'AWS_ROLE_ARN',
        ].map((name) => ({ name, value: 'x' }));
      }),
      statuses: ['warn'],
      assert: ([finding]) => expect(finding?.evidence).toHaveLength(8),
    },
    {
      name: 'credential variable passed in the running task’s container override',
      target: targetWith((target) => {
        target.task!.overrides.containerOverrides[0]!.environment.push({
          name: 'AWS_PROFILE',
          value: 'prod',
        });
      }),
      statuses: ['warn'],
      message: /AWS_PROFILE \(container override of task 0123456789abcdef0123456789abcdef\)/,
      fix: /and from the container overrides the task is started with/,
      assert: ([finding]) =>
        expect(finding?.evidence).toEqual([
          'DescribeTasks: container override of task 0123456789abcdef0123456789abcdef gives container web AWS_PROFILE',
        ]),
    },
    {
      name: 'warn and info together',
      target: targetWith((target) => {
        firstContainer(target).environment.push({ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAEXAMPLE' });
        firstContainer(target).environmentFiles.push({ type: 's3', value: ENV_FILE });
      }),
      statuses: ['warn', 'info'],
    },
    {
      name: 'lint: credentials in environment, fix without a CLI command',
      target: lintTargetWith((target) => {
        firstContainer(target).environment.push({ name: 'AWS_SECRET_ACCESS_KEY', value: 'secret' });
      }),
      statuses: ['warn'],
      fix: 'AWS::ECS::TaskDefinition ContainerDefinitions[Name=web]: remove AWS_SECRET_ACCESS_KEY from Environment and Secrets',
      assert: ([finding]) => expect(finding?.fix?.cli).toBeUndefined(),
    },
    {
      name: 'task definition could not be read',
      target: targetWith((target) => {
        target.taskDefinition = unavailable('AccessDenied', 'ecs:DescribeTaskDefinition');
      }),
      statuses: ['unknown'],
    },
    {
      name: 'lint: an environment entry the files leave open may be a credential variable',
      target: lintTargetWith((target) => {
        target.unresolved = {
          [`${ENVIRONMENT}[1]`]: 'depends on condition HasKeys, which the files do not decide',
        };
        target.locations = { [ENVIRONMENT]: declared(40) };
      }),
      statuses: ['unknown'],
      message:
        'Whether container `web` sets an AWS credential variable is not decided by the files (containerDefinitions[web].environment[1]: depends on condition HasKeys, which the files do not decide).',
      // The open item has no declaration of its own: the finding points at the list.
      assert: ([finding]) => expect(finding?.location).toEqual(declared(40)),
    },
    {
      name: 'lint: a credential variable warns whatever else is open, at its entry',
      target: lintTargetWith((target) => {
        firstContainer(target).environment.push({ name: 'AWS_ACCESS_KEY_ID', value: 'AKIAEXAMPLE' });
        target.unresolved = { [`${ENVIRONMENT}[2]`]: 'depends on condition HasKeys' };
        target.locations = {
          [ENVIRONMENT]: declared(40),
          [`${ENVIRONMENT}[AWS_ACCESS_KEY_ID]`]: declared(43),
        };
      }),
      statuses: ['warn'],
      assert: ([finding]) => expect(finding?.location).toEqual(declared(43)),
    },
  ],
});
