import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { viewConfiguration } from '../../model/configuration';

/**
 * Rule: RC206 automatic-only-setting. MaximumAutomaticAttempts and RetryAttemptSeconds without
 * `Automatic: true`. The API text: "The maximum number of failed attempts for auto-remediation";
 * they have no effect on a manual remediation.
 */
export const automaticOnlySetting: RuleDefinition = {
  id: 'RC206',
  slug: 'automatic-only-setting',
  severity: 'information',
  category: 'cross-field',
  scope: 'configuration',
  description: 'MaximumAutomaticAttempts or RetryAttemptSeconds on a manual remediation.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      if (view.automatic || view.automaticUnknown) continue;
      for (const property of node.properties) {
        const key = property.keyNode.value;
        if (key !== 'MaximumAutomaticAttempts' && key !== 'RetryAttemptSeconds') continue;
        context.report(
          property.keyNode,
          `"${key}" applies only to automatic remediation ("The maximum number of failed attempts for auto-remediation"); this configuration is ${view.automaticProperty ? 'manual (Automatic: false)' : 'manual (no Automatic: true)'}, so it has no effect.`,
        );
      }
    }
  },
};
