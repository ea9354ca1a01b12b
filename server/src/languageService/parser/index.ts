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

/** How far `detectFormat` reads past leading whitespace and comments before it gives up (YAML). */
const DETECT_LIMIT = 64 * 1024;

/**
 * The format of a text whose name does not say (CloudFormation's `.template`, `.txt`, no
 * extension: AWS uses them for JSON and YAML alike): JSON when the first character after
 * whitespace and comments opens an object or a list, else YAML. A `#` comment first means YAML
 * (JSON has none; YAML reads a JSON body as well); a `//` or `/* … *\/` comment means JSONC.
 */
export function detectFormat(text: string): DocumentFormat {
  let jsonComment = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const limit = Math.min(text.length, DETECT_LIMIT);
  while (i < limit) {
    const char = text[i];
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      i++;
    } else if (char === '#') {
      return 'yaml';
    } else if (char === '/' && text[i + 1] === '/') {
      jsonComment = true;
      while (i < limit && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (char === '/' && text[i + 1] === '*') {
      jsonComment = true;
      const end = text.indexOf('*/', i + 2);
      if (end === -1) break;
      i = end + 2;
    } else if (char === '{' || char === '[') {
      return jsonComment ? 'jsonc' : 'json';
    } else {
      break;
    }
  }
  return jsonComment ? 'jsonc' : 'yaml';
}

/**
 * The format of a document: the editor's language id when it is JSON, JSONC or YAML, then the
 * file name's extension, then the content (`detectFormat`).
 */
export function documentFormat(path: string, text: string, languageId?: string): DocumentFormat {
  const byLanguage = languageId === undefined ? undefined : languageFormat(languageId);
  return byLanguage ?? formatFor(path) ?? detectFormat(text);
}

function languageFormat(languageId: string): DocumentFormat | undefined {
  const id = languageId.toLowerCase();
  return id === 'json' || id === 'jsonc' || id === 'yaml' ? id : undefined;
}
