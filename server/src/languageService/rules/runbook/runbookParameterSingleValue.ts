import type { RuleDefinition } from '../types';
import { forEachParameter } from './parameters';
import { isSingleValued } from '../../model/configuration';

/**
 * Rule: RC302 runbook-parameter-single-value. More than one value for a parameter that takes one
 * (String, Boolean, Integer, AWS::IAM::Role::Arn, ...). Only StringList (and StringMap) take lists.
 */
export const runbookParameterSingleValue: RuleDefinition = {
  id: 'RC302',
  slug: 'runbook-parameter-single-value',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: 'More than one value for a runbook parameter that takes one.',
  check(context) {
    forEachParameter(context, (view, parameter, definition) => {
      const count = parameter.values?.items.length ?? 0;
      // The regex of isSingleValued last: most parameters have one value.
      if (count <= 1 || !parameter.valuesProperty || !isSingleValued(definition.type)) return;
      context.report(
        parameter.valuesProperty.keyNode,
        `Parameter "${parameter.name}" of runbook "${view.runbook?.name}" is of type ${definition.type}: it takes one value, not ${count}. Only StringList parameters take several.`,
      );
    });
  },
};
