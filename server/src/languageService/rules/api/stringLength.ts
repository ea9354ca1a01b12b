import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { memberLabel } from '../../model/apiModel';

/**
 * Rule: RC104 string-length. A string shorter or longer than the API allows (ConfigRuleName 1–128,
 * TargetId 1–256, parameter names and static values 1–256, Arn and CreatedByService 1–1024). The
 * AWS CLI checks only minimums; the service rejects the rest.
 */
export const stringLength: RuleDefinition = {
  id: 'RC104',
  slug: 'string-length',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A string shorter or longer than the API allows.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      if (node.type !== 'string' || location.shape.type !== 'string') continue;
      const { min, max } = location.shape;
      const length = node.value.length;
      if ((min === undefined || length >= min) && (max === undefined || length <= max)) continue;
      // Worded for a finding only (this runs on every string of the document).
      const label = location.isMapKey ? 'A parameter name' : `"${memberLabel(location.docPath)}"`;
      if (min !== undefined && length < min) {
        context.report(
          node,
          `${label} must have at least ${min} character${min === 1 ? '' : 's'}${length === 0 ? '; it is empty' : ` (it has ${length})`}.`,
        );
      } else if (max !== undefined && length > max) {
        context.report(node, `${label} must have at most ${max} characters (it has ${length}).`);
      }
    }
  },
};
