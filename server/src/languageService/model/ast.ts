/**
 * The one node model shared by JSON and YAML. Every position is a character offset into the
 * document text (UTF-16 code units, as in JavaScript strings and LSP); line/column only exist at
 * the edges (LSP server, CLI).
 *
 * Nodes are not immutable: incremental re-parsing (incremental/reparse.ts, splitParse.ts) moves
 * the nodes after an edit in place with `shiftTree` (offsets only: keys, values and structure stay)
 * and gives the edited configuration new nodes. Caches keyed by node must therefore not keep
 * offsets, only what the node's content decides.
 */
import type { Configuration } from './layout';
import type { TextSource } from './text';

export type AstNode =
  ObjectNode | ArrayNode | PropertyNode | StringNode | NumberNode | BooleanNode | NullNode;

export type ValueNode = Exclude<AstNode, PropertyNode>;

interface BaseNode {
  /** Offset of the first character of the node (including quotes of a quoted string). */
  offset: number;
  length: number;
  parent: AstNode | undefined;
  /** A YAML tag written on the node, e.g. "!Ref" (CloudFormation short-form intrinsics). */
  tag?: string;
}

export interface ObjectNode extends BaseNode {
  type: 'object';
  properties: PropertyNode[];
}

export interface PropertyNode extends BaseNode {
  type: 'property';
  keyNode: StringNode;
  /** Undefined only while the user is typing (`"Key"` with no colon yet in JSON). */
  valueNode: ValueNode | undefined;
  colonOffset?: number;
}

export interface ArrayNode extends BaseNode {
  type: 'array';
  items: ValueNode[];
}

export interface StringNode extends BaseNode {
  type: 'string';
  value: string;
}

export interface NumberNode extends BaseNode {
  type: 'number';
  value: number;
  /** True when the source spells an integer (`5`, `0x10`), false for `5.0` or `1e3`. */
  isInteger: boolean;
}

export interface BooleanNode extends BaseNode {
  type: 'boolean';
  value: boolean;
}

export interface NullNode extends BaseNode {
  type: 'null';
}

export type DocumentFormat = 'json' | 'jsonc' | 'yaml';

/** A problem found while parsing, before any rule runs. */
export interface SyntaxProblem {
  ruleId: string;
  offset: number;
  length: number;
  message: string;
}

export interface ParsedDocument {
  readonly format: DocumentFormat;
  readonly text: string;
  /** One root per YAML document; JSON has exactly one. A root is undefined for an empty document. */
  readonly roots: (ValueNode | undefined)[];
  readonly problems: SyntaxProblem[];
  /** YAML only: where each document of the stream starts and ends (same order as roots). */
  readonly documentRanges?: { offset: number; length: number }[];

  // Facts found about this version after parsing. They are fields, not side tables, so that what
  // a parsed document carries is visible here; each is written by one module only (named).

  /**
   * The text in pieces, for a version made by re-parsing (model/text.ts `lazyParsedDocument`):
   * `text` is then built only when first read; `textSlice` reads parts without building it.
   */
  readonly source?: TextSource;
  /**
   * Whether re-parsing may start from this version (incremental/reparse.ts): no syntax errors
   * besides duplicate keys, one document, no YAML anchors or aliases. Computed on first use.
   */
  trusted?: boolean;
  /** Why the last re-parse from this version fell back to a full parse (incremental/reparse.ts). */
  reparseFallback?: string;
  /**
   * The configurations the last incremental validation of this version found
   * (incremental/validation.ts): a count without walking the document again.
   */
  configurations?: readonly Configuration[];
}

/** The value of a property of an object node, by exact key (the last one wins, like JSON.parse). */
export function getProperty(node: AstNode | undefined, key: string): PropertyNode | undefined {
  if (node?.type !== 'object') return undefined;
  let found: PropertyNode | undefined;
  // Indexed, not for-of: this runs cold on every configuration when a large file is opened.
  const properties = node.properties;
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i] as PropertyNode;
    if (property.keyNode.value === key) found = property;
  }
  return found;
}

/** The first property with a key (`getProperty` gives the last), without a closure per call. */
export function firstProperty(
  properties: readonly PropertyNode[],
  key: string,
): PropertyNode | undefined {
  for (let i = 0; i < properties.length; i++) {
    const property = properties[i] as PropertyNode;
    if (property.keyNode.value === key) return property;
  }
  return undefined;
}

export function getPropertyValue(node: AstNode | undefined, key: string): ValueNode | undefined {
  return getProperty(node, key)?.valueNode;
}

/**
 * A plain string as written: not a YAML tag (`!Ref x` is a string node with a tag), so a literal
 * that CloudFormation passes on unchanged.
 */
export function literalString(node: AstNode | undefined): StringNode | undefined {
  return node?.type === 'string' && !node.tag ? node : undefined;
}

/**
 * The name a CloudFormation `Ref` (either form: `!Ref X`, `{ "Ref": "X" }`) points to, or
 * undefined when the node is not a plain Ref. In the model, not in cloudformation/intrinsics.ts:
 * the model's template readers (templateConfigRules.ts) need it too, and cloudformation/ sits
 * above the model.
 */
