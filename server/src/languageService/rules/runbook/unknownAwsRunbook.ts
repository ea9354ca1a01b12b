import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { editDistance } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import { AWS_RUNBOOK_PREFIX, viewConfiguration } from '../../model/configuration';
import { knownToAccount } from '../../model/account';

/**
 * The runbook the user most likely meant, only where that is near certain: the same name in
 * another case, the same name under the other AWS prefix (`AWSConfigRemediation-EnableX` for
 * `AWS-EnableX`), or a small typo (a few characters in a long name).
 */
export function closestRunbook(name: string, names: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const exact = names.find((candidate) => candidate.toLowerCase() === lower);
  if (exact) return exact;
  const suffix = lower.replace(AWS_RUNBOOK_PREFIX_LOWER, '');
  const sameSuffix = names.filter(
    (candidate) => candidate.toLowerCase().replace(AWS_RUNBOOK_PREFIX_LOWER, '') === suffix,
  );
  if (sameSuffix.length === 1) return sameSuffix[0];
  const limit = Math.max(1, Math.min(3, Math.floor(suffix.length / 8)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of names) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && distance <= limit) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

const AWS_RUNBOOK_PREFIX_LOWER = /^(aws-|awsconfigremediation-)/;

/**
 * Rule: RC306 unknown-aws-runbook. A TargetId named like an AWS-owned runbook (`AWS-…`,
 * `AWSConfigRemediation-…`) that is not in the catalog. Many published examples cite runbooks that
 * do not exist. A warning: the catalog is us-east-1's, other Regions may differ. Account-owned
 * runbooks and document ARNs are never reported.
 */
export const unknownAwsRunbook: RuleDefinition = {
  id: 'RC306',
  slug: 'unknown-aws-runbook',
  severity: 'warning',
  category: 'runbook',
  scope: 'configuration',
  description: 'An AWS-… runbook name that is not in the catalog of AWS-managed runbooks.',
  check(context) {
    // Only for a finding: this rule runs on every configuration of a large file, one at a time.
    let names: string[] | undefined;
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      const target = view.targetId;
      if (!target || view.targetIsArn || view.runbook || !AWS_RUNBOOK_PREFIX.test(target.value))
        continue;
      // The account knows better: RC402 / RC403 report what its look-up found.
      if (knownToAccount(context.account, target.value)) continue;
      names ??= context.catalog.all.map((runbook) => runbook.name);
      const suggestion = closestRunbook(target.value, names);
      const fixes = changeToFixes(target, suggestion, context.parsed);
      context.report(
        target,
        `"${target.value}" is not an AWS-managed runbook that we know; check the name.${suggestion ? ` Did you mean "${suggestion}"?` : ''} (Many published examples cite runbooks that do not exist. The bundled catalog has the ${names.length} AWS-owned remediation runbooks of us-east-1.)`,
        { fixes },
      );
    }
  },
};
