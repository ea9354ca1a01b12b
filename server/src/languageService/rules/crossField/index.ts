import type { RuleDefinition } from '../types';
import { automaticNeedsAssumeRole } from './automaticAssumeRole';
import { manualAssumeRole } from './manualAssumeRole';
import { assumeRoleArn } from './assumeRoleArn';
import { placeholderAccountId } from './placeholderAccountId';
import { duplicateConfigRule } from './duplicateConfigRule';
import { outputOnlyMember } from './outputOnlyMember';
import { automaticOnlySetting } from './automaticOnlySetting';
import { resourceTypeMissing, unknownResourceType } from './resourceType';
import { serviceLinkedRule } from './serviceLinkedRule';
import { destructiveAutomatic } from './destructiveAutomatic';

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
  destructiveAutomatic,
];
