import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import type { Fix } from '../../model/problem';
import { describeNode, describeShapeType, matchesShapeType } from '../helpers';
import { replaceValueEdit } from '../../edits/edits';
import { memberLabel } from '../../model/apiModel';

/**
 * Rule: RC101 type-mismatch. A value has the wrong JSON type (string vs number vs boolean, integer
 * vs decimal, list vs object). The AWS CLI rejects it ("Invalid type for parameter").
 */
export const typeMismatch: RuleDefinition = {
  id: 'RC101',
  slug: 'type-mismatch',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A value has the wrong type for its member.',
  check(context) {
    const format = context.parsed.format;
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      if (location.isMapKey || node.type === 'property') continue;
      if (matchesShapeType(node, location.shape)) continue;
      const label = location.docPath ? `"${memberLabel(location.docPath)}"` : 'The request';
      const fixes: Fix[] = [];
      // A single string where a list of strings is expected: wrap it (StaticValue.Values: "x").
      if (location.shape.type === 'list' && node.type === 'string') {
        fixes.push({
          title: `Wrap the value in a list: [${JSON.stringify(node.value)}]`,
          edits: [
            {
              offset: node.offset,
              length: node.length,
              newText: `[${JSON.stringify(node.value)}]`,
            },
          ],
          isPreferred: true,
        });
      }
      // A one-item list where a string is expected: unwrap it (ResourceValue.Value: [RESOURCE_ID]).
      if (
        location.shape.type === 'string' &&
        node.type === 'array' &&
        node.items.length === 1 &&
        node.items[0]?.type === 'string'
      ) {
        const item = node.items[0].value;
        const edit = replaceValueEdit(node, item, context.parsed.text, format);
        if (edit) {
          fixes.push({
            title: `Use the single value ${JSON.stringify(item)} instead of a list`,
            edits: [edit],
            isPreferred: true,
          });
        }
      }
      const message =
        location.docPath === ''
          ? 'The file must be an object with a "RemediationConfigurations" list.'
          : `${label} must be ${describeShapeType(location.shape)}, not ${describeNode(node)}.`;
      context.report(node, message, { fixes });
    }
  },
};
