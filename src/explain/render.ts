import type { Cause, KnownMessage } from './knowledge.js';
import type { ExplainMatch, ExplainResult } from './match.js';

/** `explain "<error text>"` as plain text: what the message means, and its causes ranked. */

/** Candidates this close to the best are shown in full: the text does not decide between them. */
const TIE = 0.1;

function causeLines(cause: Cause, rank: number): string[] {
  return [
    `  ${rank}. ${cause.cause}`,
    `     Fix: ${cause.fix}`,
    ...(cause.checks.length > 0 ? [`     Decided by: ${cause.checks.join(', ')}`] : []),
  ];
}

function entryLines(entry: KnownMessage, score: number): string[] {
  return [
    `${entry.title} [${entry.id}] (match ${score.toFixed(2)})`,
    `Where it appears: ${entry.where}`,
    `What it means: ${entry.meaning}`,
    entry.causes.length > 1 ? 'Causes, most likely first:' : 'Cause:',
    ...entry.causes.flatMap((cause, index) => causeLines(cause, index + 1)),
  ];
}

function brief(match: ExplainMatch, measure = 'match'): string {
  return `  - ${match.entry.title} [${match.entry.id}] (${measure} ${match.score.toFixed(2)})`;
}

/** The ids of the checks that decide between the causes of the best matches, in cause order. */
export function decidingCheckIds(result: ExplainResult): string[] {
  if (!result.recognized) return [];
  const best = result.matches[0]!.score;
  const ids = result.matches
    .filter((match) => match.score >= best - TIE)
    .flatMap((match) => match.entry.causes.flatMap((cause) => cause.checks));
  return [...new Set(ids)];
}

export function renderExplanation(result: ExplainResult): string {
  if (!result.recognized) {
    const closest =
      result.matches.length > 0
        ? [
            'Closest known messages:',
            ...result.matches.map((match) => `${brief(match, 'similarity')}: "${match.entry.messages[0]}"`),
          ]
        : [];
    return `${[
      'Not recognized: this text matches no known ECS Exec, Session Manager or SSM agent message.',
      ...closest,
      'If it comes from ECS Exec, run `ecs-exec-doctor check --cluster CLUSTER --task TASK_ID` to test every requirement.',
    ].join('\n')}\n`;
  }
  const best = result.matches[0]!.score;
  const shown = result.matches.filter((match) => match.score >= best - TIE);
  const others = result.matches.filter((match) => match.score < best - TIE);
  const sections = [
    shown.length > 1 ? `Recognized ${shown.length} messages that fit equally well.` : 'Recognized:',
    ...shown.map((match) => entryLines(match.entry, match.score).join('\n')),
    ...(others.length > 0 ? [['Less likely:', ...others.map((match) => brief(match))].join('\n')] : []),
    'To see which cause applies, run `ecs-exec-doctor check --cluster CLUSTER --task TASK_ID`: the checks above that fail name it.',
  ];
  return `${sections.join('\n\n')}\n`;
}
