import type { RuleDefinition } from '../types';
import type { PropertyNode } from '../../model/ast';
import { anchorOf, describeObject } from '../helpers';

/**
 * Rule: RC100 required-member. A member the API marks as required is missing. The AWS CLI rejects
 * the request ("Missing required parameter"), so nothing is sent.
 */
export const requiredMember: RuleDefinition = {
  id: 'RC100',
  slug: 'required-member',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A member the API requires is missing.',
  check(context) {
    for (const { node, location } of context.shaped) {
      if (node.type !== 'object' || location.shape.type !== 'structure') continue;
      const required = location.shape.required;
      // Most objects have every required member: find that without building a list.
      if (!required || required.every((name) => hasKey(node.properties, name))) continue;
      const missing = required.filter((name) => !hasKey(node.properties, name));
      const names = missing.map((name) => `"${name}"`).join(', ');
      context.report(
        anchorOf(node, context.parsed.text),
        `${describeObject(location.shapeName, location.docPath)} is missing the required member${missing.length > 1 ? 's' : ''} ${names}.`,
      );
    }
  },
};

function hasKey(properties: readonly PropertyNode[], name: string): boolean {
  for (const property of properties) if (property.keyNode.value === name) return true;
  return false;
}
