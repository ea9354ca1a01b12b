import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentFormat, ParsedDocument } from '../languageService/ast';
import { formatFor } from '../languageService/parser';
import type { LanguageService } from '../languageService/languageService';
import type { Recognition } from '../languageService/recognition';
import type { Problem } from '../languageService/rules/types';

/** What the server knows about one document version: parsed once, validated once. */
export interface DocumentState {
  uri: string;
  version: number;
  format: DocumentFormat | undefined;
  recognition: Recognition | undefined;
  parsed: ParsedDocument | undefined;
  /** Problems of this version, once validated. */
  problems?: Problem[];
}

/**
 * A version-keyed cache: every feature (diagnostics, completion, hover, code actions, payload)
 * shares one parse per document version.
 */
export class DocumentCache {
  private readonly states = new Map<string, DocumentState>();

  constructor(
    private readonly service: LanguageService,
    private readonly include: () => readonly string[],
  ) {}

  get(document: TextDocument): DocumentState {
    const cached = this.states.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const state = this.compute(document);
    this.states.set(document.uri, state);
    return state;
  }

  delete(uri: string): void {
    this.states.delete(uri);
  }

  /** Forget everything (settings changed: recognition and problems may differ). */
  clear(): void {
    this.states.clear();
  }

  private compute(document: TextDocument): DocumentState {
    const path = pathOf(document.uri);
    const format = formatFor(document.languageId) ?? formatFor(path);
    const state: DocumentState = {
      uri: document.uri,
      version: document.version,
      format,
      recognition: undefined,
      parsed: undefined,
    };
    if (!format) return state;
    const text = document.getText();
    let parsed: ParsedDocument | undefined;
    const parse = (): ParsedDocument => (parsed ??= this.service.parse(text, format));
    state.recognition = this.service.recognise(path, text, parse, this.include());
    if (state.recognition) state.parsed = parse();
    return state;
  }
}

/** The file path of a URI (file:, untitled:, ...), decoded, for name-based recognition. */
export function pathOf(uri: string): string {
  const match = /^[a-z][\w+.-]*:(?:\/\/[^/]*)?(.*)$/i.exec(uri);
  const path = match?.[1] ?? uri;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
