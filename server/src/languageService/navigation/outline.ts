/**
 * The outline (document symbols, also the editor's breadcrumbs) and folding regions.
 *
 * Outline: one symbol per remediation configuration, named by its ConfigRuleName (a template's
 * resource without a literal one by its logical id, a request's item by its position), with its
 * members as children and the names of its Parameters below them. One pass over the
 * configurations.
 */
import type { AstNode, ObjectNode, ParsedDocument, ValueNode } from '../model/ast';
import type { FoldingRegion, OffsetRange, OutlineSymbol } from '../model/serviceTypes';
import { intrinsicName } from '../cloudformation/intrinsics';
import { literalString, memberValue, trimmedRange, type ConfigurationSite } from './sites';

const DETAIL_LENGTH = 80;

export function outlineSymbols(
  parsed: ParsedDocument,
  sites: readonly ConfigurationSite[],
): OutlineSymbol[] {
  const text = parsed.text;
  return sites.map((site) => contained(configurationSymbol(text, site)));
}

function within(inner: OffsetRange, outer: OffsetRange): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}

/**
 * Editors need a symbol's selection inside its range and its children inside it. A YAML alias or
 * merge key brings nodes written elsewhere (at their anchor): those children are left out.
 */
function contained(symbol: OutlineSymbol): OutlineSymbol {
  const selectionRange = within(symbol.selectionRange, symbol.range)
    ? symbol.selectionRange
    : { offset: symbol.range.offset, length: 0 };
  const children = symbol.children
    .filter((child) => within(child.range, symbol.range))
    .map(contained);
  return { ...symbol, selectionRange, children };
}

function configurationSymbol(text: string, site: ConfigurationSite): OutlineSymbol {
  const ruleName = literalString(memberValue(site.members, 'ConfigRuleName'));
  const logicalId = site.logicalId?.value;
  const name =
    ruleName && ruleName.value.trim() !== ''
      ? ruleName.value
      : (logicalId ?? `(configuration ${site.index + 1})`);
  const targetId = literalString(memberValue(site.members, 'TargetId'))?.value;
  const details = [
    ...(logicalId !== undefined && logicalId !== name ? [logicalId] : []),
    ...(targetId ? [targetId] : []),
  ];
  const range = trimmedRange(text, site.container);
  const selection: OffsetRange = ruleName
    ? { offset: ruleName.offset, length: ruleName.length }
    : site.logicalId
      ? { offset: site.logicalId.offset, length: site.logicalId.length }
      : { offset: range.offset, length: 0 };
  return {
    name,
    ...(details.length > 0 ? { detail: shorten(details.join(' · ')) } : {}),
    kind: 'configuration',
    range,
    selectionRange: selection,
    children: site.members ? memberSymbols(text, site.members) : [],
  };
}

function memberSymbols(text: string, members: ObjectNode): OutlineSymbol[] {
  return members.properties.map((property) => {
    const value = property.valueNode;
    const isParameters = property.keyNode.value === 'Parameters' && value?.type === 'object';
    const detail = isParameters ? undefined : summary(value);
    return {
      name: property.keyNode.value,
      ...(detail !== undefined ? { detail } : {}),
      kind: isParameters ? 'parameters' : 'member',
      range: trimmedRange(text, property),
      selectionRange: { offset: property.keyNode.offset, length: property.keyNode.length },
      children:
        isParameters && value.type === 'object'
          ? value.properties.map((parameter): OutlineSymbol => ({
              name: parameter.keyNode.value,
              ...detailOf(parameterSummary(parameter.valueNode)),
              kind: 'parameter',
              range: trimmedRange(text, parameter),
              selectionRange: {
                offset: parameter.keyNode.offset,
                length: parameter.keyNode.length,
              },
              children: [],
            }))
          : [],
    };
  });
}

function detailOf(detail: string | undefined): { detail?: string } {
  return detail === undefined ? {} : { detail };
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
  const line = text.replace(/\s+/g, ' ');
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
 */
export function foldingRegions(parsed: ParsedDocument): FoldingRegion[] | undefined {
  if (parsed.format !== 'yaml') return undefined;
  const text = parsed.text;
  const regions: FoldingRegion[] = [];
  const add = (node: AstNode, end: AstNode): void => {
    const range = trimmedRange(text, end);
    const to = range.offset + range.length;
    if (text.lastIndexOf('\n', to - 1) >= node.offset)
      regions.push({ offset: node.offset, end: to });
  };
  const roots = parsed.roots.filter((root): root is ValueNode => root !== undefined);
  const stack: AstNode[] = [];
  for (const root of roots) {
    if (roots.length > 1) add(root, root);
    stack.push(root);
  }
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (node.type === 'property') {
      if (node.valueNode) {
        add(node, node.valueNode);
        stack.push(node.valueNode);
      }
    } else if (node.type === 'object') {
      for (const property of node.properties) stack.push(property);
    } else if (node.type === 'array') {
      for (const item of node.items) {
        if (item.type === 'object' || item.type === 'array') add(item, item);
        stack.push(item);
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
