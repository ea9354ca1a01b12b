import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ResponseError,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Location,
  type SymbolInformation,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ACCOUNT_FACTS_NOTIFICATION,
  DOCUMENT_STATUS_NOTIFICATION,
  EXPORT_REQUEST,
  PAYLOAD_REQUEST,
  SETTINGS_SECTION,
  TARGET_IDS_REQUEST,
  type DocumentStatusParams,
  type ExportResponse,
  type PayloadResult,
  type ServerSettings,
} from '../../../common/src/protocol';
import type { AccountFacts } from '../../../common/src/accountFacts';
import {
  createLanguageService,
  exportConfigurations,
  ExportError,
  type LanguageService,
  parseRuleLevels,
  type RuleDefinition,
  type RuleLevels,
  sanitizeAccountFacts,
} from '../languageService/languageService';
import {
  runsVsCodeCommands,
  toCompletionItem,
  toDiagnostic,
  toDocumentLink,
  toDocumentSymbol,
  toFoldingRanges,
  toRange,
  toSymbolInformation,
} from './convert';
import { ChunkedTextDocument } from './chunkedDocument';
import { DocumentCache, type DocumentState } from './documentCache';
import { formatError, runSafe, runSafeNotification } from './runSafe';
import { ruleDocHref, type RuleDocHref } from '../../../common/src/ruleDocs';

/**
 * A document at least this long is "large": while it needs a full parse (broken past the edited
 * configuration), its validation waits for a pause in typing, and completion and hover read a
 * provisional parse of the edited configuration (documentCache.ts).
 */
export const LARGE_DOCUMENT = 64 * 1024;
/**
 * The most symbols an outline answer holds (navigation/outline.ts `limitSymbols`): editors ask for
 * the outline after every edit, and a 5,000-configuration file has about 52,000 symbols (9 MB of
 * JSON). VS Code's own JSON support stops at 5,000 too (`json.maxItemsComputed`).
 */
const OUTLINE_SYMBOL_LIMIT = 5000;

/** The pause in typing a full parse of a large document waits for. */
export const FULL_PARSE_QUIET_MS = 250;

export interface ServerOptions {
  service?: LanguageService;
  /** Milliseconds to wait after an edit before validating (typing bursts validate once). */
  validationDelay?: number;
  /** The docs link of a rule's diagnostics; by default the shipped docs/rules.md (ruleDocs.ts). */
  ruleDocHref?: RuleDocHref;
}

