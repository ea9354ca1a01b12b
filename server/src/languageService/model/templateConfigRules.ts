/**
 * Config rules defined in the same CloudFormation template (`AWS::Config::ConfigRule` resources),
 * and the order CloudFormation creates a template's resources in: what RC211 and RC212 read about
 * the rule a remediation resource is for.
 *
 * CloudFormation creates a resource after the resources it depends on: those named in its
 * `DependsOn` (a string or a list) and those its Properties reference with `Ref`, `Fn::GetAtt` or
 * `Fn::Sub` (`${X}`, `${X.Attr}`), transitively. It infers nothing from a literal string, so a
 * remediation whose ConfigRuleName is the rule's name written out may be created first.
 *
 * Only what is written literally is read (a `ConfigRuleName` or a `Scope` that is an intrinsic is
 * not known, except a `Ref` to a template parameter: two resources that write the same `Ref` name
 * the same rule); one index per template root, computed on first use. Never throws.
 */
import {
  getProperty,
  getPropertyValue,
  literalString,
  refTarget,
  type AstNode,
  type ObjectNode,
  type ValueNode,
} from './ast';
import { remediationResources, templateRoot, type RemediationResource } from './layout';

export const CONFIG_RULE_RESOURCE_TYPE = 'AWS::Config::ConfigRule';

/** One `AWS::Config::ConfigRule` resource of a template. */
export interface TemplateConfigRule {
  logicalId: string;
  /** Its literal `ConfigRuleName` (CloudFormation generates one when it is not written). */
  name: string | undefined;
  /** The template parameter its `ConfigRuleName` is a `Ref` to (`!Ref RuleName`), if any. */
  nameParameter: string | undefined;
  /** Its `Scope.ComplianceResourceTypes` when that is a list of literal strings. */
  scopeTypes: readonly string[] | undefined;
  /** Its literal `Source.Owner` (`AWS`, `CUSTOM_LAMBDA`, `CUSTOM_POLICY`). */
  owner: string | undefined;
}

export interface TemplateConfigRules {
  readonly byLogicalId: ReadonlyMap<string, TemplateConfigRule>;
  /** By literal `ConfigRuleName` (the first rule of a name). */
  readonly byName: ReadonlyMap<string, TemplateConfigRule>;
  /**
   * By the template parameter whose `Ref` is its `ConfigRuleName` (the first rule of a parameter):
   * a remediation that writes the same `Ref` names the same rule, whatever value the stack gets.
   */
  readonly byNameParameter: ReadonlyMap<string, TemplateConfigRule>;
  /** The literal `Default` of each template parameter that has one. */
  readonly parameterDefaults: ReadonlyMap<string, string>;
  /** Whether CloudFormation creates `to` before `from` (a dependency, direct or through others). */
  dependsOn(from: string, to: string): boolean;
}

/** The value of a plain string (`literalString`). */
function literalValue(node: AstNode | undefined): string | undefined {
  return literalString(node)?.value;
}

/** `${Name}` and `${Name.Attr}` of a Fn::Sub string (not the literal `${!Name}`). */
function subNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$\{(?!!)\s*([A-Za-z0-9:_]+)(?:\.[^}]*)?\s*\}/g)) {
    if (match[1] && !match[1].includes('::')) names.push(match[1]);
  }
  return names;
}

/** The resources `node` refers to, added to `found` (Ref, Fn::GetAtt, Fn::Sub, both forms). */
function collectReferences(start: AstNode | undefined, found: Set<string>): void {
  const stack: AstNode[] = start ? [start] : [];
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    if (node.type === 'property') {
      if (node.valueNode) stack.push(node.valueNode);
      continue;
    }
    if (node.tag === '!Ref' || node.tag === '!GetAtt' || node.tag === '!Sub') {
      readIntrinsic(node.tag === '!Ref' ? 'Ref' : `Fn::${node.tag.slice(1)}`, node, found, stack);
      continue;
    }
    if (node.type === 'object') {
      const only = node.properties.length === 1 ? node.properties[0] : undefined;
      const key = only?.keyNode.value;
      if (only && (key === 'Ref' || key === 'Fn::GetAtt' || key === 'Fn::Sub')) {
        readIntrinsic(key, only.valueNode, found, stack);
        continue;
      }
      for (const property of node.properties) stack.push(property);
    } else if (node.type === 'array') {
      for (const item of node.items) stack.push(item);
    }
  }
}

