/**
 * The rule registry: a plain array (no filesystem discovery, which bundling would break).
 * Id ranges: RC0xx syntax and engine, RC1xx API constraints, RC2xx cross-field rules,
 * RC3xx runbook (SSM document) rules, RC4xx account rules, RC5xx deploy results.
 * Ids and slugs are a contract: never renumber or reuse one.
 */
import type { RuleDefinition } from './types';
import { INTERNAL_ERROR_RULE_ID, UNUSED_SUPPRESSION_RULE_ID, syntaxRules } from './syntax';
import { apiRules } from './api';
import { crossFieldRules } from './crossField';
import { runbookRules } from './runbook';
import { accountRules } from './account';
import { deployRules } from './deploy';

export const allRules: readonly RuleDefinition[] = [
  ...syntaxRules,
  ...apiRules,
  ...crossFieldRules,
  ...runbookRules,
  ...accountRules,
  ...deployRules,
];

export { INTERNAL_ERROR_RULE_ID, UNUSED_SUPPRESSION_RULE_ID };
