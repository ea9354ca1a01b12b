/**
 * In-editor: deploy and preview against the local AWS endpoint fixture (test/fixtures/awsFixture.ts),
 * started here, inside the extension host. The endpoint and region go into the user settings;
 * the credentials come from the environment of the editor (AWS_ACCESS_KEY_ID /
 * AWS_SECRET_ACCESS_KEY, set by the driver: test/e2e/inEditor.test.ts or
 * scripts/e2e/run-vscode-tests.mjs). The confirmation dialog is answered through the extension
 * API's injectable `confirm`.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeployOptions } from '../../../client/src/deploy';
import type { ExtensionApi } from '../../../client/src/extension';
import { SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';
import type { AwsFixture } from '../../fixtures/awsFixture';
import {
  FIXTURE_ACCESS_KEY_ID,
  FIXTURE_ACCOUNT,
  FIXTURE_SECRET_ACCESS_KEY,
  startAwsFixture,
} from '../../fixtures/awsFixture';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  openFile,
  waitForDiagnostics,
} from '../helpers';

const VALID = 'valid/s3-buckets.remediation.yaml';
const RULES = ['s3-bucket-public-read-prohibited', 's3-bucket-server-side-encryption-enabled'];

type ConfirmPrompt = Parameters<NonNullable<DeployOptions['confirm']>>[0];

describe('deploy against the local AWS endpoint fixture', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let fixture: AwsFixture;
  const config = (): vscode.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration(SETTINGS_SECTION);

  before(async function () {
    assert.ok(vscode.workspace.isTrusted, 'deploy tests need a trusted workspace');
    assert.equal(
      process.env.AWS_ACCESS_KEY_ID,
      FIXTURE_ACCESS_KEY_ID,
      'the editor must be started with the fixture credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    );
    assert.equal(process.env.AWS_SECRET_ACCESS_KEY, FIXTURE_SECRET_ACCESS_KEY);
    api = await activateExtension();
    assert.equal(typeof api.deploy, 'function', 'the ExtensionApi has deploy()');
    fixture = await startAwsFixture();
    fixture.addRules(...RULES);
    await config().update(
      SETTINGS.awsEndpointUrl,
      fixture.endpoint,
      vscode.ConfigurationTarget.Global,
    );
    await config().update(SETTINGS.awsRegion, 'us-east-1', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await closeAllEditors();
    await config().update(SETTINGS.awsEndpointUrl, undefined, vscode.ConfigurationTarget.Global);
    await config().update(SETTINGS.awsRegion, undefined, vscode.ConfigurationTarget.Global);
    await fixture?.close();
  });

  beforeEach(() => fixture.reset());

  it('deploys a valid file once confirmed; the endpoint receives signed requests', async () => {
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).errors, 0);
    const prompts: ConfirmPrompt[] = [];
    const outcome = await api.deploy(uri, {
      showPreview: false,
      confirm: async (prompt) => {
        prompts.push(prompt);
        return true;
      },
    });
    assert.equal(outcome.status, 'deployed', outcome.message);
    assert.equal(prompts.length, 1, 'asked exactly once');
    assert.match(prompts[0].message, new RegExp(`account ${FIXTURE_ACCOUNT} in us-east-1`));
    assert.equal(prompts[0].preview.counts.new, 2);
    const puts = fixture.calls('PutRemediationConfigurations');
    assert.equal(puts.length, 1);
    assert.ok(puts.every((r) => r.signatureValid && r.accessKeyId === FIXTURE_ACCESS_KEY_ID));
    assert.equal(puts[0].region, 'us-east-1');
    const sent = (puts[0].body as { RemediationConfigurations: { ConfigRuleName: string }[] })
      .RemediationConfigurations;
    assert.deepEqual(
      sent.map((c) => c.ConfigRuleName),
      RULES,
    );
    assert.deepEqual([...fixture.remediations.keys()].sort(), [...RULES].sort());
    assert.ok(fixture.requests.every((r) => r.signatureValid));
  });

  it('previews what is deployed already as unchanged', async () => {
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    const first = await api.deploy(uri, { showPreview: false, confirm: async () => true });
    assert.equal(first.status, 'deployed', first.message);
    const preview = await api.preview(uri, { show: false });
    assert.equal(preview.status, 'previewed', preview.message);
    assert.equal(preview.preview?.counts.unchanged, 2);
    assert.equal(preview.preview?.counts.new, 0);
  });

  it('pulls what is deployed back into a request document', async () => {
    const editor = await openFile(VALID);
    const deployed = await api.deploy(editor.document.uri, {
      showPreview: false,
      confirm: async () => true,
    });
    assert.equal(deployed.status, 'deployed', deployed.message);
    const pulled = await api.pull({ format: 'yaml', show: false });
    assert.equal(pulled.status, 'pulled', pulled.message);
    assert.match(
      pulled.message,
      new RegExp(`Pulled 2 remediation configurations from account ${FIXTURE_ACCOUNT}`),
    );
    assert.match(pulled.text ?? '', /^RemediationConfigurations:/m);
    for (const rule of RULES) assert.ok(pulled.text?.includes(rule), rule);
    assert.ok(fixture.calls('DescribeRemediationConfigurations').length > 0);
  });

  it('sends nothing when the confirmation is declined', async () => {
    const editor = await openFile(VALID);
    const outcome = await api.deploy(editor.document.uri, {
      showPreview: false,
      confirm: async () => false,
    });
    assert.equal(outcome.status, 'declined', outcome.message);
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 0);
  });

  it('refuses a file with errors before any request', async () => {
    const editor = await openFile('with-problems/api-constraints.remediation.yaml');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 20_000, 'its problems');
    const outcome = await api.deploy(editor.document.uri, {
      showPreview: false,
      confirm: async () => assert.fail('a file with errors must not get to the confirmation'),
    });
    assert.equal(outcome.status, 'blocked', outcome.message);
    assert.deepEqual(
      fixture.requests.map((r) => r.operation),
      [],
    );
  });

  it('puts the configurations AWS rejects (FailedBatches) on their ranges as RC500', async () => {
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    fixture.failRules.set(RULES[1], 'The runbook AWS-EnableS3BucketEncryption was not found.');
    const outcome = await api.deploy(uri, { showPreview: false, confirm: async () => true });
    assert.equal(outcome.status, 'failed', outcome.message);
    const failures = api.deployDiagnostics(uri).filter((d) => codeOf(d) === 'RC500');
    assert.equal(failures.length, 1, JSON.stringify(failures));
    assert.match(failures[0].message, /was not found/);
    const second = editor.document.getText().indexOf(`ConfigRuleName: ${RULES[1]}`);
    assert.ok(failures[0].range.contains(editor.document.positionAt(second)));
    // VS Code shows them with the language server's diagnostics.
    const shown = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'RC500');
    assert.equal(shown.length, 1);
    assert.deepEqual([...fixture.remediations.keys()], [RULES[0]]);
  });
});
