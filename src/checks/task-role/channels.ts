import type { ExecTarget } from '../../model/index.js';
import { type Ask, DIRECT_CALL_ABSENT_KEYS, directCallContext, judge } from '../iam-helpers.js';
import { isResult } from '../iam-subjects.js';
import { agentRoleSubject } from './subject.js';

/**
 * The four actions the SSM agent in the container needs to open its channels.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-required-iam-permissions
 */
export const SSMMESSAGES_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

export function channelAsk(target: ExecTarget, action: string, now: Date): Ask {
  return {
    action,
    resource: '*',
    context: directCallContext(target, now),
    absentKeys: DIRECT_CALL_ABSENT_KEYS,
  };
}

/** Whether the task role may open the agent's channels: in lint, a sign that exec is intended. */
export function agentRoleGrantsChannels(target: ExecTarget, now: Date): boolean {
  const subject = agentRoleSubject(target);
  if (isResult(subject)) return false;
  return SSMMESSAGES_ACTIONS.every(
    (action) => judge(subject, channelAsk(target, action, now)).evaluation.decision === 'allowed',
  );
}
