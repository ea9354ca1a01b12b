/**
 * The rule registry: a plain array (no filesystem discovery, which bundling would break).
 * Id ranges: RC0xx syntax and engine, RC1xx API constraints, RC2xx cross-field rules,
 * RC3xx runbook (SSM document) rules, RC4xx account rules, RC5xx deploy results.
 */
import type { RuleDefinition } from './types';
import { syntaxRules } from './syntax';
import { requiredMember } from './api/requiredMember';
import { typeMismatch } from './api/typeMismatch';
import { unknownMember } from './api/unknownMember';
import { enumValue } from './api/enumValue';
import { stringLength } from './api/stringLength';
import { stringPattern } from './api/stringPattern';
import { numberRange } from './api/numberRange';
import { collectionSize } from './api/listSize';
import { tooManyConfigurations } from './api/tooManyConfigurations';
import { parameterValueChoice } from './api/parameterValueChoice';

export const allRules: readonly RuleDefinition[] = [
  ...syntaxRules,
  requiredMember,
  typeMismatch,
  unknownMember,
  enumValue,
  stringLength,
  stringPattern,
  numberRange,
  collectionSize,
  tooManyConfigurations,
  parameterValueChoice,
];

export const INTERNAL_ERROR_RULE_ID = 'RC009';
