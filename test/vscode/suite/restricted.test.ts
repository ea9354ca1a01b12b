/**
 * In-editor, Restricted Mode (an untrusted workspace): the extension runs with limited support.
 * Files are still checked, but deploy, preview and pull refuse before any AWS call, even with an
 * endpoint, a region and credentials configured. Skipped in a trusted workspace (test-electron
 * always trusts its workspace; code-server runs this file untrusted).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { COMMANDS, SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';
import type { AwsFixture } from '../../fixtures/awsFixture';
import { startAwsFixture } from '../../fixtures/awsFixture';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  openFile,
  waitForDiagnostics,
  workspaceFile,
} from '../helpers';

describe('Restricted Mode (untrusted workspace)', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let fixture: AwsFixture | undefined;
  const config = (): vscode.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration(SETTINGS_SECTION);

  before(async function () {
    if (vscode.workspace.isTrusted) {
      this.skip();
      return;
    }
    api = await activateExtension();
    fixture = await startAwsFixture();
    fixture.addRules('s3-bucket-public-read-prohibited');
    // User settings may hold these (machine scope); Restricted Mode must still not call AWS.
    await config().update(
      SETTINGS.awsEndpointUrl,
      fixture.endpoint,
      vscode.ConfigurationTarget.Global,
    );
    await config().update(SETTINGS.awsRegion, 'us-east-1', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (!fixture) return;
    await closeAllEditors();
    await config().update(SETTINGS.awsEndpointUrl, undefined, vscode.ConfigurationTarget.Global);
    await config().update(SETTINGS.awsRegion, undefined, vscode.ConfigurationTarget.Global);
    await fixture.close();
  });

  it('runs the extension (limited support) and still shows diagnostics', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (d) => d.some((x) => codeOf(x) === 'RC103'),
      20_000,
      'RC103',
    );
    assert.ok(diagnostics.length >= 5);
  });

  it('refuses deploy, preview and pull without any request to AWS', async () => {
    const uri = workspaceFile('valid/s3-buckets.remediation.yaml');
    await openFile('valid/s3-buckets.remediation.yaml');
    const deploy = await api.deploy(uri, {
      showPreview: false,
      confirm: async () => assert.fail('no confirmation in Restricted Mode'),
    });
    assert.equal(deploy.status, 'refused');
    assert.match(deploy.message, /Restricted Mode/);
    assert.equal((await api.preview(uri, { show: false })).status, 'refused');
    assert.equal((await api.pull({ show: false })).status, 'refused');
    assert.deepEqual(
      fixture?.requests.map((r) => r.operation),
      [],
    );
  });

  it('the deploy command does nothing either', async () => {
    await openFile('valid/s3-buckets.remediation.yaml');
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes(COMMANDS.deploy)) {
      // Registered (the palette hides it by its enablement); running it must still refuse.
      await vscode.commands.executeCommand(COMMANDS.deploy);
    }
    assert.deepEqual(
      fixture?.requests.map((r) => r.operation),
      [],
    );
  });
});
