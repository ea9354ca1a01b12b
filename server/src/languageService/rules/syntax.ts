import type { RuleDefinition } from './types';
import { SYNTAX_RULE_IDS } from '../parser/syntaxRuleIds';

/** A rule that threw: reported once, naming it, while the other rules still run. */
export const INTERNAL_ERROR_RULE_ID = 'RC009';

/** A file named on the command line that is not ours: skipped, said once. */
export const FILE_NOT_RECOGNISED_RULE_ID = 'RC007';

/** A suppression comment or Metadata entry that silences nothing (validate/suppressions.ts). */
export const UNUSED_SUPPRESSION_RULE_ID = 'RC008';

/**
 * The syntax and engine rules, all in this one place: problems found by the parsers and the engine
 * itself, so they have no `check`; each names where it is reported. (The parsers report the ids
 * of parser/syntaxRuleIds.ts, since the parser sits below the rules.)
 */
export const syntaxRules: RuleDefinition[] = [
  // Rule: RC001 syntax-error. Reported by parser/jsonParser.ts and parser/yamlParser.ts.
  {
    id: SYNTAX_RULE_IDS.syntax,
    slug: 'syntax-error',
    severity: 'error',
    category: 'syntax',
    description: 'The file is not valid JSON or YAML.',
  },
  // Rule: RC002 duplicate-key. Reported by parser/duplicateKeys.ts (JSON and YAML).
  {
    id: SYNTAX_RULE_IDS.duplicateKey,
    slug: 'duplicate-key',
    severity: 'error',
    category: 'syntax',
    description: 'A key appears twice in one object; all but the last are silently dropped.',
  },
  // Rule: RC003 yaml-alias-limit. Reported by parser/yamlParser.ts.
  {
    id: SYNTAX_RULE_IDS.aliasLimit,
    slug: 'yaml-alias-limit',
    severity: 'error',
    category: 'syntax',
    description: 'YAML aliases expand beyond the safety limit (or refer to themselves).',
  },
  // Rule: RC004 multiple-yaml-documents. Reported by validate/validate.ts (`documentProblems`).
  {
    id: SYNTAX_RULE_IDS.multipleDocuments,
    slug: 'multiple-yaml-documents',
    severity: 'error',
    category: 'syntax',
    description:
      'A YAML file holds more than one document; the AWS CLI reads a single document per request.',
  },
  // Rule: RC005 file-too-large. Reported by the facade's `parse` (languageService.ts, MAX_DOCUMENT_SIZE).
  {
    id: SYNTAX_RULE_IDS.fileTooLarge,
    slug: 'file-too-large',
    severity: 'warning',
    category: 'syntax',
    description: 'The file is larger than the size the language server checks.',
  },
  // Rule: RC006 nesting-too-deep. Reported by parser/nesting.ts (JSON and YAML).
  {
    id: SYNTAX_RULE_IDS.nestingTooDeep,
    slug: 'nesting-too-deep',
    severity: 'error',
    category: 'syntax',
    description: 'Objects and lists nest deeper than the checker reads (256 levels).',
  },
  // Rule: RC007 file-not-recognised. Reported by the CLI (cli/src/check.ts) for a file named on
  // the command line that is neither a request nor a template with remediation resources.
  {
    id: FILE_NOT_RECOGNISED_RULE_ID,
    slug: 'file-not-recognised',
    severity: 'information',
    category: 'syntax',
    description:
      'A file named for checking is neither a remediation request nor a template with remediation resources; it is skipped.',
  },
  // Rule: RC008 unused-suppression. Reported by validate/suppressions.ts for a suppression
  // comment (or resource Metadata entry) that matches no finding.
  {
    id: UNUSED_SUPPRESSION_RULE_ID,
    slug: 'unused-suppression',
    severity: 'hint',
    category: 'syntax',
    description:
      'A suppression comment or Metadata entry silences no finding; remove it so that it cannot hide a future one.',
  },
  // Rule: RC009 internal-error. Reported by validate/validate.ts (`runRules`) when a rule throws.
  {
    id: INTERNAL_ERROR_RULE_ID,
    slug: 'internal-error',
    severity: 'error',
    category: 'syntax',
    description: 'A rule failed unexpectedly; the other rules still ran. Please report it.',
  },
];
