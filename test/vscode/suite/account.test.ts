/**
 * In-editor: account look-ups (issue #8) against moto (test/fixtures/moto/server.py, started here,
 * inside the extension host). The client looks the account up through dist/aws.js, caches the
 * facts and sends them to the server; diagnostics and completion change; turning the setting off
 * or an endpoint that is down brings back exactly the offline answers, without a popup.
 * Skipped when python3 with moto is not available (REQUIRE_MOTO=1 makes that a failure).
 */
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';
import { requireMoto, startMoto, type MotoServer } from '../../fixtures/moto/motoServer';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  labelOf,
  waitForDiagnostics,
  workspaceFile,
} from '../helpers';

const FILE = 'account/team.remediation.yaml';
const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

function text(seeded: MotoServer['seeded']): string {
  return `RemediationConfigurations:
  - ConfigRuleName: ${seeded.normalRule}
    TargetType: SSM_DOCUMENT
    TargetId: ${seeded.automationDocument}
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
    ResourceType: AWS::S3::Bucket
    Automatic: false
  - ConfigRuleName: ${seeded.serviceLinkedRule}
    TargetType: SSM_DOCUMENT
    TargetId: ${seeded.commandDocument}
    Automatic: false
`;
}

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const hasAccountRules = (d: readonly vscode.Diagnostic[]): boolean =>
  d.some((x) => codeOf(x).startsWith('RC4'));

describe('account look-ups against moto', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let moto: MotoServer;
  let uri: vscode.Uri;
  const config = (): vscode.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const aws = (endpointUrl: string) => ({
    endpointUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    env: {},
  });

  before(async function () {
    assert.ok(vscode.workspace.isTrusted, 'account look-ups need a trusted workspace');
    requireMoto(this);
    moto = await startMoto();
    api = await activateExtension();
    uri = workspaceFile(FILE);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text(moto.seeded)));
  });

  after(async () => {
    await closeAllEditors();
    await config().update(SETTINGS.accountLookups, undefined, vscode.ConfigurationTarget.Global);
    await moto?.stop();
  });

  it('looks the account up: account rules fire and completion offers its rules', async () => {
    const editor = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(uri),
    );
    assert.equal((await api.waitForStatus(editor.document.uri)).recognised, true);
    const outcome = await api.refreshAccount({ aws: aws(moto.endpoint) });
    assert.equal(outcome.status, 'ready', outcome.message);
    assert.equal(outcome.facts?.accountId, moto.account);
    assert.equal(outcome.facts?.configRules.length, 2 + moto.seeded.pagingRules);
    assert.equal(api.accountState().kind, 'ready');
    const diagnostics = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => codeOf(x) === 'RC401') && d.some((x) => codeOf(x) === 'RC403'),
      30_000,
      'RC401 and RC403',
    );
    assert.ok(
      diagnostics.some((d) => codeOf(d) === 'RC301'),
      `the custom runbook's required BucketName: ${describeDiagnostics(diagnostics)}`,
    );
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(1, 20),
    );
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes(moto.seeded.normalRule), labels.join(', '));
    assert.ok(!labels.includes(moto.seeded.serviceLinkedRule));
  });

  it('turning the setting off brings back exactly the offline diagnostics', async () => {
    await config().update(SETTINGS.accountLookups, false, vscode.ConfigurationTarget.Global);
    const offline = await waitForDiagnostics(
      uri,
      (d) => d.length > 0 && !hasAccountRules(d),
      30_000,
      'no RC4xx',
    );
    assert.ok(
      offline.some((d) => codeOf(d) === 'RC209'),
      describeDiagnostics(offline),
    );
    assert.equal(api.accountState().kind, 'off');
    assert.equal(api.accountFacts(), undefined);
    await config().update(SETTINGS.accountLookups, undefined, vscode.ConfigurationTarget.Global);
  });

  it('with the endpoint down: the failure shows in the state only, checks stay offline', async () => {
    const outcome = await api.refreshAccount({ aws: aws(`http://127.0.0.1:${await deadPort()}`) });
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message, /ECONNREFUSED/);
    const state = api.accountState();
    assert.equal(state.kind, 'failed');
    assert.equal(api.accountFacts(), undefined);
    const diagnostics = await waitForDiagnostics(
      uri,
      (d) => d.length > 0 && !hasAccountRules(d),
      30_000,
      'no RC4xx',
    );
    assert.ok(diagnostics.some((d) => codeOf(d) === 'RC209'));
  });
});
