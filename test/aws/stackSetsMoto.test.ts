/**
 * StackSets against moto (test/fixtures/moto): what moto implements of CloudFormation StackSets
 * (CreateStackSet, DescribeStackSet, UpdateStackSet, CreateStackInstances with accounts or with
 * OUs of moto's Organizations, ListStackInstances, DescribeStackSetOperation,
 * ListStackSetOperationResults; operations end at once). What moto lacks (failed instances,
 * running operations, throttling, organization conformance packs with a TemplateBody) is covered
 * against the loopback fixture in test/cli/rollout.test.ts.
 *
 * Skipped with the reason when python3 with moto is missing (REQUIRE_MOTO=1 makes it fail).
 */

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsContext } from '../../common/src/aws';
import {
  createAwsContext,
  describeStackSet,
  planStackSet,
  rollOutStackSet,
} from '../../common/src/aws';
import { exportConfigurations } from '../../server/src/languageService/languageService';
import { CLI, ROOT } from '../cli/cliRunner';
import { requireMoto, sharedMoto, type MotoServer } from '../fixtures/moto/motoServer';
import { makeConfigs, tempDir } from './helpers';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function template(automatic: boolean): string {
  const configs = makeConfigs(2).map((c) => ({ ...c, Automatic: automatic }));
  return exportConfigurations(configs as unknown as Record<string, unknown>[], {
    target: 'cloudformation',
    format: 'json',
  }).text;
}

/** Calls moto's Organizations (JSON 1.1; moto does not check signatures). */
async function organizations(
  moto: MotoServer,
  operation: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSOrganizationsV20161128.${operation}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${operation}: ${JSON.stringify(json)}`);
  return json;
}

describe('StackSets against moto', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let ctx: AwsContext;

  before(async function () {
    requireMoto(this);
    moto = await sharedMoto();
    ctx = await createAwsContext({
      region: 'us-east-1',
      endpointUrl: moto.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      env: {},
    });
  });
  after(() => ctx?.close());

  it('creates a self-managed StackSet with its instances, then finds it unchanged, then updates it', async () => {
    const targets = {
      accounts: ['111111111111', '222222222222'],
      regions: ['eu-west-1', 'us-east-1'],
    };
    const name = 'moto-self-managed';
    assert.equal(await describeStackSet(ctx, name), undefined);
    const body = template(false);
    const plan = planStackSet(name, undefined, body, targets, 'SELF_MANAGED');
    assert.equal(plan.template, 'new');
    assert.equal(plan.add.length, 4);
    const report = await rollOutStackSet(ctx, plan, body, { pollIntervalMs: 0 });
    assert.ok(report.ok, JSON.stringify(report));
    assert.ok(report.created);
    assert.deepEqual(
      report.operations[0].results.map((r) => `${r.account} ${r.region} ${r.status}`).sort(),
      [
        '111111111111 eu-west-1 SUCCEEDED',
        '111111111111 us-east-1 SUCCEEDED',
        '222222222222 eu-west-1 SUCCEEDED',
        '222222222222 us-east-1 SUCCEEDED',
      ],
    );

    const deployed = await describeStackSet(ctx, name);
    assert.ok(deployed);
    assert.equal(deployed.instances.length, 4);
    const again = planStackSet(name, deployed, body, targets, 'SELF_MANAGED');
    assert.equal(again.template, 'unchanged');
    assert.equal(again.add.length, 0);

    // The file changed: the template differs (with its diff), UpdateStackSet on every instance.
    const changed = template(true);
    const update = planStackSet(name, deployed, changed, targets, 'SELF_MANAGED');
    assert.equal(update.template, 'changed');
    assert.match(update.diff ?? '', /-\s+"Automatic": false/);
    const updated = await rollOutStackSet(ctx, update, changed, { pollIntervalMs: 0 });
    assert.ok(updated.ok, JSON.stringify(updated));
    assert.equal(updated.operations[0].action, 'UPDATE');
    const after = await describeStackSet(ctx, name);
    assert.equal(planStackSet(name, after, changed, targets, 'SELF_MANAGED').template, 'unchanged');
  });

  it('the CLI rolls a file out to an OU of the organisation in two regions (service-managed)', async () => {
    await organizations(moto, 'CreateOrganization', { FeatureSet: 'ALL' }).catch(() => undefined);
    const roots = (await organizations(moto, 'ListRoots', {})) as { Roots: { Id: string }[] };
    const ou = (await organizations(moto, 'CreateOrganizationalUnit', {
      ParentId: roots.Roots[0].Id,
      Name: `remediation-${Date.now()}`,
    })) as { OrganizationalUnit: { Id: string } };
    const created = (await organizations(moto, 'CreateAccount', {
      AccountName: 'member',
      Email: `member-${Date.now()}@example.com`,
    })) as { CreateAccountStatus: { AccountId: string } };
    const account = created.CreateAccountStatus.AccountId;
    await organizations(moto, 'MoveAccount', {
      AccountId: account,
      SourceParentId: roots.Roots[0].Id,
      DestinationParentId: ou.OrganizationalUnit.Id,
    });

    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'org.remediation.json');
      writeFileSync(file, JSON.stringify({ RemediationConfigurations: makeConfigs(1) }, null, 2));
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
        (resolve) => {
          const child = spawn(
            process.execPath,
            [
              CLI,
              'deploy',
              file,
              '--stack-set',
              'moto-org-rollout',
              '--ou',
              ou.OrganizationalUnit.Id,
              '--regions',
              'eu-west-1,us-east-1',
              '--region',
              'us-east-1',
              '--endpoint-url',
              moto.endpoint,
              '--poll-interval',
              '0',
              '--yes',
            ],
            { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...moto.env } },
          );
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.stdin.end();
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        },
      );
      assert.equal(run.code, 0, run.stderr + run.stdout);
      assert.match(run.stdout, /template new \(created\); 2 instances to add/);
      assert.match(run.stdout, /StackSet moto-org-rollout: created\./);
      assert.match(run.stdout, /operation [0-9a-f-]{36} \(add instances\) SUCCEEDED/);
      const deployed = await describeStackSet(ctx, 'moto-org-rollout');
      assert.equal(deployed?.permissionModel, 'SERVICE_MANAGED');
      assert.deepEqual(deployed?.instances.map((i) => `${i.account} ${i.region}`).sort(), [
        `${account} eu-west-1`,
        `${account} us-east-1`,
      ]);
    } finally {
      cleanup();
    }
  });
});
