import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { memberLabel } from '../../model/apiModel';

/**
 * Rule: RC105 string-pattern. A string that does not match the API's pattern (ConfigRuleName
 * `.*\S.*`: not only whitespace). The service rejects it.
 */
/**
 * The patterns of the model, compiled once (not per run: a run checks one configuration of a large
 * file). Without the g or y flag a regex keeps no state between tests, so it can be shared.
 */
const compiled = new Map<string, RegExp>();

export const stringPattern: RuleDefinition = {
  id: 'RC105',
  slug: 'string-pattern',
  severity: 'error',
  category: 'api',
  scope: 'configuration',
  description: 'A string that does not match the pattern the API requires.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location } = shaped[index] as ShapedNode;
      const pattern = location.shape.pattern;
      if (!pattern || node.type !== 'string' || node.value.length === 0) continue;
      let regex = compiled.get(pattern);
      if (!regex) {
        // The service matches the whole value.
        regex = new RegExp(`^(?:${pattern})$`, 's');
        compiled.set(pattern, regex);
      }
      if (regex.test(node.value)) continue;
      const label = memberLabel(location.docPath);
      const hint = pattern === '.*\\S.*' ? ' (it must contain a non-whitespace character)' : '';
      context.report(node, `"${label}" must match the pattern ${pattern}${hint}.`);
    }
  },
};
