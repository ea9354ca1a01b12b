/**
 * The "checked view" of a remediation resource's Properties: a copy of the nodes in which
 * CloudFormation's differences from the API are already applied, so that every rule of the
 * request model runs unchanged and reports no false error:
 *
 * - `!Ref P` (or `{"Ref": "P"}`) to a template parameter with a Default becomes that Default,
 *   placed on the Ref (a problem with it is shown on the Ref, see `Resolution`);
 * - any other intrinsic function becomes its long form (`!Sub x` → `{"Fn::Sub": x}`), which
 *   the adapter marks opaque: no rule looks inside, and `toValue` shows what it is;
 * - scalars are converted the way CloudFormation converts them for a typed property
 *   (`TargetVersion: 1` is the string "1", `Automatic: "true"` the boolean true);
 * - `Parameters` written as a JSON string (CloudFormation allows it) is parsed, with every node
 *   placed on the string.
 *
 * Every node keeps the offsets of the text it came from; parents are the view's own nodes.
 */
import type { ApiModel, ShapeLocation } from '../model/apiModel';
import type {
  ArrayNode,
  AstNode,
  ObjectNode,
  PropertyNode,
  StringNode,
  ValueNode,
} from '../model/ast';
import { children, refTarget } from '../model/ast';
import { parseJson } from '../parser/jsonParser';
import { SHORT_FORM_TAGS, intrinsicName, isIntrinsic } from './intrinsics';
import { isListParameterType, type TemplateParameter } from './template';

/** A value of the view that came from a template parameter's Default through a Ref. */
export interface Resolution {
  /** The range of the Ref in the document. */
  offset: number;
  length: number;
  parameter: string;
}

export interface ViewContext {
  model: ApiModel;
  text: string;
  parameters: ReadonlyMap<string, TemplateParameter>;
  resolutions: Resolution[];
  /** Nodes of the view that stand for an intrinsic function the checks must skip. */
  opaque: WeakSet<AstNode>;
}

type Range = { offset: number; length: number };

function rangeOf(node: AstNode, placeAt: Range | undefined): Range {
  return placeAt ?? { offset: node.offset, length: node.length };
}

/**
 * The view of `node`, which must satisfy `location` (undefined where the model does not know the
 * key: the copy is then plain, and the unknown-member rule reports the key).
 */
export function viewOf(
  node: ValueNode,
  location: ShapeLocation | undefined,
  parent: AstNode | undefined,
  context: ViewContext,
  placeAt?: Range,
): ValueNode {
  if (isIntrinsic(node)) {
    const resolved = location ? resolveRef(node, location, parent, context, placeAt) : undefined;
    if (resolved) return resolved;
    const opaque = longForm(node, parent, context.text, placeAt);
    collapseInside(opaque);
    context.opaque.add(opaque);
    return opaque;
  }
  const range = rangeOf(node, placeAt);
  const shape = location?.shape;
  switch (node.type) {
    case 'object': {
      if (shape?.type !== 'structure' && shape?.type !== 'map') {
        return plainCopy(node, parent, context.text, placeAt);
      }
      const copy: ObjectNode = { type: 'object', ...range, parent, properties: [] };
      for (const property of node.properties) {
        const childLocation =
          shape.type === 'map'
            ? context.model.mapValue(location as ShapeLocation)
            : context.model.member(location as ShapeLocation, property.keyNode.value);
        copy.properties.push(
          copyProperty(property, copy, placeAt, (value, owner) =>
            viewOf(value, childLocation, owner, context, placeAt),
          ),
        );
      }
      return copy;
    }
    case 'array': {
      if (shape?.type !== 'list') return plainCopy(node, parent, context.text, placeAt);
      const itemLocation = context.model.listItem(location as ShapeLocation);
      const copy: ArrayNode = { type: 'array', ...range, parent, items: [] };
      for (const item of node.items) {
        copy.items.push(viewOf(item, itemLocation, copy, context, placeAt));
      }
      return copy;
    }
    case 'string':
      if (shape?.type === 'map' && !placeAt) {
        const parsed = parseJsonParameters(node, location as ShapeLocation, parent, context);
        if (parsed) return parsed;
      }
      return coerceScalar(node, location, parent, range, context.text, placeAt !== undefined);
    case 'number':
    case 'boolean':
      return coerceScalar(node, location, parent, range, context.text, placeAt !== undefined);
    default:
      return { type: 'null', ...range, parent };
  }
}

