import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { getProperty } from '../../model/ast';
import { stringValue, viewConfiguration } from '../../model/configuration';

/**
 * Rule: RC307 runbook-resource-type. The catalogued runbook acts on another resource type than the
 * configuration's ResourceType: RESOURCE_ID then passes an ID the runbook cannot use.
 */
export const runbookResourceType: RuleDefinition = {
  id: 'RC307',
  slug: 'runbook-resource-type',
  severity: 'warning',
  category: 'runbook',
  scope: 'configuration',
  description: "The runbook's resource type differs from the configuration's ResourceType.",
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const expected = view.runbook?.resourceType;
      if (!expected) continue;
      const value = stringValue(getProperty(node, 'ResourceType')?.valueNode, context.isOpaque);
      if (!value || value.value === expected || !context.resourceTypes.has(value.value)) continue;
      context.report(
        value,
        `Runbook "${view.runbook?.name}" acts on ${expected}, but ResourceType is ${value.value}: the resource IDs it receives will not be the ones it expects.`,
      );
    }
  },
};
