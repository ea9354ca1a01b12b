import type { RuleDefinition } from '../types';

/** RC3xx: runbook (SSM document) rules: parameters checked against the runbook catalog. */
export const runbookRules: RuleDefinition[] = [];
