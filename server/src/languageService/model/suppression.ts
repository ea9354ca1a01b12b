/**
 * Suppressions: what a document says about findings to leave out. Written as comments
 * (parser/suppressions.ts: `# config-remediation-disable-next-line RC207 -- reason`) or, in a
 * CloudFormation template, in a remediation resource's `Metadata`
 * (cloudformation/suppressions.ts); applied after every validation, full or incremental, by
 * validate/suppressions.ts.
 */

/** The marker every suppression comment starts with. */
export const SUPPRESSION_MARKER = 'config-remediation-disable';

/** The Metadata key of a CloudFormation resource that holds its suppressions. */
export const SUPPRESSION_METADATA_KEY = 'config-remediation';

/** One rule id (or slug) named by a suppression, where it is written. */
export interface SuppressedId {
  id: string;
  offset: number;
  length: number;
}

export type SuppressionKind = 'next-line' | 'line' | 'file' | 'resource';

export interface Suppression {
  kind: SuppressionKind;
  /** The offsets it silences, [start, end); empty (start === end) when it has no target line. */
  start: number;
  end: number;
  /** The ids (or slugs) it names; empty: every rule. */
  ids: SuppressedId[];
  /** The directive itself (the comment, or the `ignore` list), where an unused one is reported. */
  offset: number;
  length: number;
  /** The logical id of the resource (`resource` suppressions), for messages. */
  resource?: string;
  /**
   * A comment alone on its line: [start, end) of that line with its line end, removed whole when
   * the suppression is unused.
   */
  ownLine?: { offset: number; length: number };
}
