import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { closestMatch } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import { getProperty } from '../../model/ast';
import { stringValue } from '../../model/configuration';

/**
 * Rule: RC208 unknown-resource-type. A ResourceType that is not an AWS Config resource type (the
 * ResourceType enum of the Config service model), usually a case or spelling mistake.
 */
export const unknownResourceType: RuleDefinition = {
  id: 'RC208',
  slug: 'unknown-resource-type',
  severity: 'warning',
  category: 'cross-field',
  scope: 'configuration',
  description: 'A ResourceType that is not an AWS Config resource type.',
  check(context) {
    if (context.resourceTypes.size === 0) return;
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const value = stringValue(getProperty(node, 'ResourceType')?.valueNode, context.isOpaque);
      if (!value || value.value === '' || context.resourceTypes.has(value.value)) continue;
      const suggestion = closestMatch(value.value, context.resourceTypes);
      const fixes = changeToFixes(value, suggestion, context.parsed);
      context.report(
        value,
        `"${value.value}" is not an AWS Config resource type.${suggestion ? ` Did you mean "${suggestion}"?` : ' Types look like AWS::S3::Bucket.'}`,
        { fixes },
      );
    }
  },
};
