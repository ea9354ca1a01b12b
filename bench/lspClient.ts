/**
 * A minimal LSP client for the benchmark: drives the bundled server (dist/server.js over stdio)
 * or the server code in this process (over in-memory streams), and times requests and the
 * didChange → publishDiagnostics round trip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Position, Range } from 'vscode-languageserver-protocol';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../server/src/lsp/server';
import { SERVER_NODE_OPTIONS } from '../common/src/serverRuntime';

interface DiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export class BenchClient {
  private readonly waiters = new Map<string, (params: DiagnosticsParams) => void>();
  /** How many publishDiagnostics arrived, and the version of the last one per document. */
  published = 0;
  readonly lastVersion = new Map<string, number | undefined>();

  private constructor(
    private readonly connection: MessageConnection,
    readonly child?: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: DiagnosticsParams) => {
      this.published++;
      this.lastVersion.set(params.uri, params.version);
      const key = `${params.uri}@${params.version ?? ''}`;
      const waiter = this.waiters.get(key);
      if (waiter) {
        this.waiters.delete(key);
        waiter(params);
      }
    });
    // The server may ask for settings or register capabilities: answer "nothing".
    connection.onRequest(() => null);
    connection.listen();
  }

  /**
   * The bundled server in its own process, over stdio, with the Node.js options the VS Code
   * client starts it with (`plain`: without them, as a client that runs `node server.js` does).
   */
  static spawn(serverPath: string, plain = false): BenchClient {
    const options = plain ? [] : SERVER_NODE_OPTIONS;
    const child = spawn(process.execPath, [...options, serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    return new BenchClient(connection, child);
  }

  /** The server code in this process, over in-memory streams: no process boundary. */
  static inProcess(): BenchClient {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(
      new StreamMessageReader(toServer),
      new StreamMessageWriter(toClient),
    );
    startServer(serverConnection);
    return new BenchClient(
      createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)),
    );
  }

  /**
   * `pull`: declare pull diagnostics (then the server does not push them). `validationDelay`: the
   * server's typing debounce (0 by default here: the benchmark times the work).
   */
  async initialize(pull = false, validationDelay = 0): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          // As VS Code does: the outline is a tree (bench/shapes.ts times it).
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { rangeLimit: 5000 }, // VS Code's editor.foldingMaximumRegions
          ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        },
      },
      // Validate at once: the benchmark times the work, not the typing debounce.
      initializationOptions: { validationDelay },
    });
    await this.connection.sendNotification('initialized', {});
  }

  private diagnostics(uri: string, version: number): Promise<DiagnosticsParams> {
    return new Promise((resolve) => this.waiters.set(`${uri}@${version}`, resolve));
  }

  /** Opens a document; resolves with the milliseconds until its diagnostics arrived. */
  async open(uri: string, languageId: string, text: string, version = 1): Promise<number> {
    const start = performance.now();
    const arrived = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
    await arrived;
    return performance.now() - start;
  }

  /** Sends one edit; resolves with the milliseconds until the new version's diagnostics arrived. */
  async change(uri: string, version: number, range: Range, text: string): Promise<number> {
    const start = performance.now();
    const arrived = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    await arrived;
    return performance.now() - start;
  }

  /** Sends the whole new text (as some clients do); resolves like `change`. */
  async changeFull(uri: string, version: number, text: string): Promise<number> {
    const start = performance.now();
    const arrived = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    await arrived;
    return performance.now() - start;
  }

  /** Opens a document without waiting for diagnostics (a pulling client gets none pushed). */
  async openOnly(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends one edit without waiting for anything. */
  async changeOnly(uri: string, version: number, range: Range, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  /** Pulls the document's diagnostics; resolves with the milliseconds and the report's kind. */
  async pull(uri: string, previousResultId?: string): Promise<{ ms: number; resultId?: string }> {
    const start = performance.now();
    const report = (await this.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
      ...(previousResultId ? { previousResultId } : {}),
    })) as { kind: string; resultId?: string };
    return { ms: performance.now() - start, resultId: report.resultId };
  }

  /** Waits for the diagnostics of a version (sent or about to be sent); the milliseconds. */
  async diagnosticsOf(uri: string, version: number): Promise<number> {
    const start = performance.now();
    if (this.lastVersion.get(uri) !== version) await this.diagnostics(uri, version);
    return performance.now() - start;
  }

  /** A request with any parameters: its round trip in milliseconds and what it answered. */
  async request(method: string, params: object): Promise<{ ms: number; result: unknown }> {
    const start = performance.now();
    const result: unknown = await this.connection.sendRequest(method, params);
    return { ms: performance.now() - start, result };
  }

  /** A request's round trip in milliseconds, whatever it answers (null included). */
  async timeAny(method: string, uri: string, position: Position): Promise<number> {
    const start = performance.now();
    await this.connection.sendRequest(method, { textDocument: { uri }, position });
    return performance.now() - start;
  }

  /** A request's round trip in milliseconds. */
  async time(method: string, uri: string, position: Position): Promise<number> {
    const start = performance.now();
    const result: unknown = await this.connection.sendRequest(method, {
      textDocument: { uri },
      position,
    });
    if (result === null || result === undefined) throw new Error(`${method} returned nothing`);
    return performance.now() - start;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Shuts the server down (and ends its process). */
  async dispose(): Promise<void> {
    const child = this.child;
    if (child) {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
      try {
        await Promise.race([
          this.connection.sendRequest('shutdown'),
          new Promise((resolve) => setTimeout(resolve, 5000)),
        ]);
        await this.connection.sendNotification('exit');
      } catch {
        // The process may be gone already.
      }
      const timer = setTimeout(() => child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}
