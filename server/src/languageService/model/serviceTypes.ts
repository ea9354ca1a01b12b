/** Public, LSP-free result types of the language service. */

export type CompletionKind =
  'property' | 'value' | 'enum' | 'snippet' | 'module' | 'reference' | 'boolean';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown next to the label (type, "required"). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text that replaces `range`; a snippet (`${1:placeholder}`) when isSnippet. */
  insertText: string;
  isSnippet: boolean;
  range: { offset: number; length: number };
  filterText?: string;
  sortText?: string;
  /** Lines after the first are indented absolutely: clients must insert as is. */
  preselect?: boolean;
  /**
   * After inserting, completion should open again by itself: what comes next is a choice (the
   * client front end decides whether it can, e.g. VS Code's `editor.action.triggerSuggest`).
   */
  retrigger?: boolean;
}

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  range: { offset: number; length: number };
}

export interface CodeAction {
  title: string;
  /** Rule ids of the problems this action fixes. */
  ruleIds: string[];
  edits: { offset: number; length: number; newText: string }[];
  isPreferred?: boolean;
  /** The problem (by its range and rule) this action fixes. */
  problem: { offset: number; length: number; ruleId: string; message: string };
}