/**
 * The LSP server: a thin layer that maps LSP messages to the language service. It never talks to
 * AWS; account facts arrive as data from the client.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const service =
    options.service ??
    createLanguageService({
      onInternalError: (feature, error) =>
        connection.console.error(`${feature} failed: ${formatError(error)}`),
    });
  const rulesById = new Map<string, RuleDefinition>(service.rules.map((rule) => [rule.id, rule]));
  /** Read once: each rule's heading in the docs/rules.md shipped beside the server. */
  const docHref = options.ruleDocHref ?? ruleDocHref();
  // Chunked text: an edit does not copy the whole text (see chunkedDocument.ts).
  const documents = new TextDocuments(ChunkedTextDocument);
  let include: readonly string[] = [];
  let levels: RuleLevels = {};
  let account: AccountFacts | undefined;
  let snippetSupport = false;
  /** Whether completion items may carry VS Code commands (convert.ts `runsVsCodeCommands`). */
  let vscodeCommands = false;
  let hierarchicalSymbols = false;
  let foldingRangeLimit: number | undefined;
  let configurationSupport = false;
  /**
   * The client pulls diagnostics (LSP 3.17 `textDocument/diagnostic`): then they are not pushed
   * too. Clients without it (Neovim 0.7) get `publishDiagnostics` as before.
   */
  let pullDiagnostics = false;
  /** The client can be told to pull again (`workspace/diagnostic/refresh`). */
  let diagnosticRefreshSupport = false;
  let validationDelay = options.validationDelay ?? 60;
  const cache = new DocumentCache(service, () => include);
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** When each document last changed (performance.now()). */
  const lastChange = new Map<string, number>();
  /** Documents we published diagnostics for, so that we can clear them when they stop being ours. */
  const published = new Set<string>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    snippetSupport = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    vscodeCommands = runsVsCodeCommands(params.clientInfo?.name, params.initializationOptions);
    configurationSupport = capabilities.workspace?.configuration === true;
    hierarchicalSymbols =
      capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    const rangeLimit = capabilities.textDocument?.foldingRange?.rangeLimit;
    foldingRangeLimit = typeof rangeLimit === 'number' && rangeLimit > 0 ? rangeLimit : undefined;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    diagnosticRefreshSupport = capabilities.workspace?.diagnostics?.refreshSupport === true;
    const init = (params.initializationOptions ?? {}) as {
      validationDelay?: number;
      settings?: ServerSettings;
    };
    if (typeof init.validationDelay === 'number' && init.validationDelay >= 0)
      validationDelay = init.validationDelay;
    if (init.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'AWS Config Remediation' },
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        ...(pullDiagnostics
          ? {
              diagnosticProvider: {
                identifier: 'aws-config-remediation',
                interFileDependencies: false,
                workspaceDiagnostics: false,
              },
            }
          : {}),
      },
      serverInfo: { name: 'aws-config-remediation', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationSupport) {
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: SETTINGS_SECTION,
      });
      void refreshSettings();
    }
  });

  function applySettings(settings: ServerSettings | undefined): void {
    include = Array.isArray(settings?.files?.include)
      ? settings.files.include.filter((glob): glob is string => typeof glob === 'string')
      : [];
    const parsed = parseRuleLevels(settings?.rules, service.rules);
    levels = parsed.levels;
    for (const error of parsed.errors) connection.console.warn(`Settings: ${error}`);
  }

  async function refreshSettings(): Promise<void> {
    try {
      const [settings] = (await connection.workspace.getConfiguration([
        { section: SETTINGS_SECTION },
      ])) as [ServerSettings | undefined];
      applySettings(settings);
    } catch (error) {
      connection.console.warn(`Could not read settings: ${String(error)}`);
    }
    revalidateAll();
  }

  function revalidateAll(): void {
    cache.clear();
    for (const document of documents.all()) scheduleValidation(document, 0);
    // Settings or account facts changed what the rules say: pulled diagnostics are stale.
    if (pullDiagnostics && diagnosticRefreshSupport) {
      // Typed as void, but it is the request's promise: a client error must not go unhandled.
      const refreshed: unknown = connection.languages.diagnostics.refresh();
      if (refreshed instanceof Promise) {
        refreshed.catch((error: unknown) =>
          connection.console.warn(`Diagnostic refresh failed: ${String(error)}`),
        );
      }
    }
  }

  connection.onDidChangeConfiguration((change) => {
    runSafeNotification(connection.console, 'didChangeConfiguration', () => {
      if (configurationSupport) {
        void refreshSettings();
      } else {
        const settings = (change.settings as Record<string, ServerSettings> | undefined)?.[
          SETTINGS_SECTION
        ];
        applySettings(settings);
        revalidateAll();
      }
    });
  });

  function scheduleValidation(document: TextDocument, delay = validationDelay): void {
    const existing = pending.get(document.uri);
    if (existing) clearTimeout(existing);
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        runSafeNotification(connection.console, 'validation', () => {
          const wait = fullParseWait(document.uri);
          if (wait > 0) scheduleValidation(document, wait);
          else validate(document.uri);
        });
      }, delay),
    );
  }

  /**
   * How long a validation must still wait: while someone is typing in a large document that
   * needs a full parse (it is broken past the edited configuration), until a pause of
   * FULL_PARSE_QUIET_MS, so that requests never wait behind a parse that the next keystroke
   * makes stale. A newer edit reschedules it: stale validations are dropped, not queued.
   */
  function fullParseWait(uri: string): number {
    const document = documents.get(uri);
    const changed = lastChange.get(uri);
    if (!document || changed === undefined || !isLarge(document)) return 0;
    const wait = changed + FULL_PARSE_QUIET_MS - performance.now();
    if (wait <= 0 || cache.peek(document)) return 0;
    return wait;
  }

  function isLarge(document: TextDocument): boolean {
    return (
      (document instanceof ChunkedTextDocument
        ? document.textSource().length
        : document.getText().length) >= LARGE_DOCUMENT
    );
  }

  function problemsOf(state: DocumentState): NonNullable<DocumentState['problems']> {
    if (!state.parsed || !state.recognition) return [];
    state.problems ??= service.validate(state.parsed, state.recognition.kind, {
      levels,
      account,
      cache: state.validationCache,
    });
    return state.problems;
  }

  function validate(uri: string): void {
    // Always the latest version: a stale scheduled validation validates what is there now.
    const document = documents.get(uri);
    if (!document) return;
    const state = cache.get(document);
    if (!state.recognition) {
      if (published.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      void connection.sendNotification(DOCUMENT_STATUS_NOTIFICATION, {
        uri,
        recognised: false,
      } satisfies DocumentStatusParams);
      return;
    }
    const problems = problemsOf(state);
    if (!pullDiagnostics) {
      const diagnostics = problems.map((problem) =>
        toDiagnostic(document, problem, rulesById, docHref),
      );
      published.add(uri);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    }
    // The status is sent either way: the client's language status shows it.
    const status: DocumentStatusParams = {
      uri,
      recognised: true,
      kind: state.recognition.kind,
      reason: state.recognition.reason,
      configurations: state.parsed
        ? service.configurationCount(state.parsed, state.recognition.kind)
        : 0,
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    };
    void connection.sendNotification(DOCUMENT_STATUS_NOTIFICATION, status);
  }

  /**
   * The version each document was just opened at. TextDocuments fires onDidChangeContent right
   * after onDidOpen for the same version: that is no edit, so the first validation neither
   * waits for the typing debounce nor for the full-parse pause of a large document (which
   * delayed the first diagnostics of a large file by FULL_PARSE_QUIET_MS).
   */
  const openedAt = new Map<string, number>();
  documents.onDidOpen((event) => {
    openedAt.set(event.document.uri, event.document.version);
    scheduleValidation(event.document, 0);
  });
  documents.onDidChangeContent((event) => {
    const { uri, version } = event.document;
    const opened = openedAt.get(uri);
    openedAt.delete(uri);
    if (opened === version) return;
    lastChange.set(uri, performance.now());
    scheduleValidation(event.document);
  });
  documents.onDidClose((event) => {
    const timer = pending.get(event.document.uri);
    if (timer) clearTimeout(timer);
    pending.delete(event.document.uri);
    lastChange.delete(event.document.uri);
    openedAt.delete(event.document.uri);
    cache.delete(event.document.uri);
    if (published.delete(event.document.uri)) {
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    }
  });

  // Pull diagnostics: answered at once from the version's cached problems (no debounce).
  connection.languages.diagnostics.on((params, token) =>
    runSafe(
      connection.console,
      'diagnostic',
      token,
      { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
      (): DocumentDiagnosticReport => {
        const document = documents.get(params.textDocument.uri);
        if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const state = cache.get(document);
        const resultId = state.resultId;
        if (params.previousResultId === resultId) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        }
        const items = problemsOf(state).map((problem) =>
          toDiagnostic(document, problem, rulesById, docHref),
        );
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
      },
    ).then((result) =>
      // Cancelled by the client (a newer version is coming): no need to ask again for this one.
      result instanceof ResponseError
        ? new ResponseError<DiagnosticServerCancellationData>(result.code, result.message, {
            retriggerRequest: false,
          })
        : result,
    ),
  );

  /** The ConfigRuleNames of the other open, recognised files (skeleton choices). */
  const ruleNamesOfOpenFiles = (currentUri: string): string[] => {
    const names = new Set<string>();
    for (const other of documents.all()) {
      if (other.uri === currentUri) continue;
      const state = cache.get(other);
      if (!state.parsed || !state.recognition) continue;
      for (const { value } of service.configurations(state.parsed, state.recognition.kind)) {
        if (typeof value.ConfigRuleName === 'string' && value.ConfigRuleName.trim() !== '')
          names.add(value.ConfigRuleName);
      }
    }
    return [...names].sort();
  };

  connection.onCompletion((params, token) =>
    runSafe(connection.console, 'completion', token, null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      // From the latest parse, never waiting for validation or a full parse of a large document.
      const state = cache.forRequest(document, LARGE_DOCUMENT);
      if (!state.parsed || !state.recognition) return null;
      const offset = document.offsetAt(params.position);
      const items = service.complete(state.parsed, state.recognition.kind, offset, {
        account,
        ruleNames: () => ruleNamesOfOpenFiles(document.uri),
      });
      return {
        isIncomplete: false,
        items: items.map((item) =>
          toCompletionItem(document, item, snippetSupport, vscodeCommands),
        ),
      };
    }),
  );

  connection.onHover((params, token) =>
    runSafe(connection.console, 'hover', token, null, () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const state = cache.forRequest(document, LARGE_DOCUMENT);
      if (!state.parsed || !state.recognition) return null;
      const result = service.hover(
        state.parsed,
        state.recognition.kind,
        document.offsetAt(params.position),
        {
          account,
        },
      );
      if (!result) return null;
      return {
        contents: { kind: 'markdown' as const, value: result.markdown },
        range: toRange(document, result.range.offset, result.range.length),
      };
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(connection.console, 'codeAction', token, [] as CodeAction[], () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      // Editors ask for code actions as the cursor moves: while a large document is being typed
      // in and needs a full parse, its quick fixes wait for the pause (fullParseWait).
      if (fullParseWait(document.uri) > 0) return [];
      const state = cache.get(document);
      if (!state.recognition) return [];
      const start = document.offsetAt(params.range.start);
      const end = document.offsetAt(params.range.end);
      const diagnosticsByKey = new Map(
        params.context.diagnostics.map((diagnostic) => [
          `${String(diagnostic.code)}@${document.offsetAt(diagnostic.range.start)}`,
          diagnostic,
        ]),
      );
      return service
        .codeActions(
          problemsOf(state),
          { offset: start, length: end - start },
          state.parsed ? { parsed: state.parsed, kind: state.recognition.kind } : undefined,
        )
        .map((action): CodeAction => {
          const diagnostic = diagnosticsByKey.get(
            `${action.problem.ruleId}@${action.problem.offset}`,
          );
          return {
            title: action.title,
            kind: CodeActionKind.QuickFix,
            isPreferred: action.isPreferred,
            ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
            edit: {
              changes: {
                [document.uri]: action.edits.map((edit) => ({
                  range: toRange(document, edit.offset, edit.length),
                  newText: edit.newText,
                })),
              },
            },
          };
        });
    }),
  );

  /** The document's parse and kind when it is one of ours. */
  function ours(uri: string) {
    const document = documents.get(uri);
    if (!document) return undefined;
    const state = cache.get(document);
    if (!state.parsed || !state.recognition) return undefined;
    return { document, parsed: state.parsed, kind: state.recognition.kind };
  }

  connection.onDocumentSymbol((params, token) =>
    runSafe(
      connection.console,
      'documentSymbol',
      token,
      null,
      (): DocumentSymbol[] | SymbolInformation[] | null => {
        const found = ours(params.textDocument.uri);
        if (!found) return null;
        const symbols = service.documentSymbols(found.parsed, found.kind, OUTLINE_SYMBOL_LIMIT);
        return hierarchicalSymbols
          ? symbols.map((symbol) => toDocumentSymbol(found.document, symbol))
          : toSymbolInformation(found.document, symbols);
      },
    ),
  );

  // Null (not an empty list) where we have no regions: the editor then folds as it would without
  // us (VS Code by indentation, or its JSON support); see navigation/outline.ts.
  connection.onFoldingRanges((params, token) =>
    runSafe(connection.console, 'foldingRange', token, null, (): FoldingRange[] | null => {
      const found = ours(params.textDocument.uri);
      if (!found) return null;
      const regions = service.foldingRanges(found.parsed, found.kind, foldingRangeLimit);
      return regions ? toFoldingRanges(found.document, regions, foldingRangeLimit) : null;
    }),
  );

  connection.onDefinition((params, token) =>
    runSafe(connection.console, 'definition', token, null, (): Location[] | null => {
      const found = ours(params.textDocument.uri);
      if (!found) return null;
      const ranges = service.definition(
        found.parsed,
        found.kind,
        found.document.offsetAt(params.position),
      );
      return ranges.map((range) => ({
        uri: found.document.uri,
        range: toRange(found.document, range.offset, range.length),
      }));
    }),
  );

  connection.onReferences((params, token) =>
    runSafe(connection.console, 'references', token, null, (): Location[] | null => {
      const found = ours(params.textDocument.uri);
      if (!found) return null;
      const ranges = service.references(
        found.parsed,
        found.kind,
        found.document.offsetAt(params.position),
        params.context?.includeDeclaration !== false,
      );
      return ranges.map((range) => ({
        uri: found.document.uri,
        range: toRange(found.document, range.offset, range.length),
      }));
    }),
  );

  connection.onDocumentLinks((params, token) =>
    runSafe(connection.console, 'documentLink', token, null, (): DocumentLink[] | null => {
      const found = ours(params.textDocument.uri);
      if (!found) return null;
      return service
        .documentLinks(found.parsed, found.kind)
        .map((link) => toDocumentLink(found.document, link));
    }),
  );

  connection.onRequest(PAYLOAD_REQUEST, (params, token) =>
    runSafe(connection.console, 'payload', token, null, (): PayloadResult | null => {
      const document = documents.get(params.uri);
      if (!document) return null;
      const state = cache.get(document);
      const result: PayloadResult = {
        uri: document.uri,
        version: document.version,
        recognised: state.recognition !== undefined,
        kind: state.recognition?.kind,
        format: state.format,
        configurations: [],
        problems: [],
      };
      if (!state.parsed || !state.recognition) return result;
      result.configurations = service
        .configurations(state.parsed, state.recognition.kind)
        .map((item) => ({
          value: item.value,
          range: toRange(document, item.offset, item.length),
        }));
      result.problems = problemsOf(state).map((problem) => ({
        ruleId: problem.ruleId,
        severity: problem.severity,
        message: problem.message,
        range: toRange(document, problem.offset, problem.length),
      }));
      return result;
    }),
  );

  connection.onRequest(EXPORT_REQUEST, (params, token) =>
    runSafe(connection.console, 'export', token, null, (): ExportResponse | null => {
      const document = documents.get(params.uri);
      if (!document) return null;
      const state = cache.get(document);
      if (!state.parsed || !state.recognition) {
        return { ok: false, message: 'it is not a remediation request or template.' };
      }
      if (params.target !== 'cloudformation' && params.target !== 'conformance-pack') {
        return { ok: false, message: `unknown export target ${String(params.target)}.` };
      }
      const format = state.format === 'yaml' ? 'yaml' : 'json';
      const configurations = service
        .configurations(state.parsed, state.recognition.kind)
        .map((item) => item.value);
      try {
        const source = typeof params.source === 'string' ? params.source : undefined;
        const result = exportConfigurations(configurations, {
          target: params.target,
          format,
          source,
        });
        return { ok: true, format, text: result.text, warnings: result.warnings };
      } catch (error) {
        // Expected refusals (nothing to export, intrinsic functions) are the user's to read.
        if (error instanceof ExportError) return { ok: false, message: error.message };
        throw error;
      }
    }),
  );

  connection.onRequest(TARGET_IDS_REQUEST, (params, token) =>
    runSafe(connection.console, 'targetIds', token, { targetIds: [] }, () => {
      const targetIds = new Set<string>();
      for (const uri of Array.isArray(params.uris) ? params.uris : []) {
        const document = typeof uri === 'string' ? documents.get(uri) : undefined;
        if (!document) continue;
        const state = cache.get(document);
        if (!state.parsed || !state.recognition) continue;
        for (const id of service.targetIds(state.parsed, state.recognition.kind)) {
          targetIds.add(id);
        }
      }
      return { targetIds: [...targetIds] };
    }),
  );

  connection.onNotification(ACCOUNT_FACTS_NOTIFICATION, (facts) => {
    runSafeNotification(connection.console, 'accountFacts', () => {
      // Any client may send this: keep only well-formed facts (null or garbage: offline).
      account = sanitizeAccountFacts(facts);
      revalidateAll();
    });
  });

  documents.listen(connection);
  connection.listen();
}
