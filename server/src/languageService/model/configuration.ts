/**
 * Read-only views of one remediation configuration for the cross-field and runbook rules and for
 * the runbook completion and hover: its TargetId and catalogued runbook, whether it is automatic,
 * and its parameter values. Values the checks must skip (CloudFormation intrinsics) are left out.
 */
import {
  findNodeAtOffset,
  getProperty,
  type ArrayNode,
  type AstNode,
  type ObjectNode,
  type ParsedDocument,
  type PropertyNode,
  type StringNode,
  type ValueNode,
} from './ast';
import type { Runbook, RunbookParameter } from '../data/types';
import type { RunbookCatalog } from './catalog';

export const ASSUME_ROLE = 'AutomationAssumeRole';
export const RESOURCE_ID = 'RESOURCE_ID';

/** What the add-the-role fixes and completions insert; the account id is a placeholder to replace. */
export const ROLE_ARN_PLACEHOLDER = 'arn:aws:iam::123456789012:role/ConfigRemediationRole';

/** Runbook names that AWS owns: only these get the "not a runbook that we know" warning. */
export const AWS_RUNBOOK_PREFIX = /^(AWS-|AWSConfigRemediation-)/;

/** An IAM role ARN: arn:<partition>:iam::<12 digits>:role/<path/name>. */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

export interface ParameterView {
  property: PropertyNode;
  name: string;
  /** The parameter's value object (ResourceValue / StaticValue), when it is an object. */
  node: ObjectNode | undefined;
  resourceValue: PropertyNode | undefined;
  staticValue: PropertyNode | undefined;
  /** StaticValue.Values, when it is a list. */
  values: ArrayNode | undefined;
  valuesProperty: PropertyNode | undefined;
}

export interface ConfigurationView {
  node: ObjectNode;
  /** TargetId when it is a plain string (not an intrinsic function). */
  targetId: StringNode | undefined;
  /** TargetId is an SSM document ARN (a shared or account-owned document). */
  targetIsArn: boolean;
  /** The document name: TargetId, or the name part of an ARN. */
  documentName: string | undefined;
  /**
   * The catalogued runbook (AWS-managed), for a plain name in the catalog; with account facts,
   * also the account's described Automation runbook (by name or ARN).
   */
  runbook: Runbook | undefined;
  /** Automatic: the property, when present. */
  automaticProperty: PropertyNode | undefined;
  /** True only for `Automatic: true` (a boolean). */
  automatic: boolean;
  /** Automatic is present but its value cannot be read (an intrinsic function, a wrong type). */
  automaticUnknown: boolean;
  parametersProperty: PropertyNode | undefined;
  /** Parameters when it is an object that can be read. */
  parameters: ObjectNode | undefined;
  /** Parameters is present but cannot be read (an intrinsic function): skip parameter checks. */
  parametersUnknown: boolean;
  parameterList: ParameterView[];
}

export function stringValue(
  node: AstNode | undefined,
  isOpaque: (node: AstNode) => boolean,
): StringNode | undefined {
  return node?.type === 'string' && !isOpaque(node) ? node : undefined;
}

/** `arn:aws:ssm:us-east-1:111122223333:document/MyRunbook` → "MyRunbook". */
export function documentNameOfArn(value: string): string | undefined {
  const match = /^arn:[^:]+:ssm:[^:]*:[^:]*:document\/(.+)$/.exec(value);
  return match?.[1];
}

const NEVER_OPAQUE = (_node: AstNode): boolean => false;

/**
 * The last view made of each configuration node. A dozen rules and the completion ask for the
 * view of the same configuration in one validation; at thousands of configurations, building it
 * each time was a large share of a full check. An edit gives the configuration it touches new
 * nodes; incremental re-parsing moves the nodes of the others in place (offsets only, see
 * model/ast.ts), and a view holds nodes, not offsets. So a view stays right for as long as the
 * catalog and the opacity test are the same.
 */
const views = new WeakMap<
  ObjectNode,
  { catalog: RunbookCatalog; isOpaque: (node: AstNode) => boolean; view: ConfigurationView }
>();

export function viewConfiguration(
  node: ObjectNode,
  catalog: RunbookCatalog,
  isOpaque: (node: AstNode) => boolean = NEVER_OPAQUE,
): ConfigurationView {
  const known = views.get(node);
  if (known && known.catalog === catalog && known.isOpaque === isOpaque) return known.view;
  const view = buildView(node, catalog, isOpaque);
  views.set(node, { catalog, isOpaque, view });
  return view;
}

