/**
 * The outline (document symbols, also the editor's breadcrumbs) and folding regions.
 *
 * Outline: one symbol per remediation configuration, named by its ConfigRuleName (a template's
 * resource without a literal one by its logical id, a request's item by its position), with its
 * members as children and the names of its Parameters below them. One pass over the
 * configurations.
 */
import {
  literalString,
  type AstNode,
  type ObjectNode,
  type ParsedDocument,
  type ValueNode,
} from '../model/ast';
import type { FoldingRegion, OffsetRange, OutlineKind, OutlineSymbol } from '../model/serviceTypes';
import { intrinsicName } from '../cloudformation/intrinsics';
import { memberValue, trimmedRange, type ConfigurationSite } from './sites';

const DETAIL_LENGTH = 80;

/**
 * The outline of the configurations, at most `limit` symbols, level by level: every
 * configuration first, then the members of the configurations in document order (all of a
 * configuration's or none) until one does not fit, then their parameters the same way. Built
 * level by level, so a large file's outline costs what it shows: a 5,000-configuration file has
 * about 52,000 symbols, and editors ask for the outline after every edit (VS Code's breadcrumbs).
 */
export function outlineSymbols(
  parsed: ParsedDocument,
  sites: readonly ConfigurationSite[],
  limit = Number.POSITIVE_INFINITY,
): OutlineSymbol[] {
  const text = parsed.text;
  const shown = sites.length > limit ? sites.slice(0, Math.max(0, limit)) : sites;
  const symbols = shown.map((site) => configurationSymbol(text, site));
  let budget = limit - symbols.length;
  const withMembers: Array<{ symbol: OutlineSymbol; members: ObjectNode }> = [];
  for (const [index, site] of shown.entries()) {
    const members = site.members;
    if (!members || members.properties.length === 0) continue;
    if (members.properties.length > budget) break;
    budget -= members.properties.length;
    const symbol = symbols[index] as OutlineSymbol;
    symbol.children = inside(memberSymbols(text, members), symbol.range);
    withMembers.push({ symbol, members });
  }
  for (const { symbol, members } of withMembers) {
    const parameters = members.properties.find(
      (property) =>
        property.keyNode.value === 'Parameters' && property.valueNode?.type === 'object',
    );
    const value = parameters?.valueNode;
    if (value?.type !== 'object' || value.properties.length === 0) continue;
    if (value.properties.length > budget) break;
    budget -= value.properties.length;
    const parent = symbol.children.find((child) => child.kind === 'parameters');
    if (parent) parent.children = inside(parameterSymbols(text, value), parent.range);
  }
  return symbols;
}

function within(inner: OffsetRange, outer: OffsetRange): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

/**
 * A symbol, as editors need it: its selection inside its range, its children inside it. A YAML
 * alias or merge key brings nodes written elsewhere (at their anchor): those children are left
 * out. One shape for every symbol (`detail` may be undefined): the outline of a large file
 * allocates little.
 */
function symbol(
  name: string,
  detail: string | undefined,
  kind: OutlineKind,
  range: OffsetRange,
  selectionRange: OffsetRange,
  children: OutlineSymbol[],
): OutlineSymbol {
  return {
    name,
    detail,
    kind,
    range,
    selectionRange: within(selectionRange, range)
      ? selectionRange
      : { offset: range.offset, length: 0 },
    children: inside(children, range),
  };
}

/** The symbols within a range (see `symbol`). */
function inside(children: OutlineSymbol[], range: OffsetRange): OutlineSymbol[] {
  return children.every((child) => within(child.range, range))
    ? children
    : children.filter((child) => within(child.range, range));
}

function nodeRange(node: AstNode): OffsetRange {
  return { offset: node.offset, length: node.length };
}

function configurationSymbol(text: string, site: ConfigurationSite): OutlineSymbol {
  const ruleName = literalString(memberValue(site.members, 'ConfigRuleName'));
  const logicalId = site.logicalId?.value;
  const name =
    ruleName && ruleName.value.trim() !== ''
      ? ruleName.value
      : (logicalId ?? `(configuration ${site.index + 1})`);
  const targetId = literalString(memberValue(site.members, 'TargetId'))?.value;
  const shownId = logicalId !== undefined && logicalId !== name ? logicalId : undefined;
  const detail =
    shownId && targetId ? `${shownId} · ${targetId}` : (shownId ?? (targetId || undefined));
  const range = trimmedRange(text, site.container);
  const selection: OffsetRange = ruleName
    ? nodeRange(ruleName)
    : site.logicalId
      ? nodeRange(site.logicalId)
      : { offset: range.offset, length: 0 };
  return symbol(
    name,
    detail === undefined ? undefined : shorten(detail),
    'configuration',
    range,
    selection,
    [],
  );
}