function readIntrinsic(
  name: string,
  value: AstNode | undefined,
  found: Set<string>,
  stack: AstNode[],
): void {
  if (!value || value.type === 'property') return;
  if (name === 'Ref') {
    if (value.type === 'string') found.add(value.value);
    else stack.push(value);
    return;
  }
  if (name === 'Fn::GetAtt') {
    if (value.type === 'string') {
      const id = value.value.split('.')[0];
      if (id) found.add(id);
    } else if (value.type === 'array') {
      const first = value.items[0];
      if (first?.type === 'string') found.add(first.value);
      for (const item of value.items.slice(1)) stack.push(item);
    }
    return;
  }
  // Fn::Sub: a string, or [string, {variables}] (a variable's name is not a resource).
  const text = value.type === 'array' ? value.items[0] : value;
  const variables = value.type === 'array' ? value.items[1] : undefined;
  const local = new Set(
    variables?.type === 'object' ? variables.properties.map((p) => p.keyNode.value) : [],
  );
  if (text?.type === 'string') {
    for (const id of subNames(text.value)) if (!local.has(id)) found.add(id);
  } else if (text) {
    stack.push(text);
  }
  if (variables) stack.push(variables);
}

/** The logical ids a resource's `DependsOn` names (a string or a list of strings). */
export function dependsOnIds(body: AstNode | undefined): string[] {
  const value = getPropertyValue(body, 'DependsOn');
  if (value?.type === 'string') return [value.value];
  if (value?.type === 'array') {
    return value.items.flatMap((item) => (item.type === 'string' ? [item.value] : []));
  }
  return [];
}

function readRule(
  logicalId: string,
  body: AstNode | undefined,
  parameters: ReadonlySet<string>,
): TemplateConfigRule {
  const properties = getPropertyValue(body, 'Properties');
  const typesNode = getPropertyValue(
    getPropertyValue(properties, 'Scope'),
    'ComplianceResourceTypes',
  );
  let scopeTypes: string[] | undefined;
  if (typesNode?.type === 'array' && !typesNode.tag) {
    const types = typesNode.items.map(literalValue);
    if (types.every((type): type is string => type !== undefined)) scopeTypes = types;
  }
  const nameNode = getPropertyValue(properties, 'ConfigRuleName');
  const target = refTarget(nameNode);
  return {
    logicalId,
    name: literalValue(nameNode),
    nameParameter: target !== undefined && parameters.has(target) ? target : undefined,
    scopeTypes,
    owner: literalValue(getPropertyValue(getPropertyValue(properties, 'Source'), 'Owner')),
  };
}