function buildView(
  node: ObjectNode,
  catalog: RunbookCatalog,
  isOpaque: (node: AstNode) => boolean,
): ConfigurationView {
  const targetNode = getProperty(node, 'TargetId')?.valueNode;
  const targetId = stringValue(targetNode, isOpaque);
  const targetIsArn = targetId ? targetId.value.startsWith('arn:') : false;
  const documentName = targetId
    ? targetIsArn
      ? documentNameOfArn(targetId.value)
      : targetId.value
    : undefined;
  // The bundled catalog knows plain names only; with account facts (see catalog.ts) the
  // catalog also answers for the account's runbooks, by name or ARN.
  // A Ref to an Automation document of the same template: that document (templateRunbooks.ts).
  const runbook =
    catalog.runbookOfTarget(targetNode) ?? (targetId ? catalog.get(targetId.value) : undefined);
  const automaticProperty = getProperty(node, 'Automatic');
  const automaticValue = automaticProperty?.valueNode;
  const automaticReadable =
    automaticValue !== undefined && automaticValue.type === 'boolean' && !isOpaque(automaticValue);
  const parametersProperty = getProperty(node, 'Parameters');
  const parametersValue = parametersProperty?.valueNode;
  const parameters =
    parametersValue?.type === 'object' && !isOpaque(parametersValue) ? parametersValue : undefined;
  return {
    node,
    targetId,
    targetIsArn,
    documentName,
    runbook,
    automaticProperty,
    automatic: automaticReadable && automaticValue?.type === 'boolean' && automaticValue.value,
    automaticUnknown: automaticProperty !== undefined && !automaticReadable,
    parametersProperty,
    parameters,
    parametersUnknown: parametersProperty !== undefined && parameters === undefined,
    parameterList: parameters ? viewParameters(parameters.properties, isOpaque) : [],
  };
}

/** The views of parameters (a loop, not `map`: no closure per configuration). */
function viewParameters(
  properties: readonly PropertyNode[],
  isOpaque: (node: AstNode) => boolean,
): ParameterView[] {
  const views: ParameterView[] = [];
  for (let i = 0; i < properties.length; i++) {
    views.push(viewParameter(properties[i] as PropertyNode, isOpaque));
  }
  return views;
}

export function viewParameter(
  property: PropertyNode,
  isOpaque: (node: AstNode) => boolean = NEVER_OPAQUE,
): ParameterView {
  const value = property.valueNode;
  const node = value?.type === 'object' && !isOpaque(value) ? value : undefined;
  const staticValue = getProperty(node, 'StaticValue');
  const staticNode = staticValue?.valueNode;
  const valuesProperty =
    staticNode?.type === 'object' && !isOpaque(staticNode)
      ? getProperty(staticNode, 'Values')
      : undefined;
  const values =
    valuesProperty?.valueNode?.type === 'array' && !isOpaque(valuesProperty.valueNode)
      ? valuesProperty.valueNode
      : undefined;
  return {
    property,
    name: property.keyNode.value,
    node,
    resourceValue: getProperty(node, 'ResourceValue'),
    staticValue,
    values,
    valuesProperty,
  };
}

/** The string items of StaticValue.Values that can be read (no intrinsic functions). */
export function staticStrings(
  parameter: ParameterView,
  isOpaque: (node: AstNode) => boolean = NEVER_OPAQUE,
): StringNode[] {
  const strings: StringNode[] = [];
  const items = parameter.values?.items;
  if (!items) return strings;
  // A loop, not `filter`: this runs for every parameter of every configuration, cold on open.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ValueNode;
    if (item.type === 'string' && !isOpaque(item)) strings.push(item);
  }
  return strings;
}

export function runbookParameter(runbook: Runbook, name: string): RunbookParameter | undefined {
  // A loop, not `find`: this runs for every parameter of every configuration, cold on open.
  const parameters = runbook.parameters;
  for (let i = 0; i < parameters.length; i++) {
    const parameter = parameters[i] as RunbookParameter;
    if (parameter.name === name) return parameter;
  }
  return undefined;
}

/** Types that take a single value (String, Boolean, Integer, AWS::IAM::Role::Arn, ...). */
export function isSingleValued(type: string): boolean {
  return !/^(StringList|StringMap|MapList)$/.test(type);
}

/** A catalog value (string, boolean or number as published) as the string StaticValue carries. */
export function catalogString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Account ids the AWS documentation uses in examples; no real account has them. */
export const EXAMPLE_ACCOUNT_IDS: ReadonlySet<string> = new Set([
  '123456789012',
  '111122223333',
  '000000000000',
]);

/**
 * The placeholder a static value is or holds, in any parameter: what `placeholderIn` finds in an
 * ARN, or a whole value that is a template to fill in: `<Account-Id>`, `${BucketName}` (literal
 * text: a CloudFormation `!Sub` is an intrinsic and never reaches here), `[[ Replace … ]]`, or
 * an example account id. `{{ssm:…}}` and `{{resolve:…}}` are real references, never reported.
 */
