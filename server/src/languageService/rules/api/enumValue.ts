import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { closestMatch } from '../helpers';
import { renderString } from '../../model/text';
import { memberLabel } from '../../model/apiModel';

/**
 * Rule: RC103 enum-value. A value outside the API's enum (TargetType `SSM_DOCUMENT`,
 * ResourceValue.Value `RESOURCE_ID`). The AWS CLI sends it anyway; the service rejects it.
 */
export const enumValue: RuleDefinition = {
  id: 'RC103',
  slug: 'enum-value',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A value that is not one of the values the API allows.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      const allowed = location.shape.enum;
      if (!allowed || node.type !== 'string' || allowed.includes(node.value)) continue;
      const suggestion =
        closestMatch(node.value, allowed) ?? (allowed.length === 1 ? allowed[0] : undefined);
      const list = allowed.map((value) => `"${value}"`).join(', ');
      context.report(
        node,
        `"${memberLabel(location.docPath)}" must be ${allowed.length === 1 ? list : `one of ${list}`}; "${node.value}" is not supported.`,
        {
          fixes: suggestion
            ? [
                {
                  title: `Change to "${suggestion}"`,
                  edits: [
                    {
                      offset: node.offset,
                      length: node.length,
                      newText: renderString(suggestion, context.parsed.format),
                    },
                  ],
                  isPreferred: true,
                },
              ]
            : [],
        },
      );
    }
  },
};
