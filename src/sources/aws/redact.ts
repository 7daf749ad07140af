import type { Snapshot } from './snapshot.js';

const ARN_ACCOUNT = /(arn:aws[\w-]*:[\w-]+:[\w-]*:)(\d{12})(?=:)/g;
const ACCOUNT_FIELDS = new Set(['Account', 'OwnerId', 'ownerId', 'accountId', 'AccountId', 'RequesterId']);
/** A private ECR registry host: the image may come from an account no ARN names (a shared registry). */
const ECR_REGISTRY_ACCOUNT = /(?<!\d)(\d{12})\.dkr\.ecr(?:-fips)?\./g;

/** Finds every account id a snapshot mentions: in ARNs, ECR image URIs and fields that hold one. */
function collectAccountIds(value: unknown, found: Set<string>, key?: string): void {
  if (typeof value === 'string') {
    for (const match of value.matchAll(ARN_ACCOUNT)) found.add(match[2]!);
    for (const match of value.matchAll(ECR_REGISTRY_ACCOUNT)) found.add(match[1]!);
    if (key && ACCOUNT_FIELDS.has(key) && /^\d{12}$/.test(value)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectAccountIds(item, found);
  } else if (value && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) collectAccountIds(child, found, childKey);
  }
}

function replaceAll(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => replaceAll(item, replace));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, replaceAll(child, replace)]));
  }
  return value;
}

/**
 * Replaces each account id with a stand-in (`000000000001`, `000000000002`, … in order of
 * first appearance), everywhere it appears: ARNs, owner fields, ECR image URIs. The same id
 * always gets the same stand-in, so a redacted snapshot still replays.
 */
export function redactSnapshot(snapshot: Snapshot): Snapshot {
  const found = new Set<string>();
  collectAccountIds(snapshot, found);
  const standIns = new Map([...found].map((id, index) => [id, String(index + 1).padStart(12, '0')]));
  if (standIns.size === 0) return snapshot;
  const pattern = new RegExp(`(?<!\\d)(${[...standIns.keys()].join('|')})(?!\\d)`, 'g');
  return replaceAll(snapshot, (text) => text.replace(pattern, (id) => standIns.get(id) ?? id)) as Snapshot;
}
