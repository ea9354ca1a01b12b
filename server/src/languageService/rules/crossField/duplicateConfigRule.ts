import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { stringValue } from '../../model/configuration';
import { getProperty } from '../../model/ast';

/**
 * Rule: RC204 duplicate-config-rule. The same ConfigRuleName in two configurations of a file. A
 * Config rule has one remediation configuration ("Adds or updates the remediation configuration
 * with a specific Config rule"): the later one silently replaces the earlier.
 */
export const duplicateConfigRule: RuleDefinition = {
  id: 'RC204',
  slug: 'duplicate-config-rule',
  severity: 'error',
  category: 'cross-field',
  description: 'Two configurations for the same Config rule in one file.',
  check(context) {
    const first = new Map<string, number>();
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let at = 0; at < configurations.length; at++) {
      const configuration = configurations[at] as Configuration;
      const { node, index } = configuration;
      // Memoised: this runs over every configuration after every edit (see RuleContext.memo).
      const name = context.memo(configuration, 'RC204', () => {
        const value = stringValue(getProperty(node, 'ConfigRuleName')?.valueNode, context.isOpaque);
        return value && value.value.trim() !== '' ? value.value : undefined;
      });
      if (name === undefined) continue;
      const earlier = first.get(name);
      if (earlier === undefined) {
        first.set(name, index);
        continue;
      }
      const value = stringValue(getProperty(node, 'ConfigRuleName')?.valueNode, context.isOpaque);
      context.report(
        value ?? node,
        `Configuration ${index + 1} is for "${name}" too, like configuration ${earlier + 1}. A Config rule has one remediation configuration: this one silently replaces the earlier one. Keep one.`,
      );
    }
  },
};