/**
 * A scalar as CloudFormation passes it to a property of the given type: strings that spell an
 * integer or a boolean become one, numbers and booleans become strings where a string is expected.
 * Anything else is left as it is (the type rule then reports a real mistake).
 */
function coerceScalar(
  node: StringNodeLike,
  location: ShapeLocation | undefined,
  parent: AstNode | undefined,
  range: Range,
  text: string,
  synthetic: boolean,
): ValueNode {
  const type = location?.shape.type;
  if (node.type === 'string') {
    if ((type === 'integer' || type === 'long') && /^\s*[-+]?\d+\s*$/.test(node.value)) {
      return { type: 'number', ...range, parent, value: Number(node.value), isInteger: true };
    }
    if (type === 'boolean' && /^(true|false)$/i.test(node.value.trim())) {
      return {
        type: 'boolean',
        ...range,
        parent,
        value: node.value.trim().toLowerCase() === 'true',
      };
    }
    return { type: 'string', ...range, parent, value: node.value };
  }
  if (type === 'string') {
    const spelled =
      node.type === 'number' && !synthetic ? text.substr(node.offset, node.length).trim() : '';
    const value = /^[-+]?[\d.eE+-]+$/.test(spelled) ? spelled : String(node.value);
    return { type: 'string', ...range, parent, value };
  }
  return node.type === 'number'
    ? { type: 'number', ...range, parent, value: node.value, isInteger: node.isInteger }
    : { type: 'boolean', ...range, parent, value: node.value };
}

type StringNodeLike = Extract<ValueNode, { type: 'string' | 'number' | 'boolean' }>;

/**
 * `!Ref P` where P is a template parameter with a usable Default: the Default, as the property
 * would receive it, placed on the Ref. Undefined when it cannot be resolved (the Ref stays opaque).
 */
function resolveRef(
  node: ValueNode,
  location: ShapeLocation,
  parent: AstNode | undefined,
  context: ViewContext,
  placeAt: Range | undefined,
): ValueNode | undefined {
  const name = refTarget(node);
  if (name === undefined) return undefined;
  const parameter = context.parameters.get(name);
  const defaultNode = parameter?.defaultNode;
  if (!parameter || !defaultNode) return undefined;
  // An SSM parameter type's Default is the name of the SSM parameter, not the value.
  if (parameter.type?.startsWith('AWS::SSM::Parameter::')) return undefined;
  if (defaultNode.type !== 'string' && defaultNode.type !== 'number') {
    if (defaultNode.type !== 'boolean') return undefined;
  }
  const range = rangeOf(node, placeAt);
  const defaultText =
    defaultNode.type === 'number'
      ? context.text.substr(defaultNode.offset, defaultNode.length).trim()
      : String(defaultNode.value);
  const shapeType = location.shape.type;
  let value: ValueNode;
  if (isListParameterType(parameter.type)) {
    if (shapeType !== 'list') return undefined;
    const itemLocation = context.model.listItem(location);
    const list: ArrayNode = { type: 'array', ...range, parent, items: [] };
    // CloudFormation splits a CommaDelimitedList on commas and trims each member.
    for (const member of defaultText.split(',')) {
      const item: StringNode = { type: 'string', ...range, parent: list, value: member.trim() };
      list.items.push(coerceScalar(item, itemLocation, list, range, context.text, true));
    }
    value = list;
  } else {
    if (shapeType === 'list' || shapeType === 'structure' || shapeType === 'map') return undefined;
    // A parameter's value is always a string to CloudFormation; the property's type decides.
    const asString: StringNode = { type: 'string', ...range, parent, value: defaultText };
    value = coerceScalar(asString, location, parent, range, context.text, true);
  }
  context.resolutions.push({ offset: range.offset, length: range.length, parameter: name });
  return value;
}

/** `Parameters: '{"AutomationAssumeRole": ...}'`: checked as the object it encodes. */
function parseJsonParameters(
  node: StringNode,
  location: ShapeLocation,
  parent: AstNode | undefined,
  context: ViewContext,
): ValueNode | undefined {
  if (node.tag) return undefined;
  const parsed = parseJson(node.value, false);
  const root = parsed.roots[0];
  if (parsed.problems.length > 0 || root?.type !== 'object') {
    // Not JSON: CloudFormation rejects it, but our messages would speak of the wrong thing.
    const opaque = plainCopy(node, parent, context.text, undefined);
    context.opaque.add(opaque);
    return opaque;
  }
  return viewOf(root, location, parent, context, { offset: node.offset, length: node.length });
}

