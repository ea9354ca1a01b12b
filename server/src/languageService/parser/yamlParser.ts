import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import type {
  AstNode,
  ArrayNode,
  ObjectNode,
  ParsedDocument,
  PropertyNode,
  StringNode,
  SyntaxProblem,
  ValueNode,
} from '../model/ast';
import { reportDuplicateKeys } from './duplicateKeys';
import { parseYamlFast } from './yamlFast';
import { nestingMessage, parseYamlStream } from './nesting';
import { SYNTAX_RULE_IDS } from './syntaxRuleIds';

/**
 * How many nodes alias expansion may produce in one document. A "billion laughs" file expands
 * exponentially; past this cap we stop expanding and report, so the server never hangs.
 */
export const MAX_ALIAS_EXPANSION_NODES = 10_000;

const MERGE_KEY = '<<';

interface ConversionState {
  doc: Document.Parsed;
  text: string;
  problems: SyntaxProblem[];
  aliasNodes: number;
  aliasLimitReported: boolean;
  /** Aliases being expanded, to stop recursive anchors. */
  expanding: Set<YamlNode>;
  /** Per mapping, the properties that came in through a `<<` merge key: an explicit key overrides them. */
  merged: WeakMap<ObjectNode, Map<string, PropertyNode>>;
  /** Whether `merged` holds anything (a `<<` merge key was seen). */
  anyMerged: boolean;
  /** What each alias refers to, found in one pass on first use (the yaml package's resolve() rescans the document per alias). */
  aliasTargets?: Map<YamlNode, YamlNode | undefined>;
}

/**
 * Parses YAML (all documents of the stream) into the shared node model. Never throws. Every
 * document is converted; the validator decides what to do with the second and later ones.
 *
 * The common block-YAML subset goes through the fast path (`yamlFast.ts`), which gives the same
 * document several times faster; anything else, or anything the fast path is unsure of, goes
 * through the yaml package (`parseYamlFull`).
 */
export function parseYaml(text: string): ParsedDocument {
  return parseYamlFast(text) ?? parseYamlFull(text);
}

/** `parseYaml` through the yaml package, always (the fast path's reference, in tests). */
export function parseYamlFull(text: string): ParsedDocument {
  const problems: SyntaxProblem[] = [];
  const roots: (ValueNode | undefined)[] = [];
  const documentRanges: { offset: number; length: number }[] = [];
  let documents: Document.Parsed[] = [];
  try {
    // YAML allows a lone CR as a line break; the yaml package does not (it would read the CR into
    // values). A CR becomes an LF, one character for one: every offset stays the same.
    const source = LONE_CR.test(text) ? text.replace(LONE_CR_GLOBAL, '\n') : text;
    const stream = parseYamlStream(source, {
      uniqueKeys: false,
      prettyErrors: false,
      strict: false,
    });
    documents = stream.documents;
    if (stream.tooDeepAt !== undefined) {
      problems.push({
        ruleId: SYNTAX_RULE_IDS.nestingTooDeep,
        offset: stream.tooDeepAt,
        length: Math.min(1, text.length - stream.tooDeepAt),
        message: nestingMessage(),
      });
    }
  } catch (error) {
    problems.push({
      ruleId: SYNTAX_RULE_IDS.syntax,
      offset: 0,
      length: 0,
      message: `The document could not be parsed: ${(error as Error).message}`,
    });
  }
  let lines: number[] | undefined;
  for (const doc of documents) {
    if (doc.errors.length > 0) {
      lines ??= lineStarts(text);
      for (const fault of yamlFaults(text, lines, doc.errors)) problems.push(fault);
    }
    const state: ConversionState = {
      doc,
      text,
      problems,
      aliasNodes: 0,
      aliasLimitReported: false,
      expanding: new Set(),
      merged: new WeakMap(),
      anyMerged: false,
    };
    let root: ValueNode | undefined;
    try {
      root = doc.contents
        ? convert(doc.contents as YamlNode, undefined, state, undefined)
        : undefined;
    } catch (error) {
      problems.push({
        ruleId: SYNTAX_RULE_IDS.syntax,
        offset: doc.range[0],
        length: 0,
        message: `The document could not be read: ${(error as Error).message}`,
      });
    }
    if (root) reportDuplicateKeys(root, problems);
    roots.push(root);
    documentRanges.push({ offset: doc.range[0], length: Math.max(0, doc.range[2] - doc.range[0]) });
  }
  if (roots.length === 0) roots.push(undefined);
  return { format: 'yaml', text, roots, problems, documentRanges };
}

