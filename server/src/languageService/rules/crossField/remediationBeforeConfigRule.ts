import type { RuleDefinition } from '../types';
import type { Fix, TextEdit } from '../../model/problem';
import { appendItemEdit, insertPropertyEdit, replaceValueEdit } from '../../edits/edits';
import { getProperty } from '../../model/ast';
import { remediationsAndConfigRules, ruleNamedBy } from '../../model/templateConfigRules';

/**
 * Rule: RC211 remediation-before-config-rule. In a CloudFormation template, a remediation
 * resource whose ConfigRuleName is written as the literal name of an `AWS::Config::ConfigRule`
 * resource of the same template, with no dependency on that resource (no `DependsOn`, no `Ref`,
 * `Fn::GetAtt` or `Fn::Sub` reference, directly or through other resources). CloudFormation infers
 * dependencies only from those, never from a literal string, and creates independent resources
 * in parallel: the remediation may be created before the rule, and the API text says "The Config
 * rule must already exist for you to add a remediation configuration", so the stack fails. (AWS's
 * conformance pack samples with remediation write `DependsOn` for this reason.) The same holds
 * when both write ConfigRuleName as a `Ref` to one template parameter: that is a dependency on
 * the parameter, not on the rule.
 */
export const remediationBeforeConfigRule: RuleDefinition = {
  id: 'RC211',
  slug: 'remediation-before-config-rule',
  severity: 'warning',
  category: 'cross-field',
  description:
    'A remediation resource names a Config rule of the same template by its literal name without depending on it (DependsOn).',
  check(context) {
    if (context.kind !== 'cloudformation') return;
    const found = remediationsAndConfigRules(context.parsed.roots);
    if (!found) return;
    const { resources, rules } = found;
    const { text, format } = context.parsed;
    for (const { logicalId, resource, properties } of resources) {
      const nameProperty = getProperty(properties?.valueNode, 'ConfigRuleName');
      const nameNode = nameProperty?.valueNode;
      const named = ruleNamedBy(rules, nameNode);
      // A Ref to the rule resource is a dependency on it.
      if (!nameNode || !named || named.how === 'rule-ref') continue;
      const { rule, parameter } = named;
      const byDefault = named.how === 'parameter-default';
      if (rule.logicalId === logicalId) continue;
      if (rules.dependsOn(logicalId, rule.logicalId)) continue;
      const fixes: Fix[] = [];
      const body = resource.valueNode;
      if (body?.type === 'object') {
        const dependsOn = getProperty(body, 'DependsOn')?.valueNode;
        let edit: TextEdit | undefined;
        let title = `Add DependsOn: ${rule.logicalId}`;
        if (!dependsOn) {
          edit = insertPropertyEdit(body, 'DependsOn', rule.logicalId, text, format);
        } else if (dependsOn.type === 'string' && !dependsOn.tag) {
          edit = replaceValueEdit(dependsOn, [dependsOn.value, rule.logicalId], text, format);
          title = `Add ${rule.logicalId} to DependsOn`;
        } else if (dependsOn.type === 'array' && !dependsOn.tag) {
          edit = appendItemEdit(dependsOn, rule.logicalId, text, format);
          title = `Add ${rule.logicalId} to DependsOn`;
        }
        if (edit) fixes.push({ title, edits: [edit], isPreferred: true });
      }
      const failure = `may create the remediation first, which fails ("The Config rule must already exist for you to add a remediation configuration"). Add "DependsOn: ${rule.logicalId}", or write ConfigRuleName as a Ref to "${rule.logicalId}".`;
      const subject =
        parameter === undefined
          ? `Config rule "${rule.name ?? ''}"`
          : byDefault
            ? `Config rule "${rule.name ?? ''}" (the Default of parameter "${parameter}")`
            : `The Config rule named by parameter "${parameter}"`;
      const why =
        parameter === undefined
          ? 'CloudFormation infers no dependency from a literal name and'
          : 'a Ref to the parameter is no dependency on the rule, and CloudFormation';
      // A Ref is reported on the ConfigRuleName key: on its value the CloudFormation adapter would
      // take the finding for one about the parameter's Default (and drop the DependsOn fix).
      const target = parameter === undefined ? nameNode : (nameProperty?.keyNode ?? nameNode);
      context.report(
        target,
        `${subject} is created by resource "${rule.logicalId}" of this template, but this remediation does not depend on it: ${why} ${failure}`,
        { fixes },
      );
    }
  },
};
