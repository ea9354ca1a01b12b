/**
 * Go to definition and find references, in one file.
 *
 * - A configuration's ConfigRuleName names a Config rule: in a template, the
 *   `AWS::Config::ConfigRule` resource whose ConfigRuleName property is that literal, or (written
 *   `!Ref Rule`) the resource `Rule` itself (Ref of a ConfigRule returns its name).
 * - A TargetId written `!Ref Doc`, `!GetAtt Doc.Name` or `!Sub ${Doc}` names the template's
 *   resource `Doc` (an `AWS::SSM::Document`: Ref returns the document's name); a literal TargetId
 *   names the `AWS::SSM::Document` whose literal `Name` it is.
 * - References of a rule name: every configuration's ConfigRuleName naming that rule (as the
 *   literal or through Ref), and the rule's definition (its ConfigRuleName literal, else its
 *   logical id).
 *
 * Each answer reads the configurations and the template's resources once.
 */
import {
  findNodeAtOffset,
  getProperty,
  literalString,
  refTarget,
  type AstNode,
  type ObjectNode,
  type ParsedDocument,
  type StringNode,
  type ValueNode,
} from '../model/ast';
import type { OffsetRange } from '../model/serviceTypes';
import { targetLogicalId } from '../model/templateRunbooks';
import {
  memberValue,
  siteWithMembers,
  type ConfigurationSite,
  type TemplateNames,
  type TemplateResource,
} from './sites';

const CONFIG_RULE_TYPE = 'AWS::Config::ConfigRule';
const SSM_DOCUMENT_TYPE = 'AWS::SSM::Document';

/** A way of naming a Config rule: the literal name, or Ref to the rule's logical id. */
interface RuleName {
  literal?: string;
  ref?: string;
  /** The node that says it: the string, or the Ref's string. */
  node: StringNode;
}

/** What the cursor is on. */
type Subject =
  | { kind: 'ruleName'; name: RuleName }
  /** The ConfigRuleName literal of a ConfigRule resource, or its logical id. */
  | { kind: 'rule'; logicalId: string }
  | { kind: 'targetId'; node: ValueNode };

/** How a value names a rule; undefined for other values (`!Sub`, lists). */
function ruleNameOf(node: ValueNode | undefined): RuleName | undefined {
  const literal = literalString(node);
  if (literal) return { literal: literal.value, node: literal };
  const ref = refTarget(node);
  if (ref === undefined || !node) return undefined;
  // Long form `{"Ref": "Rule"}`: the name's own string.
  const refNode =
    node.type === 'object' ? literalString(node.properties[0]?.valueNode) : (node as StringNode);
  return refNode ? { ref, node: refNode } : undefined;
}

function rootAt(parsed: ParsedDocument, offset: number): AstNode | undefined {
  for (const root of parsed.roots) {
    const node = findNodeAtOffset(root, offset);
    if (node) return node;
  }
  return undefined;
}

/** The rule or TargetId at an offset, if the offset is on one. */
function subjectAt(
  parsed: ParsedDocument,
  offset: number,
  sites: readonly ConfigurationSite[],
  names: TemplateNames,
): Subject | undefined {
  const node = rootAt(parsed, offset);
  if (!node) return undefined;
  const ruleProperties = new Map<ObjectNode, string>();
  for (const [logicalId, resource] of names.resources) {
    if (resource.type === CONFIG_RULE_TYPE && resource.properties) {
      ruleProperties.set(resource.properties, logicalId);
    }
    if (resource.type === CONFIG_RULE_TYPE && resource.key === node) {
      return { kind: 'rule', logicalId };
    }
  }
  for (let current: AstNode | undefined = node; current; current = current.parent) {
    if (current.type !== 'property') continue;
    const parent = current.parent;
    // On the key: not a name.
    const value = current.valueNode;
    if (!value || offset < value.offset || parent?.type !== 'object') return undefined;
    const key = current.keyNode.value;
    if (siteWithMembers(sites, parent)) {
      if (key === 'TargetId') return { kind: 'targetId', node: value };
      if (key !== 'ConfigRuleName') return undefined;
      const name = ruleNameOf(value);
      return name ? { kind: 'ruleName', name } : undefined;
    }
    const logicalId = ruleProperties.get(parent);
    if (logicalId !== undefined) {
      return key === 'ConfigRuleName' && literalString(value)
        ? { kind: 'rule', logicalId }
        : undefined;
    }
  }
  return undefined;
}

