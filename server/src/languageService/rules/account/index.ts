import type { RuleDefinition } from '../types';
import { ruleNotInAccount } from './ruleNotInAccount';
import { serviceLinkedRuleInAccount } from './serviceLinkedRuleInAccount';
import { runbookNotInAccount } from './runbookNotInAccount';
import { notAnAutomationDocument } from './notAnAutomationDocument';

/**
 * RC4xx: account rules: checks against the user's AWS account (rules and runbooks looked up by
 * the client and passed as facts). Without facts (offline, look-ups off) they report nothing.
 */
export const accountRules: RuleDefinition[] = [
  ruleNotInAccount,
  serviceLinkedRuleInAccount,
  runbookNotInAccount,
  notAnAutomationDocument,
];
