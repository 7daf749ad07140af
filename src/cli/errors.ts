import { IncompleteError, UsageError } from '../engine/errors.js';

/** Bad input and failures end with one line on stderr and the right exit code, never a stack trace. */
export function exitCodeForError(error: unknown, stderr: NodeJS.WriteStream): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || error instanceof IncompleteError) {
    stderr.write(`ecs-exec-doctor: ${message}\n`);
    return error.exitCode;
  }
  stderr.write(`ecs-exec-doctor: internal error: ${message.split('\n')[0]}\n`);
  if (process.env.ECS_EXEC_DOCTOR_DEBUG && error instanceof Error) stderr.write(`${error.stack}\n`);
  else stderr.write('(set ECS_EXEC_DOCTOR_DEBUG=1 for the stack trace, and please report it)\n');
  return 3;
}
