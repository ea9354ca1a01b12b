import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type DocumentFormat,
  detectFormat,
  formatFor,
  isTrusted,
  type LanguageService,
  MAX_DOCUMENT_SIZE,
  type ParsedDocument,
  type Problem,
  type Recognition,
  provisionalDocument,
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

/** What completion and hover read: a version's parse, exact or provisional (see `forRequest`). */
export type RequestView = Pick<DocumentState, 'version' | 'parsed' | 'recognition'>;

/**
 * A version-keyed cache: every feature (diagnostics, completion, hover, code actions, payload)
 * shares one parse per document version.
 *
 * Work per edit is bounded by the edited configuration whenever it can be (`peek`): a version
 * re-parsed incrementally from the previous one. When that is not possible, the exact parse is a
 * full one (`get`); while a large document is broken that way, completion and hover read a
 * provisional parse of the edited configuration instead (`forRequest`), so that they never wait
 * for a full parse.
 */
export class DocumentCache {
  private readonly states = new Map<string, DocumentState>();
  /** Per document: the version whose incremental re-parse failed (it needs a full parse). */
  private readonly needsFull = new Map<string, number>();
  /** Per document: the latest state whose configurations are known (a trusted request parse). */
  private readonly anchors = new Map<string, DocumentState>();
  private readonly provisional = new Map<string, RequestView>();

  constructor(
    private readonly service: LanguageService,
    private readonly include: () => readonly string[],
  ) {}

  /** The exact state of this version: cached, re-parsed incrementally, or parsed in full. */
  get(document: TextDocument): DocumentState {
    const cached = this.peek(document);
    if (cached) return cached;
    const state = this.compute(document, this.states.get(document.uri));
    this.store(state);
    return state;
  }

  /**
   * The exact state of this version when it costs no more than the edited configuration (it is
   * cached, or the incremental re-parse succeeds); undefined when it needs a full parse.
   */
  peek(document: TextDocument): DocumentState | undefined {
    const cached = this.states.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    if (this.needsFull.get(document.uri) === document.version) return undefined;
    const state = cached && this.incremental(document, cached);
    if (state) {
      this.store(state);
      return state;
    }
    this.needsFull.set(document.uri, document.version);
    return undefined;
  }

  /**
   * What completion and hover read: the exact state when it is cheap (`peek`), else, for a
   * request file of at least `minLength` characters edited inside one configuration since its
   * last sound parse, a provisional parse of that configuration alone (same offsets; see
   * provisionalDocument), else the exact state.
   */
  forRequest(document: TextDocument, minLength: number): RequestView {
    const exact = this.peek(document);
    if (exact) return exact;
    const anchor = this.anchors.get(document.uri);
    if (
      anchor?.parsed &&
      anchor.recognition?.kind === 'request' &&
      document instanceof ChunkedTextDocument &&
      document.textSource().length >= minLength
    ) {
      const known = this.provisional.get(document.uri);
      if (known?.version === document.version) return known;
      const change = document.changeSince(anchor.version);
      const parsed = change && provisionalDocument(anchor.parsed, change, document.textSource());
      if (parsed) {
        const view: RequestView = {
          version: document.version,
          parsed,
          recognition: anchor.recognition,
        };
        this.provisional.set(document.uri, view);
        return view;
      }
    }
    return this.get(document);
  }

  delete(uri: string): void {
    this.states.delete(uri);
    this.needsFull.delete(uri);
    this.anchors.delete(uri);
    this.provisional.delete(uri);
  }

  /** Forget everything (settings changed: recognition and problems may differ). */
  clear(): void {
    this.states.clear();
    this.needsFull.clear();
    this.anchors.clear();
    this.provisional.clear();
  }

  private store(state: DocumentState): void {
    this.states.set(state.uri, state);
    this.provisional.delete(state.uri);
    if (state.parsed && state.recognition?.kind === 'request' && isTrusted(state.parsed)) {
      this.anchors.set(state.uri, state);
    }
  }

  private newState(
    document: TextDocument,
    format: DocumentFormat | undefined,
    previous: DocumentState | undefined,
  ): DocumentState {
    return {
      uri: document.uri,
      version: document.version,
      format,
      recognition: undefined,
      parsed: undefined,
      validationCache: previous?.validationCache ?? new ValidationCache(),
      resultId: String(++lastResultId),
    };
  }

  /** The new version re-parsed from the previous one, or undefined (a full parse is needed). */
  private incremental(document: TextDocument, previous: DocumentState): DocumentState | undefined {
    if (!previous.recognition) return undefined;
    const format =
      formatFor(document.languageId) ??
      formatFor(pathOf(document.uri)) ??
      detectFormat(document.getText());
    const reparsed = this.reparse(document, previous, format);
    if (!reparsed) return undefined;
    // Same file, same request skeleton (reparsing checks it): recognised as before.
    const state = this.newState(document, format, previous);
    state.recognition = previous.recognition;
    state.parsed = reparsed;
    return state;
  }

  private compute(document: TextDocument, previous: DocumentState | undefined): DocumentState {
    const path = pathOf(document.uri);
    // The client's language id when it says JSON, JSONC or YAML, then the extension, then the
    // content (a CloudFormation `.template` is either).
    const format =
      formatFor(document.languageId) ?? formatFor(path) ?? detectFormat(document.getText());
    const state = this.newState(document, format, previous);
    if (!format) return state;
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
    previous: DocumentState,
    format: DocumentFormat,
  ): ParsedDocument | undefined {
    if (!(document instanceof ChunkedTextDocument) || !previous.parsed) return undefined;
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
