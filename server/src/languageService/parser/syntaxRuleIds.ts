/** Rule ids reported by the parsers (the rules themselves are documented in rules/syntax.ts). */
export const SYNTAX_RULE_IDS = {
  syntax: 'RC001',
  duplicateKey: 'RC002',
  aliasLimit: 'RC003',
  multipleDocuments: 'RC004',
  fileTooLarge: 'RC005',
  nestingTooDeep: 'RC006',
} as const;
