/**
 * In-editor: a request written from scratch (issue 18). In an empty request file the first
 * completion item is the whole skeleton, preselected; accepting it through the suggest widget and
 * typing only the values (the snippet's placeholders) gives a file with no findings at all.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { PAYLOAD_REQUEST } from '../../../common/src/protocol';
import type { PayloadResult } from '../../../common/src/protocol';
import {
  activateExtension,
  closeAllEditors,
  describeDiagnostics,
  labelOf,
  ours,
  waitForDiagnostics,
  waitUntil,
  workspaceFile,
} from '../helpers';

const SKELETON_LABEL = 'New remediation request';

/** The values a user types, one per placeholder; `undefined` keeps the placeholder's default. */
const VALUES: (string | undefined)[] = [
  'guardduty-enabled-centralized', // ${1} ConfigRuleName
  'AWSConfigRemediation-CreateGuardDutyDetector', // ${2} TargetId
  '210987654321', // ${3} account id of the role
  'GuardDutyRemediationRole', // ${4} role name
  'AWS::GuardDuty::Detector', // ${5} ResourceType
  undefined, // ${6} Automatic: the first choice (true)
  undefined, // ${7} MaximumAutomaticAttempts: 5
  undefined, // ${8} RetryAttemptSeconds: 60
];

const EXPECTED_YAML = [
  'RemediationConfigurations:',
  '  - ConfigRuleName: guardduty-enabled-centralized',
  '    TargetType: SSM_DOCUMENT',
  '    TargetId: AWSConfigRemediation-CreateGuardDutyDetector',
  '    Parameters:',
  '      AutomationAssumeRole:',
  '        StaticValue:',
  '          Values:',
  '            - arn:aws:iam::210987654321:role/GuardDutyRemediationRole',
  '    ResourceType: AWS::GuardDuty::Detector',
  '    Automatic: true',
  '    MaximumAutomaticAttempts: 5',
  '    RetryAttemptSeconds: 60',
].join('\n');

async function completionItems(
  uri: vscode.Uri,
  position: vscode.Position,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items;
}

/** The key VS Code sorts completion items by. */
function sortKey(item: vscode.CompletionItem): string {
  return item.sortText ?? labelOf(item);
}

