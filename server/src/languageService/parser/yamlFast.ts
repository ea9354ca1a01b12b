/**
 * The fast path for YAML: a scanner and parser for the block-YAML subset that request files and
 * CloudFormation templates are written in, straight into the node model, in one pass over the
 * text with no token or CST objects in between. It gives exactly what `parseYaml` (the yaml
 * package) gives for the same text — offsets, lengths, tags, YAML 1.2 core schema typing,
 * duplicate-key problems, document range — and gives up (returns undefined, and the yaml package
 * parses the text) at the first thing outside its subset or the first thing it is not sure of.
 *
 * The subset: one document (an optional `---` line first), block mappings and sequences
 * (`- key: value` compact mappings and `- - a` included), single-line plain, single-quoted and
 * double-quoted scalars (no escapes), flow sequences on one line (`[a, "b", !Ref c, [d]]`), empty
 * flow mappings (`{}`), comments, blank lines, LF or CRLF line ends, and local tags (`!Ref x`,
 * `!Sub '…'`, `!Select [0, …]`, `!If` on a block collection). Anything else bails out: flow
 * mappings with content, anchors and aliases, block scalars, multi-line scalars and flow
 * collections, tabs, a lone CR, a BOM, directives, a second document, `?` keys, merge keys, core
 * tags (`!!str`), escapes, odd indentation, more than 64 levels, and comments where the yaml
 * package folds them into a node's range (after an empty value, between a tag and its collection,
 * more indented than the line after them).
 *
 * `test/unit/yamlFast.test.ts` compares both paths on every YAML file of the repository, the
 * benchmark documents, edge cases and seeded random mutations of them.
 */
import type {
  ArrayNode,
  ObjectNode,
  ParsedDocument,
  PropertyNode,
  StringNode,
  SyntaxProblem,
  ValueNode,
} from '../model/ast';
import { reportDuplicateKeys } from './duplicateKeys';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BANG = 0x21;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Characters the fast path leaves to the yaml package wherever they are. */
const UNSUPPORTED_CHARACTERS =
  /\r(?!\n)|[\t\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\ufeff\ufffe\uffff]/;

/** A collection's items until they are all read. */
const EMPTY: never[] = [];

/** Slots of the string cache, less one (a power of two). */
const CACHE_MASK = 4095;

/** Deeper than this, the fast path leaves the document to the yaml package (and its limit). */
const MAX_DEPTH = 64;

/** Thrown inside the fast path to give up; never leaves this module. */
class Bail {
  constructor(readonly reason: string) {}
}

/** How often the fast path took a document, and how often it gave up (for tests and the bench). */
export const yamlFastStats = { taken: 0, bailed: 0, lastBail: '' };

/**
 * The document as `parseYaml` would give it, or undefined when the text is outside the fast
 * path's subset (then the caller parses it the full way). Never throws.
 */
export function parseYamlFast(text: string): ParsedDocument | undefined {
  try {
    const document = new FastParser(text).document();
    yamlFastStats.taken++;
    return document;
  } catch (error) {
    yamlFastStats.bailed++;
    yamlFastStats.lastBail = error instanceof Bail ? error.reason : String(error);
    return undefined;
  }
}

function bail(reason: string): never {
  throw new Bail(reason);
}

