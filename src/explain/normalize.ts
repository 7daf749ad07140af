/**
 * Puts pasted error text and the knowledge base's messages in one form, so that what varies
 * between two copies of the same message does not matter: curly or straight quotes, line
 * wrapping (even inside a word), the AWS CLI's "An error occurred (…)" prefix, and the ARNs, ids
 * and names of the user's own resources.
 */

export interface NormalizedText {
  /** Lower case, straight quotes, single spaces, the user's ids replaced by placeholders. */
  text: string;
  /** `text` without any whitespace: immune to line wrapping. */
  compact: string;
  /** From the AWS CLI prefix "An error occurred (Code) when calling the Op operation:". */
  errorCode?: string;
  operation?: string;
}

/**
 * https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-returncodes.html — botocore formats
 * every service error this way, with "(reached max retries: N)" after retries.
 */
const CLI_PREFIX =
  /an error occurred \(([\w.]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?:\s*/i;

/** What varies between two copies of a message, in the order they must be replaced. */
const PLACEHOLDERS: ReadonlyArray<[RegExp, string]> = [
  // The Session Manager target ecs:<cluster>_<task id>_<container runtime id>.
  [/\becs:[\w.-]+?_[0-9a-f]{32}_[\w-]+/gi, '<ecs-target>'],
  // ARNs in every partition, without the sentence's closing punctuation.
  [/\barn:aws[\w-]*:[\w-]+:[\w-]*:\d{0,12}:[^\s"',;)]*[^\s"',;).]/gi, '<arn>'],
  // ECS Exec session ids, and Session Manager ids (<user>-<17 hex>).
  [/\becs-execute-command-[0-9a-z]+/gi, '<session-id>'],
  [/\b[\w.@+=-]+-[0-9a-f]{17}\b/gi, '<session-id>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\b[0-9a-f]{64}\b/gi, '<id>'],
  [/\b[0-9a-f]{32}\b/gi, '<task-id>'],
  [/\b\d{12}\b/g, '<account>'],
  [/\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|eusc)-[a-z]+-\d\b/gi, '<region>'],
  [/\bprofile "[^"]*"/gi, 'profile "<profile>"'],
  [/\bprofile '[^']*'/gi, "profile '<profile>'"],
];

function straightenQuotes(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\u2026/g, '...');
}

export function normalizeText(raw: string): NormalizedText {
  let text = straightenQuotes(raw).replace(/\s+/g, ' ').trim();
  const prefix = CLI_PREFIX.exec(text);
  if (prefix) text = text.replace(CLI_PREFIX, '');
  for (const [pattern, placeholder] of PLACEHOLDERS) text = text.replace(pattern, placeholder);
  text = text.toLowerCase();
  return {
    text,
    compact: text.replace(/\s+/g, ''),
    ...(prefix ? { errorCode: prefix[1]!, operation: prefix[2]! } : {}),
  };
}

/** A `<name>` slot in a knowledge-base message: whatever the user's copy has there. */
const SLOT = /<[a-z][a-z-]*>/g;
const SLOT_SENTINEL = '\u0000';

export interface MessagePattern {
  /** The message's fixed parts, compacted; the slots fall between them. */
  literals: string[];
  /** Matches the compact form of any copy of the message. */
  regex: RegExp;
  errorCode?: string;
  operation?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message with `<slots>` as a pattern over compact text; each slot takes up to 400 characters. */
export function compileMessage(message: string): MessagePattern {
  const normalized = normalizeText(message.replace(SLOT, SLOT_SENTINEL));
  const literals = normalized.compact.split(SLOT_SENTINEL).filter(Boolean);
  return {
    literals,
    regex: new RegExp(literals.map(escapeRegExp).join('[\\s\\S]{0,400}?')),
    ...(normalized.errorCode ? { errorCode: normalized.errorCode, operation: normalized.operation! } : {}),
  };
}
