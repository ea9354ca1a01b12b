/**
 * Document-wide facts about a text (indentation unit, line ends, line starts), computed once per
 * text and shared by every quick fix and edit made on it. Quick fixes are built for every finding;
 * if each one scanned the whole text (a regex over a minified file has no line to stop at, and
 * `lastIndexOf('\n')` walks back to the start), checking would grow quadratically with the file.
 */
export interface TextFacts {
  /** The smallest indentation of a line (of the first 200 indented lines), 2 when none. */
  readonly indentUnit: number;
  /** "\r\n" when the document uses it, else "\n". */
  readonly eol: string;
  /** Where the line holding `offset` starts. */
  lineStartOf(offset: number): number;
}

// One entry: the facts of the text being validated. Every fix of one validation passes the same
// string, so the identity check (`===` on the same string is a pointer comparison) hits; a new
// document version is a new string and replaces the entry.
let last: { text: string; facts: TextFacts } | undefined;
let computations = 0;

/** How many times the facts of a text were computed (a work counter for the linearity tests). */
export function textFactsComputations(): number {
  return computations;
}

/** The facts of `text`, computed on first use and cached for that text. */
export function textFacts(text: string): TextFacts {
  if (last?.text === text) return last.facts;
  computations++;
  const facts = computeTextFacts(text);
  last = { text, facts };
  return facts;
}

function computeTextFacts(text: string): TextFacts {
  let lineStarts: Int32Array | undefined;
  return {
    indentUnit: scanIndentUnit(text),
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    lineStartOf(offset: number): number {
      if (offset <= 0) return 0;
      lineStarts ??= scanLineStarts(text);
      // The last line start at or before offset (a newline at offset - 1 starts a line at offset).
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((lineStarts[middle] ?? 0) <= offset) low = middle;
        else high = middle - 1;
      }
      return lineStarts[low] ?? 0;
    },
  };
}

/** The indentation unit of a text: the smallest indentation of a line, 2 when none. */
export function scanIndentUnit(text: string): number {
  let unit = Infinity;
  const pattern = /\n( +)\S/g;
  let match: RegExpExecArray | null;
  let count = 0;
  while ((match = pattern.exec(text)) && count++ < 200) {
    unit = Math.min(unit, match[1]?.length ?? Infinity);
  }
  return Number.isFinite(unit) && unit > 0 && unit <= 8 ? unit : 2;
}

function scanLineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  return starts;
}
