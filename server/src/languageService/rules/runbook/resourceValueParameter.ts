import type { RuleDefinition } from '../types';
import { forEachParameter } from './parameters';
import { ASSUME_ROLE, catalogString } from '../../model/configuration';

/**
 * Rule: RC308 resource-value-parameter. A ResourceValue (the resource ID) on a parameter that can
 * never hold a resource ID: a Boolean, or one with a fixed list of allowedValues. Only such certain
 * cases are reported.
 */
export const resourceValueParameter: RuleDefinition = {
  id: 'RC308',
  slug: 'resource-value-parameter',
  severity: 'warning',
  category: 'runbook',
  scope: 'configuration',
  description: 'A ResourceValue on a runbook parameter that cannot hold a resource ID.',
  check(context) {
    forEachParameter(context, (view, parameter, definition) => {
      if (!parameter.resourceValue || parameter.staticValue || parameter.name === ASSUME_ROLE)
        return;
      const runbook = view.runbook;
      if (!runbook || runbook.resourceIdParameter === parameter.name) return;
      const reason =
        definition.type === 'Boolean'
          ? 'a Boolean'
          : definition.allowedValues && definition.allowedValues.length > 0
            ? `one of [${definition.allowedValues.map(catalogString).join(', ')}]`
            : undefined;
      if (!reason) return;
      const target = runbook.resourceIdParameter
        ? ` This runbook takes the resource ID in "${runbook.resourceIdParameter}".`
        : '';
      context.report(
        parameter.resourceValue.keyNode,
        `Parameter "${parameter.name}" gets the resource ID at run time, but it is ${reason}.${target}`,
      );
    });
  },
};
