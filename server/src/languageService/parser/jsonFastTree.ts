/**
 * The node tree of a JSON/JSONC text that has no syntax error, in one tight pass; undefined at the
 * first thing that is not plainly sound, and jsonParser.ts then parses with jsonc-parser, which
 * reports and recovers from errors. So jsonc-parser stays the parser of record for everything
 * broken (and the reference: test/unit/jsonParser.test.ts compares both on random edits), and
 * this only reads what it reads without an error, giving exactly its nodes.
 *
 * Why not jsonc-parser alone (the bench's 5000-configuration request, 3.8 MB, on the 2-core VM):
 * its `visit` with no callbacks at all takes 75–150 ms (the scanner's per-token state, a closure
 * call per event), before any node is built, and two more passes found the nesting limit
 * (25–40 ms) and duplicate keys (20 ms). The whole parse went from 450–540 ms to
 * 325–410 ms in a fresh process (most of what is left is the garbage collector moving the new
 * tree), and from 190–360 ms to 105–170 ms warm. (JSON.parse, which keeps no offsets: 15–35 ms.)
 *
 * What it accepts is a subset of what jsonc-parser reads without error: whitespace is space, tab,
 * LF and CR; strings have only the scanner's escapes and no control characters; numbers are the
 * scanner's (`-`, digits without a leading zero, fraction, exponent); `true`, `false`, `null`;
 * comments and trailing commas in JSONC only; one value (or none); nesting within the limit.
 */
import type { ArrayNode, ObjectNode, PropertyNode, StringNode, ValueNode } from '../model/ast';
import { MAX_NESTING_DEPTH } from './nesting';

export interface SoundJsonTree {
  root: ValueNode | undefined;
  /** Some object has a key twice (duplicateKeys.ts reports them). */
  duplicateKeys: boolean;
}

/** Up to this many keys, an object's keys are compared pairwise (as in duplicateKeys.ts). */
const SMALL_OBJECT = 8;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const STAR = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Thrown (and caught below) where the text is not plainly sound: jsonc-parser takes over. */
const NOT_SOUND = new Error('not sound');

/** The tree of `text` when it has no syntax error (see above), else undefined. Never throws. */
export function soundJsonTree(text: string, allowComments: boolean): SoundJsonTree | undefined {
  try {
    return new FastTree(text, allowComments).document();
  } catch {
    // NOT_SOUND, or anything else (out of memory, say): the library path decides.
    return undefined;
  }
}

/** One pass over one text. A class, so that its state lives in fields, not in closures per node. */
class FastTree {
  private pos = 0;
  /**
   * The properties or items of the open objects and arrays, innermost last: each node gets an
   * array of its exact size (a pushed-to array keeps room for 17), a third of the tree's memory.
   */
  private readonly open: (PropertyNode | ValueNode)[] = [];
  private depth = 0;
  duplicateKeys = false;
  private readonly length: number;

  constructor(
    private readonly text: string,
    private readonly allowComments: boolean,
  ) {
    this.length = text.length;
  }

  document(): SoundJsonTree {
    this.skipTrivia();
    let root: ValueNode | undefined;
    if (this.pos < this.length) {
      root = this.value(undefined);
      this.skipTrivia();
      // A second top-level value is an error.
      if (this.pos < this.length) throw NOT_SOUND;
    }
    return { root, duplicateKeys: this.duplicateKeys };
  }

  /** Key names seen, each kept once: a request repeats a few dozen names thousands of times. */
  private readonly names = new Map<string, string>();

  private key(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }

  /** Skips whitespace and, in JSONC, comments. */
  private skipTrivia(): void {
    const text = this.text;
    const length = this.length;
    let pos = this.pos;
    while (pos < length) {
      const code = text.charCodeAt(pos);
      if (code === SPACE || code === LF || code === CR || code === TAB) {
        pos++;
      } else if (code === SLASH && this.allowComments) {
        const next = text.charCodeAt(pos + 1);
        if (next === SLASH) {
          pos += 2;
          while (pos < length) {
            const inner = text.charCodeAt(pos);
            if (inner === LF || inner === CR) break;
            pos++;
          }
        } else if (next === STAR) {
          const end = text.indexOf('*/', pos + 2);
          // Unterminated: an error.
          if (end === -1) throw NOT_SOUND;
          pos = end + 2;
        } else {
          throw NOT_SOUND;
        }
      } else {
        break;
      }
    }
    this.pos = pos;
  }

