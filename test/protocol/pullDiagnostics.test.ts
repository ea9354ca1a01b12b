/**
 * Pull diagnostics (LSP 3.17 `textDocument/diagnostic`): a client that declares the capability
 * asks for diagnostics and is answered "unchanged" while the document is; the server then does not
 * push them too. A client without it (Neovim 0.7) still gets `publishDiagnostics`.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { ACCOUNT_FACTS_NOTIFICATION } from '../../common/src/protocol';
import { SERVER_PATH, TestClient } from './lspClient';

const URI = 'file:///work/pull.remediation.yaml';
// RC201 (manual-assume-role, a warning) and RC103 (enum-value, an error).
const TEXT = `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: LAMBDA
    TargetId: MyCompany-Fix
    Parameters:
      Bucket: {ResourceValue: {Value: RESOURCE_ID}}
    Automatic: false
`;

const PULL = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true } },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
  },
  workspace: { diagnostics: { refreshSupport: true } },
};

const codes = (report: DocumentDiagnosticReport): string[] =>
  report.kind === 'full' ? report.items.map((d) => String(d.code)).sort() : [];

describe('pull diagnostics over LSP', function () {
  this.timeout(30000);
  let client: TestClient | undefined;

  before(function () {
    if (!existsSync(SERVER_PATH))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });

  const pull = (previousResultId?: string) =>
    client!.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: URI },
      ...(previousResultId ? { previousResultId } : {}),
    }) as Promise<DocumentDiagnosticReport>;

  it('answers full, then unchanged, then full again after an edit; never pushes', async () => {
    client = new TestClient();
    const result = (await client.initialize(PULL)) as {
      capabilities: { diagnosticProvider?: { interFileDependencies: boolean } };
    };
    assert.equal(result.capabilities.diagnosticProvider?.interFileDependencies, false);
    await client.open(URI, 'yaml', TEXT);

    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.deepEqual(codes(first), ['RC103', 'RC201']);
    const resultId = first.resultId;
    assert.ok(resultId);

    const second = await pull(resultId);
    assert.deepEqual(second, { kind: 'unchanged', resultId });

    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [
        {
          range: { start: { line: 2, character: 16 }, end: { line: 2, character: 22 } },
          text: 'SSM_DOCUMENT',
        },
      ],
    });
    const third = await pull(resultId);
    assert.equal(third.kind, 'full');
    assert.notEqual(third.resultId, resultId);
    assert.ok(!codes(third).includes('RC103'), codes(third).join(' '));

    // The status still arrives (the client shows it), but no diagnostics were pushed.
    await assert.rejects(
      client.waitForDiagnostics(URI, () => true, 300),
      /No matching/,
    );
    assert.ok(client.notifications.some((n) => n.method === 'awsConfigRemediation/documentStatus'));
  });

  it('asks the client to pull again when account facts or settings change', async () => {
    client = new TestClient();
    await client.initialize(PULL);
    await client.open(URI, 'yaml', TEXT);
    const first = await pull();
    assert.deepEqual(codes(first), ['RC103', 'RC201']);

    const refreshes = client.diagnosticRefreshes;
    await client.connection.sendNotification(ACCOUNT_FACTS_NOTIFICATION, null);
    // The server asks before it answers the next request (messages are handled in order).
    assert.equal((await pull(first.resultId)).kind, 'full');
    assert.ok(client.diagnosticRefreshes > refreshes, 'refresh after account facts');

    const again = client.diagnosticRefreshes;
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { awsConfigRemediation: { rules: { RC103: 'off' } } },
    });
    assert.deepEqual(codes(await pull(first.resultId)), ['RC201']);
    assert.ok(client.diagnosticRefreshes > again, 'refresh after settings');
  });

  it('pushes diagnostics to a client without pull support', async () => {
    client = new TestClient();
    const result = (await client.initialize()) as { capabilities: Record<string, unknown> };
    assert.equal(result.capabilities.diagnosticProvider, undefined);
    await client.open(URI, 'yaml', TEXT);
    const published = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => String(d.code)).sort(), ['RC103', 'RC201']);
  });
});