function rangeOf(node: AstNode): OffsetRange {
  return { offset: node.offset, length: node.length };
}

/** A resource, else a parameter, of that name (what Ref names). */
function refDefinition(names: TemplateNames, name: string): StringNode | undefined {
  return names.resources.get(name)?.key ?? names.parameters.get(name);
}

export function definitions(
  parsed: ParsedDocument,
  offset: number,
  sites: readonly ConfigurationSite[],
  names: TemplateNames,
): OffsetRange[] {
  const subject = subjectAt(parsed, offset, sites, names);
  if (!subject || subject.kind === 'rule') return [];
  if (subject.kind === 'ruleName') {
    const { literal, ref } = subject.name;
    if (ref !== undefined) {
      const found = refDefinition(names, ref);
      return found ? [rangeOf(found)] : [];
    }
    return resourcesOfType(names, CONFIG_RULE_TYPE)
      .filter((resource) => ruleLiteral(resource)?.value === literal)
      .map((resource) => rangeOf(resource.key));
  }
  const literal = literalString(subject.node);
  if (literal) {
    // A document of the template named by its literal Name.
    return resourcesOfType(names, SSM_DOCUMENT_TYPE)
      .filter(
        (resource) =>
          literalString(memberValue(resource.properties, 'Name'))?.value === literal.value,
      )
      .map((resource) => rangeOf(resource.key));
  }
  const logicalId = targetLogicalId(subject.node);
  if (logicalId === undefined) return [];
  const resource = names.resources.get(logicalId);
  if (resource) return [rangeOf(resource.key)];
  const parameter =
    refTarget(subject.node) === undefined ? undefined : names.parameters.get(logicalId);
  return parameter ? [rangeOf(parameter)] : [];
}

export function references(
  parsed: ParsedDocument,
  offset: number,
  sites: readonly ConfigurationSite[],
  names: TemplateNames,
  includeDeclaration: boolean,
): OffsetRange[] {
  const subject = subjectAt(parsed, offset, sites, names);
  if (!subject || subject.kind === 'targetId') return [];
  // The rule's names: literals and logical ids that name the same rule.
  const literals = new Set<string>();
  const ids = new Set<string>();
  if (subject.kind === 'rule') ids.add(subject.logicalId);
  else if (subject.name.ref !== undefined) ids.add(subject.name.ref);
  else if (subject.name.literal !== undefined) literals.add(subject.name.literal);
  const rules = resourcesOfType(names, CONFIG_RULE_TYPE);
  // Twice: a literal gives the rules of that name, a rule gives its literal (and its namesakes).
  for (let pass = 0; pass < 2; pass++) {
    for (const rule of rules) {
      const literal = ruleLiteral(rule)?.value;
      if (literal !== undefined && literals.has(literal)) ids.add(rule.key.value);
      if (literal !== undefined && ids.has(rule.key.value)) literals.add(literal);
    }
  }
  const found: OffsetRange[] = [];
  if (includeDeclaration) {
    for (const rule of rules) {
      if (!ids.has(rule.key.value)) continue;
      found.push(rangeOf(ruleLiteral(rule) ?? rule.key));
    }
  }
  for (const site of sites) {
    const name = ruleNameOf(memberValue(site.members, 'ConfigRuleName'));
    if (!name) continue;
    const named =
      (name.literal !== undefined && literals.has(name.literal)) ||
      (name.ref !== undefined && ids.has(name.ref));
    if (named) found.push(rangeOf(name.node));
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function resourcesOfType(names: TemplateNames, type: string): TemplateResource[] {
  return [...names.resources.values()].filter((resource) => resource.type === type);
}

/** A ConfigRule resource's literal ConfigRuleName. */
function ruleLiteral(resource: TemplateResource): StringNode | undefined {
  return literalString(getProperty(resource.properties, 'ConfigRuleName')?.valueNode);
}
