import type { RuleDefinition } from '../types';
import { anchorOf } from '../helpers';
import { ASSUME_ROLE, runbookParameter, viewConfiguration } from '../../model/configuration';
import { addAssumeRoleFixes } from '../fixes';

/**
 * Rule: RC201 manual-assume-role. A manual remediation with no AutomationAssumeRole parameter. The
 * API text: "For manual remediation configuration, you need to provide a value for
 * automationAssumeRole or use a value in the assumeRole field to remediate your resources." A
 * warning, not an error: a custom runbook's assumeRole field may map to another parameter.
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
    for (const { node } of context.configurations) {
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      if (view.automatic || view.automaticUnknown || view.parametersUnknown) continue;
      if (!view.targetId) continue; // no runbook yet (RC100), or an intrinsic function
      if (view.parameters?.properties.some((p) => p.keyNode.value === ASSUME_ROLE)) continue;
      const catalogued = view.runbook ? runbookParameter(view.runbook, ASSUME_ROLE) : undefined;
      // A catalogued runbook that requires it: RC301 reports the missing parameter as an error.
      if (catalogued?.required) continue;
      // The fix only where the runbook is known to take the parameter.
      const fixes = catalogued ? addAssumeRoleFixes(view, context) : [];
      context.report(
        view.parametersProperty?.keyNode ?? anchorOf(node, context.parsed.text),
        `This manual remediation passes no "${ASSUME_ROLE}". The API text: "For manual remediation configuration, you need to provide a value for automationAssumeRole or use a value in the assumeRole field to remediate your resources." Add ${ASSUME_ROLE}, or check that the runbook's assumeRole field maps to a parameter you pass.`,
        { fixes },
      );
    }
  },
};
