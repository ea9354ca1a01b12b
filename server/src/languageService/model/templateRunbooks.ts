/**
 * Runbooks defined in the same CloudFormation template: `AWS::SSM::Document` resources with
 * `DocumentType: Automation`, read from their `Content` (an object, or a JSON/YAML string, also
 * inside `Fn::Sub`). A remediation whose TargetId is `Ref` to such a resource (CloudFormation's
 * Ref of AWS::SSM::Document returns the document name), `Fn::GetAtt X.Name`, or a `Fn::Sub`
 * document ARN ending in `${X}` is checked against it like a catalogued runbook: this is the third
 * source of runbooks, after the bundled catalog and before the account (the template is what the
 * stack will deploy). Never throws: a Content that cannot be read is not checked.
 *
 * A conformance pack template written inside a template (cloudformation/embedded.ts) also sees
 * the outer template's documents through the pack's `ConformancePackInputParameters`: a TargetId
 * `Ref P`, where P is a parameter of the pack template that the outer template sets to `Ref Doc`
 * (or to a literal document name), is that document.
 */
import { parse as parseYaml } from 'yaml';
import { getPropertyValue, toValue, type AstNode, type ValueNode } from './ast';
import type { Runbook, RunbookCatalogData, RunbookParameter } from '../data/types';
import { RunbookCatalog } from './catalog';

const DOCUMENT_TYPE = 'AWS::SSM::Document';

/** Runbooks made from template documents, for hover and completion text. */
const templateRunbookSet = new WeakSet<Runbook>();

export function isTemplateRunbook(runbook: Runbook): boolean {
  return templateRunbookSet.has(runbook);
}

/** A long-form intrinsic's key and value, or a short-form tag's name and value. */
function intrinsic(node: AstNode | undefined): { name: string; value: unknown } | undefined {
  if (!node || node.type === 'property') return undefined;
  if (node.tag) {
    const name = node.tag === '!Ref' ? 'Ref' : `Fn::${node.tag.slice(1)}`;
    return { name, value: toValue(node) };
  }
  if (node.type === 'object' && node.properties.length === 1) {
    const property = node.properties[0];
    const key = property?.keyNode.value ?? '';
    if (key === 'Ref' || key.startsWith('Fn::')) return { name: key, value: toValue(property) };
  }
  return undefined;
}

/** The logical id a TargetId names: `Ref X`, `GetAtt X.Name`, `Sub "…document/${X}"`. */
export function targetLogicalId(node: AstNode | undefined): string | undefined {
  const found = intrinsic(node);
  if (!found) return undefined;
  const { name, value } = found;
  if (name === 'Ref') return typeof value === 'string' ? value : undefined;
  if (name === 'Fn::GetAtt') {
    const parts = typeof value === 'string' ? value.split('.') : value;
    if (Array.isArray(parts) && parts.length === 2 && parts[1] === 'Name') {
      return typeof parts[0] === 'string' ? parts[0] : undefined;
    }
    return undefined;
  }
  if (name === 'Fn::Sub') {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text !== 'string') return undefined;
    const match = /^(?:arn:[^:]*:ssm:[^:]*:[^:]*:document\/)?\$\{([A-Za-z0-9]+)\}$/.exec(text);
    return match?.[1];
  }
  return undefined;
}

