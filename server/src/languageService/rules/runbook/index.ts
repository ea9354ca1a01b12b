import type { RuleDefinition } from '../types';
import { unknownRunbookParameter } from './unknownRunbookParameter';
import { missingRunbookParameter } from './missingRunbookParameter';
import { runbookParameterSingleValue } from './runbookParameterSingleValue';
import { runbookAllowedValues } from './runbookAllowedValues';
import { runbookAllowedPattern } from './runbookAllowedPattern';
import { runbookParameterType } from './runbookParameterType';
import { unknownAwsRunbook } from './unknownAwsRunbook';
import { runbookResourceType } from './runbookResourceType';
import { resourceValueParameter } from './resourceValueParameter';

/** RC3xx: runbook (SSM document) rules: parameters checked against the runbook catalog. */
export const runbookRules: RuleDefinition[] = [
  unknownRunbookParameter,
  missingRunbookParameter,
  runbookParameterSingleValue,
  runbookAllowedValues,
  runbookAllowedPattern,
  runbookParameterType,
  unknownAwsRunbook,
  runbookResourceType,
  resourceValueParameter,
];