class FastParser {
  private readonly text: string;
  private readonly length: number;
  /** Start of the line being read (a line start, or the text's length at the end). */
  private line = 0;
  /** Indentation of the line being read (-1 at the end of the text). */
  private indent = -1;
  private depth = 0;
  /**
   * Where the value parsed last ends with what trails it, as the yaml package's `range[2]`: after
   * the trailing spaces, comment and line break (a collection: its last item's).
   */
  private end = 0;
  /**
   * Whether the value parsed last is empty: the document then ends there (the blank lines after
   * it are not the document's), not at the end of the text.
   */
  private endsEmpty = false;
  /** The offset after the closing quote of the quoted scalar read last. */
  private quotedEnd = 0;
  /** Whether the last `skipToContent` went past a comment line. */
  private skippedComment = false;
  /** Whether some mapping has a key twice (then the duplicate-key problems are collected). */
  private duplicates = false;
  private readonly cache: (string | undefined)[] = new Array<string | undefined>(CACHE_MASK + 1);
  /** Per depth, the items of the collection being read there. */
  private readonly buffers: (PropertyNode | ValueNode)[][] = [];

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  document(): ParsedDocument {
    const text = this.text;
    // Characters whose handling the subset leaves to the yaml package, anywhere in the text.
    if (UNSUPPORTED_CHARACTERS.test(text)) bail('characters');
    this.line = 0;
    this.skipToContent(true, false);
    let docStart = this.line;
    if (this.startsWith(this.line, '---') && this.isEndOfToken(this.line + 3)) {
      docStart = this.line;
      const after = this.skipSpaces(this.line + 3);
      const code = this.code(after);
      if (after < this.length && code !== LF && code !== CR && code !== HASH) {
        bail('content after ---');
      }
      if (code === HASH && after === this.line + 3) bail('comment glued to ---');
      this.line = this.nextLine(after);
      this.skipToContent(false, false);
    }
    if (this.indent < 0) bail('empty document');
    const first = this.code(this.line + this.indent);
    const root =
      first === DASH && this.isEndOfToken(this.line + this.indent + 1)
        ? this.sequence(this.indent, undefined)
        : this.mapping(this.line + this.indent, this.indent, undefined);
    if (this.indent >= 0) bail('content after the root');
    const problems: SyntaxProblem[] = [];
    if (this.duplicates) reportDuplicateKeys(root, problems);
    return {
      format: 'yaml',
      text,
      roots: [root],
      problems,
      documentRanges: [
        { offset: docStart, length: (this.endsEmpty ? this.end : this.length) - docStart },
      ],
    };
  }

  // --- lines -------------------------------------------------------------------------------

  private code(at: number): number {
    return this.text.charCodeAt(at);
  }

  private startsWith(at: number, word: string): boolean {
    return this.text.startsWith(word, at);
  }

  /** Whether `at` is a space, a line end or the end of the text. */
  private isEndOfToken(at: number): boolean {
    if (at >= this.length) return true;
    const code = this.code(at);
    return code === SPACE || code === LF || code === CR;
  }

  private skipSpaces(at: number): number {
    while (at < this.length && this.code(at) === SPACE) at++;
    return at;
  }

  /** The start of the line after the one holding `at` (the text's length at the end). */
  private nextLine(at: number): number {
    const newline = this.text.indexOf('\n', at);
    return newline === -1 ? this.length : newline + 1;
  }

  /**
   * From `this.line`, moves past blank and comment lines to the next line with content and sets
   * `this.indent` (-1 at the end). A comment line is allowed only where the yaml package leaves
   * it out of every node's range: not more indented than the content line after it, nor after an
   * empty value (`afterEmpty`). A `---` line is content only where `documentStart` allows it.
   */
  private skipToContent(documentStart: boolean, afterEmpty: boolean): void {
    let commentIndent = -1;
    this.skippedComment = false;
    for (;;) {
      const start = this.line;
      if (start >= this.length) {
        this.indent = -1;
        if (commentIndent > 0 || (afterEmpty && commentIndent >= 0)) {
          bail('comment at the end');
        }
        return;
      }
      const at = this.skipSpaces(start);
      const code = this.code(at);
      if (at >= this.length || code === LF || code === CR) {
        this.line = this.nextLine(at);
        continue;
      }
      if (code === HASH) {
        commentIndent = Math.max(commentIndent, at - start);
        this.skippedComment = true;
        this.line = this.nextLine(at);
        continue;
      }
      this.indent = at - start;
      if (commentIndent >= 0 && (afterEmpty || commentIndent > this.indent)) {
        bail('comment folded into a range');
      }
      if (
        at === start &&
        (this.startsWith(at, '---') || this.startsWith(at, '...')) &&
        this.isEndOfToken(at + 3)
      ) {
        // Only the document start may be read here; elsewhere a marker starts a new document.
        if (documentStart && this.startsWith(at, '---')) return;
        bail('document marker');
      }
      return;
    }
  }

  // --- collections -------------------------------------------------------------------------

