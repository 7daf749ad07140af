import type { ExecTarget, Service } from '../../model/index.js';
import { clusterName, regionFlag, taskDefinitionResource } from '../target-helpers.js';
import type { Fix } from '../types.js';

export const UPDATE_SERVICE_DOCS =
  'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html';

/**
 * A blue/green service gets new tasks only from a CodeDeploy deployment. The application and
 * deployment group are CodeDeploy's names (the console calls them AppECS-<cluster>-<service> and
 * DgpECS-<cluster>-<service>); the container and port are the load balancer's.
 * https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_CreateDeployment.html
 */
function codeDeployCommand(target: ExecTarget, service: Service): string {
  const taskDefinition = service.taskDefinition ?? taskDefinitionResource(target);
  const appSpec = `{"version":0.0,"Resources":[{"TargetService":{"Type":"AWS::ECS::Service","Properties":{"TaskDefinition":"${taskDefinition}","LoadBalancerInfo":{"ContainerName":"CONTAINER_NAME","ContainerPort":CONTAINER_PORT}}}}]}`;
  const revision = JSON.stringify({ revisionType: 'AppSpecContent', appSpecContent: { content: appSpec } });
  const cluster = clusterName(target);
  return `aws deploy create-deployment --application-name AppECS-${cluster}-${service.name} --deployment-group-name DgpECS-${cluster}-${service.name} --revision '${revision}' ${regionFlag(target)}`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * How to get tasks that carry the service's exec flag. UpdateService does not start a deployment,
 * so running tasks keep the flag they started with: a rolling (ECS) service needs
 * --force-new-deployment, a blue/green (CODE_DEPLOY) service a CodeDeploy deployment (it does not
 * take --force-new-deployment), and an EXTERNAL one a new task set from its deployment tool.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
export function replaceTasksFix(target: ExecTarget, service: Service, enableExec: boolean): Fix {
  const updateService = `aws ecs update-service --cluster ${clusterName(target)} --service ${service.name}`;
  const enableStep = enableExec ? `${updateService} --enable-execute-command ${regionFlag(target)}\n` : '';
  const enablePrefix = enableExec ? `Enable exec on service ${service.name}, then ` : '';
  const infrastructure = enableExec
    ? {
        cloudformation: 'AWS::ECS::Service: EnableExecuteCommand: true',
        terraform: 'aws_ecs_service: enable_execute_command = true (with force_new_deployment = true)',
        cdk: 'new ecs.FargateService(this, …, { enableExecuteCommand: true })',
      }
    : {};
  if (service.deploymentController === 'CODE_DEPLOY') {
    return {
      summary: sentence(
        `${enablePrefix}start a CodeDeploy deployment: blue/green services do not take --force-new-deployment, and running tasks keep the flag they started with.`,
      ),
      cli: `${enableStep}${codeDeployCommand(target, service)}`,
      ...infrastructure,
    };
  }
  if (service.deploymentController === 'EXTERNAL') {
    return {
      summary: sentence(
        `${enablePrefix}create a new task set with your deployment tool (aws ecs create-task-set); running tasks keep the flag they started with.`,
      ),
      ...(enableExec ? { cli: enableStep.trimEnd() } : {}),
      ...infrastructure,
    };
  }
  return {
    summary: sentence(
      `${enablePrefix}force a new deployment: UpdateService does not start one, and running tasks keep the flag they started with.`,
    ),
    cli: `${updateService}${enableExec ? ' --enable-execute-command' : ''} --force-new-deployment ${regionFlag(target)}`,
    ...infrastructure,
  };
}
