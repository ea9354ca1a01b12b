/** Quick fixes shared by the cross-field and runbook rules. */
import { getProperty } from '../model/ast';
import type { Runbook, RunbookParameter } from '../data/types';
import { insertPropertiesEdit, type EditValue } from '../edits/edits';
import type { RuleContext } from './types';
import type { Fix } from '../model/problem';
import {
  ASSUME_ROLE,
  RESOURCE_ID,
  ROLE_ARN_PLACEHOLDER,
  type ConfigurationView,
} from '../model/configuration';

/** The value a new parameter gets: the resource ID for the runbook's resource-id parameter, the
 * role placeholder for AutomationAssumeRole, else an empty static value to fill in (flagged until
 * it is filled). */
export function parameterValueFor(runbook: Runbook | undefined, parameter: string): EditValue {
  if (runbook?.resourceIdParameter === parameter) return { ResourceValue: { Value: RESOURCE_ID } };
  if (parameter === ASSUME_ROLE) return { StaticValue: { Values: [ROLE_ARN_PLACEHOLDER] } };
  return { StaticValue: { Values: [''] } };
}

/**
 * Adds parameters to a configuration: into its Parameters object, or a new Parameters member when
 * there is none. Undefined when Parameters is there but cannot be edited safely.
 */
export function addParametersFix(
  view: ConfigurationView,
  names: readonly (string | RunbookParameter)[],
  title: string,
  context: RuleContext,
  // Not preferred by default: the inserted values are placeholders to fill in, not for auto-fix.
  isPreferred = false,
): Fix | undefined {
  const entries: [string, EditValue][] = names.map((entry) => {
    const name = typeof entry === 'string' ? entry : entry.name;
    return [name, parameterValueFor(view.runbook, name)];
  });
  const { text, format } = context.parsed;
  let edit;
  if (view.parameters) {
    edit = insertPropertiesEdit(view.parameters, entries, text, format);
  } else if (!getProperty(view.node, 'Parameters')) {
    edit = insertPropertiesEdit(
      view.node,
      [['Parameters', Object.fromEntries(entries)]],
      text,
      format,
    );
  }
  return edit ? { title, edits: [edit], isPreferred } : undefined;
}

/** The fix that adds AutomationAssumeRole with the role placeholder, as a list of zero or one. */
export function addAssumeRoleFixes(view: ConfigurationView, context: RuleContext): Fix[] {
  const fix = addParametersFix(
    view,
    [ASSUME_ROLE],
    'Add the AutomationAssumeRole parameter (replace the account id and role name)',
    context,
  );
  return fix ? [fix] : [];
}
