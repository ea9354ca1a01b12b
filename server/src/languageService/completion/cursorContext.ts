import { getLocation } from 'jsonc-parser';
import type { DocumentFormat } from '../model/ast';
import type { PathSegment } from '../model/apiModel';

/**
 * Where the cursor is, worked out from the text alone so that it works while the user is typing
 * (the document is then usually broken): the path to the enclosing container, and whether a key,
 * a value or a new list item goes there.
 */
export interface CursorContext {
  position: 'key' | 'value' | 'item';
  /** Path from the document root to the container: the object (key), the list (item) or the property (value). */
  path: PathSegment[];
  /** The key whose value is being completed (value position). */
  key?: string;
  /** The text to replace: the partial word under the cursor. */
  replace: { offset: number; length: number };
  /** What is typed so far (without quotes). */
  prefix: string;
  /** Keys already present in the enclosing object (key position). */
  existingKeys: Set<string>;
  /** YAML: the column keys start at on this level (key position) or of the key (value position). */
  column: number;
  /** JSON: the partial token is quoted (the replacement then includes the quotes). */
  quoted: boolean;
  /** YAML: the cursor line already has "- " before the cursor. */
  afterDash: boolean;
  /** JSON: whether a comma is needed after the inserted text (a sibling follows). */
  needsComma: boolean;
}

export function cursorContext(
  text: string,
  offset: number,
  format: DocumentFormat,
): CursorContext | undefined {
  return format === 'yaml' ? yamlCursorContext(text, offset) : jsonCursorContext(text, offset);
}

// ---------------------------------------------------------------- JSON

function jsonCursorContext(text: string, offset: number): CursorContext | undefined {
  let location;
  try {
    location = getLocation(text, offset);
  } catch {
    return undefined;
  }
  const previous = location.previousNode;
  const path = [...location.path] as PathSegment[];
  const wordRange = (): { offset: number; length: number; quoted: boolean; prefix: string } => {
    if (previous && offset > previous.offset && offset <= previous.offset + previous.length) {
      const raw = text.substr(previous.offset, previous.length);
      const quoted = raw.startsWith('"');
      const prefix = text.slice(previous.offset + (quoted ? 1 : 0), offset);
      return { offset: previous.offset, length: previous.length, quoted, prefix };
    }
    return { offset, length: 0, quoted: false, prefix: '' };
  };
  const needsComma = /^\s*["{[\w-]/.test(text.slice(offset + (previous?.length ?? 0)));
  if (location.isAtPropertyKey) {
    const range = wordRange();
    const containerPath = path.slice(0, -1);
    return {
      position: 'key',
      path: containerPath,
      replace: { offset: range.offset, length: range.length },
      prefix: range.prefix,
      existingKeys: jsonExistingKeys(text, offset),
      column: 0,
      quoted: range.quoted,
      afterDash: false,
      needsComma: nextNonSpaceIsSibling(text, range.offset + range.length),
    };
  }
  const last = path[path.length - 1];
  const range = wordRange();
  if (typeof last === 'number') {
    // Inside a list: either at a fresh item slot, or on an existing scalar item.
    const containerPath = path.slice(0, -1);
    return {
      position: previous && previous.type !== 'object' ? 'value' : 'item',
      path: previous && previous.type !== 'object' ? path : containerPath,
      replace: { offset: range.offset, length: range.length },
      prefix: range.prefix,
      existingKeys: new Set(),
      column: 0,
      quoted: range.quoted,
      afterDash: false,
      needsComma,
    };
  }
  if (typeof last !== 'string') {
    // At the root, outside any object: offer a skeleton object.
    return {
      position: 'value',
      path: [],
      replace: { offset: range.offset, length: range.length },
      prefix: range.prefix,
      existingKeys: new Set(),
      column: 0,
      quoted: range.quoted,
      afterDash: false,
      needsComma: false,
    };
  }
  return {
    position: 'value',
    path,
    key: last,
    replace: { offset: range.offset, length: range.length },
    prefix: range.prefix,
    existingKeys: new Set(),
    column: 0,
    quoted: range.quoted,
    afterDash: false,
    needsComma: nextNonSpaceIsSibling(text, range.offset + range.length),
  };
}

function nextNonSpaceIsSibling(text: string, from: number): boolean {
  const rest = text.slice(from).trimStart();
  return rest.startsWith('"');
}

/** Keys of the object enclosing the offset, found by scanning for its braces. */
function jsonExistingKeys(text: string, offset: number): Set<string> {
  const keys = new Set<string>();
  // Walk back to the enclosing '{' at depth 0, then forward to its '}' collecting depth-1 keys.
  let depth = 0;
  let start = -1;
  for (let i = offset - 1; i >= 0; i--) {
    const char = text[i];
    if (char === '}' || char === ']') depth++;
    else if (char === '{' || char === '[') {
      if (depth === 0) {
        if (char === '{') start = i;
        break;
      }
      depth--;
    }
  }
  if (start < 0) return keys;
  const keyPattern = /"((?:[^"\\]|\\.)*)"\s*:/y;
  depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      const stringStart = i;
      // skip the string
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      // The key the cursor is in is being typed: it does not count as present.
      const cursorInside = offset > stringStart && offset <= i + 1;
      if (depth === 0 && !cursorInside) {
        keyPattern.lastIndex = stringStart;
        const match = keyPattern.exec(text);
        if (match) keys.add(match[1] ?? '');
      }
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return keys;
}