  /**
   * A block mapping whose first key starts at `keyStart` (in the current line), at column
   * `indent`; reads keys while the next content line is at that column.
   */
  private mapping(
    keyStart: number,
    indent: number,
    parent: PropertyNode | ArrayNode | undefined,
  ): ObjectNode {
    if (++this.depth > MAX_DEPTH) bail('too deep');
    const map: ObjectNode = {
      offset: keyStart,
      length: 0,
      parent,
      type: 'object',
      properties: EMPTY,
    };
    // The properties gather in this depth's buffer and are copied once into an array of their
    // size (a growing array would keep room for 17).
    const buffer = (this.buffers[this.depth] ??= []) as PropertyNode[];
    let count = 0;
    let at = keyStart;
    for (;;) {
      const property = this.pair(at, indent, map);
      if (!this.duplicates) {
        const key = property.keyNode.value;
        for (let i = 0; i < count; i++) {
          if ((buffer[i] as PropertyNode).keyNode.value === key) this.duplicates = true;
        }
      }
      buffer[count++] = property;
      if (this.indent !== indent) {
        if (this.indent > indent) bail('indentation');
        break;
      }
      at = this.line + indent;
      // A sequence item at a mapping's column after a complete pair is an error.
      if (this.code(at) === DASH && this.isEndOfToken(at + 1)) bail('sequence item in a mapping');
    }
    map.properties = buffer.slice(0, count);
    map.length = this.end - keyStart;
    this.depth--;
    return map;
  }

  /** One `key: value` pair starting at `at`; leaves `this.line`/`this.indent` at what follows. */
  private pair(at: number, indent: number, map: ObjectNode): PropertyNode {
    const property: PropertyNode = {
      type: 'property',
      offset: at,
      length: 0,
      parent: map,
      keyNode: undefined as unknown as StringNode,
      valueNode: undefined,
    };
    const key = this.key(at, property);
    property.keyNode = key;
    // After the colon: spaces, then a value on this line, a comment, or the line end.
    const colon = key.offset + key.length + this.spacesBeforeColon;
    const value = this.value(this.skipSpaces(colon + 1), indent, property, true);
    property.valueNode = value;
    property.length = value.offset + value.length - at;
    return property;
  }

  /** Spaces between the last key and its colon (set by `key`). */
  private spacesBeforeColon = 0;

  /** A key at `at` (plain or quoted, one line), followed by `:` and a space or the line end. */
  private key(at: number, parent: PropertyNode): StringNode {
    const text = this.text;
    const code = this.code(at);
    let end: number;
    let value: string;
    if (code === QUOTE || code === APOSTROPHE) {
      value = this.quoted(at);
      end = this.quotedEnd;
    } else {
      if (!plainStart(code, this.code(at + 1))) bail('key start');
      if (code === 0x3f /* ? */) bail('explicit key');
      end = at;
      let contentEnd = at;
      for (;;) {
        if (end >= this.length) bail('key without colon');
        const c = text.charCodeAt(end);
        if (c === LF || c === CR) bail('key without colon');
        if (c === COLON && this.isEndOfToken(end + 1)) break;
        if (c === HASH && text.charCodeAt(end - 1) === SPACE) bail('comment in key');
        end++;
        if (c !== SPACE) contentEnd = end;
      }
      this.spacesBeforeColon = end - contentEnd;
      end = contentEnd;
      const source = this.slice(at, end);
      if (source === '<<') bail('merge key');
      value = keyString(source);
      return { offset: at, length: end - at, parent, type: 'string', value };
    }
    const colon = this.skipSpaces(end);
    if (this.code(colon) !== COLON || !this.isEndOfToken(colon + 1))
      bail('quoted key without colon');
    this.spacesBeforeColon = colon - end;
    if (value === '<<') bail('merge key');
    return { offset: at, length: end - at, parent, type: 'string', value };
  }

