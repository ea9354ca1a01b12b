/**
 * Suppression comments of a document, found in one pass over its text: every occurrence of the
 * marker (a native search, kept per unchanged chunk by the LSP server's text) is read where it
 * is, on its own line; nothing is scanned per finding.
 *
 * - `# config-remediation-disable-next-line RC207, RC208 -- reason` (YAML; `//` or `/* … *\/` in
 *   JSONC): the next line that is neither blank nor only a comment;
 * - `# config-remediation-disable-line RC207` (after the content of a line): that line;
 * - `# config-remediation-disable RC207`: the whole file.
 *
 * No id means every rule. The marker must be the first word of a comment: a `#` (YAML, at the
 * start of a line or after a space) or `//` / `/*` (JSONC) right before it, outside every string
 * (so `"… # config-remediation-disable …"` in a value, or a line of a block scalar, is not one).
 * Strict JSON has no comments (a comment there is a syntax error, RC001), so none are read.
 */
import { insideScalar, type ParsedDocument } from '../model/ast';
import {
  SUPPRESSION_MARKER,
  type SuppressedId,
  type Suppression,
  type SuppressionKind,
} from '../model/suppression';
import { textIndexesOf, textLength, textSlice } from '../model/text';

/** How far a comment's line is read around the marker; longer lines are not read as directives. */
const LINE_LIMIT = 4096;
/** How many blank or comment lines a next-line suppression skips to find its line. */
const SKIP_LIMIT = 100;

export function collectCommentSuppressions(parsed: ParsedDocument): Suppression[] {
  if (parsed.format === 'json') return [];
  const found: Suppression[] = [];
  for (const marker of textIndexesOf(parsed, SUPPRESSION_MARKER)) {
    const suppression = readDirective(parsed, marker);
    if (suppression) found.push(suppression);
  }
  return found;
}

function readDirective(parsed: ParsedDocument, marker: number): Suppression | undefined {
  const length = textLength(parsed);
  const before = textSlice(parsed, Math.max(0, marker - LINE_LIMIT), marker);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && marker > LINE_LIMIT) return undefined;
  const lineStart = marker - before.length + newline + 1;
  const prefix = before.slice(newline + 1);
  const after = textSlice(parsed, marker, Math.min(length, marker + LINE_LIMIT));
  const newlineAfter = after.indexOf('\n');
  if (newlineAfter === -1 && marker + after.length < length) return undefined;
  const lineEnd = newlineAfter === -1 ? length : marker + newlineAfter;
  const rest = after.slice(0, lineEnd - marker).replace(/\r$/, '');

  const yaml = parsed.format === 'yaml';
  const opener = yaml ? /(^|[ \t])(#)[ \t]*$/.exec(prefix) : /(\/\/|\/\*)[ \t]*$/.exec(prefix);
  if (!opener) return undefined;
  const openerText = (yaml ? opener[2] : opener[1]) as string;
  const openerOffset = lineStart + opener.index + (yaml ? (opener[1] as string).length : 0);
  if (insideScalar(parsed.roots, openerOffset)) return undefined;

  const directive = /^config-remediation-disable(-next-line|-line)?(?=$|[\s,]|\*\/)/.exec(rest);
  if (!directive) return undefined;
  const kind: SuppressionKind =
    directive[1] === '-next-line' ? 'next-line' : directive[1] === '-line' ? 'line' : 'file';
  let body = rest.slice(directive[0].length);
  let commentEnd = lineEnd - (after.slice(0, lineEnd - marker).endsWith('\r') ? 1 : 0);
  if (openerText === '/*') {
    const close = body.indexOf('*/');
    if (close !== -1) {
      commentEnd = marker + directive[0].length + close + 2;
      body = body.slice(0, close);
    }
  }
  const description = /(^|\s)--(\s|$)/.exec(body);
  if (description) body = body.slice(0, description.index);
  const ids: SuppressedId[] = [];
  const bodyStart = marker + directive[0].length;
  for (const token of body.matchAll(/[^\s,]+/g)) {
    ids.push({ id: token[0], offset: bodyStart + (token.index ?? 0), length: token[0].length });
  }

  const suppression: Suppression = {
    kind,
    start: 0,
    end: 0,
    ids,
    offset: openerOffset,
    length: commentEnd - openerOffset,
  };
  const onlyComment = prefix.slice(0, opener.index + (yaml ? (opener[1] as string).length : 0));
  const restOfLine = textSlice(parsed, commentEnd, lineEnd).trim();
  if (onlyComment.trim() === '' && restOfLine === '') {
    const next = Math.min(length, lineEnd + 1);
    suppression.ownLine = { offset: lineStart, length: next - lineStart };
  }
  if (kind === 'file') {
    suppression.end = length;
  } else if (kind === 'line') {
    suppression.start = lineStart;
    suppression.end = Math.min(length, lineEnd + 1);
  } else {
    const target = nextCodeLine(parsed, lineEnd + 1, yaml);
    if (target) [suppression.start, suppression.end] = target;
  }
  return suppression;
}

/**
 * [start, end) of the first line at or after `from` that is neither blank nor only a comment,
 * its line end included.
 */
export function nextCodeLine(
  parsed: ParsedDocument,
  from: number,
  yaml: boolean,
): [number, number] | undefined {
  const length = textLength(parsed);
  let lineStart = from;
  for (let skipped = 0; lineStart < length && skipped <= SKIP_LIMIT; skipped++) {
    const piece = textSlice(parsed, lineStart, Math.min(length, lineStart + LINE_LIMIT));
    const newline = piece.indexOf('\n');
    const lineEnd = newline === -1 ? lineStart + piece.length : lineStart + newline;
    const line = (newline === -1 ? piece : piece.slice(0, newline)).trim();
    const isComment = yaml ? line.startsWith('#') : line.startsWith('//');
    if (line !== '' && !isComment) return [lineStart, Math.min(length, lineEnd + 1)];
    if (newline === -1) return undefined;
    lineStart = lineEnd + 1;
  }
  return undefined;
}
