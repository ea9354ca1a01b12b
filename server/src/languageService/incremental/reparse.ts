/**
 * Incremental parsing: a request file is a list of independent configurations, so after an edit
 * inside one configuration only that configuration is parsed again, and the nodes after it move.
 *
 * The configuration is parsed in a window that also holds the next configuration, and the result
 * is accepted only when that next configuration comes out exactly as before: then the parser was
 * back in its normal state after the edited one, so a full parse would give the same nodes and
 * problems. Anything unusual (an edit across configurations or outside them, a syntax error that
 * reaches past the edited configuration, YAML anchors, several YAML documents, other kinds of
 * files) returns undefined and the caller parses the whole text. test/unit/incremental.test.ts
 * checks that the result equals a full parse after hundreds of random edits.
 *
 * The previous document is consumed: its nodes after the edit are moved in place (offsets are
 * absolute), so only the new document may be used afterwards.
 */
import {
  children,
  lastNodeAtOrBefore,
  sameTree,
  shiftTree,
  type AstNode,
  type ParsedDocument,
  type SyntaxProblem,
  type ValueNode,
} from '../model/ast';
import { blockLine, dashLine, requestList, type RequestList } from '../model/layout';
import { parseJson } from '../parser/jsonParser';
import { parseYaml } from '../parser/yamlParser';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';
import { lazyParsedDocument, type TextChange, type TextSource } from '../model/text';

