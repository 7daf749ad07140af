import type { CatalogueCheckId } from '../checks/catalogue-ids.js';

/** The shape of the `explain` knowledge base: known error messages and what causes them. */

export interface Cause {
  /** What is wrong, in one sentence. */
  cause: string;
  fix: string;
  /** The checks whose results say whether this cause applies (empty: no check can tell). */
  checks: CatalogueCheckId[];
}

export interface KnownMessage {
  /** Stable, kebab-case. */
  id: string;
  /** The row of the troubleshooting table (reference/ecs-exec-requirements.md §11) it comes from, if any. */
  row?: number;
  /** A short name. */
  title: string;
  /**
   * The texts as printed, newest first, with older variants. `<name>` stands for what varies
   * (ARNs, ids, names). An AWS CLI prefix "An error occurred (Code) when calling the Op
   * operation:" is optional in what users paste, and its code and operation rank the match.
   */
  messages: string[];
  /** Fragments distinctive enough to identify the message on their own. */
  phrases?: string[];
  /** Which program prints it, and when. */
  where: string;
  /** What it means, in plain words. */
  meaning: string;
  /** Most likely first. */
  causes: Cause[];
  /** Not an error: shown last when a real error is pasted with it. */
  informational?: boolean;
}
