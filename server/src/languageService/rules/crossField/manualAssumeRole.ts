import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { firstProperty } from '../../model/ast';
import { anchorOf } from '../helpers';
import { ASSUME_ROLE, runbookParameter, viewConfiguration } from '../../model/configuration';
import { addAssumeRoleFixes } from '../fixes';

/**
 * Rule: RC201 manual-assume-role. A manual remediation with no AutomationAssumeRole parameter. The
 * API text: "For manual remediation configuration, you need to provide a value for
 * automationAssumeRole or use a value in the assumeRole field to remediate your resources. The SSM
 * automation document can use either as long as it maps to a valid parameter." A warning, not an
 * error: a custom runbook's assumeRole field may map to another parameter; information only where
 * the runbook's content is not visible (it may set a fixed role). Where the runbook's
 * `assumeRole` is known (a document of the same template): a fixed role ARN is "a value in the
 * assumeRole field" (nothing to report); `{{ P }}` needs P, passed or with a non-empty default.
 */
export const manualAssumeRole: RuleDefinition = {
  id: 'RC201',
  slug: 'manual-assume-role',
  severity: 'warning',
  category: 'cross-field',
  scope: 'configuration',
  description:
    'A manual remediation passes no AutomationAssumeRole (nor, as far as can be seen, another role).',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      if (view.automatic || view.automaticUnknown || view.parametersUnknown) continue;
      // No runbook yet (RC100), or an intrinsic function that is not a document of the template.
      if (!view.targetId && !view.runbook) continue;
      const assumeRole = view.runbook?.assumeRole?.trim();
      const mapped =
        assumeRole === undefined ? ASSUME_ROLE : /^\{\{\s*(\w+)\s*\}\}$/.exec(assumeRole)?.[1];
      if (mapped === undefined) continue; // a fixed role in the runbook's assumeRole field
      if (view.parameters && firstProperty(view.parameters.properties, mapped)) continue;
      const catalogued = view.runbook ? runbookParameter(view.runbook, mapped) : undefined;
      if (assumeRole !== undefined && catalogued && !catalogued.required) {
        // The role parameter's own default (a non-empty one) is the role.
        if (catalogued.default !== undefined && catalogued.default !== '') continue;
      }
      if (mapped !== ASSUME_ROLE) {
        if (catalogued?.required) continue; // RC301 reports it
        context.report(
          view.parametersProperty?.keyNode ?? anchorOf(node, context.parsed.text),
          `This manual remediation passes no "${mapped}", which the runbook's assumeRole field ("${assumeRole ?? ''}") takes the role from. Add ${mapped} with the ARN of the role the automation runs as.`,
        );
        continue;
      }
      // A catalogued runbook that requires it: RC301 reports the missing parameter as an error.
      if (catalogued?.required) continue;
      // The fix only where the runbook is known to take the parameter.
      const fixes = catalogued ? addAssumeRoleFixes(view, context) : [];
      // A runbook whose content is not visible (a custom document of the account, defined in
      // another file) may set a fixed role in its assumeRole field, which the API text allows:
      // in public templates that is how such configurations work in production. So only a hint
      // of information there; a warning where the runbook is known to take the role from here.
      const unseen = view.runbook === undefined;
      context.report(
        view.parametersProperty?.keyNode ?? anchorOf(node, context.parsed.text),
        `This manual remediation passes no "${ASSUME_ROLE}". The API text: "For manual remediation configuration, you need to provide a value for automationAssumeRole or use a value in the assumeRole field to remediate your resources." Add ${ASSUME_ROLE}, or check that the runbook's assumeRole field maps to a parameter you pass.`,
        unseen ? { fixes, severity: 'information' } : { fixes },
      );
    }
  },
};
