import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { closestMatch } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import { viewConfiguration } from '../../model/configuration';
import { AUTOMATION, accountLabel, isMissingDocument } from '../../model/account';
import { TARGET_MUST_EXIST_TEXT } from './text';

/**
 * Rule: RC402 runbook-not-in-account. The TargetId is neither a catalogued runbook nor a document
 * of the account: DescribeDocument answered that it does not exist (or is not shared with the
 * account) in the Region. The API text: "The target (SSM document) must exist and have permissions
 * to use the target." Only TargetIds the client described are judged; offline nothing is reported.
 */
export const runbookNotInAccount: RuleDefinition = {
  id: 'RC402',
  slug: 'runbook-not-in-account',
  severity: 'warning',
  category: 'account',
  scope: 'configuration',
  description: 'A TargetId that is not a runbook of the catalog or of the account.',
  check(context) {
    const account = context.account;
    if (!account) return;
    const names = [
      ...account.documents
        .filter((d) => d.documentType === AUTOMATION && d.requestedAs === undefined)
        .map((d) => d.name),
      ...context.catalog.all.map((r) => r.name),
    ];
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const target = view.targetId;
      if (!target || view.runbook || !isMissingDocument(account, target.value)) continue;
      const suggestion = view.targetIsArn ? undefined : closestMatch(target.value, names);
      const fixes = changeToFixes(target, suggestion, context.parsed);
      context.report(
        target,
        `The SSM document "${target.value}" does not exist in ${accountLabel(account)}, or is not shared with the account.${suggestion ? ` Did you mean "${suggestion}"?` : ''} The API text: "${TARGET_MUST_EXIST_TEXT}" Create or share the runbook in this Region, or check the name.`,
        { fixes },
      );
    }
  },
};
