import type { RuleDefinition } from '../types';

/** RC2xx: cross-field rules: relations between members the API text states or warns about. */
export const crossFieldRules: RuleDefinition[] = [];
