import type { ExecTarget } from '../../model/index.js';
import { roleSubject, type Subject } from '../iam-subjects.js';
import { skip, unknownFromFact } from '../results.js';
import { taskResource } from '../target-helpers.js';
import type { CheckContext, CheckResult } from '../types.js';

/**
 * The role the SSM agent in the container runs as: the task role, or on EC2 without one, the
 * instance profile's role (task-role.present reports which, and warns on the fallback).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
 */
export function agentRoleSubject(target: ExecTarget, context?: CheckContext): Subject | CheckResult {
  const fact = target.taskRole;
  if (!fact.known) return unknownFromFact(taskResource(target), 'the role the SSM agent will use', fact);
  const role = fact.value;
  if (!role) return skip(taskResource(target), 'The task has no task role; task-role.present reports it.');
  const label =
    role.source === 'instance-profile'
      ? `instance profile role \`${role.name}\``
      : `task role \`${role.name}\``;
  return roleSubject(target, role, label, context);
}
