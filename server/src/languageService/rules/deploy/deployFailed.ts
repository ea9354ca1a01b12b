import type { RuleDefinition } from '../types';

/**
 * Rule: RC500 deploy-failed. Not a check: the VS Code client puts it on a configuration when AWS
 * rejected it during a deploy (an item of `FailedBatches`, with its FailureMessage). Registered so
 * that its id, slug and docs link are known like every other rule's.
 */
export const deployFailed: RuleDefinition = {
  id: 'RC500',
  slug: 'deploy-failed',
  severity: 'error',
  category: 'deploy',
  description:
    'AWS rejected this configuration in the last deploy (FailedBatches); the message is its FailureMessage.',
};