function memberSymbols(text: string, members: ObjectNode): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  for (const property of members.properties) {
    const value = property.valueNode;
    const range = trimmedRange(text, property);
    const key = nodeRange(property.keyNode);
    if (property.keyNode.value === 'Parameters' && value?.type === 'object') {
      // Its parameters come in the next level (outlineSymbols).
      symbols.push(symbol('Parameters', undefined, 'parameters', range, key, []));
    } else {
      symbols.push(symbol(property.keyNode.value, summary(value), 'member', range, key, []));
    }
  }
  return symbols;
}

function parameterSymbols(text: string, parameters: ObjectNode): OutlineSymbol[] {
  return parameters.properties.map((parameter) =>
    symbol(
      parameter.keyNode.value,
      parameterSummary(parameter.valueNode),
      'parameter',
      trimmedRange(text, parameter),
      nodeRange(parameter.keyNode),
      [],
    ),
  );
}

/** A scalar value in a few words (an intrinsic as `Ref Name`); undefined for collections. */
function summary(node: ValueNode | undefined): string | undefined {
  if (!node) return undefined;
  const intrinsic = intrinsicName(node);
  if (intrinsic !== undefined) {
    const inner = node.type === 'object' && !node.tag ? node.properties[0]?.valueNode : node;
    const scalar =
      inner && inner.type !== 'object' && inner.type !== 'array' ? scalarText(inner) : '…';
    return shorten(`${intrinsic} ${scalar}`);
  }
  if (node.type === 'object' || node.type === 'array') return undefined;
  return shorten(scalarText(node));
}

function scalarText(node: Exclude<ValueNode, { type: 'object' | 'array' }>): string {
  return node.type === 'null' ? 'null' : String(node.value);
}

/** `StaticValue: a, b` or `ResourceValue: RESOURCE_ID`. */
function parameterSummary(node: ValueNode | undefined): string | undefined {
  if (node?.type !== 'object') return undefined;
  const first = node.properties[0];
  if (!first) return undefined;
  const key = first.keyNode.value;
  const inner = first.valueNode;
  if (inner?.type !== 'object') return key;
  const value = inner.properties[0]?.valueNode;
  if (value?.type === 'array') {
    const items = value.items.map((item) => summary(item) ?? '…');
    return shorten(`${key}: ${items.join(', ')}`);
  }
  const text = summary(value);
  return text === undefined ? key : shorten(`${key}: ${text}`);
}

function shorten(text: string): string {
  const line = /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, ' ') : text;
  return line.length > DETAIL_LENGTH ? `${line.slice(0, DETAIL_LENGTH - 1)}…` : line;
}

/**
 * Folding regions, for YAML only.
 *
 * JSON: VS Code's built-in JSON support already folds every object and list, so every
 * configuration and every Parameters block of a JSON file folds without us; regions of ours would
 * only repeat them (VS Code merges the providers' regions, keeping one per start line: at best a
 * duplicate, at worst a different end line than in every other JSON file) and count against the
 * editor's limit of regions per file. So none are returned for JSON (the server answers null).
 *
 * YAML: VS Code has no YAML folding of its own; it folds by indentation only while no provider
 * answers. Once we answer for a file, our regions are all it folds, so they must cover what
 * indentation folding did, not only the configurations: every multi-line mapping, list item and
 * value of the document (each configuration and Parameters block among them) and
 * `# region` / `# endregion` markers, the way the YAML language server (Red Hat's extension) folds,
 * so that with it installed both give the same regions. One pass over the nodes and one over the
 * text.
 *
 * `lineLimit`: the editor keeps at most this many regions, one per start line, the first ones
 * (convert.ts `toFoldingRanges`, VS Code's 5,000): the walk, in document order, stops at the
 * first node region on a line past that many lines of node regions, which leaves the editor's
 * answer as it was (a file of 10,000 configurations has about 87,000 regions).
 */
