import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { closestMatch } from '../helpers';
import { changeToFixes } from '../../edits/edits';
import { getProperty, getPropertyValue, type ParsedDocument } from '../../model/ast';
import { stringValue } from '../../model/configuration';
import { templateRoot } from '../../model/layout';
import { accountLabel, findConfigRule } from '../../model/account';
import { RULE_MUST_EXIST_TEXT } from './text';

/**
 * Rule: RC400 rule-not-in-account. The ConfigRuleName is not a Config rule of the account and
 * Region the client looked up. The API text: "The Config rule must already exist for you to add a
 * remediation configuration." A warning: the rule may be created before the deploy (in a
 * CloudFormation template, rules of the same template are never reported). Only with account facts;
 * offline nothing is reported.
 */
export const ruleNotInAccount: RuleDefinition = {
  id: 'RC400',
  slug: 'rule-not-in-account',
  severity: 'warning',
  category: 'account',
  scope: 'configuration',
  description: 'A ConfigRuleName that is not a Config rule of the account and Region.',
  check(context) {
    const account = context.account;
    if (!account) return;
    const fromTemplate =
      context.kind === 'cloudformation' ? templateRuleNames(context.parsed) : new Set<string>();
    const candidates = account.configRules.filter((r) => !r.createdBy).map((r) => r.name);
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const name = stringValue(getProperty(node, 'ConfigRuleName')?.valueNode, context.isOpaque);
      if (!name || name.value === '' || fromTemplate.has(name.value)) continue;
      if (findConfigRule(account, name.value)) continue;
      const suggestion = closestMatch(name.value, candidates);
      const fixes = changeToFixes(name, suggestion, context.parsed);
      context.report(
        name,
        `There is no Config rule "${name.value}" in ${accountLabel(account)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} The API text: "${RULE_MUST_EXIST_TEXT}" Create the rule first, or check the name, the account and the Region.`,
        { fixes },
      );
    }
  },
};

/** ConfigRuleName of the template's own `AWS::Config::ConfigRule` resources. */
function templateRuleNames(parsed: ParsedDocument): Set<string> {
  const names = new Set<string>();
  const resources = getPropertyValue(templateRoot(parsed.roots), 'Resources');
  if (resources?.type !== 'object') return names;
  for (const resource of resources.properties) {
    const body = resource.valueNode;
    if (body?.type !== 'object') continue;
    const type = getPropertyValue(body, 'Type');
    if (type?.type !== 'string' || type.value !== 'AWS::Config::ConfigRule') continue;
    const name = getPropertyValue(getPropertyValue(body, 'Properties'), 'ConfigRuleName');
    if (name?.type === 'string') names.add(name.value);
  }
  return names;
}
