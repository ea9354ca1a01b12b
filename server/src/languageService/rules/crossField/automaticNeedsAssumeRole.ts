import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import { firstProperty } from '../../model/ast';
import { ASSUME_ROLE, viewConfiguration, viewParameter } from '../../model/configuration';
import { addAssumeRoleFixes } from '../fixes';

/** The API text ("Required fields" note of PutRemediationConfigurations). */
export const AUTOMATIC_ROLE_TEXT =
  'for automatic remediation configuration, the only valid assumeRole field value is AutomationAssumeRole and you need to provide a value for AutomationAssumeRole to remediate your resources';

/**
 * Rule: RC200 automatic-needs-assume-role. `Automatic: true` needs
 * `Parameters.AutomationAssumeRole` with a StaticValue holding exactly one IAM role ARN. The API
 * text: "for automatic remediation configuration, the only valid assumeRole field value is
 * AutomationAssumeRole". Without it the configuration deploys, then every automatic run fails
 * ("Parameter AutomationAssumeRole is required").
 */
export const automaticNeedsAssumeRole: RuleDefinition = {
  id: 'RC200',
  slug: 'automatic-needs-assume-role',
  severity: 'error',
  category: 'cross-field',
  scope: 'configuration',
  description:
    'Automatic remediation needs an AutomationAssumeRole parameter with one IAM role ARN as StaticValue.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      if (!view.automatic || !view.automaticProperty || view.parametersUnknown) continue;
      const property = view.parameters && firstProperty(view.parameters.properties, ASSUME_ROLE);
      if (!property) {
        const fixes = addAssumeRoleFixes(view, context);
        context.report(
          view.automaticProperty.keyNode,
          `Automatic remediation needs the parameter "${ASSUME_ROLE}" with a StaticValue holding the ARN of the IAM role the automation runs as. Without it the configuration deploys, then every automatic run fails with "Parameter AutomationAssumeRole is required". The API text: "${AUTOMATIC_ROLE_TEXT}."`,
          { fixes },
        );
        continue;
      }
      const parameter = viewParameter(property, context.isOpaque);
      if (!parameter.node) continue; // RC101 reports a value that is not an object
      if (parameter.resourceValue && !parameter.staticValue) {
        context.report(
          parameter.resourceValue.keyNode,
          `"${ASSUME_ROLE}" must be a StaticValue holding an IAM role ARN: a ResourceValue passes the noncompliant resource's ID, which is not a role, so every automatic run fails.`,
        );
        continue;
      }
      if (!parameter.values || !parameter.valuesProperty) continue; // RC100/RC101 report these
      if (parameter.values.items.some((item) => context.isOpaque(item))) continue;
      const count = parameter.values.items.length;
      if (count !== 1) {
        context.report(
          parameter.valuesProperty.keyNode,
          `"${ASSUME_ROLE}" must hold exactly one IAM role ARN for automatic remediation; it has ${count === 0 ? 'none' : `${count} values`}.`,
        );
      }
    }
  },
};
