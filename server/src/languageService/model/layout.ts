/**
 * The request layout: the one place that knows where the configurations of a document are.
 *
 * - A PutRemediationConfigurations request holds them in its `RemediationConfigurations` list
 *   (as JSON, or as a YAML block list whose items start with a dash line).
 * - The list form of a request is that list alone, as a file's root (what
 *   `aws configservice put-remediation-configurations --remediation-configurations file://x.json`
 *   reads): every item is a configuration.
 * - A CloudFormation template holds one per `AWS::Config::RemediationConfiguration` resource, in
 *   its Properties.
 * - A conformance pack template can be written inside a template (`embeddedTemplates`): the
 *   `TemplateBody` of a conformance pack resource, the `Content` of an SSM ConformancePackTemplate
 *   document; cloudformation/embedded.ts reads it as a template of its own.
 *
 * The full path (entry points → configurations, for every feature) and the incremental path
 * (re-parse one configuration, parse large YAML item by item, read completion's text window, reuse
 * findings per configuration) read the layout here, so that both find the same configurations.
 */
import {
  getProperty,
  getPropertyValue,
  type ArrayNode,
  type AstNode,
  type ObjectNode,
  type ParsedDocument,
  type PropertyNode,
  type ValueNode,
} from './ast';
import {
  CONFIGURATION_SHAPE,
  type ApiModel,
  type PathSegment,
  type ShapeLocation,
} from './apiModel';
import type { EntryPoint } from './document';

/** The request's key of the configurations list. */
export const CONFIGURATIONS_KEY = 'RemediationConfigurations';

/** The resource type of a remediation configuration in a CloudFormation template. */
export const REMEDIATION_RESOURCE_TYPE = 'AWS::Config::RemediationConfiguration';

/** One remediation configuration object of the document. */
export interface Configuration {
  node: ObjectNode;
  /** Position in the file (0-based), across documents: the order in which they would be sent. */
  index: number;
}

// ---------------------------------------------------------------- requests

/** The `RemediationConfigurations` property of a request root (the last one, like JSON.parse). */
export function configurationsProperty(root: AstNode | undefined): PropertyNode | undefined {
  return getProperty(root, CONFIGURATIONS_KEY);
}

/** A request whose configurations the incremental path can address one by one. */
export interface RequestList {
  root: ObjectNode;
  property: PropertyNode;
  list: ArrayNode;
}

/**
 * The request's list when the document is plain: one document, an object root with the key once,
 * and a list with at least one item. Undefined otherwise (then the whole document is read).
 */
export function requestList(parsed: ParsedDocument): RequestList | undefined {
  if (parsed.roots.length !== 1) return undefined;
  const root = parsed.roots[0];
  if (root?.type !== 'object') return undefined;
  const properties = root.properties.filter((p) => p.keyNode.value === CONFIGURATIONS_KEY);
  const property = properties[0];
  if (properties.length !== 1 || !property) return undefined;
  const list = property.valueNode;
  if (list?.type !== 'array' || list.items.length === 0) return undefined;
  return { root, property, list };
}

/** Where the API model applies to the `RemediationConfigurations` list (the list form's root). */
export function configurationsLocation(model: ApiModel): ShapeLocation | undefined {
  return model.member(model.rootLocation(), CONFIGURATIONS_KEY);
}

/**
 * The entry point of a request document's root: the request object, or in the list form the
 * configurations list itself (any list root of a request file: its items are configurations).
 */
export function requestEntry(root: ValueNode, model: ApiModel): EntryPoint {
  if (root.type === 'array') {
    const location = configurationsLocation(model);
    if (location) return { node: root, location };
  }
  return { node: root, location: model.rootLocation() };
}

/**
 * A root that is a list of configurations, the list form: every item an object, and at least one
 * with both ConfigRuleName and TargetId (so that other lists of objects are not taken for one).
 */
export function isConfigurationList(root: AstNode | undefined): root is ArrayNode {
  if (root?.type !== 'array' || root.items.length === 0) return false;
  let configurationLike = false;
  for (const item of root.items) {
    if (item.type !== 'object') return false;
    configurationLike ||=
      getProperty(item, 'ConfigRuleName') !== undefined &&
      getProperty(item, 'TargetId') !== undefined;
  }
  return configurationLike;
}