  /**
   * The value starting at `at` on the current line (or on the lines after, when the line ends
   * there; `at` is after the indicator and its spaces, where the yaml package puts an empty
   * value). `indent` is the column of the collection holding the value.
   */
  private value(
    at: number,
    indent: number,
    parent: PropertyNode | ArrayNode,
    inMapping: boolean,
  ): ValueNode {
    const emptyAt = at;
    let code = this.code(at);
    let tag: string | undefined;
    let tagStart = at;
    if (at < this.length && code === BANG) {
      let tagEnd = at + 1;
      for (;;) {
        const c = this.code(tagEnd);
        if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
          break;
        }
        tagEnd++;
      }
      if (tagEnd === at + 1 || !this.isEndOfToken(tagEnd)) bail('tag');
      tag = this.slice(at, tagEnd);
      tagStart = at;
      at = this.skipSpaces(tagEnd);
      code = this.code(at);
    }
    if (at >= this.length || code === LF || code === CR || code === HASH) {
      if (code === HASH && this.code(at - 1) !== SPACE) bail('comment glued');
      // The value is on the lines after (a block collection), or empty.
      this.line = this.nextLine(at);
      const hadComment = code === HASH;
      this.skipToContent(false, false);
      const next = this.indent;
      const column = this.line + next;
      const isDash = next >= 0 && this.code(column) === DASH && this.isEndOfToken(column + 1);
      if (next > indent || (inMapping && next === indent && isDash)) {
        // The yaml package puts a tag on a collection across spaces and line breaks only.
        if ((hadComment || this.skippedComment) && tag) bail('comment after tag');
        const collection = isDash
          ? this.sequence(next, parent)
          : this.mapping(column, next, parent);
        if (tag) {
          collection.tag = tag;
          collection.length = collection.offset + collection.length - tagStart;
          collection.offset = tagStart;
        }
        return collection;
      }
      if (tag) bail('tag on an empty value');
      if (hadComment) bail('comment after an empty value');
      // Re-check the comments between here and the next content as after an empty value.
      this.line = this.nextLine(emptyAt);
      this.skipToContent(false, true);
      this.end = emptyAt;
      this.endsEmpty = true;
      return { offset: emptyAt, length: 0, parent, type: 'null' };
    }
    if (code === DASH && this.isEndOfToken(at + 1)) bail('sequence on the key line');
    let node: ValueNode;
    let end: number;
    if (code === QUOTE || code === APOSTROPHE) {
      const value = this.quoted(at);
      end = this.quotedEnd;
      node = { offset: at, length: end - at, parent, type: 'string', value };
    } else if (code === OPEN_BRACKET) {
      node = this.flowSequence(at, parent);
      end = node.offset + node.length;
    } else if (code === OPEN_BRACE) {
      node = this.emptyFlowMapping(at, parent);
      end = node.offset + node.length;
    } else {
      if (!plainStart(code, this.code(at + 1))) bail('value start');
      end = this.plainEnd(at);
      const source = this.slice(at, end);
      node = tag
        ? { offset: at, length: end - at, parent, type: 'string', value: source }
        : typedScalar(source, at, parent);
    }
    if (tag) {
      node.tag = tag;
      node.length = node.offset + node.length - tagStart;
      node.offset = tagStart;
    }
    // The rest of the line: spaces, a comment, the line end.
    const rest = this.skipSpaces(end);
    const restCode = this.code(rest);
    if (rest < this.length && restCode !== LF && restCode !== CR) {
      if (restCode !== HASH || rest === end) bail('after a scalar');
    }
    this.line = this.nextLine(rest);
    const lineEnd = this.line;
    this.skipToContent(false, false);
    if (this.indent > indent) bail('multi-line scalar');
    this.end = lineEnd;
    this.endsEmpty = false;
    return node;
  }

  /**
   * The text from `at` to `end`, as the string read last at the same place of a small cache when
   * that string is the same text: thousands of configurations repeat their keys and most values,
   * and one string for each saves the memory and the collector's time. Comparing text in place
   * costs less than hashing a new string.
   */
  private slice(at: number, end: number): string {
    const text = this.text;
    const length = end - at;
    const slot = (length * 31 + text.charCodeAt(at) * 7 + text.charCodeAt(end - 1)) & CACHE_MASK;
    const known = this.cache[slot];
    if (known !== undefined && known.length === length && text.startsWith(known, at)) return known;
    const fresh = text.slice(at, end);
    this.cache[slot] = fresh;
    return fresh;
  }

  /**
   * A block sequence whose first `-` is on the current line at column `indent`; reads items while
   * the next content line starts with `-` at that column.
   */
  private sequence(indent: number, parent: PropertyNode | ArrayNode | undefined): ArrayNode {
    if (++this.depth > MAX_DEPTH) bail('too deep');
    const start = this.line + indent;
    const seq: ArrayNode = { offset: start, length: 0, parent, type: 'array', items: EMPTY };
    const buffer = (this.buffers[this.depth] ??= []) as ValueNode[];
    let count = 0;
    for (;;) {
      const dash = this.line + indent;
      const afterDash = dash + 1;
      const at = this.skipSpaces(afterDash);
      const code = this.code(at);
      let item: ValueNode;
      if (
        at < this.length &&
        code !== LF &&
        code !== CR &&
        code !== HASH &&
        code !== QUOTE &&
        code !== APOSTROPHE &&
        code !== BANG &&
        this.isCompactKey(at)
      ) {
        item = this.mapping(at, at - this.line, seq);
      } else {
        item =
          code === DASH && this.isEndOfToken(at + 1)
            ? this.sequence(at - this.line, seq) // `- - a`: a list in a list
            : this.value(at, indent, seq, false);
      }
      buffer[count++] = item;
      if (this.indent !== indent) {
        if (this.indent > indent) bail('indentation');
        break;
      }
      const next = this.line + indent;
      if (this.code(next) !== DASH || !this.isEndOfToken(next + 1)) break;
    }
    seq.items = buffer.slice(0, count);
    seq.length = this.end - start;
    this.depth--;
    return seq;
  }

  /**
   * A flow sequence on one line from the `[` at `at`: scalars, tagged scalars and flow sequences,
   * separated by commas (one after the last is allowed).
   */
  private flowSequence(at: number, parent: PropertyNode | ArrayNode): ArrayNode {
    if (++this.depth > MAX_DEPTH) bail('too deep');
    const items: ValueNode[] = [];
    const seq: ArrayNode = { offset: at, length: 0, parent, type: 'array', items };
    let i = this.skipSpaces(at + 1);
    if (this.code(i) !== CLOSE_BRACKET) {
      for (;;) {
        items.push(this.flowItem(i, seq));
        i = this.skipSpaces(this.flowEnd);
        let code = this.code(i);
        if (code === COMMA) {
          i = this.skipSpaces(i + 1);
          code = this.code(i);
          if (code === CLOSE_BRACKET) break;
          continue;
        }
        if (code === CLOSE_BRACKET) break;
        bail('flow sequence');
      }
    }
    seq.length = i + 1 - at;
    this.depth--;
    return seq;
  }

  /** `{}` at `at` (spaces inside allowed); a flow mapping with content is left to the yaml package. */
  private emptyFlowMapping(at: number, parent: PropertyNode | ArrayNode): ObjectNode {
    const close = this.skipSpaces(at + 1);
    if (this.code(close) !== CLOSE_BRACE) bail('flow mapping');
    return { offset: at, length: close + 1 - at, parent, type: 'object', properties: [] };
  }

  /** Where the flow item read last ends. */
  private flowEnd = 0;

  /** One item of a flow sequence at `at`. */
  private flowItem(at: number, parent: ArrayNode): ValueNode {
    let code = this.code(at);
    let tag: string | undefined;
    const tagStart = at;
    if (code === BANG) {
      let tagEnd = at + 1;
      for (;;) {
        const c = this.code(tagEnd);
        if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
          break;
        }
        tagEnd++;
      }
      if (tagEnd === at + 1 || this.code(tagEnd) !== SPACE) bail('tag');
      tag = this.slice(at, tagEnd);
      at = this.skipSpaces(tagEnd);
      code = this.code(at);
    }
    let node: ValueNode;
    if (code === OPEN_BRACKET) {
      node = this.flowSequence(at, parent);
      this.flowEnd = node.offset + node.length;
    } else if (code === OPEN_BRACE) {
      node = this.emptyFlowMapping(at, parent);
      this.flowEnd = node.offset + node.length;
    } else if (code === QUOTE || code === APOSTROPHE) {
      const value = this.quoted(at);
      this.flowEnd = this.quotedEnd;
      node = { offset: at, length: this.quotedEnd - at, parent, type: 'string', value };
    } else {
      if (!plainStart(code, this.code(at + 1))) bail('flow item start');
      const text = this.text;
      let end = at;
      let contentEnd = at;
      for (; end < this.length; end++) {
        const c = text.charCodeAt(end);
        if (c === COMMA || c === CLOSE_BRACKET || c === LF || c === CR) break;
        if (
          c === COLON ||
          c === OPEN_BRACKET ||
          c === 0x7b /* { */ ||
          c === 0x7d /* } */ ||
          (c === HASH && text.charCodeAt(end - 1) === SPACE)
        ) {
          bail('flow scalar');
        }
        if (c !== SPACE) contentEnd = end + 1;
      }
      const source = this.slice(at, contentEnd);
      this.flowEnd = contentEnd;
      node = tag
        ? { offset: at, length: contentEnd - at, parent, type: 'string', value: source }
        : typedScalar(source, at, parent);
    }
    if (tag) {
      node.tag = tag;
      node.length = node.offset + node.length - tagStart;
      node.offset = tagStart;
    }
    return node;
  }

  /** Whether the line from `at` is `key: …` (a compact mapping in a sequence item). */
  private isCompactKey(at: number): boolean {
    const text = this.text;
    for (let i = at; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) return false;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return false;
      if (c === COLON && this.isEndOfToken(i + 1)) return true;
    }
    return false;
  }

  // --- scalars -----------------------------------------------------------------------------

  /** A quoted scalar at `at` on one line, without escapes: its value and the offset after it. */
  private quoted(at: number): string {
    const text = this.text;
    const quote = text.charCodeAt(at);
    let i = at + 1;
    let value = '';
    let from = i;
    for (;;) {
      if (i >= this.length) bail('unclosed quote');
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) bail('multi-line quoted');
      if (quote === QUOTE && c === BACKSLASH) bail('escape');
      if (c === quote) {
        if (quote === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE) {
          value += text.slice(from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        value += text.slice(from, i);
        this.quotedEnd = i + 1;
        return value;
      }
      i++;
    }
  }

  /** The end of a one-line plain scalar at `at` (before trailing spaces and a comment). */
  private plainEnd(at: number): number {
    const text = this.text;
    let contentEnd = at;
    for (let i = at; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) break;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) break;
      if (c === COLON && this.isEndOfToken(i + 1)) bail('colon in a plain scalar');
      if (c !== SPACE) contentEnd = i + 1;
    }
    return contentEnd;
  }
}

