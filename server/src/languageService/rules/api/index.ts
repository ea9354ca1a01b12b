import type { RuleDefinition } from '../types';
import { requiredMember } from './requiredMember';
import { typeMismatch } from './typeMismatch';
import { unknownMember } from './unknownMember';
import { enumValue } from './enumValue';
import { stringLength } from './stringLength';
import { stringPattern } from './stringPattern';
import { numberRange } from './numberRange';
import { collectionSize } from './collectionSize';
import { configurationsPerCall } from './configurationsPerCall';
import { parameterValueChoice } from './parameterValueChoice';

/** RC1xx: the constraints of the API model (shapes). */
export const apiRules: RuleDefinition[] = [
  requiredMember,
  typeMismatch,
  unknownMember,
  enumValue,
  stringLength,
  stringPattern,
  numberRange,
  collectionSize,
  configurationsPerCall,
  parameterValueChoice,
];
