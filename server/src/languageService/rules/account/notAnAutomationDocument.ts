import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { viewConfiguration } from '../../model/configuration';
import { AUTOMATION, accountLabel, findAccountDocument } from '../../model/account';

/**
 * Rule: RC403 not-an-automation-document. The TargetId names a document of another type (Command,
 * Policy, Session, ...) in the account. AWS Config remediation starts the target as an SSM
 * Automation execution, which only runs Automation documents (runbooks): every remediation attempt
 * fails. Only with account facts.
 */
export const notAnAutomationDocument: RuleDefinition = {
  id: 'RC403',
  slug: 'not-an-automation-document',
  severity: 'error',
  category: 'account',
  scope: 'configuration',
  description: 'A TargetId that names an SSM document that is not an Automation runbook.',
  check(context) {
    const account = context.account;
    if (!account) return;
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const target = view.targetId;
      if (!target || view.runbook) continue;
      const document = findAccountDocument(account, target.value);
      if (!document || document.documentType === AUTOMATION) continue;
      context.report(
        target,
        `"${target.value}" is a ${document.documentType} document in ${accountLabel(account)}, not an Automation runbook. Remediation runs the target as an SSM Automation execution, so every attempt would fail: use an Automation runbook (document type Automation).`,
      );
    }
  },
};