function readTemplate(root: ObjectNode): TemplateConfigRules {
  const byLogicalId = new Map<string, TemplateConfigRule>();
  const byName = new Map<string, TemplateConfigRule>();
  const byNameParameter = new Map<string, TemplateConfigRule>();
  const bodies = new Map<string, AstNode | undefined>();
  const declared = getPropertyValue(root, 'Parameters');
  const parameters = new Set<string>();
  const parameterDefaults = new Map<string, string>();
  if (declared?.type === 'object') {
    for (const parameter of declared.properties) {
      parameters.add(parameter.keyNode.value);
      const value = literalValue(getPropertyValue(parameter.valueNode, 'Default'));
      if (value !== undefined) parameterDefaults.set(parameter.keyNode.value, value);
    }
  }
  const resources = getPropertyValue(root, 'Resources');
  if (resources?.type === 'object') {
    for (const resource of resources.properties) {
      // A logical id written twice is the last one (RC002 reports the duplicate).
      bodies.set(resource.keyNode.value, resource.valueNode);
    }
    for (const [logicalId, body] of bodies) {
      if (literalValue(getPropertyValue(body, 'Type')) !== CONFIG_RULE_RESOURCE_TYPE) continue;
      const rule = readRule(logicalId, body, parameters);
      byLogicalId.set(logicalId, rule);
      if (rule.name !== undefined && !byName.has(rule.name)) byName.set(rule.name, rule);
      const parameter = rule.nameParameter;
      if (parameter !== undefined && !byNameParameter.has(parameter)) {
        byNameParameter.set(parameter, rule);
      }
    }
  }
  const direct = new Map<string, Set<string>>();
  const directOf = (logicalId: string): Set<string> => {
    let found = direct.get(logicalId);
    if (!found) {
      found = new Set(dependsOnIds(bodies.get(logicalId)));
      collectReferences(getProperty(bodies.get(logicalId), 'Properties'), found);
      direct.set(logicalId, found);
    }
    return found;
  };
  return {
    byLogicalId,
    byName,
    byNameParameter,
    parameterDefaults,
    dependsOn(from, to) {
      const seen = new Set<string>([from]);
      const queue = [from];
      while (queue.length > 0) {
        const next = queue.pop() as string;
        for (const dependency of directOf(next)) {
          if (dependency === to) return true;
          if (seen.has(dependency) || !bodies.has(dependency)) continue;
          seen.add(dependency);
          queue.push(dependency);
        }
      }
      return false;
    },
  };
}

const cache = new WeakMap<ObjectNode, TemplateConfigRules>();

/** The Config rules of a template root, read once per root. */
export function templateConfigRules(root: ObjectNode): TemplateConfigRules {
  let found = cache.get(root);
  if (!found) {
    found = readTemplate(root);
    cache.set(root, found);
  }
  return found;
}

/**
 * A template's remediation resources and its Config rules, or nothing when it has none of either:
 * where RC211 and RC212 start.
 */
export function remediationsAndConfigRules(
  roots: readonly (ValueNode | undefined)[],
): { resources: RemediationResource[]; rules: TemplateConfigRules } | undefined {
  const root = templateRoot(roots);
  if (!root) return undefined;
  const resources = remediationResources(root);
  if (resources.length === 0) return undefined;
  const rules = templateConfigRules(root);
  return rules.byLogicalId.size === 0 ? undefined : { resources, rules };
}

/** How a remediation's ConfigRuleName names a Config rule of its template. */
export interface NamedRule {
  rule: TemplateConfigRule;
  /**
   * `name`: the rule's literal name; `rule-ref`: a Ref to the rule resource (which returns its
   * name, and is a dependency on it); `parameter`: a Ref to the template parameter the rule's own
   * ConfigRuleName is a Ref to; `parameter-default`: a Ref to a parameter whose Default is the
   * rule's literal name (the stack's name unless it is given another value).
   */
  how: 'name' | 'rule-ref' | 'parameter' | 'parameter-default';
  /** The parameter, for `parameter` and `parameter-default`. */
  parameter?: string;
}

/** The template Config rule a remediation's ConfigRuleName names, and how (RC211, RC212). */
export function ruleNamedBy(
  rules: TemplateConfigRules,
  node: AstNode | undefined,
): NamedRule | undefined {
  const literal = literalValue(node);
  if (literal !== undefined) {
    const rule = rules.byName.get(literal);
    return rule && { rule, how: 'name' };
  }
  const target = refTarget(node);
  if (target === undefined) return undefined;
  const referenced = rules.byLogicalId.get(target);
  if (referenced) return { rule: referenced, how: 'rule-ref' };
  const shared = rules.byNameParameter.get(target);
  if (shared) return { rule: shared, how: 'parameter', parameter: target };
  const fallback = rules.parameterDefaults.get(target);
  const rule = fallback === undefined ? undefined : rules.byName.get(fallback);
  return rule && { rule, how: 'parameter-default', parameter: target };
}
