/**
 * In-editor: completion, hover and quick fixes through VS Code's own command layer
 * (`vscode.execute*Provider`), i.e. through the language client's middleware and conversions.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import {
  activateExtension,
  assertIncludes,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  hoverText,
  labelOf,
  openFile,
  openUntitled,
  waitForDiagnostics,
} from '../helpers';

const YAML_DRAFT = [
  'RemediationConfigurations:',
  '  - ConfigRuleName: s3-bucket-logging-enabled',
  '    TargetType: ',
  '    ',
  '',
].join('\n');

async function complete(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items.map(labelOf);
}

describe('completion, hover and quick fixes', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(closeAllEditors);

  it('completes the members not present yet and enum values (YAML)', async () => {
    const editor = await openUntitled('yaml', YAML_DRAFT);
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).recognised, true, 'recognised by its content');
    const keys = await complete(uri, new vscode.Position(3, 4));
    assertIncludes(keys, ['TargetId', 'Parameters', 'ResourceType', 'Automatic']);
    assert.ok(!keys.includes('ConfigRuleName'), `ConfigRuleName is there already: ${keys}`);
    const values = await complete(uri, new vscode.Position(2, 16));
    assertIncludes(values, ['SSM_DOCUMENT']);
  });

  it('completes the members of a JSON request file', async () => {
    const editor = await openFile('with-problems/types-and-lengths.remediation.json');
    const labels = await complete(editor.document.uri, new vscode.Position(11, 7));
    assertIncludes(labels, ['ConfigRuleName', 'ResourceType', 'Automatic']);
  });

  it('hovers a member with the API reference text', async () => {
    const editor = await openFile('valid/s3-buckets.remediation.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      new vscode.Position(3, 8), // ConfigRuleName
    );
    const text = hoverText(hovers);
    assert.match(text, /\*\*ConfigRuleName\*\*/);
    assert.match(text, /The name of the Config rule\./);
  });

  it('applies a quick fix and the problem goes away', async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const document = editor.document;
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'RC103'),
      20_000,
      'RC103',
    );
    const problem = diagnostics.find((d) => codeOf(d) === 'RC103')!;
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      problem.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(
      (a): a is vscode.CodeAction => 'edit' in a && a.title.includes('SSM_DOCUMENT'),
    );
    assert.ok(fix?.edit, `no SSM_DOCUMENT fix in: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(4).text, /^ {4}TargetType: SSM_DOCUMENT\s+#/);
    const after = await waitForDiagnostics(
      document.uri,
      (d) => !d.some((x) => codeOf(x) === 'RC103'),
      20_000,
      'RC103 to go away',
    );
    assert.ok(
      after.some((d) => codeOf(d) === 'RC102'),
      `the other problems stay: ${describeDiagnostics(after)}`,
    );
  });

  it("shows a rule's documentation from the .vsix and turns the rule off", async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const document = editor.document;
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'RC103'),
      20_000,
      'RC103',
    );
    const problem = diagnostics.find((d) => codeOf(d) === 'RC103')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      problem.range,
    );
    const titles = actions.map((a) => a.title);
    const show = actions.find((a) => a.title === 'Show documentation for RC103');
    const off = actions.find((a) => a.title === 'Turn off RC103 in this workspace');
    assert.ok(show?.command && off?.command, `rule actions missing in: ${titles.join(' | ')}`);

    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    const docs = vscode.window.activeTextEditor;
    assert.ok(docs, 'an editor opens');
    assert.ok(docs.document.uri.path.endsWith('/docs/rules.md'), 'the shipped docs open');
    assert.match(docs.document.lineAt(docs.selection.active.line).text, /^## RC103 /);

    const settings = vscode.workspace.getConfiguration('awsConfigRemediation', document.uri);
    const before = settings.inspect('rules')?.workspaceValue;
    try {
      await vscode.commands.executeCommand(off.command.command, ...(off.command.arguments ?? []));
      assert.deepEqual(
        vscode.workspace.getConfiguration('awsConfigRemediation').inspect('rules')?.workspaceValue,
        { ...((before as object | undefined) ?? {}), RC103: 'off' },
      );
      await waitForDiagnostics(
        document.uri,
        (d) => !d.some((x) => codeOf(x) === 'RC103') && d.length > 0,
        20_000,
        'RC103 to be turned off',
      );
    } finally {
      await settings.update('rules', before, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('fixes a misspelt member name ("did you mean")', async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const document = editor.document;
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'RC102'),
      20_000,
      'RC102',
    );
    const problem = diagnostics.find((d) => codeOf(d) === 'RC102')!;
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      problem.range,
    );
    const fix = actions.find(
      (a): a is vscode.CodeAction => 'edit' in a && a.title.includes('StaticValue'),
    );
    assert.ok(fix?.edit, `no StaticValue fix in: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.lineAt(8).text, /^ {8}StaticValue:/);
    await waitForDiagnostics(
      document.uri,
      (d) => !d.some((x) => codeOf(x) === 'RC102'),
      20_000,
      'RC102 to go away',
    );
  });

  it('exports a request as a CloudFormation template in a new editor', async () => {
    const editor = await openFile('valid/s3-buckets.remediation.yaml');
    await api.waitForStatus(editor.document.uri);
    await vscode.commands.executeCommand(
      'awsConfigRemediation.exportCloudFormation',
      editor.document.uri,
    );
    const exported = vscode.window.activeTextEditor?.document;
    assert.ok(exported && exported !== editor.document, 'the template opens in a new editor');
    assert.equal(exported.isUntitled, true);
    assert.equal(exported.languageId, 'yaml');
    // Save proposes a name next to the source, not one made of the template's first line.
    assert.equal(
      exported.uri.path,
      vscode.Uri.joinPath(editor.document.uri, '..', 's3-buckets.template.yaml').path,
    );
    const text = exported.getText();
    assert.match(text, /Type: AWS::Config::RemediationConfiguration\n/);
    assert.match(text, /TargetId: AWS-DisableS3BucketPublicReadWrite\n/);
  });
});