/** A YAML anchor or alias (`&name`, `*name`): aliases reach across configurations. */
export const YAML_ANCHOR_OR_ALIAS = /(^|[\s,[{])[&*]/m;

/**
 * The document after `change`, parsed by re-parsing only the configuration the change is in, or
 * undefined when that is not possible (then parse the whole text).
 */
export function reparseDocument(
  previous: ParsedDocument,
  change: TextChange,
  source: TextSource,
): ParsedDocument | undefined {
  let result: ParsedDocument | Fallback;
  try {
    const skeleton = isTrusted(previous) ? requestList(previous) : undefined;
    if (!isTrusted(previous)) {
      result = fallback('previous parse has syntax errors, aliases or several documents');
    } else if (!skeleton) {
      result = fallback('not a single RemediationConfigurations list');
    } else {
      result =
        previous.format === 'yaml'
          ? reparseYaml(previous, skeleton, change, source)
          : reparseJson(previous, skeleton, change, source);
    }
  } catch {
    result = fallback('internal error');
  }
  if ('fallback' in result) {
    previous.reparseFallback = result.fallback;
    return undefined;
  }
  result.trusted = true;
  return result;
}

/** Why a re-parse gave up: recorded on the previous version (`reparseFallback`). */
interface Fallback {
  fallback: string;
}

function fallback(reason: string): Fallback {
  return { fallback: reason };
}

/**
 * Whether each configuration of the document reads the same whatever surrounds it: no syntax
 * errors, no YAML aliases, one document. Then equal text means equal nodes.
 */
export function isSelfContained(parsed: ParsedDocument): boolean {
  return (
    isTrusted(parsed) &&
    !parsed.problems.some((problem) => problem.ruleId === SYNTAX_RULE_IDS.syntax)
  );
}

/** Whether re-parsing may start from this parse (see reparseDocument). */
export function isTrusted(parsed: ParsedDocument): boolean {
  parsed.trusted ??=
    parsed.roots.length === 1 &&
    (parsed.documentRanges?.length ?? 1) === 1 &&
    parsed.problems.every((problem) => problem.ruleId === SYNTAX_RULE_IDS.duplicateKey) &&
    !(parsed.format === 'yaml' && YAML_ANCHOR_OR_ALIAS.test(parsed.text)) &&
    // Lone CR line ends: the line scans here split on LF only (the parser reads them as breaks).
    !(parsed.format === 'yaml' && /\r(?!\n)/.test(parsed.text));
  return parsed.trusted;
}

/**
 * Puts the re-parsed configuration (parsed in a window starting at `base`) in place of item
 * `index`, and moves what follows the old one (which ended at `oldItemEnd`) by `delta`.
 */
function spliceItem(
  { root, property, list }: RequestList,
  index: number,
  newItem: ValueNode,
  base: number,
  oldItemEnd: number,
  delta: number,
): void {
  shiftTree(newItem, base);
  newItem.parent = list;
  list.items[index] = newItem;
  for (let k = index + 1; k < list.items.length; k++) shiftTree(list.items[k] as ValueNode, delta);
  for (const other of root.properties) {
    if (other !== property && other.offset >= oldItemEnd) shiftTree(other, delta);
  }
}

/**
 * The syntax problems of the new version: the previous ones outside the re-parsed range [start,
 * end) (those after it moved by `delta`), plus the window's, moved to `base`.
 */
function replaceProblems(
  previous: readonly SyntaxProblem[],
  start: number,
  end: number,
  delta: number,
  fromWindow: readonly SyntaxProblem[],
  base: number,
): SyntaxProblem[] {
  const problems = previous
    .filter((problem) => problem.offset < start || problem.offset >= end)
    .map((problem) =>
      problem.offset >= end ? { ...problem, offset: problem.offset + delta } : problem,
    );
  for (const problem of fromWindow) problems.push({ ...problem, offset: problem.offset + base });
  return problems;
}

// ---------------------------------------------------------------- JSON

function reparseJson(
  previous: ParsedDocument,
  { root, property, list }: RequestList,
  change: TextChange,
  source: TextSource,
): ParsedDocument | Fallback {
  const delta = change.newEnd - change.oldEnd;
  const index = lastNodeAtOrBefore(list.items, change.start);
  const item = list.items[index];
  if (!item || item.type !== 'object') return fallback('edit not inside a configuration object');
  const itemEnd = item.offset + item.length;
  // Strictly inside the braces: the braces themselves, and all around them, stay.
  if (!(change.start > item.offset && change.oldEnd < itemEnd))
    return fallback('edit touches a configuration boundary');
  // The next configuration may start on the same line (minified JSON): a string or comment
  // left open in the edited configuration would read on into it, and then it does not come out
  // as before (below), so the whole text is parsed.
  const next = list.items[index + 1];

  const windowStart = item.offset;
  const windowEnd = (next ? next.offset + next.length : list.offset + list.length) + delta;
  const window = `[${source.slice(windowStart, windowEnd)}${next ? ']' : ''}`;
  const parsed = parseJson(window, previous.format === 'jsonc');
  const windowRoot = parsed.roots[0];
  if (windowRoot?.type !== 'array' || windowRoot.offset !== 0)
    return fallback('window: not one list');
  if (windowRoot.length !== window.length)
    return fallback('window: list does not end where it should');
  if (windowRoot.items.length !== (next ? 2 : 1))
    return fallback('window: edit adds or removes configurations');
  const newItem = windowRoot.items[0] as ValueNode;
  if (newItem.type !== 'object' || newItem.offset !== 1)
    return fallback('window: edited item is not an object');
  const newItemEnd = newItem.offset + newItem.length;
  const newProblems: SyntaxProblem[] = [];
  for (const problem of parsed.problems) {
    // After a syntax error the parser recovers by reading on: for the last configuration that
    // reading goes past the window (to the root's closing brace), so only a next configuration
    // that comes out as before shows the error stayed inside.
    if (!next && problem.ruleId === SYNTAX_RULE_IDS.syntax) {
      return fallback('window: syntax error in the last configuration');
    }
    const inside =
      problem.offset >= newItem.offset && problem.offset + problem.length <= newItemEnd;
    if (inside) newProblems.push(problem);
    else if (problem.ruleId !== SYNTAX_RULE_IDS.duplicateKey)
      return fallback('window: syntax error beyond the edited configuration');
  }
  const base = windowStart - 1;
  if (next && !sameTree(windowRoot.items[1] as ValueNode, base, next, delta))
    return fallback('window: next configuration changed');

  // Accepted: splice the new configuration in and move what follows.
  spliceItem({ root, property, list }, index, newItem, base, itemEnd, delta);
  list.length += delta;
  property.length += delta;
  root.length += delta;

  const problems = replaceProblems(
    previous.problems,
    item.offset,
    itemEnd,
    delta,
    newProblems,
    base,
  );

  return lazyParsedDocument({ format: previous.format, roots: [root], problems }, source);
}

// ---------------------------------------------------------------- YAML

function reparseYaml(
  previous: ParsedDocument,
  { root, property, list }: RequestList,
  change: TextChange,
  source: TextSource,
): ParsedDocument | Fallback {
  const delta = change.newEnd - change.oldEnd;
  const index = lastNodeAtOrBefore(list.items, change.start);
  const item = list.items[index];
  if (!item) return fallback('edit not inside a configuration');
  // Text before change.start is the same in both versions, text after oldEnd moved by delta.
  const dash = dashLine(source, item.offset);
  if (!dash || change.start <= dash.lineStart + dash.column)
    return fallback('edit touches the dash or indentation of a configuration');
  const regionStart = dash.lineStart;
  const column = dash.column;
  const next = list.items[index + 1];
  const afterNext = list.items[index + 2];
  let regionEnd = source.length; // end of the edited configuration's lines, new coordinates
  let windowEnd = source.length;
  if (next) {
    const nextDash = dashLine(source, next.offset + delta);
    if (!nextDash || nextDash.column !== column)
      return fallback('next configuration is not a block item at the same column');
    regionEnd = nextDash.lineStart;
    if (change.newEnd >= regionEnd) return fallback('edit reaches the next configuration');
    if (afterNext) {
      const afterDash = dashLine(source, afterNext.offset + delta);
      if (!afterDash || afterDash.column !== column)
        return fallback('configuration after next is not a block item at the same column');
      windowEnd = afterDash.lineStart;
    }
  }
  const window = source.slice(regionStart, windowEnd);
  if (
    YAML_ANCHOR_OR_ALIAS.test(window) ||
    /\r(?!\n)/.test(window) ||
    !linesStayInside(window, column)
  )
    return fallback('window: alias, anchor, tab or a line that could end the list');

  const parsed = parseYaml(window);
  const windowRoot = parsed.roots[0];
  if (parsed.roots.length !== 1 || windowRoot?.type !== 'array')
    return fallback('window: not one list');
  if (windowRoot.items.length !== (next ? 2 : 1))
    return fallback('window: edit adds or removes configurations');
  const regionLength = regionEnd - regionStart;
  const newProblems: SyntaxProblem[] = [];
  for (const problem of parsed.problems) {
    if (problem.offset + problem.length <= regionLength && problem.offset < regionLength) {
      if (problem.ruleId === SYNTAX_RULE_IDS.aliasLimit) return fallback('window: alias problem');
      newProblems.push(problem);
    } else if (problem.ruleId !== SYNTAX_RULE_IDS.duplicateKey) {
      return fallback('window: syntax error beyond the edited configuration');
    }
  }
  const newItem = windowRoot.items[0] as ValueNode;
  const base = regionStart;
  if (next && !sameTree(windowRoot.items[1] as ValueNode, base, next, delta))
    return fallback('window: next configuration changed');

  // Accepted.
  const oldItemEnd = item.offset + item.length;
  const oldRegionEnd = regionEnd - delta;
  spliceItem({ root, property, list }, index, newItem, base, oldItemEnd, delta);
  const newItemEnd = newItem.offset + newItem.length;
  const moveEnd = (node: AstNode): void => {
    const end = node.offset + node.length;
    const movedEnd = end === oldItemEnd ? newItemEnd : end >= change.oldEnd ? end + delta : end;
    node.length = movedEnd - node.offset;
  };
  moveEnd(list);
  moveEnd(property);
  moveEnd(root);

  const problems = replaceProblems(
    previous.problems,
    regionStart,
    oldRegionEnd,
    delta,
    newProblems,
    base,
  );

  let documentRanges = previous.documentRanges;
  const range = documentRanges?.[0];
  if (range) {
    const windowRange = parsed.documentRanges?.[0];
    const end = next
      ? range.offset + range.length + delta
      : windowRange
        ? base + windowRange.offset + windowRange.length
        : range.offset + range.length + delta;
    documentRanges = [{ offset: range.offset, length: Math.max(0, end - range.offset) }];
  }
  return lazyParsedDocument(
    { format: 'yaml', roots: [root], problems, ...(documentRanges ? { documentRanges } : {}) },
    source,
  );
}

/**
 * Every line of the window after the first is blank, a comment, or indented deeper than the
 * configurations' dashes (or is the next configuration's dash line): nothing can end the list.
 */
function linesStayInside(window: string, column: number): boolean {
  if (!window.startsWith(`${' '.repeat(column)}-`)) return false;
  let position = window.indexOf('\n');
  while (position !== -1 && position + 1 < window.length) {
    const lineStart = position + 1;
    const line = blockLine(window, lineStart);
    if (line.kind === 'tab') return false;
    const isItemDash = line.kind === 'dash' && line.indent === column;
    if (line.kind !== 'blank' && line.indent <= column && !isItemDash) return false;
    position = window.indexOf('\n', lineStart);
  }
  return true;
}

// ---------------------------------------------------------------- provisional

/**
 * While a document is broken in a way that reaches past the edited configuration (an opening
 * quote not yet closed: in YAML it reads on through the configurations after it), its exact
 * parse is a full one. Completion and hover need only the configuration being typed in, so they
 * read this instead: the text with every other configuration blanked out (same length, so the
 * same offsets), parsed. Its work is bounded by the edited configuration (blank text is skipped
 * quickly). `anchor` is the last parse whose configurations are known (a trusted one, not
 * consumed here); `change` is what changed since then, which must lie inside one configuration.
 * Undefined when that is not so. Never used for diagnostics: they come from the exact parse.
 */
export function provisionalDocument(
  anchor: ParsedDocument,
  change: TextChange,
  source: TextSource,
): ParsedDocument | undefined {
  try {
    if (!isTrusted(anchor)) return undefined;
    const skeleton = requestList(anchor);
    if (!skeleton) return undefined;
    const { list } = skeleton;
    const delta = change.newEnd - change.oldEnd;
    const index = lastNodeAtOrBefore(list.items, change.start);
    const item = list.items[index];
    const first = list.items[0];
    if (!item || !first) return undefined;
    const next = list.items[index + 1];
    let prefixEnd: number; // text kept before the blanks: the root up to the list's items
    let regionStart: number;
    let regionEnd: number; // new coordinates
    let suffixStart: number; // text kept after the blanks (new coordinates)
    if (anchor.format === 'yaml') {
      const dash = dashLine(source, item.offset);
      if (!dash || change.start <= dash.lineStart + dash.column) return undefined;
      regionStart = dash.lineStart;
      const firstDash = index === 0 ? dash : dashLine(source, first.offset);
      if (!firstDash) return undefined;
      prefixEnd = firstDash.lineStart;
      regionEnd = source.length;
      if (next) {
        const nextDash = dashLine(source, next.offset + delta);
        if (!nextDash || change.newEnd >= nextDash.lineStart) return undefined;
        regionEnd = nextDash.lineStart;
      }
      suffixStart = source.length;
    } else {
      const itemEnd = item.offset + item.length;
      if (item.type !== 'object' || !(change.start > item.offset && change.oldEnd < itemEnd))
        return undefined;
      prefixEnd = first.offset;
      regionStart = item.offset;
      regionEnd = itemEnd + delta;
      // The list's closing bracket and what follows it.
      suffixStart = list.offset + list.length - 1 + delta;
      if (suffixStart < regionEnd || source.slice(suffixStart, suffixStart + 1) !== ']')
        return undefined;
    }
    // The root up to the list's items, the edited configuration, the list's end: parsed, then
    // the configuration (and what follows it) moved to where it is in the document.
    const gap = regionStart - prefixEnd;
    const text =
      source.slice(0, prefixEnd) +
      source.slice(regionStart, regionEnd) +
      source.slice(suffixStart, source.length);
    const parsed =
      anchor.format === 'yaml' ? parseYaml(text) : parseJson(text, anchor.format === 'jsonc');
    const root = parsed.roots[0];
    if (parsed.roots.length !== 1 || !root) return undefined;
    const moveAfter = (node: AstNode): void => {
      if (node.offset >= prefixEnd) shiftTree(node, gap);
      else if (node.offset + node.length > prefixEnd) {
        node.length += gap;
        for (const child of children(node)) moveAfter(child);
      }
    };
    moveAfter(root);
    const problems = parsed.problems.map((problem) =>
      problem.offset >= prefixEnd ? { ...problem, offset: problem.offset + gap } : problem,
    );
    const documentRanges = parsed.documentRanges?.map((range) =>
      range.offset + range.length > prefixEnd ? { ...range, length: range.length + gap } : range,
    );
    return lazyParsedDocument(
      {
        format: anchor.format,
        roots: [root],
        problems,
        ...(documentRanges ? { documentRanges } : {}),
      },
      source,
    );
  } catch {
    return undefined;
  }
}
