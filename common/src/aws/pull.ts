/**
 * Pull: the deployed remediation configurations of the account/region as a request document.
 */

import type { RemediationConfiguration } from '@aws-sdk/client-config-service';
import { stringify as toYaml } from 'yaml';
import type { AwsContext } from './clients';
import { describeConfigRulePages } from './account';
import { describeDeployed } from './deploy';
import { toCanonicalConfiguration } from './normalize';

/**
 * Lists every Config rule name of the account/region (DescribeConfigRules, following NextToken).
 * @throws AwsOperationError
 */
export async function listConfigRuleNames(
  ctx: AwsContext,
  signal?: AbortSignal,
): Promise<string[]> {
  const { rules, pages } = await describeConfigRulePages(ctx, signal);
  const names = rules.flatMap((rule) => (rule.ConfigRuleName ? [rule.ConfigRuleName] : []));
  ctx.logger.info(`AWS: ${names.length} Config rule(s) in ${pages} page(s)`);
  return names;
}

/** Options of {@link pull}. */
export interface PullOptions {
  /** Rule names to pull (`--rules a,b`); default: every rule (DescribeConfigRules). */
  rules?: readonly string[];
  signal?: AbortSignal;
}

/** The result of {@link pull}. */
export interface PullResult {
  /**
   * The deployed configurations, output-only members (Arn, CreatedByService) dropped, keys in
   * API member order. Ordered like `rules` when given, else by ConfigRuleName.
   */
  configurations: RemediationConfiguration[];
  /** The rule names that were looked up. */
  ruleNames: string[];
  /** Looked-up rules that have no remediation configuration. */
  withoutRemediation: string[];
}

/**
 * Fetches the deployed remediation configurations (DescribeConfigRules, paged, unless `rules`
 * is given; then DescribeRemediationConfigurations in chunks of 25).
 * @throws AwsOperationError
 */
export async function pull(ctx: AwsContext, options: PullOptions = {}): Promise<PullResult> {
  const given = options.rules?.map((r) => r.trim()).filter((r) => r.length > 0);
  const ruleNames =
    given && given.length > 0
      ? [...new Set(given)]
      : [...new Set(await listConfigRuleNames(ctx, options.signal))].sort();
  const deployed = await describeDeployed(ctx, ruleNames, options.signal);
  const configurations: RemediationConfiguration[] = [];
  const withoutRemediation: string[] = [];
  for (const name of ruleNames) {
    const c = deployed.get(name);
    if (c) {
      configurations.push(toCanonicalConfiguration(c));
    } else {
      withoutRemediation.push(name);
    }
  }
  ctx.logger.info(
    `AWS: pulled ${configurations.length} remediation configuration(s); ${withoutRemediation.length} rule(s) have none`,
  );
  return { configurations, ruleNames, withoutRemediation };
}

/** File formats of a request document. */
export type DocumentFormat = 'json' | 'yaml';

/**
 * Renders configurations as a `put-remediation-configurations --cli-input-json|yaml` document
 * (`{"RemediationConfigurations": [...]}`), canonical key order, trailing newline.
 */
export function formatRemediationDocument(
  configurations: readonly RemediationConfiguration[],
  format: DocumentFormat,
): string {
  const doc = { RemediationConfigurations: configurations.map(toCanonicalConfiguration) };
  return format === 'yaml' ? toYaml(doc, { lineWidth: 0 }) : `${JSON.stringify(doc, null, 2)}\n`;
}