function contentValue(node: ValueNode | undefined): unknown {
  if (!node) return undefined;
  let text: unknown;
  const found = intrinsic(node);
  if (found) {
    if (found.name !== 'Fn::Sub') return undefined;
    text = Array.isArray(found.value) ? found.value[0] : found.value;
  } else if (node.type === 'string') {
    text = node.value;
  } else {
    return toValue(node);
  }
  if (typeof text !== 'string') return undefined;
  try {
    // YAML 1.2 reads JSON as well.
    return parseYaml(text, { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A schemaVersion 0.3 document's content as a catalog `Runbook`; undefined when unreadable. */
export function runbookOfContent(name: string, content: unknown): Runbook | undefined {
  if (!isRecord(content)) return undefined;
  const declared = content.parameters ?? {};
  if (!isRecord(declared)) return undefined;
  const parameters: RunbookParameter[] = [];
  for (const [parameterName, definition] of Object.entries(declared)) {
    if (!isRecord(definition)) return undefined;
    const type = typeof definition.type === 'string' ? definition.type : 'String';
    const allowed = definition.allowedValues;
    parameters.push({
      name: parameterName,
      type,
      // SSM: a parameter without a default must be given.
      required: !Object.hasOwn(definition, 'default'),
      ...(Object.hasOwn(definition, 'default') ? { default: definition.default } : {}),
      ...(Array.isArray(allowed) && allowed.every((v) => typeof v === 'string')
        ? { allowedValues: allowed as string[] }
        : {}),
      ...(typeof definition.allowedPattern === 'string'
        ? { allowedPattern: definition.allowedPattern }
        : {}),
    });
  }
  const runbook: Runbook = {
    name,
    description: typeof content.description === 'string' ? content.description : '',
    resourceType: null,
    resourceIdParameter: null,
    managedRules: [],
    parameters,
    ...(typeof content.assumeRole === 'string' ? { assumeRole: content.assumeRole } : {}),
  };
  templateRunbookSet.add(runbook);
  return runbook;
}

interface TemplateRunbooks {
  byLogicalId: Map<string, Runbook>;
  byName: Map<string, Runbook>;
  /** Pack parameters the outer template sets to a literal document name (looked up by name). */
  parameterNames: Map<string, string>;
}

/**
 * What a conformance pack template written inside a template receives from the outer template:
 * its roots, and the pack's `ConformancePackInputParameters` (ParameterName → ParameterValue).
 */
export interface OuterTemplate {
  roots: readonly (ValueNode | undefined)[];
  inputParameters: ReadonlyMap<string, ValueNode>;
}

/** The logical id of a plain `Ref` (either form). */
function refOf(node: AstNode | undefined): string | undefined {
  const found = intrinsic(node);
  return found?.name === 'Ref' && typeof found.value === 'string' ? found.value : undefined;
}

/** The outer template's documents, for the pack template's parameters that name one. */
function addOuterRunbooks(
  found: TemplateRunbooks,
  root: ValueNode | undefined,
  outer: OuterTemplate,
): void {
  const parameters = getPropertyValue(root, 'Parameters');
  if (parameters?.type !== 'object') return;
  let outerRunbooks: TemplateRunbooks | undefined;
  for (const parameter of parameters.properties) {
    const name = parameter.keyNode.value;
    // A resource of the pack template of that name is what a Ref names (a template error anyway).
    if (found.byLogicalId.has(name)) continue;
    const value = outer.inputParameters.get(name);
    if (!value) continue;
    const logicalId = refOf(value);
    if (logicalId !== undefined) {
      outerRunbooks ??= readTemplateRunbooks(outer.roots[0]);
      const runbook = outerRunbooks.byLogicalId.get(logicalId);
      if (runbook) found.byLogicalId.set(name, runbook);
    } else if (value.type === 'string' && !value.tag) {
      found.parameterNames.set(name, value.value);
    }
  }
}

function readTemplateRunbooks(
  root: ValueNode | undefined,
  outer?: OuterTemplate,
): TemplateRunbooks {
  const found: TemplateRunbooks = {
    byLogicalId: new Map(),
    byName: new Map(),
    parameterNames: new Map(),
  };
  const resources = getPropertyValue(root, 'Resources');
  if (resources?.type !== 'object') return found;
  for (const resource of resources.properties) {
    const body = resource.valueNode;
    const type = getPropertyValue(body, 'Type');
    if (type?.type !== 'string' || type.value !== DOCUMENT_TYPE) continue;
    const properties = getPropertyValue(body, 'Properties');
    const documentType = getPropertyValue(properties, 'DocumentType');
    if (documentType?.type !== 'string' || documentType.tag || documentType.value !== 'Automation')
      continue;
    const nameNode = getPropertyValue(properties, 'Name');
    const name = nameNode?.type === 'string' && !nameNode.tag ? nameNode.value : undefined;
    const runbook = runbookOfContent(
      name ?? resource.keyNode.value,
      contentValue(getPropertyValue(properties, 'Content')),
    );
    if (!runbook) continue;
    found.byLogicalId.set(resource.keyNode.value, runbook);
    if (name) found.byName.set(name, runbook);
  }
  if (outer) addOuterRunbooks(found, root, outer);
  return found;
}

/** The catalog plus the template's Automation documents (by Ref target and by literal Name). */
class TemplateRunbookCatalog extends RunbookCatalog {
  constructor(
    private readonly base: RunbookCatalog,
    private readonly template: TemplateRunbooks,
  ) {
    super({ source: base.data.source, runbooks: [] } as RunbookCatalogData);
  }

  override get(name: string): Runbook | undefined {
    return this.base.get(name) ?? this.template.byName.get(name);
  }

  override get all(): readonly Runbook[] {
    return this.base.all;
  }

  override runbookOfTarget(node: AstNode | undefined): Runbook | undefined {
    const logicalId = targetLogicalId(node);
    if (logicalId === undefined) return undefined;
    const name = this.template.parameterNames.get(logicalId);
    return (
      this.template.byLogicalId.get(logicalId) ?? (name === undefined ? undefined : this.get(name))
    );
  }
}

const catalogs = new WeakMap<object, WeakMap<RunbookCatalog, RunbookCatalog>>();

/**
 * The catalog for one template: the base catalog when the template defines no Automation
 * document (requests and most templates keep the shared catalog, and the views cached by it).
 */
export function catalogWithTemplate(
  catalog: RunbookCatalog,
  roots: readonly (ValueNode | undefined)[],
  /** For a conformance pack template written inside a template (the same for the same roots). */
  outer?: OuterTemplate,
): RunbookCatalog {
  let byCatalog = catalogs.get(roots);
  if (!byCatalog) {
    byCatalog = new WeakMap();
    catalogs.set(roots, byCatalog);
  }
  let combined = byCatalog.get(catalog);
  if (!combined) {
    const template = readTemplateRunbooks(roots[0], outer);
    combined =
      template.byLogicalId.size === 0 && template.parameterNames.size === 0
        ? catalog
        : new TemplateRunbookCatalog(catalog, template);
    byCatalog.set(catalog, combined);
  }
  return combined;
}
