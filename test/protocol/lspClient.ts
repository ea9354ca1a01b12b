import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_OPTIONS } from '../../common/src/serverRuntime';

export const SERVER_PATH = path.join(__dirname, '..', '..', '..', 'dist', 'server.js');

/**
 * A minimal LSP client over stdio to the bundled server, for protocol tests. The server runs with
 * the Node.js options the VS Code client starts it with.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: {
    uri: string;
    predicate: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** How many times the server asked to pull diagnostics again (`workspace/diagnostic/refresh`). */
  diagnosticRefreshes = 0;
  stderr = '';

  constructor(args: string[] = ['--stdio'], env?: NodeJS.ProcessEnv) {
    this.process = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER_PATH, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(env ? { env } : {}),
    });
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: PublishDiagnosticsParams) => {
        this.diagnostics.set(params.uri, params);
        for (const waiter of [...this.waiters]) {
          if (waiter.uri === params.uri && waiter.predicate(params)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(params);
          }
        }
      },
    );
    this.connection.onNotification('awsConfigRemediation/documentStatus', (params: unknown) =>
      this.notifications.push({ method: 'awsConfigRemediation/documentStatus', params }),
    );
    this.connection.onUnhandledNotification((message) =>
      this.notifications.push({ method: message.method, params: message.params }),
    );
    this.connection.onRequest('workspace/configuration', () => [{}]);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.diagnosticRefreshes++;
      return null;
    });
    this.connection.listen();
  }

  async initialize(
    capabilities: Record<string, unknown> = {},
    initializationOptions: unknown = { validationDelay: 0 },
  ): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { completion: { completionItem: { snippetSupport: true } } },
        ...capabilities,
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Resolves with the next diagnostics for the uri that satisfy the predicate (or the latest if it already does). */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<PublishDiagnosticsParams> {
    const known = this.diagnostics.get(uri);
    if (known && predicate(known)) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        uri,
        predicate,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) =>
      this.process.once('exit', (code) => resolve(code)),
    );
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/**
 * Mocha hooks for a suite: a fresh, initialised client to the bundled server for each test, shut
 * down after it. Returns the current test's client.
 */
export function useTestClient(): () => TestClient {
  let client: TestClient | undefined;
  before(function () {
    if (!existsSync(SERVER_PATH))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
  });
  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });
  return () => {
    if (!client) throw new Error('no client outside a test');
    return client;
  };
}