/**
 * One syntax problem per fault. The yaml package reports on after an error, and what it reports
 * then follows from the first: a tab in the indentation makes the rest of the line, and the lines
 * after it, an implicit key that spans lines ("Nested mappings are not allowed in compact
 * mappings", "Implicit keys need to be on a single line", on each following line). An error that
 * starts on a line an earlier error of the cascade covers is a consequence and is left out. An
 * error on a line indented with a tab is that tab, and says so.
 */
function yamlFaults(
  text: string,
  lines: readonly number[],
  errors: readonly { pos: [number, number]; message: string; code?: string }[],
): SyntaxProblem[] {
  const faults: SyntaxProblem[] = [];
  /** The last line the open cascade covers (-1: none open). */
  let coveredLine = -1;
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const error of sorted) {
    // The yaml package may place an error one past the end (e.g. an unclosed flow collection).
    const start = Math.min(Math.max(0, error.pos[0]), text.length);
    const end = Math.min(Math.max(start, error.pos[1]), text.length);
    const startLine = lineOf(lines, start);
    const endLine = lineOf(lines, end > start ? end - 1 : end);
    if (startLine <= coveredLine) {
      coveredLine = Math.max(coveredLine, endLine);
      continue;
    }
    coveredLine = endLine;
    const tab = indentationTab(text, lines[startLine] ?? 0);
    const aboutIndentation =
      error.code === 'TAB_AS_INDENT' || error.code === 'BAD_INDENT' || start <= (tab ?? -1);
    if (tab !== undefined && aboutIndentation) {
      faults.push({ ruleId: SYNTAX_RULE_IDS.syntax, offset: tab, length: 1, message: TAB_MESSAGE });
      continue;
    }
    const at = offendingToken(text, start, end);
    faults.push({
      ruleId: SYNTAX_RULE_IDS.syntax,
      offset: at.offset,
      length: at.length,
      message: cleanYamlMessage(error.message),
    });
  }
  return faults;
}

const TAB_MESSAGE =
  'Tab used for indentation (YAML allows only spaces). Indent this line with spaces.';

/** The offset of the first tab in the indentation of the line starting at `lineStart`, if any. */
function indentationTab(text: string, lineStart: number): number | undefined {
  for (let i = lineStart; i < text.length; i++) {
    const char = text[i];
    if (char === '\t') return i;
    if (char !== ' ') return undefined;
  }
  return undefined;
}

/** The offsets at which lines start (a CR, LF or CRLF ends a line). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) starts.push(i + 1);
    else if (char === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The index of the line holding `offset`. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A CR not followed by an LF. */
const LONE_CR = /\r(?!\n)/;
const LONE_CR_GLOBAL = /\r(?!\n)/g;

/**
 * Where to show a syntax error. The yaml package places some errors ("All mapping items must
 * start at the same column") on the line break before the offending line; when its range holds
 * nothing but line breaks and spaces, the error moves to the next token, past blank and comment
 * lines (the first word of it: `TargetId` of `TargetId: x`).
 */
function offendingToken(
  text: string,
  start: number,
  end: number,
): { offset: number; length: number } {
  const range = text.slice(start, end);
  if (!/^[ \r\n]*$/.test(range) || !/[\r\n]/.test(range)) {
    return { offset: start, length: end - start };
  }
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') i++;
    else if (char === '#' && (i === 0 || /[ \t\r\n]/.test(text[i - 1] ?? ''))) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else break;
  }
  if (i >= text.length) return { offset: start, length: end - start };
  let tokenEnd = i;
  while (tokenEnd < text.length && !/[\s]/.test(text[tokenEnd] ?? '')) {
    if (text[tokenEnd] === ':' && tokenEnd > i && /[\s]|^$/.test(text[tokenEnd + 1] ?? '')) break;
    tokenEnd++;
  }
  return { offset: i, length: Math.max(1, tokenEnd - i) };
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends " at line L, column C" and a code frame; the editor shows positions.
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '').trim() || 'YAML syntax error.';
}

/** Start and end of a yaml node's value, as rangeOf gives them, without an object per node. */
function startAndEnd(node: YamlNode): [number, number] {
  const range = node.range;
  if (!range) return [0, 0];
  return [range[0], range[0] + Math.max(0, range[1] - range[0])];
}

/** `range` of a node of the yaml package: [start, valueEnd, nodeEnd]. */
function rangeOf(node: YamlNode): { offset: number; length: number } {
  const range = node.range;
  if (!range) return { offset: 0, length: 0 };
  return { offset: range[0], length: Math.max(0, range[1] - range[0]) };
}

/**
 * A tagged node's range, extended to start at its tag: the yaml package's range starts after the
 * tag, but `!Ref Name` (a CloudFormation short-form intrinsic) is one value to the user, and a
 * problem or hover on it should cover the tag too.
 */
