import { z } from 'zod';
import { ClientFacts } from './client.js';
import { Cluster, ContainerInstance, Service, Task, TaskDefinition } from './ecs.js';
import { factSchema } from './fact.js';
import { NamedPolicy } from './iam.js';
import { IamSimulationFact } from './iam-simulation.js';
import { NetworkFacts } from './network.js';
import { Bucket, Caller, Ec2Instance, KmsKey, LogGroup, Role } from './resources.js';

/** Where a fact came from in a file (lint mode). */
export const SourceLocation = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  /** JSON pointer of the property within the file. */
  pointer: z.string().optional(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

/**
 * Lint mode: where each resource and property was declared. Keys are a resource id (below), or
 * `RESOURCE_ID#PROPERTY_PATH` where the path is in model terms, e.g.
 * `WebTaskDefinition#containerDefinitions[web].readonlyRootFilesystem` or
 * `MyCluster#executeCommandConfiguration.logConfiguration.cloudWatchEncryptionEnabled`.
 */
export const SourceLocations = z.record(z.string(), SourceLocation);

/**
 * One thing to judge: a running task (live) or a task definition, with everything it references.
 * A fact that is absent from the object was not looked for because it does not apply (e.g. no
 * `kmsKey` when the cluster configures none); a fact with `known: false` was looked for and
 * could not be learned.
 *
 * In lint mode, the `arn` fields of clusters, services, task definitions and roles hold the id a
 * user finds in their files: the CloudFormation logical id or the Terraform address.
 */
export const ExecTarget = z.object({
  mode: z.enum(['live', 'lint']),
  partition: z.string(),
  region: z.string(),
  accountId: z.string(),
  /** The container the user asked for with --container, if any. */
  requestedContainer: z.string().optional(),
  client: factSchema(ClientFacts).optional(),
  caller: factSchema(Caller).optional(),
  cluster: factSchema(Cluster),
  /** Null: the task was not started by a service. */
  service: factSchema(Service.nullable()).optional(),
  task: Task.optional(),
  taskDefinition: factSchema(TaskDefinition),
  /** EC2 and EXTERNAL tasks only. */
  containerInstance: factSchema(ContainerInstance).optional(),
  /** Looked up for EC2 tasks without a task role, to find the instance profile. */
  ec2Instance: factSchema(Ec2Instance).optional(),
  /** The role the SSM agent in the container will use; null when there is none at all. */
  taskRole: factSchema(Role.nullable()),
  executionRoleArn: z.string().optional(),
  /** The execution role, for telling the user when a permission sits there instead. */
  executionRole: factSchema(Role.nullable()).optional(),
  /** Service control policies that apply to the task's account, ordered root → account. */
  serviceControlPolicies: z.array(z.array(NamedPolicy)).optional(),
  /** Present when the cluster configures a KMS key. Null: the key does not exist. */
  kmsKey: factSchema(KmsKey.nullable()).optional(),
  /** Present when the exec configuration names a CloudWatch log group. Null: it does not exist. */
  logGroup: factSchema(LogGroup.nullable()).optional(),
  /** Present when the exec configuration names an S3 bucket. Null: it does not exist. */
  bucket: factSchema(Bucket.nullable()).optional(),
  /** Live mode, for tasks in a VPC (not ECS Anywhere): the network the task's traffic leaves by. */
  network: factSchema(NetworkFacts).optional(),
  /** `check --iam-simulate` only: IAM's own answers to the IAM questions, beside the local ones. */
  iamSimulation: IamSimulationFact.optional(),
  locations: SourceLocations.optional(),
  /**
   * Lint mode: displayed properties whose value the files do not decide (a parameter without a
   * default, an `Fn::If` on an undecided condition, a value Terraform knows only after apply),
   * keyed like `locations`, with the reason. For a displayed value (an image, an environment
   * value, a key or log group name) the model holds the file's text, e.g. `${ProxyUrl}`; a list or
   * list item the files leave open (port mappings behind an undecided `Fn::If`) is left out of the
   * model. A check that reads such a property should answer `unknown`. A scalar a check judges
   * (readonlyRootFilesystem, pidMode, enableExecuteCommand, logging…) that the files do not decide
   * makes its resource's fact `known: false` instead.
   */
  unresolved: z.record(z.string(), z.string()).optional(),
});
export type ExecTarget = z.infer<typeof ExecTarget>;
