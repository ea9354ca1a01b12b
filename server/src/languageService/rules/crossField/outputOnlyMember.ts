import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import type { Fix } from '../../model/problem';
import { removePropertyEdit } from '../../edits/edits';
import { OUTPUT_ONLY_MEMBERS } from '../../model/apiModel';
import type { PropertyNode } from '../../model/ast';

/** A set, not the list's `includes`: every key of every configuration is looked up. */
const OUTPUT_ONLY: ReadonlySet<string> = new Set(OUTPUT_ONLY_MEMBERS);

/**
 * Rule: RC205 output-only-member. `Arn` and `CreatedByService` are what the service returns
 * (DescribeRemediationConfigurations); they are not for sending. They usually come from copying a
 * pulled configuration back into a request.
 */
export const outputOnlyMember: RuleDefinition = {
  id: 'RC205',
  slug: 'output-only-member',
  severity: 'warning',
  category: 'cross-field',
  scope: 'configuration',
  description:
    'Arn or CreatedByService in a request: the service returns them, they are not for sending.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const properties = node.properties;
      for (let i = 0; i < properties.length; i++) {
        const property = properties[i] as PropertyNode;
        const key = property.keyNode.value;
        if (!OUTPUT_ONLY.has(key)) continue;
        const fixes: Fix[] = [];
        const edit = removePropertyEdit(node, property, context.parsed.text);
        if (edit) fixes.push({ title: `Remove ${key}`, edits: [edit], isPreferred: true });
        context.report(
          property.keyNode,
          key === 'Arn'
            ? '"Arn" is the ARN of the remediation configuration, which the service assigns and returns; it is not for sending. Remove it.'
            : '"CreatedByService" names the service that owns a service-linked rule; the service returns it, it is not for sending. Remove it.',
          { fixes },
        );
      }
    }
  },
};
