import type { ApiModel, PathSegment, ShapeLocation } from './apiModel';
import type { OuterTemplate } from './templateRunbooks';
import {
  findNodeAtOffset,
  type AstNode,
  type ParsedDocument,
  type PropertyNode,
  type ValueNode,
} from './ast';
import type { Problem } from './problem';
import type { Suppression } from './suppression';
import type { ContentDetector } from './recognition';
import type { OffsetMap } from './offsetMap';
import { requestEntry } from './layout';

/** What kind of file a document is: a PutRemediationConfigurations request, or a CloudFormation template. */
export type DocumentKind = 'request' | 'cloudformation';

/** A node where the API model applies: the request root, or one CloudFormation resource's Properties. */
export interface EntryPoint {
  node: ValueNode;
  location: ShapeLocation;
}

/** A node of the document together with the API shape it must satisfy. */
export interface ShapedNode {
  node: AstNode;
  location: ShapeLocation;
  /** The property whose value (or key, for map keys) this node is. */
  property?: PropertyNode;
}

/**
 * Finds where the model applies. Pluggable per document kind so that CloudFormation templates
 * reuse every rule: they only contribute different entry points.
 */
export interface KindAdapter {
  entries(parsed: ParsedDocument, model: ApiModel): EntryPoint[];
  /** True for a value the checks must skip (e.g. a CloudFormation intrinsic function). */
  isOpaque?(node: AstNode): boolean;
}

/** Maps a path from the document root to the API location (CloudFormation templates differ). */
export type ResolvePath = (
  path: readonly PathSegment[],
  model: ApiModel,
  parsed: ParsedDocument,
) => ShapeLocation | undefined;

/** A document kind's adapter plus how completion maps paths to the model. */
export interface KindSupport {
  adapter: KindAdapter & { resolvePath?: ResolvePath };
  /** Detects the kind from content (for files not named *.remediation.*). */
  detect?: ContentDetector;
  /** Rewrites the problems of a validation (e.g. to say a value came from a template parameter). */
  adjustProblems?(problems: Problem[], parsed: ParsedDocument): Problem[];
  /** Suppressions written in the document's content, not its comments (template Metadata). */
  suppressions?(parsed: ParsedDocument): Suppression[];
  /**
   * The documents written inside this one (conformance pack templates in a template's string or
   * object), each checked, completed and hovered as a document of its own kind.
   */
  embedded?(parsed: ParsedDocument): EmbeddedDocument[];
}

/**
 * A document written inside another one: its own parse (offsets in its own text), its kind and
 * support, and the map of its offsets to the outer document's (model/offsetMap.ts).
 */
export interface EmbeddedDocument {
  parsed: ParsedDocument;
  kind: DocumentKind;
  support: KindSupport;
  map: OffsetMap;
  /** The range of the outer document it is written in (the string or object). */
  range: { offset: number; length: number };
  /** What it is, for messages: `conformance pack template of resource "Pack"`. */
  label: string;
  /** The outer template and what it passes in (a conformance pack's input parameters). */
  outer?: OuterTemplate;
}

export const requestAdapter: KindAdapter = {
  entries(parsed, model) {
    const entries: EntryPoint[] = [];
    for (const root of parsed.roots) {
      if (root) entries.push(requestEntry(root, model));
    }
    return entries;
  },
};

/**
 * Pairs every node below the entry points with its shape, in document order. Nodes the model
 * does not know (unknown keys) are not included; the unknown-key rule finds those itself.
 */
export function collectShapedNodes(
  model: ApiModel,
  entries: readonly EntryPoint[],
  isOpaque: (node: AstNode) => boolean = () => false,
): ShapedNode[] {
  const result: ShapedNode[] = [];
  for (const entry of entries) {
    collectShaped(model, entry.node, entry.location, undefined, isOpaque, result);
  }
  return result;
}

/** One node and what is below it (a function of its own: no closure per walk). */
function collectShaped(
  model: ApiModel,
  node: AstNode,
  location: ShapeLocation,
  property: PropertyNode | undefined,
  isOpaque: (node: AstNode) => boolean,
  result: ShapedNode[],
): void {
  if (isOpaque(node)) return;
  result.push({ node, location, property });
  const shape = location.shape;
  if (node.type === 'object') {
    if (shape.type === 'structure') {
      const members = model.memberTable(location);
      // Indexed loops, not for-of: see RuleContext.shaped.
      const properties = node.properties;
      for (let i = 0; i < properties.length; i++) {
        const child = properties[i] as PropertyNode;
        const value = child.valueNode;
        if (!value) continue;
        const member = members.get(child.keyNode.value);
        if (member) collectShaped(model, value, member, child, isOpaque, result);
      }
    } else if (shape.type === 'map') {
      const keyLocation = model.mapKey(location);
      const valueLocation = model.mapValue(location);
      const properties = node.properties;
      for (let i = 0; i < properties.length; i++) {
        const child = properties[i] as PropertyNode;
        if (keyLocation)
          result.push({ node: child.keyNode, location: keyLocation, property: child });
        if (valueLocation && child.valueNode)
          collectShaped(model, child.valueNode, valueLocation, child, isOpaque, result);
      }
    }
  } else if (node.type === 'array' && shape.type === 'list') {
    const itemLocation = model.listItem(location);
    if (itemLocation) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        collectShaped(model, items[i] as ValueNode, itemLocation, undefined, isOpaque, result);
      }
    }
  }
}

/** Where an offset is, relative to the model: the node there, its path and the entry it is under. */
export interface OffsetLocation {
  node: AstNode;
  entry: EntryPoint;
  /** Segments from the entry node down to `node` (property names and list indexes). */
  path: PathSegment[];
}

export function locateOffset(
  entries: readonly EntryPoint[],
  offset: number,
): OffsetLocation | undefined {
  for (const entry of entries) {
    const node = findNodeAtOffset(entry.node, offset);
    if (!node) continue;
    return { node, entry, path: pathFromEntry(entry.node, node) };
  }
  return undefined;
}

/** Property names and list indexes from `ancestor` down to `node` (property and its value share a segment). */
export function pathFromEntry(ancestor: AstNode, node: AstNode): PathSegment[] {
  const path: PathSegment[] = [];
  let current: AstNode | undefined = node;
  while (current && current !== ancestor) {
    const parent: AstNode | undefined = current.parent;
    if (current.type === 'property') {
      path.unshift(current.keyNode.value);
    } else if (parent?.type === 'array') {
      path.unshift(parent.items.indexOf(current as ValueNode));
    }
    current = parent;
  }
  return path;
}
