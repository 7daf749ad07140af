import type { KnownMessage } from './knowledge.js';
import { KNOWN_MESSAGES } from './messages.js';
import { compileMessage, type MessagePattern, type NormalizedText, normalizeText } from './normalize.js';

/**
 * Ranks the knowledge base against pasted text. A whole message (its slots taking any value)
 * scores 1; a distinctive phrase 0.85 or more; an exact fragment of a message 0.7–0.9; otherwise
 * the likeness of their character trigrams, which survives small edits and partial copies. The
 * AWS CLI's error code and operation confirm or contradict a candidate.
 */

export interface ExplainMatch {
  entry: KnownMessage;
  /** 0–1. */
  score: number;
}

export interface ExplainResult {
  /** The text as compared: normalized, with the user's ids replaced by placeholders. */
  normalized: string;
  /** Whether some entry matched well enough; if not, `matches` holds the closest three. */
  recognized: boolean;
  matches: ExplainMatch[];
}

/** The score from which a candidate counts as recognized. */
const RECOGNIZED = 0.5;
/** A message or phrase of the entry is in the text. */
const STRONG = 0.85;
/** Candidates this far below the best one are left out. */
const SPREAD = 0.3;
const MAX_MATCHES = 5;
const CLOSEST = 3;
/** Shorter fragments are too common to identify a message. */
const MIN_FRAGMENT = 16;

interface CompiledEntry {
  entry: KnownMessage;
  messages: MessagePattern[];
  phrases: MessagePattern[];
  /** Each message's fixed text, as trigrams. */
  trigrams: Set<string>[];
  errorCodes: Set<string>;
  operations: Set<string>;
}

/** Placeholders say nothing about which message it is: every message may hold an ARN. */
function trigramsOf(compact: string): Set<string> {
  const text = compact.replace(/<[a-z-]+>/g, '');
  const grams = new Set<string>();
  for (let index = 0; index + 3 <= text.length; index++) grams.add(text.slice(index, index + 3));
  return grams;
}

function compile(entry: KnownMessage): CompiledEntry {
  const messages = entry.messages.map(compileMessage);
  const lower = (values: Array<string | undefined>) =>
    new Set(
      values.filter((value): value is string => value !== undefined).map((value) => value.toLowerCase()),
    );
  return {
    entry,
    messages,
    phrases: (entry.phrases ?? []).map(compileMessage),
    trigrams: messages.map((message) => trigramsOf(message.literals.join(''))),
    errorCodes: lower(messages.map((message) => message.errorCode)),
    operations: lower(messages.map((message) => message.operation)),
  };
}

const COMPILED: readonly CompiledEntry[] = KNOWN_MESSAGES.map(compile);

/**
 * How alike two texts are, from their trigrams: the best of their overlap (Dice), how much of
 * the input the message explains (a partial copy), and how much of the message the input holds
 * (a copy inside other output), the last two discounted for short texts.
 */
function likeness(input: Set<string>, message: Set<string>): number {
  if (input.size === 0 || message.size === 0) return 0;
  let shared = 0;
  for (const gram of input) if (message.has(gram)) shared++;
  const dice = (2 * shared) / (input.size + message.size);
  const precision = (shared / input.size) ** 2 * Math.min(1, input.size / 40);
  const recall = (shared / message.size) ** 2 * Math.min(1, message.size / 40);
  return Math.max(dice, precision, recall);
}

function textScore(input: NormalizedText, inputTrigrams: Set<string>, compiled: CompiledEntry): number {
  if (compiled.messages.some((message) => message.regex.test(input.compact))) return 1;
  const phraseHits = compiled.phrases.filter((phrase) => phrase.regex.test(input.compact)).length;
  const phraseScore = phraseHits > 0 ? Math.min(0.95, 0.8 + 0.05 * phraseHits) : 0;
  let fragmentScore = 0;
  if (input.compact.length >= MIN_FRAGMENT) {
    const patterns = [...compiled.messages, ...compiled.phrases];
    for (const literal of patterns.flatMap((pattern) => pattern.literals)) {
      if (literal.includes(input.compact)) {
        fragmentScore = Math.max(fragmentScore, 0.7 + (0.2 * input.compact.length) / literal.length);
      }
    }
  }
  const similar = Math.max(0, ...compiled.trigrams.map((message) => likeness(inputTrigrams, message)));
  return Math.max(phraseScore, fragmentScore, 0.8 * similar);
}

/** The CLI prefix's error code and operation: they confirm a candidate or count against it. */
function withErrorCode(score: number, input: NormalizedText, compiled: CompiledEntry): number {
  let adjusted = score;
  const code = input.errorCode?.toLowerCase();
  if (code && compiled.errorCodes.size > 0) {
    adjusted = compiled.errorCodes.has(code) ? Math.max(adjusted + 0.05, 0.6) : adjusted * 0.7;
  }
  const operation = input.operation?.toLowerCase();
  if (operation && compiled.operations.size > 0 && !compiled.operations.has(operation)) adjusted *= 0.7;
  return Math.min(1, adjusted);
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}

export function explainError(text: string): ExplainResult {
  const input = normalizeText(text);
  if (input.compact === '') return { normalized: '', recognized: false, matches: [] };
  const inputTrigrams = trigramsOf(input.compact);
  const scored = COMPILED.map((compiled) => ({
    entry: compiled.entry,
    score: withErrorCode(textScore(input, inputTrigrams, compiled), input, compiled),
  }));
  // A line that is always printed (the plugin's presence check) yields to a real error beside it,
  // when that error is matched by its text or a phrase, not by mere likeness.
  const realError = scored.some((match) => !match.entry.informational && match.score >= STRONG);
  const ranked = scored
    .map((match) => ({
      entry: match.entry,
      score: round(realError && match.entry.informational ? match.score / 2 : match.score),
    }))
    .sort((left, right) => right.score - left.score);
  const best = ranked[0]!.score;
  if (best < RECOGNIZED)
    return { normalized: input.text, recognized: false, matches: ranked.slice(0, CLOSEST) };
  return {
    normalized: input.text,
    recognized: true,
    matches: ranked
      .filter((match) => match.score >= RECOGNIZED && match.score >= best - SPREAD)
      .slice(0, MAX_MATCHES),
  };
}
