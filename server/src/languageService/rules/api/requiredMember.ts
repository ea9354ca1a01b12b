import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { firstProperty, type PropertyNode } from '../../model/ast';
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
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      if (node.type !== 'object' || location.shape.type !== 'structure') continue;
      const required = location.shape.required;
      // Most objects have every required member: find that without building a list.
      if (!required || hasAll(node.properties, required)) continue;
      const missing = required.filter((name) => !hasKey(node.properties, name));
      const names = missing.map((name) => `"${name}"`).join(', ');
      context.report(
        anchorOf(node, context.parsed.text),
        `${describeObject(location.shapeName, location.docPath)} is missing the required member${missing.length > 1 ? 's' : ''} ${names}.`,
      );
    }
  },
};

/** Whether every name is a key (a loop, not `every`: no closure per object). */
function hasAll(properties: readonly PropertyNode[], names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) if (!hasKey(properties, names[i] as string)) return false;
  return true;
}

function hasKey(properties: readonly PropertyNode[], name: string): boolean {
  return firstProperty(properties, name) !== undefined;
}
