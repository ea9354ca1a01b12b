import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  composeChanges,
  indexesIn,
  type TextChange,
  type TextSource,
} from '../languageService/languageService';

/** Chunks are split when longer than this many characters. */
const MAX_CHUNK = 32 * 1024;
/** How many edits a document remembers, for incremental parsing of the versions in between. */
const HISTORY = 512;

/** Occurrences of one needle per chunk (suppression comments, validate/suppressions.ts). */
interface MarkCache {
  needle: string;
  marks: (number[] | undefined)[];
}

let lineSearchProbes = 0;

/**
 * How many line starts `positionAt` has read to find a line, in all documents (a work counter for
 * the linearity tests: converting offsets in order reads a few per position, whatever the size).
 */
export function lineSearchSteps(): number {
  return lineSearchProbes;
}

const LF = 10;
const CR = 13;
const isEol = (code: number): boolean => code === LF || code === CR;

/**
 * One version of the text, in chunks. Never changed once made: an edit makes a new snapshot that
 * shares the untouched chunks, so a reader of an older version still reads that version.
 */
class Snapshot implements TextSource {
  private whole: string | undefined;
  private crlf: boolean | undefined;

  constructor(
    private readonly chunks: readonly string[],
    /** Offset of each chunk's first character. */
    private readonly starts: readonly number[],
    readonly length: number,
    whole?: string,
    /** Per chunk: whether it holds a "\r\n" (found when first asked; kept for unchanged chunks). */
    private readonly chunkCrlf: (boolean | undefined)[] = [],
    /** Per chunk: the offsets (in the chunk) of `MarkCache.needle` (kept for unchanged chunks). */
    private readonly chunkMarks: MarkCache = { needle: '', marks: [] },
  ) {
    this.whole = whole;
  }

  static of(content: string): Snapshot {
    const chunks: string[] = [];
    const starts: number[] = [];
    for (let start = 0; start < content.length || chunks.length === 0; start += MAX_CHUNK) {
      chunks.push(content.slice(start, start + MAX_CHUNK));
      starts.push(start);
    }
    return new Snapshot(chunks, starts, content.length, content);
  }