function withTag(
  range: { offset: number; length: number },
  tag: string | undefined,
  text: string,
): { offset: number; length: number } {
  if (!tag || range.offset === 0) return range;
  let start = range.offset;
  while (start > 0 && /\s/.test(text[start - 1] ?? '')) start--;
  if (text.slice(Math.max(0, start - tag.length), start) !== tag) return range;
  start -= tag.length;
  return { offset: start, length: range.offset + range.length - start };
}

/**
 * Converts one yaml node. `placeAt` is set while expanding an alias: every node produced then
 * takes the alias's range, so a problem inside aliased content is shown on the alias.
 */
function convert(
  node: YamlNode,
  parent: AstNode | undefined,
  state: ConversionState,
  placeAt: { offset: number; length: number } | undefined,
): ValueNode {
  if (placeAt) state.aliasNodes++;
  const tag =
    typeof node.tag === 'string' && !node.tag.startsWith('tag:yaml.org') ? node.tag : undefined;
  const where = placeAt ?? (tag ? withTag(rangeOf(node), tag, state.text) : undefined);
  // Without a tag or an alias (nearly every node), the range is read directly: no objects are
  // made for it, which counts at thousands of configurations.
  const range = node.range;
  const offset = where ? where.offset : range ? range[0] : 0;
  const length = where ? where.length : range ? Math.max(0, range[1] - range[0]) : 0;

  if (isAlias(node)) return convertAlias(node, parent, state, placeAt);
  if (state.aliasNodes > MAX_ALIAS_EXPANSION_NODES)
    return tagged({ offset, length, parent, type: 'null' }, tag);

  if (isMap(node)) {
    const objectNode: ObjectNode = tagged(
      { offset, length, parent, type: 'object', properties: [] },
      tag,
    );
    for (const pair of node.items) addPair(objectNode, pair as Pair, state, placeAt);
    return objectNode;
  }
  if (isSeq(node)) {
    const arrayNode: ArrayNode = tagged({ offset, length, parent, type: 'array', items: [] }, tag);
    for (const item of node.items) {
      if (item && typeof item === 'object' && 'range' in item) {
        arrayNode.items.push(convert(item as YamlNode, arrayNode, state, placeAt));
      } else {
        arrayNode.items.push(tagged({ offset, length, parent: arrayNode, type: 'null' }, tag));
      }
    }
    return arrayNode;
  }
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined)
      return tagged({ offset, length, parent, type: 'null' }, tag);
    if (typeof value === 'boolean')
      return tagged({ offset, length, parent, type: 'boolean', value }, tag);
    if (typeof value === 'number' || typeof value === 'bigint') {
      const source = typeof node.source === 'string' ? node.source : String(value);
      const numeric = Number(value);
      const isHexOrOctal = /^[-+]?0[xo]/i.test(source);
      const isInteger = Number.isInteger(numeric) && (isHexOrOctal || !/[.eEn]/.test(source));
      return tagged({ offset, length, parent, type: 'number', value: numeric, isInteger }, tag);
    }
    return tagged({ offset, length, parent, type: 'string', value: String(value) }, tag);
  }
  return tagged({ offset, length, parent, type: 'null' }, tag);
}

/** The node, with the YAML tag written on it (only then has it a `tag` member). */
function tagged<T extends ValueNode>(node: T, tag: string | undefined): T {
  if (tag) node.tag = tag;
  return node;
}

function convertAlias(
  node: YamlNode,
  parent: AstNode | undefined,
  state: ConversionState,
  placeAt: { offset: number; length: number } | undefined,
): ValueNode {
  const where = placeAt ?? rangeOf(node);
  const base = { offset: where.offset, length: where.length, parent };
  if (!isAlias(node)) return { ...base, type: 'null' };
  if (state.aliasNodes > MAX_ALIAS_EXPANSION_NODES && state.aliasLimitReported) {
    return { ...base, type: 'null' };
  }
  state.aliasTargets ??= findAliasTargets(state.doc);
  const target = state.aliasTargets.get(node);
  if (!target) return { ...base, type: 'null' }; // the yaml package reports unknown anchors
  if (state.expanding.has(target) || state.aliasNodes > MAX_ALIAS_EXPANSION_NODES) {
    if (!state.aliasLimitReported) {
      state.aliasLimitReported = true;
      state.problems.push({
        ruleId: SYNTAX_RULE_IDS.aliasLimit,
        offset: where.offset,
        length: where.length,
        message: state.expanding.has(target)
          ? `Alias *${node.source} refers to itself; it cannot be expanded.`
          : `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION_NODES} nodes; expansion stopped here. Remove the nested aliases (an "alias bomb" would make the file unreadable for the AWS CLI too).`,
      });
    }
    return { ...base, type: 'null' };
  }
  state.expanding.add(target);
  try {
    return convert(target, parent, state, where);
  } finally {
    state.expanding.delete(target);
  }
}

