import type { ParsedDocument } from './ast';

/**
 * A document's text that can be read in pieces without building the whole string. Building the
 * whole text of a 4 MB document after each keystroke is a 4 MB allocation; on a machine where
 * fresh memory is slow (the benchmark's VM: about 60 ms for 4 MB) it alone would cost more than
 * the whole edit budget. The LSP server keeps its documents in chunks (lsp/chunkedDocument.ts) and
 * hands the language service this view.
 */
export interface TextSource {
  readonly length: number;
  /** Characters [start, end) of the text. */
  slice(start: number, end: number): string;
  /** The whole text; called only when something needs all of it. */
  text(): string;
  /** Whether the text has a "\r\n" (quick fixes follow the document's line ends). */
  hasCrlf?(): boolean;
  /**
   * The offsets of every occurrence of `needle` in the text, ascending (suppression comments are
   * found with it, validate/suppressions.ts). A chunked text keeps the answer per unchanged chunk.
   */
  indexesOf?(needle: string): number[];
}

/** A TextSource over a string (the text already built). */
export function stringSource(text: string): TextSource {
  return { length: text.length, slice: (start, end) => text.slice(start, end), text: () => text };
}

/** A text change: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * A ParsedDocument whose `text` is built only when first read. Features that only need a part of
 * the text read it with `textSlice`.
 */
export function lazyParsedDocument(
  fields: Omit<ParsedDocument, 'text' | 'source'>,
  source: TextSource,
): ParsedDocument {
  let text: string | undefined;
  return {
    ...fields,
    source,
    get text(): string {
      text ??= source.text();
      return text;
    },
  };
}

/** Characters [start, end) of a parsed document's text, without building all of it if it is lazy. */
export function textSlice(parsed: ParsedDocument, start: number, end: number): string {
  const source = parsed.source;
  return source ? source.slice(start, end) : parsed.text.slice(start, end);
}

/** The length of a parsed document's text, without building it. */
export function textLength(parsed: ParsedDocument): number {
  return parsed.source?.length ?? parsed.text.length;
}

/** Whether a parsed document's text has a "\r\n", without building it if it is lazy. */
export function documentHasCrlf(parsed: ParsedDocument): boolean {
  return parsed.source?.hasCrlf?.() ?? parsed.text.includes('\r\n');
}

/** The offsets of every occurrence of `needle` in a parsed document's text, ascending. */
export function textIndexesOf(parsed: ParsedDocument, needle: string): number[] {
  const found = parsed.source?.indexesOf?.(needle);
  if (found) return found;
  return indexesIn(parsed.text, needle);
}

/** The offsets of every occurrence of `needle` in `text`, ascending. */
export function indexesIn(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
    found.push(i);
  }
  return found;
}

/** Composes two successive changes into one covering both. */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  // The text after `first.newEnd` is the old text after `first.oldEnd`, moved.
  const end = Math.max(first.newEnd, second.oldEnd);
  return {
    start: Math.min(first.start, second.start),
    oldEnd: first.oldEnd + (end - first.newEnd),
    newEnd: end + (second.newEnd - second.oldEnd),
  };
}

/** Text for a string value in the document's format, quoted only where YAML needs it. */
export function renderString(value: string, format: 'json' | 'jsonc' | 'yaml'): string {
  if (format !== 'yaml') return JSON.stringify(value);
  return /^[A-Za-z_][\w./:@-]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}
