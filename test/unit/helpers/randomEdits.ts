/**
 * Random edits of request documents, as typing produces them (and some that break the syntax):
 * shared by the incremental-parsing and completion-window tests.
 */
import type { DocumentFormat } from '../../../server/src/languageService/model/ast';

export interface Edit {
  offset: number;
  length: number;
  text: string;
}

const INSERTS = [
  'a',
  'Z',
  '7',
  ' ',
  '"',
  ':',
  ',',
  '{',
  '}',
  '[',
  ']',
  '-',
  '#',
  '&a',
  '*a',
  '\t',
  "'",
  'x: 1',
  '!Ref ',
];

/** A random edit: mostly the small edits of typing, sometimes a line, sometimes a break. */
export function randomEdit(text: string, format: DocumentFormat, rand: () => number): Edit {
  const offset = Math.floor(rand() * (text.length + 1));
  const roll = rand();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ ]*/.exec(text.slice(lineStart))?.[0] ?? '';
  if (roll < 0.25) {
    // Change a digit or a letter in place.
    const at = Math.min(offset, text.length - 1);
    const char = text[at] ?? '';
    if (/\d/.test(char)) return { offset: at, length: 1, text: String(Math.floor(rand() * 10)) };
    if (/[a-z]/i.test(char)) return { offset: at, length: 0, text: 'q' };
    return { offset, length: 0, text: 'e' };
  }
  if (roll < 0.45) {
    return { offset, length: 0, text: INSERTS[Math.floor(rand() * INSERTS.length)] ?? 'a' };
  }
  if (roll < 0.65) {
    return {
      offset,
      length: Math.min(text.length - offset, 1 + Math.floor(rand() * 12)),
      text: '',
    };
  }
  if (roll < 0.8) {
    // A new line with a property, as when typing a key (at the end of the current line).
    const lineEnd = text.indexOf('\n', offset);
    const at = lineEnd === -1 ? text.length : lineEnd;
    const property =
      format === 'yaml'
        ? ['Automatic: true', 'RetryAttemptSeconds: 60', 'TargetVersion: "1"', 'Foo:'][
            Math.floor(rand() * 4)
          ]
        : ['"Automatic": true,', '"RetryAttemptSeconds": 60,', '"Foo": 1'][Math.floor(rand() * 3)];
    return { offset: at, length: 0, text: `\n${indent}${property}` };
  }
  if (roll < 0.9) {
    // Delete a whole line.
    const lineEnd = text.indexOf('\n', offset);
    return {
      offset: lineStart,
      length: (lineEnd === -1 ? text.length : lineEnd + 1) - lineStart,
      text: '',
    };
  }
  // Duplicate the current line (pasting).
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd + 1);
  return { offset: lineStart, length: 0, text: line.endsWith('\n') ? line : `${line}\n` };
}

export function apply(text: string, edit: Edit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

/** The smallest edit turning `text` back into `previous` (an undo, as one change). */
export function undoEdit(text: string, previous: string): Edit {
  let start = 0;
  while (start < text.length && start < previous.length && text[start] === previous[start]) start++;
  let endOld = text.length;
  let endNew = previous.length;
  while (endOld > start && endNew > start && text[endOld - 1] === previous[endNew - 1]) {
    endOld--;
    endNew--;
  }
  return { offset: start, length: endOld - start, text: previous.slice(start, endNew) };
}