function addPair(
  objectNode: ObjectNode,
  pair: Pair,
  state: ConversionState,
  placeAt: { offset: number; length: number } | undefined,
): void {
  if (!isPair(pair)) return;
  const keyYaml = pair.key as YamlNode | null;
  const valueYaml = pair.value as YamlNode | null;

  if (isScalar(keyYaml) && keyYaml.value === MERGE_KEY && valueYaml) {
    addMergedProperties(objectNode, valueYaml, state, placeAt);
    return;
  }

  // Key and value ranges as numbers (-1: absent), not objects: this runs for every pair.
  let keyStart = -1;
  let keyEnd = -1;
  let valueStart = -1;
  let valueEnd = -1;
  if (placeAt) {
    keyStart = valueStart = placeAt.offset;
    keyEnd = valueEnd = placeAt.offset + placeAt.length;
  } else {
    if (keyYaml) [keyStart, keyEnd] = startAndEnd(keyYaml);
    if (valueYaml) [valueStart, valueEnd] = startAndEnd(valueYaml);
  }
  const hasKey = placeAt !== undefined || Boolean(keyYaml);
  const hasValue = placeAt !== undefined || Boolean(valueYaml);
  const offset = hasKey ? keyStart : hasValue ? valueStart : objectNode.offset;
  const end = hasValue ? valueEnd : hasKey ? keyEnd : offset;
  const property = {
    type: 'property',
    offset,
    length: Math.max(0, end - offset),
    parent: objectNode,
  } as PropertyNode;
  const keyNode: StringNode = {
    type: 'string',
    offset: hasKey ? keyStart : offset,
    length: hasKey ? keyEnd - keyStart : 0,
    parent: property,
    value: keyText(keyYaml),
  };
  property.keyNode = keyNode;
  property.valueNode = valueYaml ? convert(valueYaml, property, state, placeAt) : undefined;
  if (!property.valueNode && hasKey) {
    // `Key:` with nothing after it: a null value at the end of the key.
    property.valueNode = { type: 'null', offset: end, length: 0, parent: property };
  }
  // Merge keys are rare: most documents never look at the merged-properties map.
  const mergedHere = state.anyMerged ? state.merged.get(objectNode) : undefined;
  const overridden = mergedHere?.get(keyNode.value);
  if (mergedHere && overridden) {
    mergedHere.delete(keyNode.value);
    objectNode.properties.splice(objectNode.properties.indexOf(overridden), 1);
  }
  objectNode.properties.push(property);
}

/**
 * The node each alias of a document refers to: the last node with that anchor before the alias,
 * in document order (as the yaml package resolves it). One pass, so a file with thousands of
 * aliases stays linear.
 */
function findAliasTargets(doc: Document.Parsed): Map<YamlNode, YamlNode | undefined> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<YamlNode, YamlNode | undefined>();
  try {
    visit(doc, {
      Node(_key, node) {
        if (isAlias(node)) targets.set(node, anchors.get(node.source));
        else if (typeof node.anchor === 'string') anchors.set(node.anchor, node);
      },
    });
  } catch {
    // An unresolvable document: every alias stays unresolved (null).
  }
  return targets;
}

function keyText(key: YamlNode | null): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return key.toString();
}

/** `<<: *base` or `<<: [*a, *b]`: copy the merged mappings' keys that the mapping lacks. */
function addMergedProperties(
  objectNode: ObjectNode,
  value: YamlNode,
  state: ConversionState,
  placeAt: { offset: number; length: number } | undefined,
): void {
  const sources = isSeq(value) ? (value.items as YamlNode[]) : [value];
  const present = new Set(objectNode.properties.map((p) => p.keyNode.value));
  for (const source of sources) {
    const merged = convert(source, objectNode, state, placeAt ?? rangeOf(source));
    if (merged.type !== 'object') continue;
    let mergedHere = state.merged.get(objectNode);
    if (!mergedHere) {
      mergedHere = new Map();
      state.merged.set(objectNode, mergedHere);
      state.anyMerged = true;
    }
    for (const property of merged.properties) {
      if (present.has(property.keyNode.value)) continue;
      present.add(property.keyNode.value);
      property.parent = objectNode;
      mergedHere.set(property.keyNode.value, property);
      objectNode.properties.push(property);
    }
  }
}
