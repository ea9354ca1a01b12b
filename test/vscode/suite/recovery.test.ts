/**
 * In-editor: when the language server crashes, the client starts it again and the user keeps
 * getting diagnostics for the open files, with what they typed meanwhile. The crash is made by the
 * hidden test command, which exists only when AWS_CONFIG_REMEDIATION_TEST_HOOKS=1 (see
 * common/src/protocol.ts); without it, this suite is skipped.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { TEST_COMMANDS, TEST_HOOKS_ENV } from '../../../common/src/protocol';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  openFile,
  waitForDiagnostics,
  waitUntil,
} from '../helpers';

/** vscode-languageclient's State (not imported: the suite must not load a second client library). */
const STOPPED = 1;
const RUNNING = 2;
const STARTING = 3;

describe('a crashed language server is restarted', function () {
  this.timeout(90_000);
  let api: ExtensionApi;

  before(async function () {
    if (process.env[TEST_HOOKS_ENV] !== '1') this.skip();
    api = await activateExtension();
  });

  afterEach(closeAllEditors);

  it('restarts the server and re-checks the open file, edits made meanwhile included', async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    const document = editor.document;
    await waitForDiagnostics(
      document.uri,
      (d) => d.some((x) => codeOf(x) === 'RC103'),
      20_000,
      'RC103 before the crash',
    );
    const states: number[] = [];
    const listener = api.client.onDidChangeState((event) => states.push(event.newState));
    try {
      await vscode.commands.executeCommand(TEST_COMMANDS.crashServer);
      await waitUntil(
        () => states.includes(STOPPED) || states.includes(STARTING),
        'the client to notice the crash',
      );
      // Typed while the server is down or starting: fixes the RC103 (TargetType LAMBDA).
      const line = document.lineAt(4);
      const at = line.text.indexOf('LAMBDA');
      assert.ok(at > 0, line.text);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(4, at, 4, at + 'LAMBDA'.length), 'SSM_DOCUMENT');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitUntil(
        () => (api.client.state as number) === RUNNING,
        'the server to run again',
        30_000,
      );
      const after = await waitForDiagnostics(
        document.uri,
        (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'RC103'),
        30_000,
        'diagnostics from the restarted server, without RC103',
      );
      assert.ok(
        after.some((d) => codeOf(d) === 'RC102'),
        `the other problems are reported again: ${describeDiagnostics(after)}`,
      );
    } finally {
      listener.dispose();
    }
  });
});
