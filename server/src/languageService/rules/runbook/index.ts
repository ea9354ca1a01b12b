import type { RuleDefinition } from '../types';
import { unknownRunbookParameter } from './unknownRunbookParameter';
import { missingRunbookParameter } from './missingRunbookParameter';
import {
  allowedPattern,
  allowedValues,
  parameterType,
  resourceValueParameter,
  singleValue,
} from './parameterValues';
import { runbookResourceType, unknownAwsRunbook } from './runbookName';

/** RC3xx: runbook (SSM document) rules: parameters checked against the runbook catalog. */
export const runbookRules: RuleDefinition[] = [
  unknownRunbookParameter,
  missingRunbookParameter,
  singleValue,
  allowedValues,
  allowedPattern,
  parameterType,
  unknownAwsRunbook,
  runbookResourceType,
  resourceValueParameter,
];
