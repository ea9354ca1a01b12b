import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import {
  EXAMPLE_ACCOUNT_IDS,
  placeholderIn,
  placeholderValue,
  viewConfiguration,
  type ParameterView,
} from '../../model/configuration';
import type { ValueNode } from '../../model/ast';

const NO_ITEMS: readonly ValueNode[] = [];

/**
 * Rule: RC203 placeholder-account-id. A value still holds a placeholder: an ARN (in a StaticValue
 * or a TargetId document ARN) with an account id written as `<Account-Id>`, `${AccountId}`,
 * `ACCOUNT_ID` or a documentation example id (`123456789012`), a `<...>` template in a role ARN,
 * or a StaticValue that is a template to fill in (`<Account-Id>`, `[[ Replace … ]]`). It deploys,
 * then the automation fails at run time.
 */
export const placeholderAccountId: RuleDefinition = {
  id: 'RC203',
  slug: 'placeholder-account-id',
  severity: 'warning',
  category: 'cross-field',
  scope: 'configuration',
  description: 'A value that still holds a placeholder (account id or template).',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const target = view.targetId;
      const targetPlaceholder =
        target && view.targetIsArn ? placeholderIn(target.value) : undefined;
      if (target && targetPlaceholder) {
        context.report(
          target,
          `${describe(targetPlaceholder, target.value)} looks like a placeholder: no such document exists, so the remediation cannot run. Put the account that owns the document here.`,
        );
      }
      const parameters = view.parameterList;
      for (let p = 0; p < parameters.length; p++) {
        const parameter = parameters[p] as ParameterView;
        // staticStrings without its list: this reads every value of every configuration.
        const items = parameter.values?.items ?? NO_ITEMS;
        for (let i = 0; i < items.length; i++) {
          const value = items[i] as ValueNode;
          if (value.type !== 'string' || context.isOpaque(value)) continue;
          const placeholder = placeholderValue(value.value);
          if (!placeholder) continue;
          context.report(
            value,
            `${describe(placeholder, value.value)} looks like a placeholder: put the real value here before deploying. The service accepts it, then the automation fails at run time.`,
          );
        }
      }
    }
  },
};

function describe(placeholder: string, value: string): string {
  const example = EXAMPLE_ACCOUNT_IDS.has(placeholder)
    ? ' (the example account id of the AWS documentation)'
    : '';
  return placeholder === value.trim()
    ? `"${placeholder}"${example}`
    : `"${placeholder}"${example} in "${value}"`;
}