  text(): string {
    this.whole ??= this.chunks.length === 1 ? (this.chunks[0] ?? '') : this.chunks.join('');
    return this.whole;
  }

  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.whole !== undefined) return this.whole.slice(start, end);
    if (start === end) return '';
    let index = this.chunkAt(start);
    const first = this.chunks[index] as string;
    const firstStart = this.starts[index] as number;
    if (end <= firstStart + first.length) return first.slice(start - firstStart, end - firstStart);
    const parts = [first.slice(start - firstStart)];
    for (index++; index < this.chunks.length; index++) {
      const chunk = this.chunks[index] as string;
      const chunkStart = this.starts[index] as number;
      if (end <= chunkStart + chunk.length) {
        parts.push(chunk.slice(0, end - chunkStart));
        break;
      }
      parts.push(chunk);
    }
    return parts.join('');
  }

  hasCrlf(): boolean {
    if (this.crlf === undefined) {
      if (this.whole !== undefined) {
        this.crlf = this.whole.includes('\r\n');
      } else {
        let found = false;
        for (let i = 0; i < this.chunks.length && !found; i++) {
          const chunk = this.chunks[i] as string;
          this.chunkCrlf[i] ??= chunk.includes('\r\n');
          // Or a pair split between two chunks.
          found =
            (this.chunkCrlf[i] as boolean) ||
            (chunk.endsWith('\r') && (this.chunks[i + 1] ?? '').startsWith('\n'));
        }
        this.crlf = found;
      }
    }
    return this.crlf;
  }

  indexesOf(needle: string): number[] {
    if (needle.length === 0) return [];
    if (this.whole !== undefined && this.chunks.length === 1) return indexesIn(this.whole, needle);
    if (this.chunkMarks.needle !== needle) {
      this.chunkMarks.needle = needle;
      this.chunkMarks.marks = [];
    }
    const marks = this.chunkMarks.marks;
    const found: number[] = [];
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i] as string;
      const start = this.starts[i] as number;
      const inChunk = (marks[i] ??= indexesIn(chunk, needle));
      for (const offset of inChunk) found.push(start + offset);
      // An occurrence split between this chunk and the next ones.
      if (i + 1 < this.chunks.length && needle.length > 1) {
        const from = Math.max(start, start + chunk.length - needle.length + 1);
        const across = this.slice(from, start + chunk.length + needle.length - 1);
        const at = across.indexOf(needle);
        if (at !== -1 && from + at < start + chunk.length) found.push(from + at);
      }
    }
    return found;
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    const index = this.chunkAt(offset);
    return (this.chunks[index] as string).charCodeAt(offset - (this.starts[index] as number));
  }

  /**
   * The one range change that turns this text into `next`: the common prefix and suffix, compared
   * in place block by block (linear, no strings copied; see commonPrefixLength). A full-text
   * change then takes the incremental path like a ranged one.
   */
  diff(next: string): TextChange {
    const chunks = this.whole !== undefined ? [this.whole] : this.chunks;
    const max = Math.min(this.length, next.length);
    let prefix = 0;
    for (const chunk of chunks) {
      const equal = commonPrefixLength(chunk, next, prefix, Math.min(chunk.length, max - prefix));
      prefix += equal;
      if (equal < chunk.length) break;
    }
    // The suffix may not overlap the prefix (in either text).
    const maxSuffix = max - prefix;
    let suffix = 0;
    for (let c = chunks.length - 1; c >= 0; c--) {
      const chunk = chunks[c] as string;
      const equal = commonSuffixLength(
        chunk,
        next,
        next.length - suffix,
        Math.min(chunk.length, maxSuffix - suffix),
      );
      suffix += equal;
      if (equal < chunk.length) break;
    }
    return { start: prefix, oldEnd: this.length - suffix, newEnd: next.length - suffix };
  }

  /** The snapshot with [start, end) replaced by `text`: one or two chunks are rebuilt. */
  replace(start: number, end: number, text: string): Snapshot {
    const first = this.chunkAt(start);
    const last = this.chunkAt(end);
    const head = (this.chunks[first] as string).slice(0, start - (this.starts[first] as number));
    const tail = (this.chunks[last] as string).slice(end - (this.starts[last] as number));
    const merged = head + text + tail;
    const pieces: string[] = [];
    if (merged.length <= MAX_CHUNK) {
      if (merged.length > 0) pieces.push(merged);
    } else {
      for (let offset = 0; offset < merged.length; offset += MAX_CHUNK / 2) {
        pieces.push(merged.slice(offset, offset + MAX_CHUNK / 2));
      }
    }
    const chunks = [...this.chunks.slice(0, first), ...pieces, ...this.chunks.slice(last + 1)];
    const chunkCrlf = [
      ...this.chunkCrlf.slice(0, first),
      ...pieces.map(() => undefined),
      ...this.chunkCrlf.slice(last + 1),
    ];
    const marks = this.chunkMarks.marks;
    const chunkMarks: MarkCache = {
      needle: this.chunkMarks.needle,
      marks: [...marks.slice(0, first), ...pieces.map(() => undefined), ...marks.slice(last + 1)],
    };
    if (chunks.length === 0) chunks.push('');
    const starts = this.starts.slice(0, first);
    let offset =
      first > 0
        ? (this.starts[first - 1] as number) + (this.chunks[first - 1] as string).length
        : 0;
    for (let i = first; i < chunks.length; i++) {
      starts.push(offset);
      offset += (chunks[i] as string).length;
    }
    return new Snapshot(chunks, starts, offset, undefined, chunkCrlf, chunkMarks);
  }

  /** Line start offsets, like vscode-languageserver-textdocument ("\r\n", "\r" and "\n" end lines). */
  lineOffsets(): number[] {
    const offsets = [0];
    let offset = 0;
    let pendingCr = false;
    for (const chunk of this.chunks) {
      if (!pendingCr && chunk.indexOf('\r') === -1) {
        // No CR: the line ends are where indexOf finds LF (native, and no cold loop per char:
        // this runs on the first diagnostics of a newly opened file).
        for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) {
          offsets.push(offset + i + 1);
        }
        offset += chunk.length;
        continue;
      }
      for (let i = 0; i < chunk.length; i++) {
        const code = chunk.charCodeAt(i);
        if (pendingCr) {
          pendingCr = false;
          if (code === LF) {
            offsets.push(offset + i + 1);
            continue;
          }
          offsets.push(offset + i);
        }
        if (code === CR) pendingCr = true;
        else if (code === LF) offsets.push(offset + i + 1);
      }
      offset += chunk.length;
    }
    if (pendingCr) offsets.push(offset);
    return offsets;
  }

  /** The chunk holding `offset` (the last chunk for the end of the text). */
  private chunkAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

interface VersionedChange extends TextChange {
  version: number;
}

