import type { RuleDefinition } from '../types';
import { changeToFixes } from '../../edits/edits';
import { getPropertyValue } from '../../model/ast';
import { remediationsAndConfigRules, ruleNamedBy } from '../../model/templateConfigRules';

/**
 * Rule: RC212 resource-type-outside-rule-scope. In a CloudFormation template, a remediation
 * resource for a Config rule of the same template (ConfigRuleName its literal name, a `Ref` to
 * it, or a `Ref` to the parameter its own ConfigRuleName is a `Ref` to) whose literal ResourceType is not in the rule's literal `Scope.ComplianceResourceTypes`.
 * The scope limits the rule to the resources of those types, so the rule reports no resource of
 * the remediation's type and the remediation has nothing to act on. A warning: the API text says
 * of ResourceType only "The type of a resource" and states no check against the rule, so
 * PutRemediationConfigurations accepts it; the mistake shows only when nothing gets remediated.
 * Rules whose owner is not literally `AWS` or `CUSTOM_POLICY` are left alone: a Lambda rule
 * may report evaluations for any resource type, whatever its scope.
 */
export const resourceTypeOutsideRuleScope: RuleDefinition = {
  id: 'RC212',
  slug: 'resource-type-outside-rule-scope',
  severity: 'warning',
  category: 'cross-field',
  description:
    "A remediation resource's ResourceType is not in the Scope.ComplianceResourceTypes of its Config rule in the same template.",
  check(context) {
    if (context.kind !== 'cloudformation') return;
    const found = remediationsAndConfigRules(context.parsed.roots);
    if (!found) return;
    const { resources, rules } = found;
    for (const { properties } of resources) {
      const typeNode = getPropertyValue(properties?.valueNode, 'ResourceType');
      if (typeNode?.type !== 'string' || typeNode.tag) continue;
      const named = ruleNamedBy(rules, getPropertyValue(properties?.valueNode, 'ConfigRuleName'));
      // Not through a parameter's Default: the stack may be given another name.
      const rule = named?.how === 'parameter-default' ? undefined : named?.rule;
      const scope = rule?.scopeTypes;
      if (!rule || !scope || scope.length === 0 || scope.includes(typeNode.value)) continue;
      if (rule.owner !== 'AWS' && rule.owner !== 'CUSTOM_POLICY') continue;
      const only = scope.length === 1 ? scope[0] : undefined;
      context.report(
        typeNode,
        `ResourceType "${typeNode.value}" is not in the scope of Config rule resource "${rule.logicalId}" (Scope.ComplianceResourceTypes: ${scope.join(', ')}): the rule evaluates no resource of this type, so this remediation has nothing to act on.${only ? ` Did you mean "${only}"?` : ''}`,
        { fixes: changeToFixes(typeNode, only, context.parsed) },
      );
    }
  },
};