// ---------------------------------------------------------------- YAML

const LINE = /^( *)((?:- +)*)(.*)$/;
const MAX_YAML_LINE_PREFIX = 10_000;
// The regular expressions here run on every line above the cursor: each must stay linear on a
// megabyte line (no quantified groups that overlap, so no catastrophic backtracking). A plain key
// ends in a non-space so that `\s*:` cannot fight over the spaces before the colon.
const KEY_ONLY =
  /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"](?:[^#]*?[^\s#])?)\s*:(?:\s+[&!]\S*)*(?:\s+#.*)?\s*$/;

interface YamlLine {
  indent: number;
  dashes: number;
  keyColumn: number;
  content: string;
}

function splitLine(line: string): YamlLine {
  const match = LINE.exec(line) ?? ['', '', '', line];
  const indent = match[1]?.length ?? 0;
  const dashText = match[2] ?? '';
  return {
    indent,
    dashes: (dashText.match(/-/g) ?? []).length,
    keyColumn: indent + dashText.length,
    content: match[3] ?? '',
  };
}

function unquote(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length >= 2 && (trimmed.startsWith('"') || trimmed.startsWith("'"))) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}

function yamlCursorContext(text: string, offset: number): CursorContext | undefined {
  // lastIndexOf clamps a negative start to 0: at offset 0 it would find a leading newline.
  const lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  // A key, a value prefix and their indentation fit in far less: on an absurdly long line (a
  // minified blob, a hostile file) there is nothing sensible to complete, so do not scan it.
  if (offset - lineStart > MAX_YAML_LINE_PREFIX) return undefined;
  const before = text.slice(lineStart, offset).replace(/\r$/, '');
  if (/^\s*#/.test(before)) return undefined;
  const current = splitLine(before);
  const after = text.slice(offset, lineEnd);
  const wordAfter = /^[^\s:#,\]}]*/.exec(after)?.[0] ?? '';

  // Value position: "Key: partial" on this line.
  const valueMatch =
    /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"](?:[^:#]*?[^\s:#])?)\s*:(\s+|$)(.*)$/.exec(
      current.content,
    );
  const path = yamlParentPath(text, lineStart, current);
  if (valueMatch && (valueMatch[2] !== '' || offset === lineEnd)) {
    const key = unquote(valueMatch[1] ?? '');
    const partial = valueMatch[3] ?? '';
    const quoted = /^["']/.test(partial);
    const prefix = quoted ? partial.slice(1) : partial;
    const start = offset - partial.length;
    return {
      position: 'value',
      path: [...path, key],
      key,
      replace: {
        offset: start,
        length:
          partial.length +
          wordAfter.length +
          (quoted && /^["']/.test(after.slice(wordAfter.length)) ? 1 : 0),
      },
      prefix,
      existingKeys: new Set(),
      column: current.keyColumn,
      quoted,
      afterDash: current.dashes > 0,
      needsComma: false,
    };
  }
  if (/[:{}[\]]/.test(current.content)) return undefined; // flow collections: not handled
  const prefix = current.content;
  return {
    position: 'key',
    path,
    replace: { offset: offset - prefix.length, length: prefix.length + wordAfter.length },
    prefix: unquote(prefix),
    existingKeys: yamlSiblingKeys(text, lineStart, current),
    column: current.keyColumn,
    quoted: false,
    afterDash: current.dashes > 0,
    needsComma: false,
  };
}

/** Lines above `lineStart`, nearest first, skipping blank and comment lines; stops at a document marker. */
function* linesAbove(text: string, lineStart: number): Generator<YamlLine> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0;
    // Indentation, dashes and a key are at the start: a long line is read only that far.
    const raw = text.slice(start, Math.min(end, start + MAX_YAML_LINE_PREFIX)).replace(/\r$/, '');
    end = start - 1;
    if (/^(---|\.\.\.)(\s|$)/.test(raw)) return;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    yield splitLine(raw);
  }
}

/** The keys and list items enclosing a line, from the root down, found by indentation. */
function yamlParentPath(text: string, lineStart: number, current: YamlLine): PathSegment[] {
  const reversed: PathSegment[] = [];
  let column = current.keyColumn;
  // The list whose item we are in: the column of its dashes, while looking for its owner key.
  let listColumn: number | undefined;
  if (current.dashes > 0) {
    reversed.push(0);
    listColumn = current.indent;
  }
  for (const line of linesAbove(text, lineStart)) {
    if (listColumn !== undefined) {
      if (line.dashes > 0 && line.indent === listColumn) continue; // a sibling item
      if (line.indent <= listColumn && line.dashes === 0) {
        const key = KEY_ONLY.exec(line.content);
        if (key) {
          reversed.push(unquote(key[1] ?? ''));
          column = line.indent;
          listColumn = undefined;
          continue;
        }
        break;
      }
      if (line.dashes > 0 && line.keyColumn <= listColumn) {
        // "- Key:" owning the list, itself inside a list item.
        const key = KEY_ONLY.exec(line.content);
        if (key && line.keyColumn <= listColumn) {
          reversed.push(unquote(key[1] ?? ''), 0);
          column = line.indent;
          listColumn = line.indent;
          continue;
        }
        break;
      }
      continue;
    }
    if (line.dashes > 0 && line.keyColumn === column) {
      // "- Sibling: ..." : our mapping is this list item.
      reversed.push(0);
      listColumn = line.indent;
      column = line.indent;
      continue;
    }
    if (line.keyColumn < column) {
      const key = KEY_ONLY.exec(line.content);
      if (!key) continue;
      reversed.push(unquote(key[1] ?? ''));
      if (line.dashes > 0) {
        reversed.push(0);
        listColumn = line.indent;
      }
      column = line.dashes > 0 ? line.indent : line.keyColumn;
    }
  }
  return reversed.reverse();
}

/** Keys at the same column in the same block as the cursor line. */
function yamlSiblingKeys(text: string, lineStart: number, current: YamlLine): Set<string> {
  const keys = new Set<string>();
  const column = current.keyColumn;
  const collect = (line: YamlLine): boolean => {
    if (line.keyColumn === column) {
      const match = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#'"](?:[^:#]*?[^\s:#])?)\s*:(\s|$)/.exec(
        line.content,
      );
      if (match) keys.add(unquote(match[1] ?? ''));
      // A "- " line starts this item: nothing above belongs to it.
      return line.dashes === 0;
    }
    return line.keyColumn > column;
  };
  if (current.dashes === 0) {
    for (const line of linesAbove(text, lineStart)) if (!collect(line)) break;
  }
  let position = text.indexOf('\n', lineStart);
  while (position !== -1 && position < text.length) {
    const next = text.indexOf('\n', position + 1);
    const lineEnd = next === -1 ? text.length : next;
    const raw = text
      .slice(position + 1, Math.min(lineEnd, position + 1 + MAX_YAML_LINE_PREFIX))
      .replace(/\r$/, '');
    position = next;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(raw)) break;
    const line = splitLine(raw);
    if (line.dashes > 0 && line.keyColumn === column) break; // the next item
    if (line.keyColumn < column) break;
    if (line.keyColumn === column) collect(line);
  }
  return keys;
}
