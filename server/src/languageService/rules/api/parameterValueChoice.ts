import type { Fix, RuleDefinition } from '../types';
import { anchorOf } from '../helpers';
import type { ObjectNode, PropertyNode } from '../../ast';

/**
 * RC109 parameter-value-choice: a parameter value must have exactly one of ResourceValue or
 * StaticValue ("You must select either a dynamic value or a static value"). With both, the service
 * answers only "There were invalid RemediationParameterValues", naming neither rule nor parameter.
 */
export const parameterValueChoice: RuleDefinition = {
  id: 'RC109',
  slug: 'parameter-value-choice',
  severity: 'error',
  category: 'api',
  description: 'A parameter value must have exactly one of ResourceValue or StaticValue.',
  check(context) {
    for (const { node, location, property } of context.shaped) {
      if (location.shapeName !== 'RemediationParameterValue' || node.type !== 'object') continue;
      const name = property?.keyNode.value ?? '';
      const resourceValue = node.properties.find((p) => p.keyNode.value === 'ResourceValue');
      const staticValue = node.properties.find((p) => p.keyNode.value === 'StaticValue');
      if (resourceValue && staticValue) {
        const fixes: Fix[] = [resourceValue, staticValue].map((keep) => {
          const drop = keep === resourceValue ? staticValue : resourceValue;
          return {
            title: `Keep ${keep.keyNode.value}, remove ${drop.keyNode.value}`,
            edits: [removePropertyEdit(node, drop, context.parsed.text)],
          };
        });
        context.report(
          staticValue.keyNode,
          `Parameter "${name}" has both ResourceValue and StaticValue; it must have exactly one. The service rejects this with only "There were invalid RemediationParameterValues".`,
          { fixes },
        );
      } else if (!resourceValue && !staticValue) {
        context.report(
          anchorOf(node, context.parsed.text),
          `Parameter "${name}" needs a value: add either ResourceValue (the resource ID, at run time) or StaticValue (fixed values).`,
        );
      }
    }
  },
};

/** Removes a property with its separator: the comma in JSON, the whole line(s) in YAML. */
export function removePropertyEdit(
  object: ObjectNode,
  property: PropertyNode,
  text: string,
): { offset: number; length: number; newText: string } {
  const index = object.properties.indexOf(property);
  if (text[object.offset] === '{') {
    // JSON (or YAML flow mapping): remove from the previous property's end, or up to the next one.
    const previous = object.properties[index - 1];
    const next = object.properties[index + 1];
    if (previous) {
      const start = previous.offset + previous.length;
      return { offset: start, length: property.offset + property.length - start, newText: '' };
    }
    if (next)
      return { offset: property.offset, length: next.offset - property.offset, newText: '' };
    return { offset: property.offset, length: property.length, newText: '' };
  }
  // YAML block mapping: remove whole lines, from the key's line start to the end of the value.
  const lineStart = text.lastIndexOf('\n', property.offset - 1) + 1;
  let end = property.offset + property.length;
  const newline = text.indexOf('\n', end);
  end = newline === -1 ? text.length : newline + 1;
  return { offset: lineStart, length: end - lineStart, newText: '' };
}