  private value(parent: ArrayNode | PropertyNode | undefined): ValueNode {
    const text = this.text;
    const offset = this.pos;
    const code = text.charCodeAt(offset);
    if (code === QUOTE) {
      const value = this.string();
      return { offset, length: this.pos - offset, parent, type: 'string', value };
    }
    if (code === OPEN_BRACE) return this.object(parent);
    if (code === OPEN_BRACKET) return this.array(parent);
    if (code === MINUS || (code >= ZERO && code <= NINE)) return this.number(parent);
    if (code === LOWER_T && text.startsWith('true', offset)) {
      this.pos = this.endOfWord(offset + 4);
      return { offset, length: 4, parent, type: 'boolean', value: true };
    }
    if (code === LOWER_F && text.startsWith('false', offset)) {
      this.pos = this.endOfWord(offset + 5);
      return { offset, length: 5, parent, type: 'boolean', value: false };
    }
    if (code === LOWER_N && text.startsWith('null', offset)) {
      this.pos = this.endOfWord(offset + 4);
      return { offset, length: 4, parent, type: 'null' };
    }
    throw NOT_SOUND;
  }

  /**
   * After `true`, `false`, `null` or a number: what follows must end the token (the scanner
   * reads `truex` or `1x` as another token, an error).
   */
  private endOfWord(end: number): number {
    if (end < this.length) {
      const code = this.text.charCodeAt(end);
      if (
        code !== SPACE &&
        code !== LF &&
        code !== CR &&
        code !== TAB &&
        code !== COMMA &&
        code !== CLOSE_BRACE &&
        code !== CLOSE_BRACKET &&
        code !== SLASH
      ) {
        throw NOT_SOUND;
      }
    }
    return end;
  }

