import type { RuleDefinition } from '../types';
import { unknownRunbookParameter } from './unknownRunbookParameter';
import { missingRunbookParameter } from './missingRunbookParameter';
import { singleValue } from './runbookParameterSingleValue';
import { allowedValues } from './runbookAllowedValues';
import { allowedPattern } from './runbookAllowedPattern';
import { parameterType } from './runbookParameterType';
import { unknownAwsRunbook } from './unknownAwsRunbook';
import { runbookResourceType } from './runbookResourceType';
import { resourceValueParameter } from './resourceValueParameter';

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
