import type { RuleDefinition } from './types';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';

/** Problems found by the parsers and the engine itself; they have no `check`. */
export const syntaxRules: RuleDefinition[] = [
  {
    id: SYNTAX_RULE_IDS.syntax,
    slug: 'syntax-error',
    severity: 'error',
    category: 'syntax',
    description: 'The file is not valid JSON or YAML.',
  },
  {
    id: SYNTAX_RULE_IDS.duplicateKey,
    slug: 'duplicate-key',
    severity: 'error',
    category: 'syntax',
    description: 'A key appears twice in one object; all but the last are silently dropped.',
  },
  {
    id: SYNTAX_RULE_IDS.aliasLimit,
    slug: 'yaml-alias-limit',
    severity: 'error',
    category: 'syntax',
    description: 'YAML aliases expand beyond the safety limit (or refer to themselves).',
  },
  {
    id: SYNTAX_RULE_IDS.multipleDocuments,
    slug: 'multiple-yaml-documents',
    severity: 'error',
    category: 'syntax',
    description:
      'A YAML file holds more than one document; the AWS CLI reads a single document per request.',
  },
  {
    id: SYNTAX_RULE_IDS.fileTooLarge,
    slug: 'file-too-large',
    severity: 'warning',
    category: 'syntax',
    description: 'The file is larger than the size the language server checks.',
  },
  {
    id: SYNTAX_RULE_IDS.nestingTooDeep,
    slug: 'nesting-too-deep',
    severity: 'error',
    category: 'syntax',
    description: 'Objects and lists nest deeper than the checker reads (256 levels).',
  },
  {
    id: 'RC009',
    slug: 'internal-error',
    severity: 'error',
    category: 'syntax',
    description: 'A rule failed unexpectedly; the other rules still ran. Please report it.',
  },
];
