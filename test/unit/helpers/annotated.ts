/**
 * Inline test documents: `$0` marks the cursor, and a line of carets under a text line marks an
 * expected diagnostic: `^^^^ RC101` (several ids may follow). Caret lines are removed before
 * parsing, so they work in JSON too.
 */
export interface ExpectedProblem {
  ruleId: string;
  offset: number;
  length: number;
}

export interface AnnotatedDocument {
  text: string;
  /** Offset of `$0`, or -1. */
  cursor: number;
  expected: ExpectedProblem[];
}

const CARET_LINE = /^(\s*)(\^+)\s+((?:RC\d{3}\s*)+)$/;

export function parseAnnotated(source: string): AnnotatedDocument {
  const lines = source.split('\n');
  const kept: string[] = [];
  const expected: ExpectedProblem[] = [];
  let offset = 0;
  let previousLineStart = 0;
  for (const line of lines) {
    const match = CARET_LINE.exec(line);
    if (match && kept.length > 0) {
      const column = match[1]?.length ?? 0;
      for (const ruleId of (match[3] ?? '').trim().split(/\s+/)) {
        expected.push({
          ruleId,
          offset: previousLineStart + column,
          length: match[2]?.length ?? 0,
        });
      }
      continue;
    }
    previousLineStart = offset;
    kept.push(line);
    offset += line.length + 1;
  }
  let text = kept.join('\n');
  const cursor = text.indexOf('$0');
  if (cursor >= 0) {
    text = text.slice(0, cursor) + text.slice(cursor + 2);
    for (const problem of expected) if (problem.offset > cursor) problem.offset -= 2;
  }
  return { text, cursor, expected };
}

/** Applies an edit to a text. */
export function applyEdit(
  text: string,
  edit: { offset: number; length: number; newText: string },
): string {
  return text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length);
}

/** Applies several non-overlapping edits (in any order). */
export function applyEdits(
  text: string,
  edits: readonly { offset: number; length: number; newText: string }[],
): string {
  return [...edits].sort((a, b) => b.offset - a.offset).reduce(applyEdit, text);
}
