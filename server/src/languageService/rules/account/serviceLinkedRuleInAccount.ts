import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { getProperty } from '../../model/ast';
import { stringValue } from '../../model/configuration';
import { accountLabel, findConfigRule } from '../../model/account';
import { SERVICE_LINKED_TEXT } from './text';

/**
 * Rule: RC401 service-linked-rule-in-account. The ConfigRuleName is a service-linked rule of the
 * account (DescribeConfigRules returns `CreatedBy`, e.g. securityhub.amazonaws.com): the API
 * refuses remediation for those (quoted). Unlike RC209, which guesses from the name, this is the
 * account's own answer. Only with account facts.
 */
export const serviceLinkedRuleInAccount: RuleDefinition = {
  id: 'RC401',
  slug: 'service-linked-rule-in-account',
  severity: 'error',
  category: 'account',
  scope: 'configuration',
  description: 'A ConfigRuleName that is a service-linked rule (CreatedBy set) in the account.',
  check(context) {
    const account = context.account;
    if (!account) return;
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const name = stringValue(getProperty(node, 'ConfigRuleName')?.valueNode, context.isOpaque);
      if (!name) continue;
      const rule = findConfigRule(account, name.value);
      if (!rule?.createdBy) continue;
      context.report(
        name,
        `Config rule "${name.value}" is a service-linked rule in ${accountLabel(account)}: it was created by ${rule.createdBy}. The API text: "${SERVICE_LINKED_TEXT}" Configure remediation in the service that created the rule.`,
      );
    }
  },
};
