import type { RuleDefinition } from '../types';
import { forEachParameter } from './parameters';
import { closestMatch } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import { catalogString } from '../../model/configuration';

/**
 * Rule: RC303 runbook-allowed-values. A value outside the parameter's allowedValues. The service
 * accepts it; the automation then fails: `Parameter "Action" has value "install" not found in
 * [Install, Uninstall]`.
 */
export const runbookAllowedValues: RuleDefinition = {
  id: 'RC303',
  slug: 'runbook-allowed-values',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: "A value that is not one of the runbook parameter's allowedValues.",
  check(context) {
    forEachParameter(context, (view, parameter, definition, values) => {
      if (!definition.allowedValues || definition.allowedValues.length === 0) return;
      const allowed = definition.allowedValues.map(catalogString);
      // Booleans are converted from the string: "True" is as good as "true".
      const fold = (text: string): string =>
        definition.type === 'Boolean' ? text.trim().toLowerCase() : text;
      const folded = allowed.map(fold);
      for (const value of values) {
        if (value.value === '' || folded.includes(fold(value.value))) continue;
        const suggestion = closestMatch(
          value.value,
          allowed.filter((a) => a !== ''),
        );
        const fixes = changeToFixes(value, suggestion, context.parsed);
        context.report(
          value,
          `Parameter "${parameter.name}" has value "${value.value}" not found in [${allowed.join(', ')}] (runbook "${view.runbook?.name}").${suggestion ? ` Did you mean "${suggestion}"?` : ''} The service accepts it; the automation then fails.`,
          { fixes },
        );
      }
    });
  },
};
