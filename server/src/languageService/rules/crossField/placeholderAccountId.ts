import type { RuleDefinition } from '../types';
import { placeholderIn, staticStrings, viewConfiguration } from '../../model/configuration';

/**
 * Rule: RC203 placeholder-account-id. An ARN in a StaticValue still holds a placeholder: an account
 * id written as `<Account-Id>`, `${AccountId}`, `ACCOUNT_ID` or the documentation's `123456789012`,
 * or a `<...>` template in a role ARN. It deploys, then the automation fails at run time.
 */
export const placeholderAccountId: RuleDefinition = {
  id: 'RC203',
  slug: 'placeholder-account-id',
  severity: 'warning',
  category: 'cross-field',
  scope: 'configuration',
  description: 'An ARN that still holds a placeholder (account id or template).',
  check(context) {
    for (const { node } of context.configurations) {
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      for (const parameter of view.parameterList) {
        for (const value of staticStrings(parameter, context.isOpaque)) {
          const placeholder = placeholderIn(value.value);
          if (!placeholder) continue;
          const example =
            placeholder === '123456789012'
              ? ' (the example account id of the AWS documentation)'
              : '';
          context.report(
            value,
            `"${placeholder}"${example} in "${value.value}" looks like a placeholder: put the real value here before deploying. The service accepts it, then the automation fails at run time.`,
          );
        }
      }
    }
  },
};
