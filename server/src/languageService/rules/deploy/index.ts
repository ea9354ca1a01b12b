import type { RuleDefinition } from '../types';

/**
 * RC5xx: deploy results. These are not checks: the VS Code client puts them on a configuration
 * when AWS rejected it during a deploy (an item of `FailedBatches`, with its FailureMessage).
 * They are registered so that their id, slug and docs link are known like every other rule's.
 */
export const deployRules: RuleDefinition[] = [
  {
    id: 'RC500',
    slug: 'deploy-failed',
    severity: 'error',
    category: 'deploy',
    description:
      'AWS rejected this configuration in the last deploy (FailedBatches); the message is its FailureMessage.',
  },
];