/** Whether a plain scalar may start with `code` (followed by `next`), in block context. */
function plainStart(code: number, next: number): boolean {
  switch (code) {
    case DASH:
    case 0x3f: // ?
    case COLON:
      return !(next === SPACE || next === LF || next === CR || Number.isNaN(next));
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case HASH:
    case 0x26: // &
    case 0x2a: // *
    case BANG:
    case 0x7c: // |
    case 0x3e: // >
    case APOSTROPHE:
    case QUOTE:
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case SPACE:
    case LF:
    case CR:
      return false;
    default:
      return !Number.isNaN(code);
  }
}

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

type Scalar = null | boolean | number | string;

/** A plain scalar's value by the YAML 1.2 core schema, as the yaml package resolves it. */
function resolvePlain(source: string): Scalar {
  const first = source.charCodeAt(0);
  // Most scalars are words: only these first characters can start a null, boolean or number.
  const maybeTyped =
    (first >= 0x30 && first <= 0x39) ||
    first === DASH ||
    first === 0x2b /* + */ ||
    first === DOT ||
    first === 0x7e /* ~ */ ||
    first === 0x6e /* n */ ||
    first === 0x4e /* N */ ||
    first === 0x74 /* t */ ||
    first === 0x54 /* T */ ||
    first === 0x66 /* f */ ||
    first === 0x46; /* F */
  if (!maybeTyped) return source;
  // Decimal digits only (counts, percentages, seconds): an int, without the regular expressions.
  let digits = source.length > 0 && source.length < 16;
  for (let i = 0; digits && i < source.length; i++) {
    const c = source.charCodeAt(i);
    digits = c >= 0x30 && c <= 0x39;
  }
  if (digits) return parseInt(source, 10);
  if (NULL_RE.test(source)) return null;
  if (BOOL_RE.test(source)) {
    const c = source.charCodeAt(0);
    return c === 0x74 || c === 0x54;
  }
  if (OCT_RE.test(source)) return parseInt(source.substring(2), 8);
  if (INT_RE.test(source)) return parseInt(source, 10);
  if (HEX_RE.test(source)) return parseInt(source.substring(2), 16);
  if (NAN_RE.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : source.charCodeAt(0) === DASH
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  }
  if (EXP_RE.test(source) || FLOAT_RE.test(source)) return parseFloat(source);
  return source;
}

/** A key's text as `parseYaml` gives it: the resolved value, as a string. */
function keyString(source: string): string {
  const value = resolvePlain(source);
  return value === null ? '' : String(value);
}

/** The node of an untagged plain scalar. */
function typedScalar(source: string, offset: number, parent: PropertyNode | ArrayNode): ValueNode {
  const length = source.length;
  const value = resolvePlain(source);
  if (typeof value === 'string') return { offset, length, parent, type: 'string', value };
  if (value === null) return { offset, length, parent, type: 'null' };
  if (typeof value === 'boolean') return { offset, length, parent, type: 'boolean', value };
  const isHexOrOctal = /^[-+]?0[xo]/i.test(source);
  const isInteger = Number.isInteger(value) && (isHexOrOctal || !/[.eEn]/.test(source));
  return { offset, length, parent, type: 'number', value, isInteger };
}
