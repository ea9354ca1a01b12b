import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompletionList, Hover, CodeAction } from 'vscode-languageserver-protocol';
import { TestClient, useTestClient } from './lspClient';

const YAML_URI = 'file:///work/s3.remediation.yaml';
const YAML_TEXT = `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: LAMBDA
    TargetId: AWS-ConfigureS3BucketLogging
    Automatic: false
`;

describe('bundled server over stdio (dist/server.js --stdio)', function () {
  this.timeout(30000);
  const currentClient = useTestClient();
  let client: TestClient;
  beforeEach(() => {
    client = currentClient();
  });

  it('initializes with completion, hover and quick-fix capabilities', async () => {
    const other = new TestClient();
    const result = (await other.initialize()) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.completionProvider);
    assert.equal(result.capabilities.hoverProvider, true);
    assert.ok(result.capabilities.codeActionProvider);
    assert.equal(await other.shutdown(), 0);
  });

  it("starts with VS Code's Node.js options, and this V8 knows every flag it sets on itself", async () => {
    // A flag V8 does not know only prints "unrecognized flag" on stderr: the tuning of
    // common/src/serverRuntime.ts would stop working without anything failing.
    const other = new TestClient();
    await other.initialize();
    await other.open(YAML_URI, 'yaml', YAML_TEXT);
    await other.waitForDiagnostics(YAML_URI, (p) => p.diagnostics.length > 0);
    assert.equal(await other.shutdown(), 0);
    assert.doesNotMatch(other.stderr, /unrecognized flag|bad option/i, other.stderr);
  });

  it('publishes diagnostics with rule code, exact range and docs link for a YAML request', async () => {
    await client.open(YAML_URI, 'yaml', YAML_TEXT);
    const published = await client.waitForDiagnostics(YAML_URI, (p) => p.diagnostics.length > 0);
    const enumProblem = published.diagnostics.find((d) => d.code === 'RC103');
    assert.ok(enumProblem, JSON.stringify(published.diagnostics));
    assert.deepEqual(enumProblem.range, {
      start: { line: 2, character: 16 },
      end: { line: 2, character: 22 },
    });
    assert.equal(enumProblem.source, 'aws-config-remediation');
    // The link opens the rule's heading in the docs/rules.md beside dist/server.js.
    const href = new URL(enumProblem.codeDescription?.href ?? 'missing:');
    assert.equal(href.protocol, 'file:', href.href);
    const line = Number(/^#L(\d+)$/.exec(href.hash)?.[1]);
    href.hash = '';
    const docs = readFileSync(fileURLToPath(href), 'utf8').split(/\r?\n/);
    assert.equal(docs[line - 1], '## RC103 enum-value');
  });

  it('publishes diagnostics for JSON and updates them after an incremental change', async () => {
    const uri = 'file:///work/request.json';
    const text =
      '{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT"}]}';
    await client.open(uri, 'json', text);
    const first = await client.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'RC100'),
    );
    assert.match(first.diagnostics[0]!.message, /missing the required member "TargetId"/);
    const insertAt = text.indexOf('}]}');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: { start: { line: 0, character: insertAt }, end: { line: 0, character: insertAt } },
          text: ', "TargetId": "AWS-EnableS3BucketEncryption"',
        },
      ],
    });
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      second.diagnostics.filter((d) => d.code === 'RC100'),
      [],
    );
  });

  it('validates an opened document at once: the typing delay is for edits only', async () => {
    // A minute of typing delay: the diagnostics of the open must not wait for it (the test's
    // timeout is shorter), those of an edit must.
    const other = new TestClient();
    await other.initialize({}, { validationDelay: 60_000 });
    const uri = 'file:///work/opened.json';
    const text =
      '{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT"}]}';
    await other.open(uri, 'json', text);
    const first = await other.waitForDiagnostics(uri, () => true, 5000);
    assert.ok(first.diagnostics.some((d) => d.code === 'RC100'));
    await other.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: '{"RemediationConfigurations": []}' }],
    });
    await assert.rejects(
      other.waitForDiagnostics(uri, (p) => p.version === 2, 1000),
      /No matching diagnostics/,
    );
    assert.equal(await other.shutdown(), 0);
  });

  it('stays silent on unrelated JSON and YAML files', async () => {
    await client.open('file:///work/package.json', 'json', '{"name": "x", "version": 1}');
    await client.open('file:///work/other.yaml', 'yaml', 'TargetType: LAMBDA\n');
    // A recognised file opened after them: once its diagnostics arrive, the earlier ones were processed.
    await client.open(YAML_URI, 'yaml', YAML_TEXT);
    await client.waitForDiagnostics(YAML_URI, (p) => p.diagnostics.length > 0);
    const status = client.notifications.filter(
      (n) => n.method === 'awsConfigRemediation/documentStatus',
    );
    assert.ok(
      status.some(
        (n) =>
          (n.params as { uri: string; recognised: boolean }).uri === 'file:///work/package.json',
      ),
    );
    const published = client.notifications.filter(
      (n) => n.method === 'textDocument/publishDiagnostics',
    );
    assert.equal(published.length, 0, 'generic notifications list excludes diagnostics');
    await assert.rejects(client.waitForDiagnostics('file:///work/package.json', () => true, 300));
  });

  it('completes members and enum values, and hovers with the API text', async () => {
    const text = 'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: \n    \n';
    await client.open(YAML_URI, 'yaml', text);
    const values = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: YAML_URI },
      position: { line: 2, character: 16 },
    })) as CompletionList;
    assert.deepEqual(
      values.items.map((i) => i.label),
      ['SSM_DOCUMENT'],
    );
    const keys = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: YAML_URI },
      position: { line: 3, character: 4 },
    })) as CompletionList;
    const labels = keys.items.map((i) => i.label);
    assert.ok(labels.includes('TargetId'), labels.join(','));
    assert.ok(!labels.includes('ConfigRuleName'), 'keys already present are not offered');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: YAML_URI },
      position: { line: 1, character: 8 },
    })) as Hover;
    assert.match(JSON.stringify(hover.contents), /The name of the Config rule\./);
  });

  it('an empty file offers the request skeleton; the root key reopens completion only in VS Code', async () => {
    const uri = 'file:///work/new.remediation.json';
    await client.open('file:///work/other.remediation.yaml', 'yaml', YAML_TEXT);
    await client.open(uri, 'json', '');
    const empty = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    })) as CompletionList;
    assert.equal(empty.items[0]?.label, 'New remediation request');
    // The rule name of the other open file is the ConfigRuleName choice.
    assert.match(
      JSON.stringify(empty.items[0]?.textEdit),
      /ConfigRuleName.*\$\{1\|s3-bucket-logging-enabled\|\}/,
    );
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: '{}' }],
    });
    const keyItem = async (c: TestClient) =>
      (
        (await c.connection.sendRequest('textDocument/completion', {
          textDocument: { uri },
          position: { line: 0, character: 1 },
        })) as CompletionList
      ).items.find((i) => i.label === 'RemediationConfigurations');
    // This client is not VS Code: no command it would not know.
    assert.equal((await keyItem(client))?.command, undefined);
    const vscodeLike = new TestClient();
    await vscodeLike.initialize({}, { validationDelay: 0, vscodeCommands: true });
    await vscodeLike.open(uri, 'json', '{}');
    assert.equal((await keyItem(vscodeLike))?.command?.command, 'editor.action.triggerSuggest');
    assert.equal(await vscodeLike.shutdown(), 0);
  });

  it('offers quick fixes for diagnostics in a range', async () => {
    await client.open(YAML_URI, 'yaml', YAML_TEXT);
    const published = await client.waitForDiagnostics(YAML_URI, (p) => p.diagnostics.length > 0);
    const problem = published.diagnostics.find((d) => d.code === 'RC103')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: YAML_URI },
      range: problem.range,
      context: { diagnostics: [problem] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('SSM_DOCUMENT'));
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.edit?.changes?.[YAML_URI]?.[0]?.newText, 'SSM_DOCUMENT');
  });

  it('offers "Suppress RCnnn on this line", and honours the comment after the edit', async () => {
    const uri = 'file:///work/suppress.remediation.yaml';
    await client.open(uri, 'yaml', YAML_TEXT);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const problem = published.diagnostics.find((d) => d.code === 'RC103')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: problem.range,
      context: { diagnostics: [problem] },
    })) as CodeAction[];
    const suppress = actions.find((a) => a.title === 'Suppress RC103 on this line');
    assert.ok(suppress, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(suppress.kind, 'quickfix');
    assert.deepEqual(suppress.diagnostics, [problem]);
    const [edit] = suppress.edit?.changes?.[uri] ?? [];
    assert.deepEqual(edit, {
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      newText: '    # config-remediation-disable-next-line RC103\n',
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: edit!.range, text: edit!.newText }],
    });
    const after = await client.waitForDiagnostics(
      uri,
      (p) => !p.diagnostics.some((d) => d.code === 'RC103'),
    );
    assert.ok(!after.diagnostics.some((d) => d.code === 'RC008'), JSON.stringify(after));
  });
});
