/**
 * The documents the client hands to the server; the server decides itself which are remediation
 * files (by name, setting or content) and ignores the rest. JSON, JSONC and YAML by language, and
 * CloudFormation's `.template` files by name: VS Code opens those as plain text, and the server
 * reads them as JSON or YAML by their content (parser `detectFormat`).
 */
export interface SelectorEntry {
  scheme: string;
  language?: string;
  pattern?: string;
}

/** The glob of CloudFormation `.template` files (any language id, usually plaintext). */
export const TEMPLATE_FILE_PATTERN = '**/*.template';

export const DOCUMENT_SELECTOR: SelectorEntry[] = [
  ...['json', 'jsonc', 'yaml'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', pattern: TEMPLATE_FILE_PATTERN },
];