/**
 * A text document that keeps its text in chunks of at most 32K characters, with the behaviour of
 * `TextDocument` from vscode-languageserver-textdocument (positions, line ends, UTF-16 offsets).
 *
 * Why: `TextDocument.update` rebuilds the whole text string on every keystroke. For a file of
 * thousands of configurations (4 MB) that is a 4 MB allocation per keystroke, and on the 2-core
 * benchmark VM fresh memory is slow (about 60 ms for 4 MB, see docs/performance.md). Here an edit
 * rebuilds one chunk; the whole string is built only when a feature asks for all of it, once per
 * version. The document also remembers its recent edits (`changeSince`), so that the language
 * service re-parses only the part that changed, reading it with `textSource().slice`.
 */
export class ChunkedTextDocument implements TextDocument {
  private snapshot: Snapshot;
  private lines: number[] | undefined;
  /** The line `positionAt` found last: where its next search starts (see lineAt). */
  private lineHint = 0;
  private history: VersionedChange[] = [];
  /** The oldest version `changeSince` can answer for. */
  private historyBase: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.snapshot = Snapshot.of(content);
    this.historyBase = version;
  }

  /** For `new TextDocuments(ChunkedTextDocument)`. */
  static create(
    uri: string,
    languageId: string,
    version: number,
    content: string,
  ): ChunkedTextDocument {
    return new ChunkedTextDocument(uri, languageId, version, content);
  }

  static update(
    document: ChunkedTextDocument,
    changes: TextDocumentContentChangeEvent[],
    version: number,
  ): ChunkedTextDocument {
    document.update(changes, version);
    return document;
  }

  get lineCount(): number {
    return this.lineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.snapshot.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.snapshot.text();
  }

  /** This version's text, read in pieces (and whole only on demand). Stays valid after edits. */
  textSource(): TextSource {
    return this.snapshot;
  }

  /**
   * The change from `version` to now as one range, or undefined when the edits in between are not
   * known (too long ago). A full-text change counts as the range it differs in.
   */
  changeSince(version: number): TextChange | undefined {
    if (version < this.historyBase || version > this.version) return undefined;
    let change: TextChange | undefined;
    for (const entry of this.history) {
      if (entry.version <= version) continue;
      const { start, oldEnd, newEnd } = entry;
      change = change ? composeChanges(change, entry) : { start, oldEnd, newEnd };
    }
    return change ?? { start: 0, oldEnd: 0, newEnd: 0 };
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.snapshot.length), 0);
    const lineOffsets = this.lineOffsets();
    const line = this.lineAt(offset, lineOffsets);
    const lineOffset = lineOffsets[line] as number;
    offset = this.ensureBeforeEol(offset, lineOffset);
    return { line, character: offset - lineOffset };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.lineOffsets();
    if (position.line >= lineOffsets.length) return this.snapshot.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line] as number;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset =
      position.line + 1 < lineOffsets.length
        ? (lineOffsets[position.line + 1] as number)
        : this.snapshot.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEol(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.lineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return {
        start: { line: lastLine, character: 0 },
        end: {
          line: lastLine,
          character: this.snapshot.length - (lineOffsets[lastLine] as number),
        },
      };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line] as number;
    const endOffset = this.ensureBeforeEol(this.nextLineOffset(line), startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.lineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const next = this.nextLineOffset(line);
    return this.snapshot.slice(this.ensureBeforeEol(next, lineOffsets[line] as number), next);
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const range = wellFormed(change.range);
        const start = this.offsetAt(range.start);
        const end = this.offsetAt(range.end);
        this.snapshot = this.snapshot.replace(start, end, change.text);
        const newEnd = start + change.text.length;
        this.history.push({ version, start, oldEnd: end, newEnd });
        this.updateLineOffsets(start, end, newEnd);
      } else {
        // A full text (some clients send only these): recorded as the one range that changed, so
        // that re-parsing and re-checking stay incremental and the line starts are updated.
        const { start, oldEnd, newEnd } = this.snapshot.diff(change.text);
        this.snapshot = Snapshot.of(change.text);
        // The same text again changes nothing (an empty range would widen a composed change).
        if (oldEnd === start && newEnd === start) continue;
        this.history.push({ version, start, oldEnd, newEnd });
        this.updateLineOffsets(start, oldEnd, newEnd);
      }
    }
    if (this.history.length > HISTORY) {
      const dropped = this.history.splice(0, this.history.length - HISTORY);
      this.historyBase = Math.max(this.historyBase, dropped[dropped.length - 1]?.version ?? 0);
    }
    this.version = version;
  }

  private lineOffsets(): number[] {
    this.lines ??= this.snapshot.lineOffsets();
    return this.lines;
  }

  /**
   * The line holding `offset` (the last line start at or before it; line 0 starts at 0), searched
   * outwards from the previous answer. Callers convert offsets in order (the diagnostics of all
   * findings, symbols, folding ranges), so most answers are a step or two away: a search from
   * scratch over 280,000 line starts (10,000 configurations) per position missed the cache, and
   * its time per diagnostic grew with the file.
   */
  private lineAt(offset: number, starts: readonly number[]): number {
    const count = starts.length;
    let low = this.lineHint < count ? this.lineHint : 0;
    let high: number;
    let step = 1;
    let probes = 1;
    if ((starts[low] as number) <= offset) {
      high = low + 1;
      while (high < count && (starts[high] as number) <= offset) {
        probes++;
        low = high;
        step *= 2;
        high = low + step;
      }
      if (high > count) high = count;
    } else {
      high = low;
      low = high - 1;
      while ((starts[low] as number) > offset) {
        probes++;
        high = low;
        step *= 2;
        low = Math.max(0, high - step);
      }
    }
    // starts[low] <= offset, and offset < starts[high] (or high is past the last line).
    while (high - low > 1) {
      probes++;
      const mid = (low + high) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid;
    }
    this.lineHint = low;
    lineSearchProbes += probes;
    return low;
  }

  private nextLineOffset(line: number): number {
    const lineOffsets = this.lineOffsets();
    return line + 1 < lineOffsets.length ? (lineOffsets[line + 1] as number) : this.snapshot.length;
  }

  /**
   * Updates the line starts after [start, end) became [start, newEnd). Only line starts in
   * [start, end + 1] can change (a "\r" before the edit may now be followed by "\n", or no longer
   * be), so those are recounted from the new text and the ones after move by the length change.
   */
  private updateLineOffsets(start: number, end: number, newEnd: number): void {
    const offsets = this.lines;
    if (!offsets) return;
    const snapshot = this.snapshot;
    const recounted: number[] = [];
    for (let i = Math.max(0, start - 1); i <= newEnd && i < snapshot.length; i++) {
      const code = snapshot.charCodeAt(i);
      const isBreak = code === LF || (code === CR && snapshot.charCodeAt(i + 1) !== LF);
      if (isBreak && i + 1 >= start) recounted.push(i + 1);
    }
    const first = firstIndexAtLeast(offsets, Math.max(1, start));
    const after = firstIndexAtLeast(offsets, end + 2);
    // In place: the array has a line start per line (200,000 for 5000 configurations).
    offsets.splice(first, after - first, ...recounted);
    const diff = newEnd - end;
    if (diff !== 0) {
      for (let i = first + recounted.length; i < offsets.length; i++) {
        offsets[i] = (offsets[i] as number) + diff;
      }
    }
  }

  private ensureBeforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEol(this.snapshot.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/**
 * Characters compared at once by the prefix and suffix scans of a full-text change. Comparing two
 * slices with `===` is one native comparison of their characters (a slice of a flat string is a
 * view, not a copy): for a 7 MB text about 50× faster than a `charCodeAt` loop, which took 30 ms
 * per edit at 10,000 configurations and grew faster than the text (cache misses).
 */
const DIFF_BLOCK = 4096;

/** How many characters `chunk` and `next` from `at` on have in common, at most `max`. */
function commonPrefixLength(chunk: string, next: string, at: number, max: number): number {
  let equal = 0;
  while (
    equal + DIFF_BLOCK <= max &&
    chunk.slice(equal, equal + DIFF_BLOCK) === next.slice(at + equal, at + equal + DIFF_BLOCK)
  ) {
    equal += DIFF_BLOCK;
  }
  while (equal < max && chunk.charCodeAt(equal) === next.charCodeAt(at + equal)) equal++;
  return equal;
}

/** How many characters the end of `chunk` and `next` before `end` have in common, at most `max`. */
function commonSuffixLength(chunk: string, next: string, end: number, max: number): number {
  const length = chunk.length;
  let equal = 0;
  while (
    equal + DIFF_BLOCK <= max &&
    chunk.slice(length - equal - DIFF_BLOCK, length - equal) ===
      next.slice(end - equal - DIFF_BLOCK, end - equal)
  ) {
    equal += DIFF_BLOCK;
  }
  while (equal < max && chunk.charCodeAt(length - 1 - equal) === next.charCodeAt(end - 1 - equal)) {
    equal++;
  }
  return equal;
}

/** The index of the first value >= `value` in an ascending array. */
function firstIndexAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((values[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) {
    return { start: end, end: start };
  }
  return range;
}