/** The cheap text test before parsing for `isConfigurationList`. */
export function mayBeConfigurationList(text: string): boolean {
  return text.includes('ConfigRuleName') && text.includes('TargetId');
}

/** A root that makes a file a request by its content: the request object, or the list form. */
export function isRequestContent(root: AstNode | undefined): boolean {
  return (
    (root?.type === 'object' && configurationsProperty(root) !== undefined) ||
    isConfigurationList(root)
  );
}

/**
 * A path from a request's root (as completion reads it from the text) as a path from the request
 * object: in the list form it starts at an item's index, below `RemediationConfigurations`, or
 * is empty at a new item of the root list (a request object's root has keys, never items).
 */
export function requestPath(
  path: readonly PathSegment[],
  position?: 'key' | 'value' | 'item',
): readonly PathSegment[] {
  if (typeof path[0] === 'number') return [CONFIGURATIONS_KEY, ...path];
  return path.length === 0 && position === 'item' ? [CONFIGURATIONS_KEY] : path;
}

/** The configuration objects below the entry points, in document order. */
export function findConfigurations(entries: readonly EntryPoint[]): Configuration[] {
  const configurations: Configuration[] = [];
  for (const entry of entries) {
    if (entry.location.shapeName === CONFIGURATION_SHAPE) {
      if (entry.node.type === 'object') {
        configurations.push({ node: entry.node, index: configurations.length });
      }
      continue;
    }
    // The list form: the entry is the list itself.
    const list =
      entry.location.shape.type === 'list'
        ? entry.node
        : configurationsProperty(entry.node)?.valueNode;
    if (list?.type !== 'array') continue;
    for (const item of list.items) {
      if (item.type === 'object') configurations.push({ node: item, index: configurations.length });
    }
  }
  return configurations;
}

// ---------------------------------------------------------------- YAML block lists, as text

/** The list's key line at column 0, with nothing after the colon but a comment. */
export const ROOT_LIST_KEY_LINE = new RegExp(`^${CONFIGURATIONS_KEY}[ \\t]*:[ \\t]*(#.*)?\\r?$`);

/** A line holding the list's key (plain or quoted) and nothing else. */
export const LIST_KEY_ONLY_LINE = new RegExp(
  `^\\s*("${CONFIGURATIONS_KEY}"|'${CONFIGURATIONS_KEY}'|${CONFIGURATIONS_KEY})\\s*:\\s*$`,
);

/** Where a block list item's dash is: `  - ` before the item's first key. */
export interface DashLine {
  /** Column of the dash. */
  column: number;
  /** Offset of the start of the dash's line. */
  lineStart: number;
  /** Column of the item's first key (after the dash and its spaces). */
  keyColumn: number;
}

/** The dash line of a block list item starting at `itemOffset`, or undefined if it has none. */
export function dashLine(
  text: { slice(start: number, end: number): string },
  itemOffset: number,
): DashLine | undefined {
  const before = text.slice(Math.max(0, itemOffset - 256), itemOffset);
  const match = /\n( *)-( +)$/.exec(before);
  if (!match) return undefined;
  const column = (match[1] ?? '').length;
  const keyColumn = column + 1 + (match[2] ?? '').length;
  return { column, lineStart: itemOffset - keyColumn, keyColumn };
}

/**
 * How a line of a YAML block list reads: its indentation (spaces) and what follows it. A tab
 * there, or a line left of the items' dashes, may end the list, so the callers give up on those.
 */
export interface BlockLine {
  indent: number;
  /** `blank`: empty or a comment; `dash`: an item's dash line; `content`: anything else. */
  kind: 'blank' | 'tab' | 'dash' | 'content';
}

export function blockLine(text: string, lineStart: number): BlockLine {
  let indent = 0;
  while (text.charCodeAt(lineStart + indent) === 32) indent++;
  const first = text[lineStart + indent];
  if (first === '\t') return { indent, kind: 'tab' };
  if (first === undefined || first === '\n' || first === '\r' || first === '#') {
    return { indent, kind: 'blank' };
  }
  const next = text[lineStart + indent + 1];
  const isDash =
    first === '-' && (next === undefined || next === ' ' || next === '\r' || next === '\n');
  return { indent, kind: isDash ? 'dash' : 'content' };
}

