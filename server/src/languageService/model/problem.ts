/**
 * What checking a document produces: problems in character offsets, with the quick fixes found
 * with them. Below every feature: rules report them, edits build their fixes, code actions select
 * them, and the LSP server and the CLI turn offsets into lines at the edge.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text replacement in character offsets. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/** A quick fix a rule attaches to its problem: only where the fix is certain. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply with "auto fix" (one per problem at most). */
  isPreferred?: boolean;
}

/** One diagnostic, in offsets; line/column are computed only at the LSP and CLI edges. */
export interface Problem {
  ruleId: string;
  severity: Severity;
  offset: number;
  length: number;
  message: string;
  fixes?: Fix[];
}
