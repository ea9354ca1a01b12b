import type { DocumentFormat, ParsedDocument } from '../model/ast';
import { parseJson } from './jsonParser';
import { parseYaml } from './yamlParser';

/** Parses a document of the given format into the shared node model. Never throws. */
export function parseDocument(text: string, format: DocumentFormat): ParsedDocument {
  switch (format) {
    case 'yaml':
      return parseYaml(text);
    case 'jsonc':
      return parseJson(text, true);
    default:
      return parseJson(text, false);
  }
}

/** The document format for a language id (LSP) or, failing that, a file name. */
export function formatFor(languageIdOrPath: string): DocumentFormat | undefined {
  const value = languageIdOrPath.toLowerCase();
  if (value === 'yaml' || value.endsWith('.yaml') || value.endsWith('.yml')) return 'yaml';
  if (value === 'jsonc' || value.endsWith('.jsonc')) return 'jsonc';
  if (value === 'json' || value.endsWith('.json')) return 'json';
  return undefined;
}
