import type { SourceDocument } from '../document.js';
import type { IacGraph } from '../graph.js';
import { readBuckets, readKeys, readLogGroups } from './destinations.js';
import { readClusters, readServices, readTaskDefinitions } from './ecs.js';
import { readRoles } from './iam.js';
import { TerraformPlan } from './plan.js';

/** Reads the ECS, IAM, KMS, CloudWatch Logs and S3 resources of `terraform show -json` output. */
export function readTerraformPlan(graph: IacGraph, document: SourceDocument): void {
  const plan = new TerraformPlan(document);
  const environment = plan.environment();
  graph.addScope(document.file, [document.file], environment);
  readClusters(graph, plan);
  readServices(graph, plan);
  readTaskDefinitions(graph, plan);
  readRoles(graph, plan);
  readKeys(graph, plan, environment);
  readLogGroups(graph, plan, environment);
  readBuckets(graph, plan);
}
