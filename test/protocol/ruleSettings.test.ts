import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { SERVER_PATH, TestClient } from './lspClient';

const URI = 'file:///work/settings.remediation.yaml';
// RC201 (manual-assume-role; information, as the custom runbook's content is not visible) and
// RC103 (enum-value, an error).
const TEXT = `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: LAMBDA
    TargetId: MyCompany-Fix
    Parameters:
      Bucket: {ResourceValue: {Value: RESOURCE_ID}}
    Automatic: false
`;

describe('rule settings over LSP (awsConfigRemediation.rules)', function () {
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

  it('applies levels by id and by slug from the initial settings', async () => {
    client = new TestClient();
    await client.initialize(
      {},
      {
        validationDelay: 0,
        settings: { rules: { RC201: 'off', 'enum-value': 'warning' } },
      },
    );
    await client.open(URI, 'yaml', TEXT);
    const published = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length > 0);
    const byCode = published.diagnostics.map((d) => [d.code, d.severity]);
    // LSP severities: 1 error, 2 warning.
    assert.deepEqual(byCode, [['RC103', 2]]);
  });

  it('re-validates open documents when the setting changes', async () => {
    client = new TestClient();
    await client.initialize();
    await client.open(URI, 'yaml', TEXT);
    const before = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length === 2);
    assert.deepEqual(
      before.diagnostics.map((d) => [d.code, d.severity]),
      [
        ['RC103', 1],
        ['RC201', 3],
      ],
    );
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: {
        awsConfigRemediation: { rules: { 'manual-assume-role': 'error', RC103: 'off' } },
      },
    });
    const after = await client.waitForDiagnostics(
      URI,
      (p) => p.diagnostics.length === 1 && p.diagnostics[0]?.code === 'RC201',
    );
    assert.equal(after.diagnostics[0]?.severity, 1);
  });
});
