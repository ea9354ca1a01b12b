/**
 * Completion reads the text around the cursor. Reading it from the start of the document (as
 * jsonc-parser's getLocation does, or the YAML path walk up to the root key) costs time in
 * proportion to the document: 300 ms in the last of 5000 configurations. Inside a configuration,
 * the text of that configuration is enough: the path above it is known from the node model
 * (`RemediationConfigurations[i]`). This module finds that window; elsewhere (between
 * configurations, at the root, in broken or unusual documents) completion reads the whole text.
 * test/unit/completionWindow.test.ts checks that both give the same cursor context.
 */
import type { PathSegment } from '../model/apiModel';
import {
  lastNodeAtOrBefore,
  type ArrayNode,
  type ParsedDocument,
  type ValueNode,
} from '../model/ast';
import { CONFIGURATIONS_KEY, dashLine, LIST_KEY_ONLY_LINE, requestList } from '../model/layout';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';
import { textLength, textSlice } from '../model/text';
import { cursorContext, type CursorContext } from './cursorContext';
import { indentUnit } from './snippets';

/**
 * A part of the document's text: from `start` on, `text[i]` is the document's character
 * `base + i`. Before `start`, YAML windows hold a copy of the line of the list's key (the line a
 * walk up from the configuration ends at), so that paths come out as from the whole text.
 */
export interface TextWindow {
  text: string;
  base: number;
  start: number;
  /** Path from the document root to what the window's text starts with. */
  prefix: PathSegment[];
  /**
   * YAML: the column of the configuration's keys. Keys typed left of it have siblings in other
   * configurations (the scan for them passes the dash lines), so the window cannot answer.
   */
  keyColumn?: number;
}

/** A parsed document's text as `dashLine` reads it (a lazy document's text is not built). */
const textOf = (parsed: ParsedDocument): { slice(start: number, end: number): string } => ({
  slice: (start, end) => textSlice(parsed, start, end),
});

/** The configuration's text around `offset`, or undefined when completion must read everything. */
export function configurationWindow(
  parsed: ParsedDocument,
  offset: number,
): TextWindow | undefined {
  const list = requestList(parsed)?.list;
  if (!list) return undefined;
  const index = lastNodeAtOrBefore(list.items, offset);
  return parsed.format === 'yaml'
    ? yamlWindow(parsed, list, index, offset)
    : jsonWindow(parsed, list.items, index, offset);
}

function jsonWindow(
  parsed: ParsedDocument,
  items: readonly ValueNode[],
  index: number,
  offset: number,
): TextWindow | undefined {
  const item = items[index];
  if (!item || item.type !== 'object') return undefined;
  const end = item.offset + item.length;
  if (!(offset > item.offset && offset < end)) return undefined;
  // getLocation counts list items from the text before; trust the node model only without syntax
  // errors before the configuration. Errors inside it are read the same from its own text: the
  // parser is in the same state at its opening brace, and the cursor context stops at the cursor.
  const brokenBefore = parsed.problems.some(
    (problem) => problem.ruleId === SYNTAX_RULE_IDS.syntax && problem.offset < item.offset,
  );
  if (brokenBefore) return undefined;
  const text = textSlice(parsed, item.offset, end);
  return { text, base: item.offset, start: item.offset, prefix: [CONFIGURATIONS_KEY, index] };
}

function yamlWindow(
  parsed: ParsedDocument,
  list: ArrayNode,
  index: number,
  offset: number,
): TextWindow | undefined {
  const items = list.items;
  if (index < 0) return undefined;
  let dash = dashLine(textOf(parsed), (items[index] as ValueNode).offset);
  const next = items[index + 1];
  let nextDash = next ? dashLine(textOf(parsed), next.offset) : undefined;
  if (next && nextDash && nextDash.lineStart <= offset) {
    // On the next configuration's dash line, before its first key.
    index++;
    dash = nextDash;
    const afterNext = items[index + 1];
    nextDash = afterNext ? dashLine(textOf(parsed), afterNext.offset) : undefined;
    if (afterNext && !nextDash) return undefined;
  } else if (next && !nextDash) {
    return undefined;
  }
  if (!dash || (nextDash && nextDash.column !== dash.column)) return undefined;
  if (offset < dash.lineStart + dash.column + 1) return undefined;
  // Above the configuration, a walk up the lines passes other configurations and stops at the
  // list's key: given that line, the window's walk ends the same way. That holds when the text
  // above parses without errors.
  const brokenBefore = parsed.problems.some(
    (problem) => problem.ruleId === SYNTAX_RULE_IDS.syntax && problem.offset < dash.lineStart,
  );
  const keyLine = listKeyLine(parsed, list);
  if (brokenBefore || keyLine === undefined) return undefined;
  const end = nextDash ? nextDash.lineStart : textLength(parsed);
  const header = `${keyLine}\n`;
  return {
    text: header + textSlice(parsed, dash.lineStart, end),
    base: dash.lineStart - header.length,
    start: dash.lineStart,
    prefix: [],
    keyColumn: dash.keyColumn,
  };
}