// ---------------------------------------------------------------- CloudFormation templates

/** One `AWS::Config::RemediationConfiguration` resource of a template. */
export interface RemediationResource {
  logicalId: string;
  /** The `Resources.<logicalId>` property. */
  resource: PropertyNode;
  /** The `Properties` property of the resource, if written. */
  properties: PropertyNode | undefined;
}

/** The template's root mapping (CloudFormation reads a single document). */
export function templateRoot(roots: readonly (ValueNode | undefined)[]): ObjectNode | undefined {
  const root = roots[0];
  return root?.type === 'object' ? root : undefined;
}

/**
 * The remediation resources of a template, in document order. A logical id written twice is one
 * resource, the last (CloudFormation, like JSON.parse, keeps the last; the duplicate key is
 * reported as such, RC002): the dropped copy is not also a configuration of its own.
 */
export function remediationResources(root: ObjectNode | undefined): RemediationResource[] {
  const resources = getPropertyValue(root, 'Resources');
  if (resources?.type !== 'object') return [];
  const found: RemediationResource[] = [];
  const last = new Map<string, PropertyNode>();
  for (const resource of resources.properties) last.set(resource.keyNode.value, resource);
  for (const resource of resources.properties) {
    if (last.get(resource.keyNode.value) !== resource) continue;
    const body = resource.valueNode;
    if (body?.type !== 'object') continue;
    const type = getPropertyValue(body, 'Type');
    if (type?.type !== 'string' || type.value !== REMEDIATION_RESOURCE_TYPE) continue;
    const properties = body.properties.filter((p) => p.keyNode.value === 'Properties').at(-1);
    found.push({ logicalId: resource.keyNode.value, resource, properties });
  }
  return found;
}

// ---------------------------------------------------------------- embedded conformance packs

/** Resource types whose `TemplateBody` is a conformance pack template. */
export const CONFORMANCE_PACK_RESOURCE_TYPES: readonly string[] = [
  'AWS::Config::ConformancePack',
  'AWS::Config::OrganizationConformancePack',
];

/** An SSM document of this `DocumentType` holds a conformance pack template in its `Content`. */
export const CONFORMANCE_PACK_DOCUMENT_TYPE = 'ConformancePackTemplate';

/**
 * A conformance pack template written inside a template: the `TemplateBody` of a conformance
 * pack resource, or the `Content` of an SSM document of type ConformancePackTemplate. `node` is
 * the property's value as written: a string, an object (SSM Content), or an intrinsic such as
 * `!Sub` around the string (cloudformation/embedded.ts reads it).
 */
export interface EmbeddedTemplate {
  logicalId: string;
  resourceType: string;
  /** `TemplateBody` or `Content`. */
  property: PropertyNode;
  node: ValueNode;
}

/** The embedded conformance pack templates of a template, in document order. */
export function embeddedTemplates(root: ObjectNode | undefined): EmbeddedTemplate[] {
  const resources = getPropertyValue(root, 'Resources');
  if (resources?.type !== 'object') return [];
  const found: EmbeddedTemplate[] = [];
  for (const resource of resources.properties) {
    const body = resource.valueNode;
    if (body?.type !== 'object') continue;
    const type = getPropertyValue(body, 'Type');
    if (type?.type !== 'string') continue;
    const properties = getPropertyValue(body, 'Properties');
    let property: PropertyNode | undefined;
    if (CONFORMANCE_PACK_RESOURCE_TYPES.includes(type.value)) {
      property = getProperty(properties, 'TemplateBody');
    } else if (type.value === 'AWS::SSM::Document') {
      const documentType = getPropertyValue(properties, 'DocumentType');
      if (
        documentType?.type !== 'string' ||
        documentType.value !== CONFORMANCE_PACK_DOCUMENT_TYPE
      ) {
        continue;
      }
      property = getProperty(properties, 'Content');
    }
    if (!property?.valueNode) continue;
    found.push({
      logicalId: resource.keyNode.value,
      resourceType: type.value,
      property,
      node: property.valueNode,
    });
  }
  return found;
}
