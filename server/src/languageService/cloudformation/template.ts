/**
 * Reading a CloudFormation template (or conformance pack template) from the node model: its
 * remediation resources and its Parameters.
 */
import { getPropertyValue, type ObjectNode, type PropertyNode, type ValueNode } from '../model/ast';

export const REMEDIATION_RESOURCE_TYPE = 'AWS::Config::RemediationConfiguration';

/** One `AWS::Config::RemediationConfiguration` resource of a template. */
export interface RemediationResource {
  logicalId: string;
  /** The `Resources.<logicalId>` property. */
  resource: PropertyNode;
  /** The `Properties` property of the resource, if written. */
  properties: PropertyNode | undefined;
}

/** A template parameter: its declared Type and Default. */
export interface TemplateParameter {
  name: string;
  type: string | undefined;
  defaultNode: ValueNode | undefined;
}

/** The template's root mapping (CloudFormation reads a single document). */
export function templateRoot(roots: readonly (ValueNode | undefined)[]): ObjectNode | undefined {
  const root = roots[0];
  return root?.type === 'object' ? root : undefined;
}

/** The remediation resources of a template, in document order. */
export function remediationResources(root: ObjectNode | undefined): RemediationResource[] {
  const resources = getPropertyValue(root, 'Resources');
  if (resources?.type !== 'object') return [];
  const found: RemediationResource[] = [];
  for (const resource of resources.properties) {
    const body = resource.valueNode;
    if (body?.type !== 'object') continue;
    const type = getPropertyValue(body, 'Type');
    if (type?.type !== 'string' || type.value !== REMEDIATION_RESOURCE_TYPE) continue;
    const properties = body.properties.filter((p) => p.keyNode.value === 'Properties').at(-1);
    found.push({ logicalId: resource.keyNode.value, resource, properties });
  }
  return found;
}

/** The template's Parameters section, by name. */
export function templateParameters(root: ObjectNode | undefined): Map<string, TemplateParameter> {
  const parameters = new Map<string, TemplateParameter>();
  const section = getPropertyValue(root, 'Parameters');
  if (section?.type !== 'object') return parameters;
  for (const property of section.properties) {
    const declaration = property.valueNode;
    const type = getPropertyValue(declaration, 'Type');
    parameters.set(property.keyNode.value, {
      name: property.keyNode.value,
      type: type?.type === 'string' ? type.value : undefined,
      defaultNode: getPropertyValue(declaration, 'Default'),
    });
  }
  return parameters;
}

/** `CommaDelimitedList`, `List<Number>`, `List<AWS::EC2::Subnet::Id>`: a Ref gives a list. */
export function isListParameterType(type: string | undefined): boolean {
  return type === 'CommaDelimitedList' || (type?.startsWith('List<') ?? false);
}
