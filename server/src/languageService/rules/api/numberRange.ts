import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { memberLabel } from '../../model/apiModel';

/**
 * Rule: RC106 number-range. A number outside the API's range (percentages 1–100,
 * MaximumAutomaticAttempts 1–25, RetryAttemptSeconds 1–2678000). The AWS CLI checks only minimums;
 * the service rejects the rest.
 */
export const numberRange: RuleDefinition = {
  id: 'RC106',
  slug: 'number-range',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A number outside the range the API allows.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      if (node.type !== 'number') continue;
      const { type, min, max } = location.shape;
      if (type !== 'integer' && type !== 'long') continue;
      if ((min !== undefined && node.value < min) || (max !== undefined && node.value > max)) {
        const shown = Number.isFinite(node.value)
          ? String(node.value)
          : context.parsed.text.substr(node.offset, node.length);
        context.report(
          node,
          `"${memberLabel(location.docPath)}" must be between ${min ?? '-∞'} and ${max ?? '∞'}; ${shown} is out of range.`,
        );
      }
    }
  },
};