  /** A string at `pos` (its opening quote): its value, with `pos` after the closing quote. */
  private string(): string {
    const text = this.text;
    const length = this.length;
    const start = this.pos + 1;
    let pos = start;
    while (pos < length) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (code === BACKSLASH) return this.escapedString(start);
      // Control characters (line breaks end the string) are errors.
      if (code < SPACE) throw NOT_SOUND;
      pos++;
    }
    throw NOT_SOUND;
  }

  /** The rest of a string with escapes, decoded as jsonc-parser's scanner does. */
  private escapedString(start: number): string {
    const text = this.text;
    const length = this.length;
    let result = '';
    let chunk = start;
    let pos = start;
    while (pos < length) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.pos = pos + 1;
        return result + text.slice(chunk, pos);
      }
      if (code < SPACE) throw NOT_SOUND;
      if (code !== BACKSLASH) {
        pos++;
        continue;
      }
      result += text.slice(chunk, pos);
      const escape = text.charAt(pos + 1);
      pos += 2;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          result += escape;
          break;
        case 'b':
          result += '\b';
          break;
        case 'f':
          result += '\f';
          break;
        case 'n':
          result += '\n';
          break;
        case 'r':
          result += '\r';
          break;
        case 't':
          result += '\t';
          break;
        case 'u': {
          const hex = text.slice(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_SOUND;
          result += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          throw NOT_SOUND;
      }
      chunk = pos;
    }
    throw NOT_SOUND;
  }

  private number(parent: ArrayNode | PropertyNode | undefined): ValueNode {
    const text = this.text;
    const length = this.length;
    const offset = this.pos;
    let pos = offset;
    if (text.charCodeAt(pos) === MINUS) pos++;
    let code = text.charCodeAt(pos);
    if (code === ZERO) {
      pos++;
    } else if (code > ZERO && code <= NINE) {
      pos++;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
    } else {
      throw NOT_SOUND;
    }
    let isInteger = true;
    if (text.charCodeAt(pos) === DOT) {
      isInteger = false;
      pos++;
      if (!isDigit(text.charCodeAt(pos))) throw NOT_SOUND;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
    }
    code = text.charCodeAt(pos);
    if (code === LOWER_E || code === UPPER_E) {
      isInteger = false;
      pos++;
      code = text.charCodeAt(pos);
      if (code === PLUS || code === MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) throw NOT_SOUND;
      while (pos < length && isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = this.endOfWord(pos);
    const value = Number(text.slice(offset, pos));
    return { offset, length: pos - offset, parent, type: 'number', value, isInteger };
  }

  private object(parent: ArrayNode | PropertyNode | undefined): ObjectNode {
    if (++this.depth > MAX_NESTING_DEPTH) throw NOT_SOUND;
    const text = this.text;
    const offset = this.pos;
    const open = this.open;
    const first = open.length;
    const node: ObjectNode = { offset, length: 0, parent, type: 'object', properties: NO_NODES };
    this.pos++;
    this.skipTrivia();
    if (text.charCodeAt(this.pos) !== CLOSE_BRACE) {
      for (;;) {
        const keyOffset = this.pos;
        if (text.charCodeAt(keyOffset) !== QUOTE) throw NOT_SOUND;
        const name = this.key(this.string());
        const keyNode: StringNode = {
          offset: keyOffset,
          length: this.pos - keyOffset,
          parent: undefined,
          type: 'string',
          value: name,
        };
        this.skipTrivia();
        const colonOffset = this.pos;
        if (text.charCodeAt(colonOffset) !== COLON) throw NOT_SOUND;
        this.pos++;
        this.skipTrivia();
        if (this.pos >= this.length) throw NOT_SOUND;
        const property: PropertyNode = {
          offset: keyOffset,
          length: 0,
          parent: node,
          type: 'property',
          keyNode,
          valueNode: undefined,
          colonOffset,
        };
        keyNode.parent = property;
        const value = this.value(property);
        property.valueNode = value;
        property.length = value.offset + value.length - keyOffset;
        open.push(property);
        this.skipTrivia();
        const code = text.charCodeAt(this.pos);
        if (code === CLOSE_BRACE) break;
        if (code !== COMMA) throw NOT_SOUND;
        this.pos++;
        this.skipTrivia();
        if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
          if (!this.allowComments) throw NOT_SOUND; // a trailing comma
          break;
        }
      }
    }
    this.pos++;
    node.length = this.pos - offset;
    this.depth--;
    const properties = open.slice(first) as PropertyNode[];
    open.length = first;
    node.properties = properties;
    if (!this.duplicateKeys && hasDuplicateKey(properties)) this.duplicateKeys = true;
    return node;
  }

  private array(parent: ArrayNode | PropertyNode | undefined): ArrayNode {
    if (++this.depth > MAX_NESTING_DEPTH) throw NOT_SOUND;
    const text = this.text;
    const offset = this.pos;
    const open = this.open;
    const first = open.length;
    const node: ArrayNode = { offset, length: 0, parent, type: 'array', items: NO_NODES };
    this.pos++;
    this.skipTrivia();
    if (text.charCodeAt(this.pos) !== CLOSE_BRACKET) {
      for (;;) {
        if (this.pos >= this.length) throw NOT_SOUND;
        open.push(this.value(node));
        this.skipTrivia();
        const code = text.charCodeAt(this.pos);
        if (code === CLOSE_BRACKET) break;
        if (code !== COMMA) throw NOT_SOUND;
        this.pos++;
        this.skipTrivia();
        if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
          if (!this.allowComments) throw NOT_SOUND; // a trailing comma
          break;
        }
      }
    }
    this.pos++;
    node.length = this.pos - offset;
    this.depth--;
    node.items = open.slice(first) as ValueNode[];
    open.length = first;
    return node;
  }
}

/** What an object or array holds until it is complete (never seen outside this file). */
const NO_NODES: never[] = [];

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function hasDuplicateKey(properties: readonly PropertyNode[]): boolean {
  const count = properties.length;
  if (count < 2) return false;
  if (count > SMALL_OBJECT) {
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const key = (properties[i] as PropertyNode).keyNode.value;
      if (seen.has(key)) return true;
      seen.add(key);
    }
    return false;
  }
  for (let i = 1; i < count; i++) {
    const key = (properties[i] as PropertyNode).keyNode.value;
    for (let j = 0; j < i; j++) {
      if ((properties[j] as PropertyNode).keyNode.value === key) return true;
    }
  }
  return false;
}
