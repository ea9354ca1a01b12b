import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type DocumentFormat,
  detectFormat,
  formatFor,
  type LanguageService,
  MAX_DOCUMENT_SIZE,
  type ParsedDocument,
  type Problem,
  type Recognition,
  reparseDocument,
  ValidationCache,
} from '../languageService/languageService';
import { ChunkedTextDocument } from './chunkedDocument';

/** What the server knows about one document version: parsed once, validated once. */
export interface DocumentState {
  uri: string;
  version: number;
  format: DocumentFormat | undefined;
  recognition: Recognition | undefined;
  parsed: ParsedDocument | undefined;
  /** Problems of this version, once validated. */
  problems?: Problem[];
  /** Findings of earlier versions, per configuration: validation re-checks changed ones only. */
  validationCache: ValidationCache;
  /**
   * Names this state's diagnostics for pull diagnostics (`textDocument/diagnostic`): a new state
   * (new version, settings or account facts changed, reopened) gets a new id, so a client asking
   * with the current id is answered "unchanged".
   */
  resultId: string;
}

let lastResultId = 0;

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
    const state = this.compute(document, cached);
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

  private compute(document: TextDocument, previous: DocumentState | undefined): DocumentState {
    const path = pathOf(document.uri);
    // The client's language id when it says JSON, JSONC or YAML, then the extension, then the
    // content (a CloudFormation `.template` is either).
    // (Only then is the text read whole: the incremental path below avoids that.)
    const format =
      formatFor(document.languageId) ?? formatFor(path) ?? detectFormat(document.getText());
    const state: DocumentState = {
      uri: document.uri,
      version: document.version,
      format,
      recognition: undefined,
      parsed: undefined,
      validationCache: previous?.validationCache ?? new ValidationCache(),
      resultId: String(++lastResultId),
    };
    if (!format) return state;
    const reparsed = this.reparse(document, previous, format);
    if (reparsed && previous?.recognition) {
      // Same file, same request skeleton (reparsing checks it): recognised as before.
      state.recognition = previous.recognition;
      state.parsed = reparsed;
      return state;
    }
    const text = document.getText();
    let parsed: ParsedDocument | undefined;
    const parse = (): ParsedDocument => (parsed ??= this.service.parse(text, format));
    state.recognition = this.service.recognise(path, text, parse, this.include());
    if (state.recognition) state.parsed = parse();
    return state;
  }

  /**
   * The new version parsed from the previous one, re-parsing only the configuration an edit
   * touched (see languageService/incremental/reparse.ts); undefined when a full parse is needed.
   * The previous version's nodes move to the new one: the previous state is replaced right after.
   */
  private reparse(
    document: TextDocument,
    previous: DocumentState | undefined,
    format: DocumentFormat,
  ): ParsedDocument | undefined {
    if (!(document instanceof ChunkedTextDocument) || !previous?.parsed) return undefined;
    if (previous.recognition?.kind !== 'request' || previous.format !== format) return undefined;
    const change = document.changeSince(previous.version);
    const source = document.textSource();
    if (!change || source.length > MAX_DOCUMENT_SIZE) return undefined;
    return reparseDocument(previous.parsed, change, source);
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
