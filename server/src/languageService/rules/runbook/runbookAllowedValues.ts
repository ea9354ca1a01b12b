import type { RuleDefinition } from '../types';
import { forEachParameter } from './parameters';
import { closestMatch } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import { catalogString } from '../../model/configuration';
import type { RunbookParameter } from '../../data/types';

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
      const { allowed, folded } = allowedValuesOf(definition);
      const fold = folder(definition);
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

/** Booleans are converted from the string: "True" is as good as "true". */
function folder(definition: RunbookParameter): (text: string) => string {
  return definition.type === 'Boolean' ? foldBoolean : same;
}

const foldBoolean = (text: string): string => text.trim().toLowerCase();
const same = (text: string): string => text;

/** A catalogued parameter's allowed values as strings, and folded: once per parameter. */
const allowedValues = new WeakMap<RunbookParameter, { allowed: string[]; folded: string[] }>();

function allowedValuesOf(definition: RunbookParameter): { allowed: string[]; folded: string[] } {
  let known = allowedValues.get(definition);
  if (!known) {
    const allowed = (definition.allowedValues ?? []).map(catalogString);
    known = { allowed, folded: allowed.map(folder(definition)) };
    allowedValues.set(definition, known);
  }
  return known;
}
