/**
 * LSP hygiene: a rule that throws becomes one RC009 diagnostic while the other rules still report;
 * cancelled requests are answered as cancelled (their stale results dropped); out-of-range edits
 * are tolerated; the crash test hook is inert unless enabled.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import {
  CancellationTokenSource,
  LSPErrorCodes,
  ResponseError,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  TEST_CRASH_EXIT_CODE,
  TEST_CRASH_NOTIFICATION,
  TEST_HOOKS_ENV,
} from '../../common/src/protocol';
import {
  createLanguageService,
  type LanguageService,
} from '../../server/src/languageService/languageService';
import { allRules } from '../../server/src/languageService/rules';
import type { RuleDefinition } from '../../server/src/languageService/rules/types';
import { startServer } from '../../server/src/lsp/server';
import { SERVER_PATH, TestClient } from './lspClient';

const BROKEN_YAML = `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: LAMBDA
    TargetId: AWS-PublishSNSNotification
    MaximumAutomaticAttempts: 100
`;

const throwing: RuleDefinition = {
  id: 'RC999',
  slug: 'always-throws',
  severity: 'error',
  category: 'api',
  description: 'A rule with a bug, for the test.',
  check() {
    throw new TypeError('boom');
  },
};

/** The real server (startServer) in this process, over in-memory streams. */
function inProcessServer(
  rules: readonly RuleDefinition[],
  service: LanguageService = createLanguageService({ rules }),
): {
  client: ProtocolConnection;
  diagnostics: PublishDiagnosticsParams[];
  logs: string[];
  dispose(): void;
} {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(serverConnection, { service, validationDelay: 0 });
  const client = createProtocolConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const diagnostics: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
    diagnostics.push(p),
  );
  client.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  client.onRequest('workspace/configuration', () => [{}]);
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  return {
    client,
    diagnostics,
    logs,
    dispose() {
      client.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('LSP hygiene', function () {
  this.timeout(30_000);

  describe('a rule that throws', () => {
    it('the language service reports one RC009 naming the rule, and the other rules still report', () => {
      const service = createLanguageService({ rules: [...allRules, throwing] });
      const problems = service.validate(service.parse(BROKEN_YAML, 'yaml'), 'request');
      const internal = problems.filter((p) => p.ruleId === 'RC009');
      assert.equal(internal.length, 1);
      assert.match(internal[0]?.message ?? '', /RC999 \(always-throws\).*boom/);
      assert.ok(
        problems.some((p) => p.ruleId === 'RC103'),
        'enum rule still reports',
      );
      assert.ok(
        problems.some((p) => p.ruleId === 'RC106'),
        'range rule still reports',
      );
    });

    it('the server publishes it as one diagnostic, with the others, and keeps serving', async () => {
      const server = inProcessServer([...allRules, throwing]);
      try {
        await server.client.sendRequest('initialize', {
          processId: null,
          rootUri: null,
          capabilities: {},
          initializationOptions: { validationDelay: 0 },
        });
        await server.client.sendNotification('initialized', {});
        const uri = 'file:///w/broken.remediation.yaml';
        await server.client.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'yaml', version: 1, text: BROKEN_YAML },
        });
        const published = await waitFor('diagnostics', () =>
          server.diagnostics.find((p) => p.uri === uri),
        );
        const codes = published.diagnostics.map((d) => String(d.code));
        assert.deepEqual(
          codes.filter((code) => code === 'RC009'),
          ['RC009'],
        );
        assert.ok(codes.includes('RC103') && codes.includes('RC106'), codes.join());
        const hover = await server.client.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: { line: 2, character: 6 },
        });
        assert.ok(hover, 'still serving');
      } finally {
        server.dispose();
      }
    });
  });

  describe('a navigation feature that throws', () => {
    it('is answered with null and logged, and the server keeps serving', async () => {
      const base = createLanguageService();
      const boom = (feature: string) => () => {
        throw new TypeError(`${feature} boom`);
      };
      const service: LanguageService = {
        ...base,
        documentSymbols: boom('symbols'),
        foldingRanges: boom('folding'),
        definition: boom('definition'),
        references: boom('references'),
        documentLinks: boom('links'),
      };
      const server = inProcessServer(allRules, service);
      try {
        await server.client.sendRequest('initialize', {
          processId: null,
          rootUri: null,
          capabilities: {},
          initializationOptions: { validationDelay: 0 },
        });
        await server.client.sendNotification('initialized', {});
        const uri = 'file:///w/broken.remediation.yaml';
        await server.client.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'yaml', version: 1, text: BROKEN_YAML },
        });
        const textDocument = { uri };
        const position = { line: 1, character: 20 };
        const answers = [
          await server.client.sendRequest('textDocument/documentSymbol', { textDocument }),
          await server.client.sendRequest('textDocument/foldingRange', { textDocument }),
          await server.client.sendRequest('textDocument/definition', { textDocument, position }),
          await server.client.sendRequest('textDocument/references', {
            textDocument,
            position,
            context: { includeDeclaration: true },
          }),
          await server.client.sendRequest('textDocument/documentLink', { textDocument }),
        ];
        assert.deepEqual(answers, [null, null, null, null, null]);
        for (const feature of ['symbols', 'folding', 'definition', 'references', 'links']) {
          await waitFor(`the ${feature} failure logged`, () =>
            server.logs.find((line) => line.includes(`${feature} boom`)),
          );
        }
        const hover = await server.client.sendRequest('textDocument/hover', {
          textDocument,
          position: { line: 2, character: 6 },
        });
        assert.ok(hover, 'still serving');
      } finally {
        server.dispose();
      }
    });
  });

  describe('the bundled server', () => {
    let client: TestClient;

    before(function () {
      if (!existsSync(SERVER_PATH))
        throw new Error('dist/server.js is missing: run `npm run build`');
    });

    afterEach(async () => {
      if (client.process.exitCode === null) await client.shutdown();
    });

    it('answers a request cancelled before it ran as cancelled (no stale result)', async () => {
      client = new TestClient();
      await client.initialize();
      // A large document keeps the server busy validating, so that the request and its
      // cancellation both wait in its queue.
      const unit = '  - ConfigRuleName: r\n    TargetType: SSM_DOCUMENT\n    TargetId: AWS-X\n';
      const big = `RemediationConfigurations:\n${unit.repeat(1000)}`;
      const uri = 'file:///w/busy.remediation.yaml';
      await client.open(uri, 'yaml', big);
      const source = new CancellationTokenSource();
      const answer = client.connection.sendRequest(
        'textDocument/completion',
        { textDocument: { uri }, position: { line: 1, character: 4 } },
        source.token,
      );
      source.cancel();
      await assert.rejects(answer, (error: unknown) => {
        assert.ok(error instanceof ResponseError, String(error));
        assert.equal(error.code, LSPErrorCodes.RequestCancelled);
        return true;
      });
      // And the next request is answered normally.
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 1, character: 6 },
      });
      assert.ok(hover);
    });

    it('tolerates edits at positions past the end of the document', async () => {
      client = new TestClient();
      await client.initialize();
      const uri = 'file:///w/edits.remediation.yaml';
      await client.open(uri, 'yaml', BROKEN_YAML);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const far = { line: 1_000_000, character: 1_000_000 };
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [
          { range: { start: far, end: far }, text: '\n  - Automatic: maybe\n' },
          {
            range: { start: { line: 2, character: 500 }, end: { line: 1, character: 0 } },
            text: '',
          },
        ],
      });
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.ok(published.diagnostics.length > 0);
      assert.equal(client.process.exitCode, null);
    });

    it('ignores the crash test hook unless the test environment variable is set', async () => {
      client = new TestClient(['--stdio'], { ...process.env, [TEST_HOOKS_ENV]: '' });
      await client.initialize();
      await client.connection.sendNotification(TEST_CRASH_NOTIFICATION);
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///w/none.json' },
        position: { line: 0, character: 0 },
      });
      assert.equal(hover, null);
      assert.equal(client.process.exitCode, null);
    });

    it(`exits with code ${TEST_CRASH_EXIT_CODE} on the crash test hook when enabled`, async () => {
      client = new TestClient(['--stdio'], { ...process.env, [TEST_HOOKS_ENV]: '1' });
      await client.initialize();
      const exited = new Promise<number | null>((resolve) =>
        client.process.once('exit', (code) => resolve(code)),
      );
      await client.connection.sendNotification(TEST_CRASH_NOTIFICATION);
      assert.equal(await exited, TEST_CRASH_EXIT_CODE);
      client.connection.dispose();
    });
  });
});
