import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import type { Fix } from '../../model/problem';
import type { PropertyNode } from '../../model/ast';
import { closestMatch, describeObject } from '../helpers';

/**
 * Rule: RC102 unknown-member. A key the API does not define, often a case mistake (`staticValue`,
 * `configRuleName`). The AWS CLI rejects it ("Unknown parameter"); member names are case-sensitive.
 */
export const unknownMember: RuleDefinition = {
  id: 'RC102',
  slug: 'unknown-member',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A key that the API does not define (member names are case-sensitive).',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      if (node.type !== 'object' || location.shape.type !== 'structure') continue;
      const members = context.model.memberNames(location);
      const properties = node.properties;
      for (let i = 0; i < properties.length; i++) {
        const property = properties[i] as PropertyNode;
        const key = property.keyNode.value;
        if (members.includes(key)) continue;
        const suggestion = closestMatch(key, members);
        const where = describeObject(location.shapeName, location.docPath)
          .replace(/^This/, 'this')
          .replace(/^The/, 'the');
        const fixes: Fix[] = [];
        let message = `Unknown member "${key}" in ${where}.`;
        if (suggestion) {
          message += ` Did you mean "${suggestion}"?`;
          const keyText = context.parsed.text.substr(
            property.keyNode.offset,
            property.keyNode.length,
          );
          const quote = keyText.startsWith('"') ? '"' : keyText.startsWith("'") ? "'" : '';
          fixes.push({
            title: `Rename to "${suggestion}"`,
            edits: [
              {
                offset: property.keyNode.offset,
                length: property.keyNode.length,
                newText: `${quote}${suggestion}${quote}`,
              },
            ],
            isPreferred: true,
          });
        } else {
          message += ` Valid members: ${members.join(', ')}.`;
        }
        context.report(property.keyNode, message, { fixes });
      }
    }
  },
};
