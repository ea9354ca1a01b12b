import type { RuleDefinition } from '../types';

/** RC4xx: account rules: checks against the user's AWS account (rules and runbooks looked up by the client). */
export const accountRules: RuleDefinition[] = [];
