/**
 * The "Suppress RCnnn on this line" code actions: a `config-remediation-disable-next-line`
 * comment above the finding's line, in its indentation (YAML `#`, JSONC `//`), or the id added to
 * such a comment already there. Strict JSON has no comments: in a JSON template the id goes into
 * the remediation resource's `Metadata` (`config-remediation: ignore`); a JSON request file (the
 * AWS CLI's `--cli-input-json` rejects comments) gets no action.
 */
import {
  getProperty,
  getPropertyValue,
  insideScalar,
  type ObjectNode,
  type ParsedDocument,
} from '../model/ast';
import type { DocumentKind } from '../model/document';
import { remediationResources, templateRoot } from '../model/layout';
import type { Problem, TextEdit } from '../model/problem';
import type { CodeAction } from '../model/serviceTypes';
import { SUPPRESSION_MARKER, SUPPRESSION_METADATA_KEY } from '../model/suppression';
import { documentHasCrlf, textLength, textSlice } from '../model/text';

const LINE_LIMIT = 4096;
/** A suppression comment alone on its line, in YAML (`#`) and JSONC (`//`). */
const EXISTING = {
  yaml: new RegExp(`^([ \\t]*)(#)[ \\t]*${SUPPRESSION_MARKER}-next-line(?=[ \\t,]|$)(.*)$`),
  jsonc: new RegExp(`^([ \\t]*)(//)[ \\t]*${SUPPRESSION_MARKER}-next-line(?=[ \\t,]|$)(.*)$`),
};

export function suppressionActions(
  problems: readonly Problem[],
  parsed: ParsedDocument,
  kind: DocumentKind,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const problem of problems) {
    const action =
      parsed.format === 'json'
        ? kind === 'cloudformation'
          ? metadataAction(problem, parsed)
          : undefined
        : commentAction(problem, parsed);
    if (!action) continue;
    // One action per rule and place (several findings of a rule on one line).
    const key = `${action.title}@${JSON.stringify(action.edits)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    actions.push(action);
  }
  return actions;
}

function actionFor(problem: Problem, title: string, edits: TextEdit[]): CodeAction {
  return {
    title,
    ruleIds: [problem.ruleId],
    edits,
    problem: {
      offset: problem.offset,
      length: problem.length,
      ruleId: problem.ruleId,
      message: problem.message,
    },
  };
}

function commentAction(problem: Problem, parsed: ParsedDocument): CodeAction | undefined {
  const offset = Math.min(problem.offset, textLength(parsed));
  const before = textSlice(parsed, Math.max(0, offset - LINE_LIMIT), offset);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && offset > LINE_LIMIT) return undefined;
  const lineStart = offset - before.length + newline + 1;
  const lineText = textSlice(
    parsed,
    lineStart,
    Math.min(textLength(parsed), lineStart + LINE_LIMIT),
  );
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const first = lineStart + indent.length;
  // A line that continues a scalar (a block scalar's text, a string over lines): a comment
  // inserted above would become part of the value.
  if (insideScalar(parsed.roots, first)) return undefined;
  const title = `Suppress ${problem.ruleId} on this line`;
  // A suppression comment right above: add the id to it.
  if (lineStart > 0) {
    const above = textSlice(parsed, Math.max(0, lineStart - 1 - LINE_LIMIT), lineStart - 1);
    const previousStart = above.lastIndexOf('\n') + 1;
    const previous = above.slice(previousStart).replace(/\r$/, '');
    const match = EXISTING[parsed.format === 'yaml' ? 'yaml' : 'jsonc'].exec(previous);
    if (match) {
      const rest = match[3] as string;
      const description = /(^|\s)--(\s|$)/.exec(rest);
      const ids = (description ? rest.slice(0, description.index) : rest).trimEnd();
      if (ids.trim() === '') return undefined;
      const at =
        lineStart - 1 - above.length + previousStart + (previous.length - rest.length) + ids.length;
      return actionFor(problem, title, [{ offset: at, length: 0, newText: `, ${problem.ruleId}` }]);
    }
  }
  const opener = parsed.format === 'yaml' ? '#' : '//';
  const eol = documentHasCrlf(parsed) ? '\r\n' : '\n';
  return actionFor(problem, title, [
    {
      offset: lineStart,
      length: 0,
      newText: `${indent}${opener} ${SUPPRESSION_MARKER}-next-line ${problem.ruleId}${eol}`,
    },
  ]);
}

/** In a JSON template: the id in the resource's Metadata (`config-remediation: ignore`). */
function metadataAction(problem: Problem, parsed: ParsedDocument): CodeAction | undefined {
  const found = remediationResources(templateRoot(parsed.roots)).find(
    ({ resource }) =>
      problem.offset >= resource.offset && problem.offset < resource.offset + resource.length,
  );
  const body = found?.resource.valueNode;
  if (!found || body?.type !== 'object') return undefined;
  const title = `Suppress ${problem.ruleId} in resource "${found.logicalId}" (Metadata)`;
  const id = JSON.stringify(problem.ruleId);
  const metadata = getProperty(body, 'Metadata');
  if (metadata) {
    const list = getPropertyValue(
      getPropertyValue(metadata.valueNode, SUPPRESSION_METADATA_KEY),
      'ignore',
    );
    if (list?.type !== 'array') return undefined;
    const last = list.items.at(-1);
    const edit: TextEdit = last
      ? { offset: last.offset + last.length, length: 0, newText: `, ${id}` }
      : { offset: list.offset + 1, length: 0, newText: id };
    return actionFor(problem, title, [edit]);
  }
  const first = (body as ObjectNode).properties[0];
  if (!first) return undefined;
  const value = `"Metadata": { "${SUPPRESSION_METADATA_KEY}": { "ignore": [${id}] } },`;
  const before = textSlice(parsed, Math.max(0, first.offset - LINE_LIMIT), first.offset);
  const newline = before.lastIndexOf('\n');
  const indent = newline === -1 ? undefined : before.slice(newline + 1);
  const eol = documentHasCrlf(parsed) ? '\r\n' : '\n';
  const newText =
    indent !== undefined && /^[ \t]*$/.test(indent) ? `${value}${eol}${indent}` : `${value} `;
  return actionFor(problem, title, [{ offset: first.offset, length: 0, newText }]);
}
