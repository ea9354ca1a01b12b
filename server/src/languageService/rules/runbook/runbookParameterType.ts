import type { RuleDefinition } from '../types';
import { forEachParameter, hasParameterType } from './parameters';

/**
 * Rule: RC305 runbook-parameter-type. A Boolean parameter given something other than
 * "true"/"false", or an Integer parameter given something that is not a whole number. StaticValue
 * values are strings; Systems Manager converts them to the parameter's type when the automation
 * starts, and fails.
 */
export const runbookParameterType: RuleDefinition = {
  id: 'RC305',
  slug: 'runbook-parameter-type',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: 'A Boolean or Integer runbook parameter given a value of another type.',
  check(context) {
    forEachParameter(context, (view, parameter, definition, values) => {
      if (definition.allowedValues && definition.allowedValues.length > 0) return; // RC303
      const isBoolean = definition.type === 'Boolean';
      const isInteger = definition.type === 'Integer';
      if (!isBoolean && !isInteger) return;
      for (const value of values) {
        if (value.value === '' || hasParameterType(definition, value.value)) continue;
        context.report(
          value,
          `Parameter "${parameter.name}" of runbook "${view.runbook?.name}" is ${isBoolean ? 'a Boolean: use "true" or "false"' : 'an Integer: use a whole number such as "5"'}, not "${value.value}".`,
        );
      }
    });
  },
};
