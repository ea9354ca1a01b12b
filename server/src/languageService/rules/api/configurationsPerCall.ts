import type { ShapedNode } from '../../model/document';
import type { RuleDefinition } from '../types';
import { CONFIGURATIONS_DOC_PATH } from '../../model/apiModel';

/** The API accepts at most this many configurations per PutRemediationConfigurations call. */
export const MAX_CONFIGURATIONS_PER_CALL = 25;

/**
 * Rule: RC108 configurations-per-call. More than 25 configurations. The API takes at most 25 per
 * call and `aws configservice put-remediation-configurations --cli-input-json` sends the whole file
 * in one call, so it fails. This product's deploy sends batches of 25, hence only a warning.
 */
export const configurationsPerCall: RuleDefinition = {
  id: 'RC108',
  slug: 'configurations-per-call',
  severity: 'warning',
  category: 'api',
  scope: 'configuration',
  description: 'More than 25 configurations: the AWS CLI would send them in one call, which fails.',
  check(context) {
    // Indexed, not for-of: see RuleContext.shaped.
    const shaped = context.shaped;
    for (let index = 0; index < shaped.length; index++) {
      const { node, location, property } = shaped[index] as ShapedNode;
      if (location.docPath !== CONFIGURATIONS_DOC_PATH || node.type !== 'array') continue;
      if (node.items.length <= MAX_CONFIGURATIONS_PER_CALL) continue;
      context.report(
        property?.keyNode ?? node,
        `${node.items.length} configurations: the API accepts at most ${MAX_CONFIGURATIONS_PER_CALL} per call, so "aws configservice put-remediation-configurations" would fail with this file. The Deploy command sends batches of ${MAX_CONFIGURATIONS_PER_CALL}; or split the file.`,
      );
    }
  },
};