/** The line holding the list's key ("RemediationConfigurations:"), if it holds nothing else. */
function listKeyLine(parsed: ParsedDocument, list: ArrayNode): string | undefined {
  const property = list.parent;
  if (property?.type !== 'property') return undefined;
  const key = property.keyNode;
  const before = textSlice(parsed, Math.max(0, key.offset - 256), key.offset);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && key.offset > 256) return undefined;
  const after = textSlice(parsed, key.offset, key.offset + key.length + 256);
  const lineEnd = after.indexOf('\n');
  if (lineEnd === -1) return undefined;
  const line = before.slice(newline + 1) + after.slice(0, lineEnd).replace(/\r$/, '');
  return LIST_KEY_ONLY_LINE.test(line) ? line : undefined;
}

/**
 * The text completion reads around the cursor: the configuration's window when the cursor is in
 * one, else the whole document. `cursor()` equals `cursorContext(parsed.text, offset, format)`.
 */
export class CompletionText {
  private readonly window: TextWindow | undefined;

  constructor(
    private readonly parsed: ParsedDocument,
    private readonly offset: number,
    useWindow = true,
  ) {
    this.window = useWindow ? configurationWindow(parsed, offset) : undefined;
  }

  cursor(): CursorContext | undefined {
    const { window, parsed, offset } = this;
    if (window) {
      const cursor = cursorContext(window.text, offset - window.base, parsed.format);
      if (!cursor) return undefined;
      const leftOfKeys =
        cursor.position === 'key' && cursor.column < (window.keyColumn ?? cursor.column);
      if (!leftOfKeys)
        return {
          ...cursor,
          path: [...window.prefix, ...cursor.path],
          replace: { offset: cursor.replace.offset + window.base, length: cursor.replace.length },
        };
    }
    return cursorContext(parsed.text, offset, parsed.format);
  }

  /** Characters [start, end) of the document. */
  slice(start: number, end: number): string {
    const window = this.window;
    if (window && start >= window.start && end <= window.base + window.text.length) {
      return window.text.slice(start - window.base, end - window.base);
    }
    return textSlice(this.parsed, start, end);
  }

  /** Where the line holding `offset` starts (like `text.lastIndexOf('\n', offset - 1) + 1`). */
  lineStart(offset: number): number {
    if (offset <= 0) return 0;
    const window = this.window;
    if (window && offset > window.start && offset <= window.base + window.text.length) {
      const newline = window.text.lastIndexOf('\n', offset - window.base - 1);
      if (newline >= window.start - window.base) return window.base + newline + 1;
      const before = textSlice(this.parsed, Math.max(0, window.start - 4096), window.start);
      const previous = before.lastIndexOf('\n');
      if (previous !== -1 || before.length === window.start) {
        return window.start - before.length + previous + 1;
      }
    }
    return this.parsed.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The text from `offset` on (to the window's end: callers look at its start only). */
  from(offset: number): string {
    const window = this.window;
    if (window && offset >= window.start && offset <= window.base + window.text.length) {
      return window.text.slice(offset - window.base);
    }
    return this.parsed.text.slice(offset);
  }
}

/**
 * The document's indentation unit, read from its first lines like `indentUnit(text)`, without
 * reading a large document whole.
 */
export function documentIndentUnit(parsed: ParsedDocument): number {
  const length = textLength(parsed);
  for (let size = 16 * 1024; ; size *= 4) {
    if (size >= length) return indentUnit(textSlice(parsed, 0, length));
    const head = textSlice(parsed, 0, size);
    let count = 0;
    const pattern = /\n( +)\S/g;
    while (pattern.exec(head) && count < 200) count++;
    if (count >= 200) return indentUnit(head);
  }
}
