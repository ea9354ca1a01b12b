import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import type { Fix } from '../../model/problem';
import { closestMatch } from '../helpers';
import { renameKeyEdit } from '../../edits/edits';
import { runbookParameter, viewConfiguration } from '../../model/configuration';

/**
 * Rule: RC300 unknown-runbook-parameter. A parameter the catalogued runbook does not have. The
 * service accepts it; the automation then fails to start ("Parameter ... is not defined"). Names
 * are case-sensitive; the message suggests the nearest one.
 */
export const unknownRunbookParameter: RuleDefinition = {
  id: 'RC300',
  slug: 'unknown-runbook-parameter',
  severity: 'error',
  category: 'runbook',
  scope: 'configuration',
  description: 'A parameter that the runbook does not have.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const runbook = view.runbook;
      if (!runbook) continue;
      for (const parameter of view.parameterList) {
        // Most parameters are the runbook's: found without building lists for every configuration.
        if (runbookParameter(runbook, parameter.name)) continue;
        const names = runbook.parameters.map((p) => p.name);
        const present = new Set(view.parameterList.map((p) => p.name));
        const suggestion = closestMatch(
          parameter.name,
          names.filter((name) => !present.has(name)),
        );
        const fixes: Fix[] = [];
        if (suggestion) {
          const edit = renameKeyEdit(
            parameter.property,
            suggestion,
            context.parsed.text,
            context.parsed.format,
          );
          if (edit)
            fixes.push({ title: `Rename to "${suggestion}"`, edits: [edit], isPreferred: true });
        }
        context.report(
          parameter.property.keyNode,
          `Runbook "${runbook.name}" has no parameter "${parameter.name}".${suggestion ? ` Did you mean "${suggestion}"?` : ` Its parameters: ${names.join(', ')}.`} The service accepts the configuration; the automation then fails to start.`,
          { fixes },
        );
      }
    }
  },
};
