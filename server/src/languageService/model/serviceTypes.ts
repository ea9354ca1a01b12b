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

/** A range of the document in offsets (the LSP server turns it into lines and characters). */
export interface OffsetRange {
  offset: number;
  length: number;
}

/** What an outline symbol stands for (the LSP server picks the editor's symbol kind). */
export type OutlineKind = 'configuration' | 'member' | 'parameters' | 'parameter';

/** A symbol of the outline and breadcrumbs: a configuration, its members, its parameters. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole symbol (the configuration, the member with its value), trailing space left out. */
  range: OffsetRange;
  /** What is selected when it is picked (the rule name, the key); inside `range`. */
  selectionRange: OffsetRange;
  children: OutlineSymbol[];
}

/** A foldable region, from the line of `offset` to the line of `end` (an offset in that line). */
export interface FoldingRegion {
  offset: number;
  end: number;
  /** `region`: between `# region` and `# endregion` comments. */
  kind?: 'region';
}

/** A link from a range of the document to a web page. */
export interface DocumentLink {
  range: OffsetRange;
  target: string;
  tooltip: string;
}