/** Creates (or empties) a file in the test workspace and opens it. */
async function openEmptyFile(relativePath: string, content = ''): Promise<vscode.TextEditor> {
  const uri = workspaceFile(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

describe('a request from scratch (first run)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  afterEach(closeAllEditors);

  it('an empty file offers the whole request first; typing only the values leaves no findings', async () => {
    const editor = await openEmptyFile('scratch.remediation.yaml');
    const document = editor.document;
    const uri = document.uri;
    assert.equal((await api.waitForStatus(uri)).recognised, true, 'recognised by its name');

    // The item is there, preselected, and sorts first among every provider's items.
    const items = await completionItems(uri, new vscode.Position(0, 0));
    const skeleton = items.find((item) => labelOf(item) === SKELETON_LABEL);
    assert.ok(skeleton, `no "${SKELETON_LABEL}" in: ${items.map(labelOf).join(', ')}`);
    assert.equal(skeleton.preselect, true, 'the skeleton item is preselected');
    const first = [...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))[0];
    assert.equal(first && labelOf(first), SKELETON_LABEL, 'the skeleton item sorts first');

    // Accept it for real: open the suggest widget and accept its selected (preselected) item.
    // The widget opens asynchronously: accept until the document has the text, re-opening the
    // widget every 10th poll (bounded).
    let polls = 0;
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitUntil(async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      if (document.getText().length > 0) return true;
      if (++polls % 10 === 0) await vscode.commands.executeCommand('editor.action.triggerSuggest');
      return false;
    }, 'accepting the skeleton from the suggest widget');
    assert.match(document.getText(), /^RemediationConfigurations:\n {2}- ConfigRuleName: /);
    assert.ok(!editor.selection.isEmpty, 'the first placeholder (the rule name) is selected');

    // Only the values: type over each placeholder, then jump to the next one.
    for (const value of VALUES) {
      if (value !== undefined) await vscode.commands.executeCommand('type', { text: value });
      await vscode.commands.executeCommand('hideSuggestWidget');
      await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    }
    await vscode.commands.executeCommand('leaveSnippet');
    assert.equal(document.getText().trimEnd(), EXPECTED_YAML);
    assert.ok(await document.save(), 'saved');

    // The server's check of this very version has no problem, and so do the diagnostics.
    const payload = await waitUntil(async () => {
      const result = await api.client.sendRequest<PayloadResult | null>(PAYLOAD_REQUEST.method, {
        uri: uri.toString(),
      });
      return result?.version === document.version ? result : undefined;
    }, 'the payload of the saved version');
    assert.equal(payload.configurations.length, 1);
    assert.deepEqual(
      payload.problems.map((p) => `${p.ruleId}: ${p.message}`),
      [],
      'no findings at all',
    );
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length === 0, 20_000, 'none');
    assert.deepEqual(ours(diagnostics), [], describeDiagnostics(diagnostics));
    const status = await waitUntil(() => {
      const current = api.documentStatus(uri);
      return current?.configurations === 1 ? current : undefined;
    }, 'the status of the filled request');
    assert.equal(status.errors ?? 0, 0);
    assert.equal(status.warnings ?? 0, 0);
  });

  it('accepting the RemediationConfigurations key opens the next suggestion list by itself', async () => {
    const editor = await openEmptyFile('scratch-key.remediation.yaml');
    const document = editor.document;
    assert.equal(
      (await api.waitForStatus(document.uri)).recognised,
      true,
      'recognised by its name',
    );

    // "Rem" leaves the key item alone in the list (the skeleton does not match it): accept it
    // from the suggest widget, re-opening the widget every 10th poll until it is accepted.
    await vscode.commands.executeCommand('type', { text: 'Rem' });
    let polls = 0;
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitUntil(async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      if (document.getText() !== 'Rem') return true;
      if (++polls % 10 === 0) await vscode.commands.executeCommand('editor.action.triggerSuggest');
      return false;
    }, 'accepting the RemediationConfigurations key from the suggest widget');
    const afterKey = document.getText();
    assert.equal(afterKey, 'RemediationConfigurations:\n  - ', 'the key and the first list item');

    // No trigger from here on: accepting works only while the suggest widget shows a focused item
    // (acceptSelectedSuggestion does nothing on a hidden widget), so a change of the text proves
    // that the item's own command opened the next list, the members of a configuration.
    await waitUntil(async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return document.getText() !== afterKey;
    }, 'the next suggestion list to open by itself and its item to be accepted');
    assert.match(
      document.getText(),
      /^RemediationConfigurations:\n {2}- [A-Z]\w+:/,
      'a configuration member (or the configuration skeleton) after the dash',
    );
  });

  it('in an empty JSON object the skeleton sorts before the JSON extension’s $schema', async function () {
    const editor = await openEmptyFile('scratch.remediation.json', '{}\n');
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).recognised, true, 'recognised by its name');
    const json = vscode.extensions.getExtension('vscode.json-language-features');
    if (!json) this.skip();
    await json.activate();
    const position = new vscode.Position(0, 1);
    // The JSON extension's server starts on its first JSON document: wait for its item.
    const items = await waitUntil(async () => {
      const found = await completionItems(uri, position);
      return found.some((item) => labelOf(item) === '$schema') ? found : undefined;
    }, 'the JSON extension’s $schema item');
    const schema = items.find((item) => labelOf(item) === '$schema')!;
    const skeleton = items.find((item) => labelOf(item) === SKELETON_LABEL);
    assert.ok(skeleton, `no "${SKELETON_LABEL}" in: ${items.map(labelOf).join(', ')}`);
    assert.equal(skeleton.preselect, true);
    assert.ok(
      sortKey(skeleton).localeCompare(sortKey(schema)) < 0,
      `"${sortKey(skeleton)}" sorts before $schema's "${sortKey(schema)}"`,
    );
  });
});
