/**
 * What the benchmark does to a document: the edit (typing in a configuration in the middle of the
 * file) and the places of completion and hover (in the last configuration).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-protocol';
import { generateDocument, type BenchFormat } from './generate';

export interface Scenario {
  size: number;
  format: BenchFormat;
  text: string;
  uri: string;
  languageId: string;
  /** The edited span: 5 characters of a rule name (its number), replaced by a fresh word. */
  editOffset: number;
  editRange: Range;
  /** Completion of a member name (key), of a TargetType value, and hover on TargetId. */
  keyPosition: Position;
  valuePosition: Position;
  hoverPosition: Position;
}

export const EDIT_LENGTH = 5;

/** The text of the n-th edit: distinct for every run, so nothing can be answered from a cache. */
export function editText(run: number): string {
  let word = '';
  let value = run + 1;
  for (let i = 0; i < EDIT_LENGTH; i++) {
    word = String.fromCharCode(97 + (value % 26)) + word;
    value = Math.floor(value / 26);
  }
  return word;
}

/** The document text after the n-th edit (edits replace the same span, so offsets stay). */
export function editedText(scenario: Scenario, run: number): string {
  const { text, editOffset } = scenario;
  return text.slice(0, editOffset) + editText(run) + text.slice(editOffset + EDIT_LENGTH);
}

export function scenario(size: number, format: BenchFormat): Scenario {
  const text = generateDocument(size, format);
  const document = TextDocument.create('file:///bench', format, 1, text);
  const middle = Math.floor(size / 2);
  const marker = `-${String(middle).padStart(5, '0')}`;
  const editOffset = text.indexOf(marker) + 1;
  if (editOffset <= 0 || text.indexOf(marker, editOffset) !== -1) {
    throw new Error(`The rule name of configuration ${middle} is not unique`);
  }
  // The last configuration: its TargetType key and value, and its TargetId key.
  const last = text.lastIndexOf(format === 'json' ? '"ConfigRuleName"' : 'ConfigRuleName:');
  const targetType = text.indexOf('TargetType', last);
  const value = text.indexOf('SSM_DOCUMENT', targetType);
  const targetId = text.indexOf('TargetId', last);
  return {
    size,
    format,
    text,
    uri: `file:///bench/remediations-${size}.${format}`,
    languageId: format,
    editOffset,
    editRange: {
      start: document.positionAt(editOffset),
      end: document.positionAt(editOffset + EDIT_LENGTH),
    },
    keyPosition: document.positionAt(targetType + 3),
    valuePosition: document.positionAt(value + 3),
    hoverPosition: document.positionAt(targetId + 2),
  };
}
