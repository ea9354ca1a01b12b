/**
 * Reading a CloudFormation template (or conformance pack template) from the node model: its
 * Parameters (its remediation resources are part of the request layout, model/layout.ts).
 */
import { getPropertyValue, type ObjectNode, type ValueNode } from '../model/ast';

/** A template parameter: its declared Type and Default. */
export interface TemplateParameter {
  name: string;
  type: string | undefined;
  defaultNode: ValueNode | undefined;
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
