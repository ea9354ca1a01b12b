/**
 * The nesting-depth limit. jsonc-parser and the yaml package recurse once (or more) per nesting
 * level, and so do our own walkers: a file of 10 000 `[` would exhaust the stack, and a stack
 * overflow at the wrong moment (V8 compiling a regular expression) aborts the whole process. The
 * yaml parser also slows down quadratically with depth. So documents nested deeper than the limit
 * are not parsed at all; the problem is reported once, where the limit is crossed.
 *
 * No valid request comes close: the API shapes nest 7 levels, a CloudFormation template a few
 * more, and the AWS CLI's own Python parsers give up at about 1000 levels (the recursion limit).
 */
import { Composer, Lexer, Parser, type Document } from 'yaml';
import type { CST } from 'yaml';

export const MAX_NESTING_DEPTH = 256;

export function nestingMessage(): string {
  return `This file nests objects and lists more than ${MAX_NESTING_DEPTH} levels deep here; it is not checked. A request nests 7 levels (the AWS CLI itself gives up at about 1000), so this is not a request file, or it is broken.`;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The offset of the first `{` or `[` of JSON/JSONC text that opens more than `max` levels, or
 * undefined. One iterative pass that skips strings and comments the way jsonc-parser's scanner
 * does. A closer only closes a matching opener (as in jsonc-parser), so the count is never below
 * the depth the parser reaches.
 */
export function jsonNestingOverflow(text: string, max = MAX_NESTING_DEPTH): number | undefined {
  const open: number[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // A string ends at an unescaped quote or, unterminated, at a line break.
      for (i++; i < length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i++;
        else if (inner === QUOTE || inner === LF || inner === CR) break;
      }
    } else if (code === SLASH && text.charCodeAt(i + 1) === SLASH) {
      while (i < length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
    } else if (code === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? length : end + 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      open.push(code);
      if (open.length > max) return i;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (open[open.length - 1] === (code === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) open.pop();
    }
  }
  return undefined;
}

export interface YamlStream {
  documents: Document.Parsed[];
  /** Set when the stream nests deeper than the limit: where, and nothing was composed. */
  tooDeepAt?: number;
}

/**
 * `parseAllDocuments` of the yaml package, with the nesting limit: the parser's stack (one entry
 * per open collection) is watched after every token, and parsing stops as soon as it is too deep,
 * before the (recursive) composer runs.
 */
export function parseYamlStream(
  text: string,
  options: ConstructorParameters<typeof Composer>[0],
  max = MAX_NESTING_DEPTH,
): YamlStream {
  // The yaml package's Parser reads `process.env.LOG_TOKENS` (a debugging switch) for every
  // token, and each read of process.env is a call into the runtime: about a quarter of parsing
  // 5000 configurations. The parse is synchronous, so for its duration process.env is a plain
  // object, and put back after (nothing else runs meanwhile).
  const env = process.env;
  process.env = QUIET_ENV;
  try {
    return parseYamlTokens(text, options, max);
  } finally {
    process.env = env;
  }
}

/** No LOG_TOKENS or LOG_STREAM: the yaml package's debugging output stays off. */
const QUIET_ENV: NodeJS.ProcessEnv = {};

function parseYamlTokens(
  text: string,
  options: ConstructorParameters<typeof Composer>[0],
  max: number,
): YamlStream {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  // The stack also holds the document and, at times, the pair being built: allow for both.
  const limit = max + 2;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > limit) {
      return { documents: [], tooDeepAt: Math.min(Math.max(0, parser.offset), text.length) };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  const composer = new Composer(options);
  const documents = Array.from(composer.compose(tokens)) as Document.Parsed[];
  return { documents };
}
