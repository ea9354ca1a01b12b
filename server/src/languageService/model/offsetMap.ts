/**
 * Offsets of a text embedded in a document (a conformance pack template carried as a string:
 * a YAML block scalar, a JSON or quoted YAML string) mapped back to the document.
 *
 * The embedded text is what the string's value is; the document holds it with indentation
 * (block scalars) or escapes (quoted strings). A segment table maps the two: each segment is a run
 * of the embedded text and the run of the document it came from. Runs of equal length map
 * character for character (a line of a block scalar, the plain characters of a quoted string);
 * an escape (`\"`, `\n`, `\u00e9`) is one embedded character from several document characters.
 */
import type { Problem, TextEdit } from './problem';
import type { CompletionItem } from './serviceTypes';

export interface Segment {
  /** Start of the run in the embedded text. */
  inner: number;
  innerLength: number;
  /** Start of the run in the document. */
  outer: number;
  outerLength: number;
}

/**
 * How text written into the embedded text must be written into the document:
 * `block`: a block scalar, a new line starts with the block's indentation;
 * `identity`: the embedded text is the document's own text (an object written in the document);
 * `escaped`: a quoted string, where edits would need escaping: not offered.
 */
export type EmbeddingStyle =
  | { kind: 'block'; indent: string; lineEnd: '\n' | '\r\n' }
  | { kind: 'identity' }
  | { kind: 'escaped' };

export class OffsetMap {
  /** Segments in order of both `inner` and `outer`. */
  private readonly segments: readonly Segment[];

  constructor(
    segments: readonly Segment[],
    readonly style: EmbeddingStyle,
    /** Where the embedded text's document range ends (for offsets past the last segment). */
    private readonly outerEnd: number,
  ) {
    this.segments = segments;
  }

  /** The map of a text that is the document's own text: every offset maps to itself. */
  static identity(): OffsetMap {
    return new OffsetMap([], { kind: 'identity' }, Number.MAX_SAFE_INTEGER);
  }

  get isIdentity(): boolean {
    return this.style.kind === 'identity';
  }

  /** The document offset of an embedded offset, as the start of a range. */
  toOuter(inner: number): number {
    if (this.isIdentity) return inner;
    const segment = this.segmentAt(inner, false);
    if (!segment) return this.segments[0]?.outer ?? this.outerEnd;
    if (inner >= segment.inner + segment.innerLength) {
      // Between segments (a line end of a block scalar): the end of this run.
      return segment.outer + segment.outerLength;
    }
    return segment.innerLength === segment.outerLength
      ? segment.outer + (inner - segment.inner)
      : segment.outer;
  }

  /** The document offset of an embedded offset, as the end of a range. */
  toOuterEnd(inner: number): number {
    if (this.isIdentity) return inner;
    const segment = this.segmentAt(inner, true);
    // Past the run (at the next line's start): where the next run starts, after its indentation.
    if (!segment || inner > segment.inner + segment.innerLength) return this.toOuter(inner);
    return segment.innerLength === segment.outerLength
      ? segment.outer + (inner - segment.inner)
      : segment.outer + segment.outerLength;
  }

  /** A range of the embedded text as a range of the document. */
  range(offset: number, length: number): { offset: number; length: number } {
    const start = this.toOuter(offset);
    const end = length > 0 ? this.toOuterEnd(offset + length) : start;
    return { offset: start, length: Math.max(0, end - start) };
  }

  /**
   * The embedded offset of a document offset, or undefined when it is not inside the embedded
   * text (e.g. on a quote or in the indentation of a block scalar).
   */
  toInner(outer: number): number | undefined {
    if (this.isIdentity) return outer;
    for (const segment of this.segments) {
      if (outer < segment.outer) return undefined;
      if (outer <= segment.outer + segment.outerLength) {
        if (segment.innerLength === segment.outerLength)
          return segment.inner + (outer - segment.outer);
        return outer === segment.outer ? segment.inner : segment.inner + segment.innerLength;
      }
    }
    return undefined;
  }

  /**
   * An edit of the embedded text as an edit of the document, or undefined when it cannot be
   * written there safely (a quoted string would need its newText escaped).
   */
  edit(edit: TextEdit): TextEdit | undefined {
    if (this.style.kind === 'identity') return edit;
    if (this.style.kind !== 'block') return undefined;
    const range = this.range(edit.offset, edit.length);
    // Every new line of the block starts with the block's indentation; an edit that ends at a
    // line start lands after that line's indentation, so the same rule keeps the next line right.
    const { indent, lineEnd } = this.style;
    // The embedded text has \n line ends; the document keeps its own.
    return { ...range, newText: edit.newText.replace(/\r?\n/g, `${lineEnd}${indent}`) };
  }

  /** The last segment starting at or before `inner` (strictly before, for an end offset). */
  private segmentAt(inner: number, asEnd: boolean): Segment | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    let found: Segment | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const segment = this.segments[mid] as Segment;
      const starts = asEnd ? segment.inner < inner : segment.inner <= inner;
      if (starts) {
        found = segment;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found ?? (asEnd && inner === 0 ? this.segments[0] : undefined);
  }
}

/**
 * A problem of an embedded text as a problem of the document. A fix is kept only when every
 * edit of it can be written into the document (not inside a quoted string).
 */
export function mapProblem(problem: Problem, map: OffsetMap): Problem {
  if (map.isIdentity) return problem;
  const { fixes, ...rest } = problem;
  const mapped: Problem = { ...rest, ...map.range(problem.offset, problem.length) };
  const kept = (fixes ?? []).flatMap((fix) => {
    const edits = fix.edits.map((edit) => map.edit(edit));
    if (edits.some((edit) => edit === undefined)) return [];
    return [{ ...fix, edits: edits as TextEdit[] }];
  });
  return kept.length > 0 ? { ...mapped, fixes: kept } : mapped;
}

/**
 * A completion item of an embedded text as an item of the document (its range mapped, and its
 * lines indented as the block's), or undefined where it cannot be written there.
 */
export function mapCompletionItem(
  item: CompletionItem,
  map: OffsetMap,
): CompletionItem | undefined {
  if (map.isIdentity) return item;
  const edit = map.edit({ ...item.range, newText: item.insertText });
  if (!edit) return undefined;
  return { ...item, range: { offset: edit.offset, length: edit.length }, insertText: edit.newText };
}
