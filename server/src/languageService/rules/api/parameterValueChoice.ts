import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { firstProperty } from '../../model/ast';
import type { Fix } from '../../model/problem';
import { anchorOf } from '../helpers';
import { removePropertyEdit } from '../../edits/edits';

/**
 * Rule: RC109 parameter-value-choice. A parameter value must have exactly one of ResourceValue or
 * StaticValue ("You must select either a dynamic value or a static value"). With both, the service
 * answers only "There were invalid RemediationParameterValues", naming neither rule nor parameter.
 */
export const parameterValueChoice: RuleDefinition = {
  id: 'RC109',
  slug: 'parameter-value-choice',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A parameter value must have exactly one of ResourceValue or StaticValue.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location, property } = shaped[index] as ShapedNode;
      if (location.shapeName !== 'RemediationParameterValue' || node.type !== 'object') continue;
      const name = property?.keyNode.value ?? '';
      const resourceValue = firstProperty(node.properties, 'ResourceValue');
      const staticValue = firstProperty(node.properties, 'StaticValue');
      if (resourceValue && staticValue) {
        const fixes: Fix[] = [];
        for (const keep of [resourceValue, staticValue]) {
          const drop = keep === resourceValue ? staticValue : resourceValue;
          const edit = removePropertyEdit(node, drop, context.parsed.text);
          if (edit) {
            fixes.push({
              title: `Keep ${keep.keyNode.value}, remove ${drop.keyNode.value}`,
              edits: [edit],
            });
          }
        }
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