export function placeholderValue(value: string): string | undefined {
  const inArn = placeholderIn(value);
  if (inArn) return inArn;
  const trimmed = value.trim();
  // The tests below, each only where it can match (this runs on every static value).
  const first = trimmed.charAt(0);
  if (first === '<' && /^<[^<>]+>$/.test(trimmed)) return trimmed;
  if (first === '$' && /^\$\{[^}]+\}$/.test(trimmed)) return trimmed;
  if (EXAMPLE_ACCOUNT_IDS.has(trimmed)) return trimmed;
  return value.includes('[[') ? /\[\[[^\]]*\]\]/.exec(value)?.[0] : undefined;
}

/**
 * The placeholder in a value, if it holds one: an account id written as `<Account-Id>`,
 * `${AccountId}`, `{{AccountId}}`, `ACCOUNT_ID` or the documentation's 123456789012 in an ARN, or
 * a `<...>` / `${...}` / `{{...}}` template anywhere in an IAM role ARN.
 */
export function placeholderIn(value: string): string | undefined {
  // Both tests below read ARNs only.
  if (!value.startsWith('arn:')) return undefined;
  // Most ARNs have no template character: then the account is the fifth field and the IAM test
  // cannot match. Three native searches instead of two regular expressions, on every role ARN of
  // every configuration (two rules ask), before V8 has compiled those expressions to machine code.
  if (value.indexOf('$') === -1 && value.indexOf('{') === -1 && value.indexOf('<') === -1) {
    return placeholderAccount(fifthField(value));
  }
  const arn = /^arn:[^:]*:[^:]*:[^:]*:(\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|[^:]*)(?::|$)/.exec(value);
  const inAccount = placeholderAccount(arn?.[1]);
  if (inAccount) return inAccount;
  if (/^arn:[^:]*:iam:/.test(value)) {
    const template = /<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}/.exec(value);
    if (template) return template[0];
  }
  return undefined;
}

/** The account field of an ARN when it is a placeholder (the documentation's ids, `ACCOUNT_ID`). */
function placeholderAccount(account: string | undefined): string | undefined {
  if (account === undefined || account === '' || account === 'aws') return undefined;
  if (EXAMPLE_ACCOUNT_IDS.has(account)) return account;
  return /[<>{}$]|account|^x+$/i.test(account) ? account : undefined;
}

/**
 * `arn:partition:service:region:ACCOUNT:…` → "ACCOUNT", as the regular expression in
 * `placeholderIn` reads it when no field is a template: undefined with fewer than four colons
 * after "arn", else the text up to the next colon or the end.
 */
function fifthField(value: string): string | undefined {
  let colon = 3;
  for (let field = 0; field < 3; field++) {
    colon = value.indexOf(':', colon + 1);
    if (colon === -1) return undefined;
  }
  const end = value.indexOf(':', colon + 1);
  return value.slice(colon + 1, end === -1 ? value.length : end);
}

/**
 * The configuration object around an offset, for completion and hover, from the AST: the nearest
 * enclosing object that has TargetId, TargetType or ConfigRuleName; else (the cursor after the
 * last line of a YAML item) the last such object that starts before the offset.
 */
export function configurationAt(parsed: ParsedDocument, offset: number): ObjectNode | undefined {
  const isConfiguration = (node: AstNode): node is ObjectNode =>
    node.type === 'object' &&
    node.properties.some((p) => /^(TargetId|TargetType|ConfigRuleName)$/.test(p.keyNode.value));
  for (const root of parsed.roots) {
    let node: AstNode | undefined = findNodeAtOffset(root, offset);
    while (node) {
      if (isConfiguration(node)) return node;
      node = node.parent;
    }
  }
  let best: ObjectNode | undefined;
  const visit = (node: AstNode | undefined, depth: number): void => {
    if (!node || depth > 64 || node.offset > offset) return;
    if (isConfiguration(node) && (!best || node.offset >= best.offset)) best = node;
    if (node.type === 'object') for (const p of node.properties) visit(p.valueNode, depth + 1);
    else if (node.type === 'array')
      for (const item of node.items) visit(item as ValueNode, depth + 1);
  };
  for (const root of parsed.roots) visit(root, 0);
  return best;
}

/**
 * The configuration a runbook parameter belongs to: parameter property → Parameters object →
 * Parameters property → configuration object.
 */
export function configurationOfParameter(property: AstNode): ObjectNode | undefined {
  const parameters = property.parent;
  const parametersProperty = parameters?.parent;
  const configuration = parametersProperty?.parent;
  return parametersProperty?.type === 'property' && configuration?.type === 'object'
    ? configuration
    : undefined;
}
