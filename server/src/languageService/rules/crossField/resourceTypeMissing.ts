import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import type { Fix } from '../../model/problem';
import { insertPropertyEdit } from '../../edits/edits';
import { getProperty } from '../../model/ast';
import { viewConfiguration } from '../../model/configuration';

/**
 * Rule: RC207 resource-type-missing. An automatic remediation without ResourceType. ResourceType is
 * the type of the resource whose ID `RESOURCE_ID` passes; the AWS console and AWS's own conformance
 * packs with remediation set it. It is optional in the API and no API text says an automatic
 * remediation fails without it (such configurations work in production), so information only.
 */
export const resourceTypeMissing: RuleDefinition = {
  id: 'RC207',
  slug: 'resource-type-missing',
  severity: 'information',
  category: 'cross-field',
  scope: 'configuration',
  description: 'An automatic remediation without ResourceType.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      if (!view.automatic || !view.automaticProperty || getProperty(node, 'ResourceType')) continue;
      const fixes: Fix[] = [];
      const type = view.runbook?.resourceType;
      if (type) {
        const edit = insertPropertyEdit(
          node,
          'ResourceType',
          type,
          context.parsed.text,
          context.parsed.format,
        );
        if (edit)
          fixes.push({
            title: `Add ResourceType: ${type} (the runbook's)`,
            edits: [edit],
            isPreferred: true,
          });
      }
      context.report(
        view.automaticProperty.keyNode,
        `This automatic remediation has no "ResourceType" (optional). Consider setting the type of the resources the rule evaluates (the type whose resource ID RESOURCE_ID passes)${type ? `; runbook ${view.runbook?.name} acts on ${type}` : ''}.`,
        { fixes },
      );
    }
  },
};