function copyProperty(
  property: PropertyNode,
  owner: ObjectNode,
  placeAt: Range | undefined,
  copyValue: (value: ValueNode, owner: PropertyNode) => ValueNode,
): PropertyNode {
  const copy = {
    type: 'property',
    ...rangeOf(property, placeAt),
    parent: owner,
    ...(property.colonOffset !== undefined && !placeAt
      ? { colonOffset: property.colonOffset }
      : {}),
  } as PropertyNode;
  copy.keyNode = {
    type: 'string',
    ...rangeOf(property.keyNode, placeAt),
    parent: copy,
    value: property.keyNode.value,
  };
  copy.valueNode = property.valueNode ? copyValue(property.valueNode, copy) : undefined;
  return copy;
}

/** A copy with no model applied; short-form intrinsics inside become long form. */
function plainCopy(
  node: ValueNode,
  parent: AstNode | undefined,
  text: string,
  placeAt: Range | undefined,
): ValueNode {
  if (node.tag) return longForm(node, parent, text, placeAt);
  const range = rangeOf(node, placeAt);
  switch (node.type) {
    case 'object': {
      const copy: ObjectNode = { type: 'object', ...range, parent, properties: [] };
      for (const property of node.properties) {
        copy.properties.push(
          copyProperty(property, copy, placeAt, (value, owner) =>
            plainCopy(value, owner, text, placeAt),
          ),
        );
      }
      return copy;
    }
    case 'array': {
      const copy: ArrayNode = { type: 'array', ...range, parent, items: [] };
      for (const item of node.items) copy.items.push(plainCopy(item, copy, text, placeAt));
      return copy;
    }
    case 'string':
      return { type: 'string', ...range, parent, value: node.value };
    case 'number':
      return { type: 'number', ...range, parent, value: node.value, isInteger: node.isInteger };
    case 'boolean':
      return { type: 'boolean', ...range, parent, value: node.value };
    default:
      return { type: 'null', ...range, parent };
  }
}

/**
 * An intrinsic function as its long form. `!Sub x` becomes `{"Fn::Sub": x}` with the key on the
 * tag; a long-form object is copied as it is.
 */
function longForm(
  node: ValueNode,
  parent: AstNode | undefined,
  text: string,
  placeAt: Range | undefined,
): ValueNode {
  const tag = node.tag;
  if (!tag) return plainCopy(node, parent, text, placeAt);
  const range = rangeOf(node, placeAt);
  const name = SHORT_FORM_TAGS[tag] ?? intrinsicName(node) ?? tag;
  const object: ObjectNode = { type: 'object', ...range, parent, properties: [] };
  const property = { type: 'property', ...range, parent: object } as PropertyNode;
  const tagAtStart = !placeAt && text.startsWith(tag, node.offset);
  property.keyNode = {
    type: 'string',
    offset: range.offset,
    length: tagAtStart ? tag.length : range.length,
    parent: property,
    value: name,
  };
  const inner: ValueNode = { ...node, tag: undefined };
  delete inner.tag;
  if (tagAtStart) {
    // The value starts after the tag and its whitespace.
    let start = node.offset + tag.length;
    while (start < node.offset + node.length && /\s/.test(text[start] ?? '')) start++;
    inner.offset = start;
    inner.length = node.offset + node.length - start;
  }
  property.valueNode = plainCopy(inner, property, text, placeAt);
  object.properties.push(property);
  return object;
}

/**
 * Moves everything inside an opaque intrinsic to its end, with no length: no rule looks inside,
 * and a hover anywhere on `!Sub ...` or `{"Fn::Sub": ...}` then finds the intrinsic itself, so
 * it shows the documentation of the member it is the value of.
 */
function collapseInside(node: AstNode): void {
  const end = node.offset + node.length;
  const visit = (child: AstNode): void => {
    child.offset = end;
    child.length = 0;
    if (child.type === 'property') delete child.colonOffset;
    for (const grandchild of children(child)) visit(grandchild);
  };
  for (const child of children(node)) visit(child);
}
