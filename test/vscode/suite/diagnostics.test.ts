/**
 * In-editor: the client starts the bundled server, the document selector picks up the example
 * files, and their diagnostics reach VS Code with codes, exact ranges and docs links.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import {
  activateExtension,
  assertIncludes,
  closeAllEditors,
  codeOf,
  codesAtLines,
  describeDiagnostics,
  openFile,
  ours,
  waitForDiagnostics,
  waitUntil,
} from '../helpers';

describe('diagnostics on the example files', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(closeAllEditors);

  it('reports the API problems of a YAML request with rule ids, ranges and docs links', async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const uri = editor.document.uri;
    const status = await api.waitForStatus(uri);
    assert.equal(status.recognised, true);
    assert.equal(status.kind, 'request');
    const diagnostics = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'RC103'),
      20_000,
      'RC103',
    );
    assertIncludes(codesAtLines(diagnostics), [
      'RC103@4', // TargetType: LAMBDA
      'RC102@8', // staticValue
      'RC101@18', // Values: my-log-bucket
      'RC106@20', // MaximumAutomaticAttempts: 100
      'RC106@23', // ErrorPercentage: 200
    ]);
    const rc103 = diagnostics.find((d) => codeOf(d) === 'RC103')!;
    assert.deepEqual(
      [rc103.range.start.line, rc103.range.start.character, rc103.range.end.character],
      [4, 16, 22],
    );
    assert.equal(rc103.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(rc103.range), 'LAMBDA');
    const code = rc103.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /^file:\/\/.*\/docs\/rules\.md#L\d+$/);
    // The language status counts agree with what VS Code shows.
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.equal(status.errors, errors.length, describeDiagnostics(diagnostics));
  });

  it("a diagnostic's code link opens the rule's heading in the shipped docs", async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((x) => codeOf(x) === 'RC106'),
      20_000,
      'RC106',
    );
    const rc106 = diagnostics.find((d) => codeOf(d) === 'RC106')!;
    const { target } = rc106.code as { value: string; target: vscode.Uri };
    // The link the hover and the Problems panel open: VS Code's opener, which reads the #L line.
    await vscode.commands.executeCommand('vscode.open', target);
    const docs = await waitUntil(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('/docs/rules.md') ? active : undefined;
    }, 'the docs to open');
    assert.equal(docs.document.uri.scheme, 'file', 'a file of the installed extension');
    assert.equal(
      docs.document.lineAt(docs.selection.active.line).text,
      '## RC106 number-range',
      "the cursor is on the rule's heading",
    );
  });

  it('reports types and lengths in a strict JSON request', async () => {
    const editor = await openFile('with-problems/types-and-lengths.remediation.json');
    const uri = editor.document.uri;
    const diagnostics = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'RC102'),
      20_000,
      'RC102',
    );
    assertIncludes(codesAtLines(diagnostics), [
      'RC105@3', // "ConfigRuleName": "   "
      'RC101@6', // "Automatic": "true"
      'RC101@7', // "RetryAttemptSeconds": 60.5
      'RC106@8', // ConcurrentExecutionRatePercentage: 0
      'RC102@11', // "configRuleName"
      'RC101@15', // "Value": ["RESOURCE_ID"]
    ]);
    assert.equal(
      editor.document.getText(diagnostics.find((d) => codeOf(d) === 'RC102')!.range),
      '"configRuleName"',
    );
  });

  it('reports nothing for the valid examples', async () => {
    for (const file of [
      'valid/s3-buckets.remediation.yaml',
      'valid/cloudtrail-and-vpc.remediation.json',
    ]) {
      const editor = await openFile(file);
      const status = await api.waitForStatus(editor.document.uri);
      assert.equal(status.recognised, true, file);
      assert.equal(status.errors, 0, `${file}: ${JSON.stringify(status)}`);
      assert.deepEqual(
        codesAtLines(ours(vscode.languages.getDiagnostics(editor.document.uri))).filter(
          (c) => !c.startsWith('RC4'), // account rules depend on the account, not the file
        ),
        [],
        file,
      );
    }
  });

  it('leaves unrelated JSON and YAML files alone', async () => {
    const editor = await openFile('unrelated/settings.json');
    const status = await api.waitForStatus(editor.document.uri);
    assert.equal(status.recognised, false);
    assert.deepEqual(ours(vscode.languages.getDiagnostics(editor.document.uri)), []);
  });

  it('updates diagnostics as the document changes', async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'RC106'), 20_000, 'RC106');
    const line = editor.document.lineAt(20); // MaximumAutomaticAttempts: 100
    const at = line.text.indexOf('100');
    assert.ok(at > 0, line.text);
    const ok = await editor.edit((b) => b.replace(new vscode.Range(20, at, 20, at + 3), '5'));
    assert.ok(ok);
    const after = await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => codeOf(x) === 'RC106' && x.range.start.line === 20),
      20_000,
      'RC106@20 to go away',
    );
    assert.ok(
      after.some((d) => codeOf(d) === 'RC103'),
      describeDiagnostics(after),
    );
  });
});