export function refTarget(node: AstNode | undefined): string | undefined {
  if (!node || node.type === 'property') return undefined;
  if (node.tag === '!Ref') return node.type === 'string' ? node.value : undefined;
  if (node.tag) return undefined;
  if (node.type === 'object' && node.properties.length === 1) {
    const property = node.properties[0];
    if (property?.keyNode.value === 'Ref' && property.valueNode?.type === 'string') {
      return property.valueNode.value;
    }
  }
  return undefined;
}

/**
 * The index of the last node starting at or before `offset` in nodes sorted by offset (the items
 * of a list), or -1. Binary search: this runs per edit and per completion in large files.
 */
export function lastNodeAtOrBefore(nodes: readonly AstNode[], offset: number): number {
  let low = 0;
  let high = nodes.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((nodes[mid] as AstNode).offset <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

export function children(node: AstNode): AstNode[] {
  switch (node.type) {
    case 'object':
      return node.properties;
    case 'array':
      return node.items;
    case 'property':
      return node.valueNode ? [node.keyNode, node.valueNode] : [node.keyNode];
    default:
      return [];
  }
}

/** The innermost node containing the offset (an end offset counts as inside when `inclusiveEnd`). */
export function findNodeAtOffset(
  root: AstNode | undefined,
  offset: number,
  inclusiveEnd = true,
): AstNode | undefined {
  if (!root || !contains(root, offset, inclusiveEnd)) return undefined;
  let current: AstNode = root;
  for (;;) {
    const next: AstNode | undefined = children(current).find((child) =>
      contains(child, offset, inclusiveEnd),
    );
    if (!next) return current;
    current = next;
  }
}

/**
 * Whether `offset` is inside a scalar that starts before it (a string written over lines, the
 * text of a block scalar): no comment can start there. A binary search at each level (children
 * are in document order), so that asking once per comment stays linear in large documents.
 */
export function insideScalar(roots: readonly (AstNode | undefined)[], offset: number): boolean {
  for (const root of roots) {
    let node: AstNode | undefined = root && contains(root, offset, false) ? root : undefined;
    while (node) {
      if (node.type !== 'object' && node.type !== 'array' && node.type !== 'property') {
        return node.offset < offset;
      }
      const list = children(node);
      const index = lastNodeAtOrBefore(list, offset);
      const child: AstNode | undefined = index === -1 ? undefined : list[index];
      node = child && contains(child, offset, false) ? child : undefined;
    }
  }
  return false;
}

export function contains(node: AstNode, offset: number, inclusiveEnd = true): boolean {
  return (
    offset >= node.offset &&
    (offset < node.offset + node.length || (inclusiveEnd && offset === node.offset + node.length))
  );
}

/** Plain JavaScript value of a node, like JSON.parse would give. */
export function toValue(node: AstNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) {
        // defineProperty, not assignment: a "__proto__" key must stay a plain key.
        Object.defineProperty(result, property.keyNode.value, {
          value: toValue(property.valueNode),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    case 'array':
      return node.items.map(toValue);
    case 'property':
      return toValue(node.valueNode);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** Moves a node and everything below it by `delta` characters. */
export function shiftTree(node: AstNode, delta: number): void {
  if (delta === 0) return;
  const stack: AstNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as AstNode;
    current.offset += delta;
    if (current.type === 'property' && current.colonOffset !== undefined) {
      current.colonOffset += delta;
    }
    for (const child of children(current)) stack.push(child);
  }
}

/** Whether two subtrees are the same once moved by their deltas (type, place, keys, values). */
export function sameTree(a: AstNode, deltaA: number, b: AstNode, deltaB: number): boolean {
  if (a.type !== b.type || a.offset + deltaA !== b.offset + deltaB || a.length !== b.length) {
    return false;
  }
  if (a.tag !== b.tag) return false;
  switch (a.type) {
    case 'object': {
      const other = b as ObjectNode;
      if (a.properties.length !== other.properties.length) return false;
      return a.properties.every((p, i) =>
        sameTree(p, deltaA, other.properties[i] as PropertyNode, deltaB),
      );
    }
    case 'array': {
      const other = b as ArrayNode;
      if (a.items.length !== other.items.length) return false;
      return a.items.every((item, i) =>
        sameTree(item, deltaA, other.items[i] as ValueNode, deltaB),
      );
    }
    case 'property': {
      const other = b as PropertyNode;
      const colonA = a.colonOffset === undefined ? undefined : a.colonOffset + deltaA;
      const colonB = other.colonOffset === undefined ? undefined : other.colonOffset + deltaB;
      if (colonA !== colonB || !sameTree(a.keyNode, deltaA, other.keyNode, deltaB)) return false;
      if (!a.valueNode || !other.valueNode) return a.valueNode === other.valueNode;
      return sameTree(a.valueNode, deltaA, other.valueNode, deltaB);
    }
    case 'number':
      return (
        (a.value === (b as typeof a).value ||
          (Number.isNaN(a.value) && Number.isNaN((b as typeof a).value))) &&
        a.isInteger === (b as typeof a).isInteger
      );
    case 'string':
    case 'boolean':
      return a.value === (b as typeof a).value;
    default:
      return true;
  }
}
