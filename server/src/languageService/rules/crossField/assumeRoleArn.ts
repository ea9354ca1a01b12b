import type { Configuration } from '../../model/layout';
import type { RuleDefinition } from '../types';
import {
  ASSUME_ROLE,
  ROLE_ARN,
  placeholderIn,
  staticStrings,
  viewConfiguration,
} from '../../model/configuration';

/**
 * Rule: RC202 assume-role-arn. An AutomationAssumeRole value must be an IAM role ARN,
 * `arn:<partition>:iam::<12 digits>:role/<path/name>`. Anything else deploys and then fails when
 * Systems Manager assumes the role. Placeholders are RC203's (a warning).
 */
export const assumeRoleArn: RuleDefinition = {
  id: 'RC202',
  slug: 'assume-role-arn',
  severity: 'error',
  category: 'cross-field',
  scope: 'configuration',
  description: 'An AutomationAssumeRole value that is not an IAM role ARN.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const configurations = context.configurations;
    for (let index = 0; index < configurations.length; index++) {
      const { node } = configurations[index] as Configuration;
      const view = viewConfiguration(node, context.catalog, context.isOpaque);
      for (const parameter of view.parameterList) {
        if (parameter.name !== ASSUME_ROLE) continue;
        if (parameter.resourceValue && !parameter.staticValue && !view.automatic) {
          // Automatic configurations get RC200 for this.
          context.report(
            parameter.resourceValue.keyNode,
            `"${ASSUME_ROLE}" must be a StaticValue holding an IAM role ARN: a ResourceValue passes the noncompliant resource's ID, which is not a role.`,
          );
        }
        for (const value of staticStrings(parameter, context.isOpaque)) {
          if (value.value === '' || placeholderIn(value.value) || ROLE_ARN.test(value.value))
            continue;
          context.report(
            value,
            `"${value.value}" is not an IAM role ARN. ${ASSUME_ROLE} must look like arn:aws:iam::111122223333:role/RoleName (arn:<partition>:iam::<12-digit account id>:role/<path/name>); otherwise the automation fails when it assumes the role.`,
          );
        }
      }
    }
  },
};