export function foldingRegions(
  parsed: ParsedDocument,
  lineLimit = Number.POSITIVE_INFINITY,
): FoldingRegion[] | undefined {
  if (parsed.format !== 'yaml') return undefined;
  const text = parsed.text;
  const regions: FoldingRegion[] = [];
  let lines = 0;
  let lastStart = -1;
  /** Adds the region of `node` to the end of `end`, if it spans lines; false past the limit. */
  const add = (node: AstNode, end: AstNode): boolean => {
    const range = trimmedRange(text, end);
    const to = range.offset + range.length;
    if (text.lastIndexOf('\n', to - 1) < node.offset) return true;
    // A new line (at least: the editor also ends lines at a lone "\r") among the start lines.
    if (lastStart === -1 || text.lastIndexOf('\n', node.offset - 1) >= lastStart) {
      if (lines >= lineLimit) return false;
      lines++;
    }
    lastStart = node.offset;
    regions.push({ offset: node.offset, end: to });
    return true;
  };
  const roots = parsed.roots.filter((root): root is ValueNode => root !== undefined);
  // In document order, a node before what it holds, so that the regions come sorted by offset
  // (the sort below only merges the markers in). Beside each node: whether it folds as itself
  // (a root of several documents, a mapping or list item of a list).
  const stack: AstNode[] = [];
  const foldsWhole: boolean[] = [];
  for (let i = roots.length - 1; i >= 0; i--) {
    stack.push(roots[i] as ValueNode);
    foldsWhole.push(roots.length > 1);
  }
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (foldsWhole.pop() === true && !add(node, node)) break;
    if (node.type === 'property') {
      if (node.valueNode) {
        if (!add(node, node.valueNode)) break;
        stack.push(node.valueNode);
        foldsWhole.push(false);
      }
    } else if (node.type === 'object') {
      for (let i = node.properties.length - 1; i >= 0; i--) {
        stack.push(node.properties[i] as AstNode);
        foldsWhole.push(false);
      }
    } else if (node.type === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i] as ValueNode;
        stack.push(item);
        foldsWhole.push(item.type === 'object' || item.type === 'array');
      }
    }
  }
  regions.push(...markerRegions(text));
  return regions.sort((a, b) => a.offset - b.offset || b.end - a.end);
}

/** `# region` … `# endregion` comment pairs (VS Code's folding markers for YAML). */
function markerRegions(text: string): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  if (!text.includes('region')) return regions;
  const open: number[] = [];
  const marker = /^[ \t]*#[ \t]*(end)?region\b/gm;
  for (let match = marker.exec(text); match; match = marker.exec(text)) {
    if (match[1] === undefined) {
      open.push(match.index);
    } else {
      const start = open.pop();
      if (start !== undefined) regions.push({ offset: start, end: match.index, kind: 'region' });
    }
  }
  return regions;
}

/**
 * A built outline cut to at most `limit` symbols the way `outlineSymbols` builds one (for a
 * template's own configurations and those of its embedded conformance packs together).
 */
export function limitSymbols(symbols: readonly OutlineSymbol[], limit: number): OutlineSymbol[] {
  if (countSymbols(symbols) <= limit) return [...symbols];
  const top = symbols.slice(0, Math.max(0, limit)).map(withoutChildren);
  let budget = limit - top.length;
  // Breadth first: the copies of one level, paired with the originals whose children come next.
  let level: Array<{ copy: OutlineSymbol; original: OutlineSymbol }> = top.map((copy, index) => ({
    copy,
    original: symbols[index] as OutlineSymbol,
  }));
  while (level.length > 0 && budget > 0) {
    const next: typeof level = [];
    for (const { copy, original } of level) {
      const children = original.children;
      if (children.length === 0) continue;
      // The first that does not fit ends this level: the symbols before it keep theirs.
      if (children.length > budget) break;
      budget -= children.length;
      copy.children = children.map(withoutChildren);
      children.forEach((child, index) =>
        next.push({ copy: copy.children[index] as OutlineSymbol, original: child }),
      );
    }
    level = next;
  }
  return top;
}

function withoutChildren(symbol: OutlineSymbol): OutlineSymbol {
  return { ...symbol, children: [] };
}

function countSymbols(symbols: readonly OutlineSymbol[]): number {
  let count = symbols.length;
  for (const symbol of symbols) count += countSymbols(symbol.children);
  return count;
}
