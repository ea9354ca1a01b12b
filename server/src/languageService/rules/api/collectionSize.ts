import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { anchorOf } from '../helpers';
import { CONFIGURATIONS_DOC_PATH, memberLabel } from '../../model/apiModel';

/**
 * Rule: RC107 collection-size. More entries than the API allows in Parameters (25) or
 * StaticValue.Values (25). The list of configurations is RC108's, since deploy batches it.
 */
export const collectionSize: RuleDefinition = {
  id: 'RC107',
  slug: 'collection-size',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'More parameters or static values than the API allows.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      if (location.docPath === CONFIGURATIONS_DOC_PATH) continue;
      const { type, min, max } = location.shape;
      let count: number | undefined;
      if (type === 'list' && node.type === 'array') count = node.items.length;
      if (type === 'map' && node.type === 'object') count = node.properties.length;
      if (count === undefined) continue;
      if ((max === undefined || count <= max) && (min === undefined || count >= min)) continue;
      const label = memberLabel(location.docPath);
      const noun = type === 'map' ? 'entries' : 'items';
      if (max !== undefined && count > max) {
        context.report(
          anchorOf(node, context.parsed.text),
          `"${label}" can have at most ${max} ${noun}; it has ${count}.`,
        );
      } else if (min !== undefined && count < min) {
        context.report(
          anchorOf(node, context.parsed.text),
          `"${label}" must have at least ${min} ${noun}; it has ${count}.`,
        );
      }
    }
  },
};
