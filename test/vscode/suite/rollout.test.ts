/**
 * In-editor: the organisation roll-out commands (client/src/deploy/rolloutCommands.ts) against the
 * local AWS endpoint fixture (test/fixtures/awsFixture.ts), started here, inside the extension
 * host, as in deploy.test.ts: the endpoint and region go into the user settings, the credentials
 * come from the editor's environment. The pickers, inputs and the modal are answered through
 * the extension API's injectable answers (RolloutAnswers). The assertions are on what reached
 * the endpoint and on the text written to the deploy log (the outcome's `log`).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../client/src/extension';
import { SETTINGS, SETTINGS_SECTION } from '../../../common/src/protocol';
import type { AwsFixture } from '../../fixtures/awsFixture';
import { FIXTURE_ACCESS_KEY_ID, FIXTURE_ACCOUNT, startAwsFixture } from '../../fixtures/awsFixture';
import { activateExtension, closeAllEditors, openFile } from '../helpers';

const VALID = 'valid/s3-buckets.remediation.yaml';
const RULES = ['s3-bucket-public-read-prohibited', 's3-bucket-server-side-encryption-enabled'];
const REGIONS = ['eu-west-1', 'us-west-2'];
const OU = 'ou-abcd-11111111';
const OU_ACCOUNTS = ['111111111111', '222222222222'];

describe('organisation roll-out commands against the local AWS endpoint fixture', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let fixture: AwsFixture;
  const config = (): vscode.WorkspaceConfiguration =>
    vscode.workspace.getConfiguration(SETTINGS_SECTION);

  before(async function () {
    assert.ok(vscode.workspace.isTrusted, 'roll-out tests need a trusted workspace');
    assert.equal(
      process.env.AWS_ACCESS_KEY_ID,
      FIXTURE_ACCESS_KEY_ID,
      'the editor must be started with the fixture credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    );
    api = await activateExtension();
    assert.equal(typeof api.deployToRegions, 'function', 'the ExtensionApi has deployToRegions()');
    assert.equal(typeof api.rollOutStackSet, 'function', 'the ExtensionApi has rollOutStackSet()');
    fixture = await startAwsFixture();
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
    await config().update(SETTINGS.rolloutRemembered, undefined, vscode.ConfigurationTarget.Global);
    await fixture?.close();
  });

  beforeEach(() => {
    fixture.reset();
    fixture.addRules(...RULES);
  });

  it('Deploy to Several Regions: once confirmed, both regions get the configurations and a report each', async () => {
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).errors, 0);
    const prompts: string[] = [];
    const outcome = await api.deployToRegions(uri, {
      regions: REGIONS,
      confirm: async (message) => {
        prompts.push(message);
        return true;
      },
    });
    assert.equal(outcome.status, 'deployed', `${outcome.message}\n${outcome.log.join('\n')}`);
    assert.equal(prompts.length, 1, 'one confirmation names every region');
    for (const region of REGIONS) assert.ok(prompts[0].includes(region), prompts[0]);

    const puts = fixture.calls('PutRemediationConfigurations');
    assert.deepEqual(puts.map((r) => r.region).sort(), [...REGIONS].sort());
    assert.ok(puts.every((r) => r.signatureValid && r.accessKeyId === FIXTURE_ACCESS_KEY_ID));
    for (const put of puts) {
      const sent = (put.body as { RemediationConfigurations: { ConfigRuleName: string }[] })
        .RemediationConfigurations;
      assert.deepEqual(
        sent.map((c) => c.ConfigRuleName),
        RULES,
        put.region,
      );
    }
    for (const region of REGIONS) {
      assert.deepEqual([...fixture.remediationsIn(region).keys()].sort(), [...RULES].sort());
    }
    assert.equal(fixture.remediationsIn('us-east-1').size, 0, 'the default region is untouched');

    const log = outcome.log.join('\n');
    for (const region of REGIONS) {
      assert.match(
        log,
        new RegExp(`^Preview of .* in ${region} \\(account ${FIXTURE_ACCOUNT}\\): 2 new`, 'm'),
      );
      assert.ok(
        log.includes(
          `Deploy to account ${FIXTURE_ACCOUNT} in ${region}: 2 deployed, 0 failed, 0 not sent of 2.`,
        ),
        log,
      );
    }
    assert.equal(
      outcome.message,
      `Regions: 2 deployed (${REGIONS.join(', ')}), 0 failed, 0 cancelled.`,
    );
  });

  it('Roll Out as StackSet to an OU in two regions: creates it, adds the instances, reports per account and region', async () => {
    fixture.ouAccounts.set(OU, OU_ACCOUNTS);
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).errors, 0);
    const prompts: string[] = [];
    const outcome = await api.rollOutStackSet(uri, {
      stackSetName: 'org-remediation',
      targets: OU,
      regions: REGIONS,
      pollIntervalMs: 10,
      confirm: async (message) => {
        prompts.push(message);
        return true;
      },
    });
    assert.equal(outcome.status, 'deployed', `${outcome.message}\n${outcome.log.join('\n')}`);
    assert.equal(prompts.length, 1);
    assert.match(
      prompts[0],
      new RegExp(`Roll out StackSet org-remediation to ${OU} in ${REGIONS.join(', ')}\\?`),
    );

    const creates = fixture.calls('CreateStackSet');
    assert.equal(creates.length, 1);
    const create = creates[0].body as Record<string, string>;
    assert.equal(create.StackSetName, 'org-remediation');
    assert.equal(create.PermissionModel, 'SERVICE_MANAGED');
    // The template of a YAML file is YAML: its resources name the two rules.
    assert.match(create.TemplateBody, /^AWSTemplateFormatVersion/m);
    assert.equal(create.TemplateBody.match(/AWS::Config::RemediationConfiguration/g)?.length, 2);
    for (const rule of RULES) assert.ok(create.TemplateBody.includes(rule), rule);
    const instanceCalls = fixture.calls('CreateStackInstances');
    assert.equal(instanceCalls.length, 1);
    const instances = instanceCalls[0].body as Record<string, string>;
    assert.equal(instances['DeploymentTargets.OrganizationalUnitIds.member.1'], OU);
    assert.deepEqual(
      Object.keys(instances)
        .filter((k) => k.startsWith('Regions.member.'))
        .map((k) => instances[k])
        .sort(),
      [...REGIONS].sort(),
    );
    assert.ok(fixture.requests.every((r) => r.signatureValid));

    const log = outcome.log.join('\n');
    assert.match(
      log,
      /Preview of StackSet org-remediation \(SERVICE_MANAGED, administered from us-east-1\): template new/,
    );
    for (const account of OU_ACCOUNTS) {
      for (const region of REGIONS) {
        assert.ok(
          outcome.log.includes(`  ${account} ${region}  succeeded`),
          `${account} ${region}\n${log}`,
        );
      }
    }
    assert.equal(outcome.message, 'Roll-out: 4 succeeded, 0 failed, 0 cancelled of 4 instances.');
    const set = fixture.stackSets.get('org-remediation');
    assert.equal(set?.instances.filter((i) => i.status === 'CURRENT').length, 4);
  });

  it('Deploy as Organization Conformance Pack: puts the pack, leaves out the excluded account, a line per member', async () => {
    fixture.organizationMembers = ['111111111111', '222222222222', '333333333333'];
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).errors, 0);
    const outcome = await api.deployOrganizationPack(uri, {
      packName: 'org-remediation-pack',
      excludedAccounts: '333333333333',
      pollIntervalMs: 10,
      confirm: async () => true,
    });
    assert.equal(outcome.status, 'deployed', `${outcome.message}\n${outcome.log.join('\n')}`);
    const puts = fixture.calls('PutOrganizationConformancePack');
    assert.equal(puts.length, 1);
    const body = puts[0].body as { ExcludedAccounts?: string[]; TemplateBody?: string };
    assert.deepEqual(body.ExcludedAccounts, ['333333333333']);
    for (const rule of RULES) assert.ok(body.TemplateBody?.includes(rule), rule);
    for (const account of ['111111111111', '222222222222']) {
      assert.ok(outcome.log.includes(`  ${account}  CREATE_SUCCESSFUL`), outcome.log.join('\n'));
    }
    assert.ok(!outcome.log.some((l) => l.includes('333333333333  ')), 'the excluded account');
    assert.equal(outcome.message, 'Accounts: 2 successful, 0 not, of 2.');
  });

  it('declined confirmations send nothing (several regions and StackSet)', async () => {
    fixture.ouAccounts.set(OU, OU_ACCOUNTS);
    const editor = await openFile(VALID);
    const uri = editor.document.uri;
    assert.equal((await api.waitForStatus(uri)).errors, 0);
    let asked = 0;
    const decline = async (): Promise<boolean> => {
      asked++;
      return false;
    };
    const regions = await api.deployToRegions(uri, { regions: REGIONS, confirm: decline });
    assert.equal(regions.status, 'declined', regions.message);
    const stackSet = await api.rollOutStackSet(uri, {
      stackSetName: 'org-remediation',
      targets: OU,
      regions: REGIONS,
      confirm: decline,
    });
    assert.equal(stackSet.status, 'declined', stackSet.message);
    assert.equal(asked, 2, 'both asked before sending anything');
    assert.equal(regions.message, 'Not confirmed; nothing was sent.');
    for (const op of [
      'PutRemediationConfigurations',
      'CreateStackSet',
      'UpdateStackSet',
      'CreateStackInstances',
    ]) {
      assert.equal(fixture.calls(op).length, 0, op);
    }
    for (const region of REGIONS) assert.equal(fixture.remediationsIn(region).size, 0, region);
    assert.equal(fixture.stackSets.size, 0);
  });
});
