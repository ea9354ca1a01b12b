import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { getProperty } from '../../model/ast';
import { stringValue } from '../../model/configuration';

/** The API text of PutRemediationConfigurations. */
export const SERVICE_LINKED_TEXT =
  'This API does not support adding remediation configurations for service-linked Config Rules such as Organization Config rules, the rules deployed by conformance packs, and rules deployed by Amazon Web Services Security Hub.';

/**
 * Rule: RC209 service-linked-rule. A ConfigRuleName that looks like a service-linked rule: Security
 * Hub names its rules `securityhub-…`, conformance packs append `-conformance-pack-<8 characters>`.
 * The API does not support remediation for those (quoted in the message).
 */
export const serviceLinkedRule: RuleDefinition = {
  id: 'RC209',
  slug: 'service-linked-rule',
  severity: 'warning',
  category: 'cross-field',
  scope: 'configuration',
  description:
    'A ConfigRuleName that looks like a service-linked rule (Security Hub, conformance pack).',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const name = stringValue(getProperty(node, 'ConfigRuleName')?.valueNode, context.isOpaque);
      if (!name) continue;
      // The account's answer (RC401, RC400) replaces the guess from the name.
      if (context.account) continue;
      let owner: string | undefined;
      if (/^securityhub-/.test(name.value)) owner = 'Security Hub';
      else if (/-conformance-pack-[a-z0-9]{8}$/.test(name.value)) owner = 'a conformance pack';
      if (!owner) continue;
      context.report(
        name,
        `"${name.value}" looks like a rule deployed by ${owner}. The API text: "${SERVICE_LINKED_TEXT}" Remediate through ${owner === 'Security Hub' ? 'Security Hub' : "the conformance pack's template"} instead.`,
      );
    }
  },
};
