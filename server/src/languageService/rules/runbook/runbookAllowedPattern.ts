import type { RuleDefinition } from '../types';
import { ASSUME_ROLE, placeholderIn } from '../../model/configuration';
import { forEachParameter, hasParameterType, compilePattern } from './parameters';

/**
 * Rule: RC304 runbook-allowed-pattern. A value that does not match the parameter's allowedPattern.
 * The service accepts it; the automation then fails. A ResourceValue is not checked (its value is
 * only known at run time), nor AutomationAssumeRole (RC202), nor placeholders (RC203).
 */
export const runbookAllowedPattern: RuleDefinition = {
  id: 'RC304',
  slug: 'runbook-allowed-pattern',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: "A value that does not match the runbook parameter's allowedPattern.",
  check(context) {
    forEachParameter(context, (view, parameter, definition, values) => {
      if (!definition.allowedPattern || parameter.name === ASSUME_ROLE) return;
      if (definition.allowedValues && definition.allowedValues.length > 0) return; // RC303
      const regex = compilePattern(definition.allowedPattern);
      if (!regex) return;
      for (const value of values) {
        if (value.value === '' || value.value.length > 4096 || placeholderIn(value.value)) continue;
        if (!hasParameterType(definition, value.value)) continue; // RC305
        if (regex.test(value.value)) continue;
        context.report(
          value,
          `Parameter "${parameter.name}" has value "${value.value}", which does not match the runbook's allowedPattern ${definition.allowedPattern} (runbook "${view.runbook?.name}"). The service accepts it; the automation then fails.`,
        );
      }
    });
  },
};
