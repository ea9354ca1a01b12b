import type { RuleDefinition } from '../types';
import { automaticNeedsAssumeRole } from './automaticNeedsAssumeRole';
import { manualAssumeRole } from './manualAssumeRole';
import { assumeRoleArn } from './assumeRoleArn';
import { placeholderAccountId } from './placeholderAccountId';
import { duplicateConfigRule } from './duplicateConfigRule';
import { outputOnlyMember } from './outputOnlyMember';
import { automaticOnlySetting } from './automaticOnlySetting';
import { resourceTypeMissing } from './resourceTypeMissing';
import { unknownResourceType } from './unknownResourceType';
import { serviceLinkedRule } from './serviceLinkedRule';
import { destructiveAutomaticRemediation } from './destructiveAutomaticRemediation';
import { remediationBeforeConfigRule } from './remediationBeforeConfigRule';
import { resourceTypeOutsideRuleScope } from './resourceTypeOutsideRuleScope';

/** RC2xx: cross-field rules: relations between members the API text states or warns about. */
export const crossFieldRules: RuleDefinition[] = [
  automaticNeedsAssumeRole,
  manualAssumeRole,
  assumeRoleArn,
  placeholderAccountId,
  duplicateConfigRule,
  outputOnlyMember,
  automaticOnlySetting,
  resourceTypeMissing,
  unknownResourceType,
  serviceLinkedRule,
  destructiveAutomaticRemediation,
  remediationBeforeConfigRule,
  resourceTypeOutsideRuleScope,
];
