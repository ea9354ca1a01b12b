/**
 * Parsing a large YAML request one configuration at a time. The `yaml` package builds a concrete
 * syntax tree and a document for the whole text before we convert it: for 5000 configurations
 * (2.8 MB) that is about 130 MB at once, the largest part of the server's peak memory. A request
 * file is a list of independent items, so the list is cut into items by a scan of the lines'
 * indentation, and each item is parsed alone and moved into place: the same nodes and problems as
 * a whole-document parse (test/unit/splitParse.test.ts), with a fraction of the memory.
 *
 * Only for clean, plain files: any syntax error, YAML anchor or alias, a second document, text
 * after the list, or an unusual layout gives undefined, and the caller parses the whole text.
 */
import { shiftTree, type ParsedDocument, type SyntaxProblem, type ValueNode } from '../model/ast';
import { blockLine, requestList, ROOT_LIST_KEY_LINE } from '../model/layout';
import { parseYaml } from '../parser/yamlParser';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';
import { YAML_ANCHOR_OR_ALIAS } from './reparse';

/** How much text one parse takes at most (unless one item is longer): a few dozen items. */
const PART_LENGTH = 16 * 1024;

/** Below this size a whole-document parse is as good. */
export const SPLIT_PARSE_MIN_LENGTH = 64 * 1024;

/** Where the list's items start (line starts), or undefined when the layout is not plain. */
function itemStarts(text: string): number[] | undefined {
  let position = 0;
  let listKey = -1;
  // The list's key line: at column 0, after the root's other lines.
  while (position < text.length) {
    const end = lineEnd(text, position);
    if (ROOT_LIST_KEY_LINE.test(text.slice(position, end))) {
      listKey = position;
      position = end + 1;
      break;
    }
    position = end + 1;
  }
  if (listKey === -1) return undefined;
  const starts: number[] = [];
  let column = -1;
  while (position < text.length) {
    const end = lineEnd(text, position);
    const line = blockLine(text, position);
    if (line.kind === 'tab') return undefined;
    if (line.kind !== 'blank') {
      const dash = line.kind === 'dash';
      if (column === -1) {
        // The first item: its dash sets the column of all of them.
        if (!dash) return undefined;
        column = line.indent;
        starts.push(position);
      } else if (dash && line.indent === column) {
        starts.push(position);
      } else if (line.indent <= column) {
        // Something after the list: leave that to a whole-document parse.
        return undefined;
      }
    }
    position = end + 1;
  }
  return starts.length >= 2 ? starts : undefined;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/**
 * The document parsed item by item, or undefined (then parse the whole text). Equal to
 * `parseYaml(text)` whenever it returns a document.
 */
export function parseYamlByItems(text: string): ParsedDocument | undefined {
  // Lone CR line ends: the line scan below splits on LF only; a whole-document parse reads them.
  if (/\r(?!\n)/.test(text)) return undefined;
  if (YAML_ANCHOR_OR_ALIAS.test(text)) return undefined;
  const starts = itemStarts(text);
  if (!starts) return undefined;
  // The root, the list and its first item: a whole-document parse of that beginning.
  const head = parseYaml(text.slice(0, starts[1]));
  const skeleton = requestList(head);
  if (
    !skeleton ||
    skeleton.root.properties[skeleton.root.properties.length - 1] !== skeleton.property ||
    skeleton.list.items.length !== 1 ||
    head.problems.some((problem) => problem.ruleId !== SYNTAX_RULE_IDS.duplicateKey)
  ) {
    return undefined;
  }
  const { root, property, list } = skeleton;
  const problems: SyntaxProblem[] = [...head.problems];
  let documentEnd = 0;
  // Items in runs of about PART_LENGTH characters: each parse has a cost of its own (a yaml
  // Document, its schema and options), so one per item would be 5000 of them.
  for (let i = 1; i < starts.length;) {
    const start = starts[i] as number;
    let next = i + 1;
    while (next < starts.length && (starts[next] as number) - start < PART_LENGTH) next++;
    const end = starts[next] ?? text.length;
    const count = next - i;
    const part = parseYaml(text.slice(start, end));
    const partRoot = part.roots[0];
    if (
      part.roots.length !== 1 ||
      partRoot?.type !== 'array' ||
      partRoot.items.length !== count ||
      part.problems.some((problem) => problem.ruleId !== SYNTAX_RULE_IDS.duplicateKey)
    ) {
      return undefined;
    }
    for (const item of partRoot.items) {
      shiftTree(item, start);
      item.parent = list;
      list.items.push(item);
    }
    for (const problem of part.problems)
      problems.push({ ...problem, offset: problem.offset + start });
    const range = part.documentRanges?.[0];
    documentEnd = range ? start + range.offset + range.length : end;
    i = next;
  }
  // The list, its property and the root end where the last item ends.
  const last = list.items[list.items.length - 1] as ValueNode;
  const lastEnd = last.offset + last.length;
  list.length = lastEnd - list.offset;
  property.length = lastEnd - property.offset;
  root.length = lastEnd - root.offset;
  const documentStart = head.documentRanges?.[0]?.offset ?? 0;
  const parsed: ParsedDocument = {
    format: 'yaml',
    text,
    roots: [root],
    problems,
    documentRanges: [{ offset: documentStart, length: Math.max(0, documentEnd - documentStart) }],
    // Clean and without aliases (checked above): re-parsing may start from it.
    trusted: true,
  };
  return parsed;
}
