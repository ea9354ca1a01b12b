import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import type { Fix } from '../../model/problem';
import { anchorOf, closestMatch } from '../helpers';
import { ASSUME_ROLE, viewConfiguration, type ConfigurationView } from '../../model/configuration';
import type { RunbookParameter } from '../../data/types';
import { addParametersFix } from '../fixes';

/**
 * Rule: RC301 missing-runbook-parameter. A parameter the runbook requires (it has no default) is
 * not given. The service accepts the configuration; every run then fails ("Parameter X is
 * required").
 */
export const missingRunbookParameter: RuleDefinition = {
  id: 'RC301',
  slug: 'missing-runbook-parameter',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: 'A parameter that the runbook requires (no default) is missing.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const runbook = view.runbook;
      if (!runbook || view.parametersUnknown) continue;
      // Most configurations have every required parameter: found without building sets.
      if (!anyMissing(runbook.parameters, view)) continue;
      const present = new Set(view.parameterList.map((p) => p.name));
      const missing = runbook.parameters.filter(
        (p) =>
          p.required &&
          !present.has(p.name) &&
          // Automatic configurations get RC200 (with its own fix) for the role.
          !(p.name === ASSUME_ROLE && view.automatic),
      );
      // A misspelled parameter that RC300 renames to a missing one is not missing twice.
      const known = new Set(runbook.parameters.map((p) => p.name));
      for (const parameter of view.parameterList) {
        if (known.has(parameter.name)) continue;
        const meant = closestMatch(
          parameter.name,
          runbook.parameters.map((p) => p.name).filter((name) => !present.has(name)),
        );
        const index = missing.findIndex((p) => p.name === meant);
        if (index >= 0) missing.splice(index, 1);
      }
      if (missing.length === 0) continue;
      const names = missing.map((p) => `"${p.name}"`).join(', ');
      const fixes: Fix[] = [];
      const fix = addParametersFix(
        view,
        missing,
        `Add the missing parameter${missing.length > 1 ? 's' : ''} ${missing.map((p) => p.name).join(', ')}`,
        context,
      );
      if (fix) fixes.push(fix);
      context.report(
        view.parametersProperty?.keyNode ?? view.targetId ?? anchorOf(node, context.parsed.text),
        `Runbook "${runbook.name}" requires the parameter${missing.length > 1 ? 's' : ''} ${names} (no default). The service accepts the configuration; every run then fails with "Parameter ${missing[0]?.name} is required".`,
        { fixes },
      );
    }
  },
};

/** A required parameter the configuration lacks (the role of an automatic one: RC200's). */
function isMissing(parameter: RunbookParameter, view: ConfigurationView): boolean {
  if (!parameter.required || (parameter.name === ASSUME_ROLE && view.automatic)) return false;
  for (const present of view.parameterList) if (present.name === parameter.name) return false;
  return true;
}

/** Whether a parameter is missing (a loop, not `some`: no closure per configuration). */
function anyMissing(parameters: readonly RunbookParameter[], view: ConfigurationView): boolean {
  for (let i = 0; i < parameters.length; i++) {
    if (isMissing(parameters[i] as RunbookParameter, view)) return true;
  }
  return false;
}
