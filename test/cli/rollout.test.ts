/**
 * `config-remediation deploy --regions`, `--stack-set` and `--organization-conformance-pack`:
 * the bundled CLI (dist/cli.js) as a child process against the SigV4-verifying fixture (which
 * runs in this mocha process and also speaks CloudFormation's query protocol). Covers what moto
 * does not: instances that fail, operations still running, throttled polls, a StackSet whose
 * template drifted from the file, and organization conformance packs with a template body.
 */

import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AwsFixture } from '../fixtures/awsFixture';
import {
  FIXTURE_ACCOUNT,
  FIXTURE_SECRET_ACCESS_KEY,
  startAwsFixture,
} from '../fixtures/awsFixture';
import { CLI, ROOT, fixtureCliEnv } from './cliRunner';

interface Child {
  code: number | null;
  stdout: string;
  stderr: string;
}

const printed: string[] = [];

function configuration(name: string, automatic = false): Record<string, unknown> {
  return {
    ConfigRuleName: name,
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-DisableS3BucketPublicReadWrite',
    Parameters: {
      AutomationAssumeRole: {
        StaticValue: { Values: ['arn:aws:iam::444455556666:role/ConfigRemediationRole'] },
      },
      S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
    },
    ResourceType: 'AWS::S3::Bucket',
    Automatic: automatic,
  };
}

function requestJson(names: string[], automatic = false): string {
  return `${JSON.stringify({ RemediationConfigurations: names.map((n) => configuration(n, automatic)) }, null, 2)}\n`;
}

const OU_A = 'ou-abcd-11111111';
const OU_B = 'ou-abcd-22222222';

describe('CLI: organisation roll-out (deploy --regions, --stack-set, --organization-conformance-pack)', function () {
  this.timeout(60_000);
  let fixture: AwsFixture;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    fixture = await startAwsFixture();
    dir = mkdtempSync(path.join(tmpdir(), 'config-remediation-rollout-'));
    env = fixtureCliEnv(dir);
  });
  after(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fixture.reset());

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  function cli(
    args: string[],
    interact?: (child: ReturnType<typeof spawn>, output: () => Child) => void,
  ): Promise<Child> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args, '--endpoint-url', fixture.endpoint], {
        cwd: ROOT,
        env,
      });
      const result: Child = { code: null, stdout: '', stderr: '' };
      child.stdout?.on('data', (d: Buffer) => (result.stdout += d.toString('utf8')));
      child.stderr?.on('data', (d: Buffer) => (result.stderr += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => {
        result.code = code;
        printed.push(result.stdout, result.stderr);
        resolve(result);
      });
      child.stdin?.end();
      interact?.(child, () => result);
    });
  }

  function when(
    child: ReturnType<typeof spawn>,
    output: () => Child,
    predicate: (c: Child) => boolean,
  ): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (predicate(output())) {
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
    });
  }

  // --- --regions ----------------------------------------------------------------------------

  it('--regions --dry-run previews each region against its own state and sends nothing', async () => {
    fixture.seedRemediation(configuration('rule-a'), 'eu-west-1');
    const file = write('two.remediation.json', requestJson(['rule-a', 'rule-b']));
    const run = await cli(['deploy', file, '--regions', 'eu-west-1,us-east-1', '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        `^Account ${FIXTURE_ACCOUNT} .*2 regions eu-west-1, us-east-1 \\(from --regions\\)`,
        'm',
      ),
    );
    assert.match(run.stdout, /^Preview of .* in eu-west-1: 1 new, 0 changed, 1 unchanged$/m);
    assert.match(run.stdout, /^Preview of .* in us-east-1: 2 new, 0 changed, 0 unchanged$/m);
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 0);
    const regions = fixture
      .calls('DescribeRemediationConfigurations')
      .map((r) => r.region)
      .sort();
    assert.deepEqual(regions, ['eu-west-1', 'us-east-1']);
  });

  it('--regions --yes deploys every region and reports each; a failure in one region exits 1', async () => {
    const file = write('two.remediation.json', requestJson(['rule-a', 'rule-b']));
    const ok = await cli(['deploy', file, '--regions', 'eu-west-1,us-east-1,ap-south-1', '--yes']);
    assert.equal(ok.code, 0, ok.stderr);
    for (const region of ['eu-west-1', 'us-east-1', 'ap-south-1']) {
      assert.equal(fixture.remediationsIn(region).size, 2, region);
      assert.match(
        ok.stdout,
        new RegExp(
          `Deploy to account ${FIXTURE_ACCOUNT} in ${region}: 2 deployed, 0 failed, 0 not sent of 2\\.`,
        ),
      );
      assert.match(ok.stderr, new RegExp(`\\[${region}\\] Batch 1/1: done`));
    }
    assert.match(
      ok.stdout,
      /^Regions: 3 deployed \(eu-west-1, us-east-1, ap-south-1\), 0 failed, 0 cancelled\.$/m,
    );

    fixture.reset();
    fixture.failRules.set('rule-b', 'rule-b is not valid here.');
    const failing = await cli(['deploy', file, '--regions', 'eu-west-1,us-east-1', '--yes']);
    assert.equal(failing.code, 1, failing.stderr);
    assert.match(failing.stdout, /in eu-west-1: 1 deployed, 1 failed/);
    assert.match(failing.stdout, /failed rule-b: rule-b is not valid here\./);
    assert.match(failing.stdout, /Regions: 0 deployed, 2 failed \(eu-west-1, us-east-1\)/);
  });

  it('--regions: a region that cannot be read stops everything before anything is sent (exit 2)', async () => {
    const file = write('two.remediation.json', requestJson(['rule-a']));
    fixture.enqueueError('DescribeRemediationConfigurations', 'AccessDeniedException', 'no', 400);
    const run = await cli(['deploy', file, '--regions', 'eu-west-1', '--yes']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /eu-west-1: .*denied.*Nothing was sent to any region\./);
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 0);
  });

  it('--region with --regions, and StackSet flags without --stack-set, are usage errors (exit 2)', async () => {
    const file = write('one.remediation.json', requestJson(['rule-a']));
    const both = await cli([
      'deploy',
      file,
      '--regions',
      'eu-west-1',
      '--region',
      'us-east-1',
      '--yes',
    ]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--region and --regions: use one/);
    const stray = await cli(['deploy', file, '--ou', OU_A, '--yes', '--region', 'us-east-1']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--ou only goes with --stack-set/);
    assert.equal(fixture.requests.length, 0);
  });

  // --- --stack-set --------------------------------------------------------------------------

  function stackSetArgs(file: string, ...extra: string[]): string[] {
    return [
      'deploy',
      file,
      '--stack-set',
      'org-remediation',
      '--ou',
      `${OU_A},${OU_B}`,
      '--regions',
      'eu-west-1,us-east-1',
      '--region',
      'us-east-1',
      '--poll-interval',
      '0',
      ...extra,
    ];
  }

  it('--stack-set --dry-run previews a new StackSet and its instances; nothing is created', async () => {
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli(stackSetArgs(file, '--dry-run'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /Preview of StackSet org-remediation \(SERVICE_MANAGED, administered from us-east-1\): template new \(created\); 4 instances to add/,
    );
    for (const line of [`+ ${OU_A} in eu-west-1`, `+ ${OU_B} in us-east-1`])
      assert.ok(run.stdout.includes(line), run.stdout);
    assert.match(run.stdout, /Dry run: nothing was sent\./);
    assert.equal(fixture.calls('CreateStackSet').length, 0);
    assert.equal(fixture.calls('CreateStackInstances').length, 0);
  });

  it('--stack-set --yes creates the StackSet (service-managed, auto-deployment) and reports per account and region', async () => {
    fixture.ouAccounts.set(OU_A, ['111111111111', '222222222222']);
    fixture.ouAccounts.set(OU_B, ['333333333333']);
    fixture.operationPolls = 2;
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli(
      stackSetArgs(file, '--yes', '--max-concurrent', '25%', '--failure-tolerance', '1'),
    );
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const create = fixture.calls('CreateStackSet')[0].body as Record<string, string>;
    assert.equal(create.PermissionModel, 'SERVICE_MANAGED');
    assert.equal(create['AutoDeployment.Enabled'], 'true');
    const template = JSON.parse(create.TemplateBody) as {
      Resources: Record<string, { Type: string }>;
    };
    assert.deepEqual(
      Object.values(template.Resources).map((r) => r.Type),
      ['AWS::Config::RemediationConfiguration'],
    );
    const instances = fixture.calls('CreateStackInstances')[0].body as Record<string, string>;
    assert.equal(instances['DeploymentTargets.OrganizationalUnitIds.member.1'], OU_A);
    assert.equal(instances['OperationPreferences.MaxConcurrentPercentage'], '25');
    assert.equal(instances['OperationPreferences.FailureToleranceCount'], '1');
    assert.equal(instances['OperationPreferences.RegionConcurrencyType'], 'SEQUENTIAL');
    assert.equal(instances['OperationPreferences.RegionOrder.member.1'], 'eu-west-1');
    assert.ok(fixture.calls('DescribeStackSetOperation').length >= 2, 'followed while RUNNING');
    assert.match(
      run.stderr,
      /Operation [0-9a-f-]{36} \(add instances\) started; look it up with: aws cloudformation describe-stack-set-operation --stack-set-name org-remediation --operation-id [0-9a-f-]{36} --region us-east-1/,
    );
    for (const account of ['111111111111', '222222222222', '333333333333']) {
      for (const region of ['eu-west-1', 'us-east-1']) {
        assert.ok(
          run.stdout.includes(`  ${account} ${region}  succeeded`),
          `${account} ${region}\n${run.stdout}`,
        );
      }
    }
    assert.match(run.stdout, /Roll-out: 6 succeeded, 0 failed, 0 cancelled of 6 instances\./);

    // The same file again: nothing to do, nothing sent.
    const again = await cli(stackSetArgs(file, '--yes'));
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /template unchanged; 0 instances to add, 6 already there/);
    assert.match(again.stdout, /Nothing to do/);
    assert.equal(fixture.calls('UpdateStackSet').length, 0);
    assert.equal(fixture.calls('CreateStackInstances').length, 1);
  });

  it('a failed instance: its reason, the cancelled rest, exit 1', async () => {
    fixture.ouAccounts.set(OU_A, ['111111111111', '222222222222', '333333333333']);
    fixture.ouAccounts.set(OU_B, []);
    fixture.failAccounts.set(
      '222222222222',
      'ResourceLogicalId:Rule, ResourceType:AWS::Config::RemediationConfiguration, ResourceStatusReason:NoSuchConfigRuleException.',
    );
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli(stackSetArgs(file, '--yes'));
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /operation .* \(add instances\) FAILED: The operation failed/);
    assert.ok(
      run.stdout.includes('  222222222222 eu-west-1  failed: ResourceLogicalId:Rule'),
      run.stdout,
    );
    assert.match(
      run.stdout,
      /333333333333 eu-west-1 {2}cancelled: Cancelled since failure tolerance has exceeded/,
    );
    assert.match(run.stdout, /Roll-out: 1 succeeded, 1 failed, 4 cancelled of 6 instances\./);
  });

  it('a StackSet that drifted from the file: the template diff first, then UpdateStackSet on every instance', async () => {
    fixture.ouAccounts.set(OU_A, ['111111111111']);
    fixture.ouAccounts.set(OU_B, ['444444444444']);
    const first = write('set.remediation.json', requestJson(['rule-a']));
    assert.equal((await cli(stackSetArgs(first, '--yes'))).code, 0);
    // A stack of one instance was changed by hand (drift detection found it).
    const instance = fixture.stackSets.get('org-remediation')?.instances[0];
    assert.ok(instance);
    instance.driftStatus = 'DRIFTED';
    // Someone changed the StackSet's template (or the file changed): Automatic false → true.
    const drifted = write('set.remediation.json', requestJson(['rule-a'], true));
    const preview = await cli(stackSetArgs(drifted, '--dry-run'));
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(
      preview.stdout,
      /template changed; 0 instances to add, 4 already there \(updated with the template\)/,
    );
    assert.match(
      preview.stdout,
      /^ {2}! 111111111111 in eu-west-1: its stack drifted from the StackSet$/m,
    );
    assert.match(preview.stdout, /^ {6}- {8}"Automatic": false$/m);
    assert.match(preview.stdout, /^ {6}\+ {8}"Automatic": true$/m);
    assert.equal(fixture.calls('UpdateStackSet').length, 0);
    const run = await cli(stackSetArgs(drifted, '--yes'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(fixture.calls('UpdateStackSet').length, 1);
    assert.match(run.stdout, /operation .* \(update template\) SUCCEEDED/);
  });

  it('throttled polls back off and the roll-out still ends with its report', async () => {
    fixture.ouAccounts.set(OU_A, ['111111111111']);
    fixture.ouAccounts.set(OU_B, []);
    // The SDK retries 3 attempts per call; 4 throttles make one poll fail and the loop back off.
    for (let i = 0; i < 4; i++)
      fixture.enqueueError('DescribeStackSetOperation', 'Throttling', 'Rate exceeded');
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli(stackSetArgs(file, '--yes', '--verbose'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /DescribeStackSetOperation throttled \(Throttling\); polling again/);
    assert.match(run.stdout, /Roll-out: 2 succeeded/);
  });

  it('Ctrl-C while an operation runs: stops following, prints the operation id and how to look it up, exit 130', async () => {
    fixture.ouAccounts.set(OU_A, ['111111111111']);
    fixture.ouAccounts.set(OU_B, []);
    fixture.operationPolls = 1_000_000;
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli(
      stackSetArgs(file, '--yes').map((a) => (a === '0' ? '0.05' : a)),
      (child, output) => {
        void when(child, output, (c) => /\d{12} eu-west-1 {2}running/.test(c.stderr)).then(() =>
          child.kill('SIGINT'),
        );
      },
    );
    assert.equal(run.code, 130, run.stderr);
    const id = /Operation ([0-9a-f-]{36}) \(add instances\) started/.exec(run.stderr)?.[1];
    assert.ok(id, run.stderr);
    assert.match(run.stderr, /Stopped following operation .*; it goes on in AWS/);
    assert.ok(
      run.stderr.includes(
        `Operation ${id} goes on in AWS; look it up with: aws cloudformation describe-stack-set-operation --stack-set-name org-remediation --operation-id ${id} --region us-east-1`,
      ),
      run.stderr,
    );
    assert.match(run.stdout, /RUNNING, still running \(not followed to its end\)/);
  });

  it('CreateStackInstances denied after the StackSet was created: says so, exit 1', async () => {
    fixture.enqueueError('CreateStackInstances', 'AccessDenied', 'not allowed', 403);
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli(stackSetArgs(file, '--yes'));
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /cloudformation:CreateStackInstances/);
    assert.match(run.stderr, /StackSet org-remediation was created, without stack instances/);
    assert.ok(fixture.stackSets.has('org-remediation'));
  });

  it('--stack-set flag mistakes are usage errors before any AWS call', async () => {
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const cases: [string[], RegExp][] = [
      [['--stack-set', 'x', '--regions', 'eu-west-1'], /exactly one of --ou/],
      [['--stack-set', 'x', '--ou', 'ou-bad', '--regions', 'eu-west-1'], /not an OU id/],
      [
        ['--stack-set', 'x', '--accounts', '111111111111', '--regions', 'eu-west-1'],
        /--self-managed/,
      ],
      [['--stack-set', 'x', '--ou', OU_A], /needs --regions/],
      [
        ['--stack-set', 'x', '--ou', OU_A, '--regions', 'eu-west-1', '--max-concurrent', 'lots'],
        /--max-concurrent must be/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['deploy', file, ...args, '--yes', '--region', 'us-east-1']);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    assert.equal(fixture.requests.length, 0);
  });

  it('--self-managed --accounts sends Accounts and no auto-deployment', async () => {
    const file = write('set.remediation.json', requestJson(['rule-a']));
    const run = await cli([
      'deploy',
      file,
      '--stack-set',
      'self-set',
      '--self-managed',
      '--accounts',
      '111111111111,222222222222',
      '--regions',
      'eu-west-1',
      '--region',
      'us-east-1',
      '--poll-interval',
      '0',
      '--yes',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const create = fixture.calls('CreateStackSet')[0].body as Record<string, string>;
    assert.equal(create.PermissionModel, 'SELF_MANAGED');
    assert.equal(create['AutoDeployment.Enabled'], undefined);
    const instances = fixture.calls('CreateStackInstances')[0].body as Record<string, string>;
    assert.equal(instances['Accounts.member.2'], '222222222222');
    assert.match(run.stdout, /Roll-out: 2 succeeded, 0 failed, 0 cancelled of 2 instances\./);
  });

  // --- --organization-conformance-pack -------------------------------------------------------

  it('--organization-conformance-pack deploys the exported pack and reports each member account', async () => {
    fixture.organizationMembers = ['111111111111', '222222222222', '333333333333'];
    fixture.failAccounts.set('333333333333', 'The rule rule-a does not exist in the account.');
    const file = write('pack.remediation.json', requestJson(['rule-a']));
    const run = await cli([
      'deploy',
      file,
      '--organization-conformance-pack',
      'org-pack',
      '--exclude-accounts',
      '222222222222',
      '--region',
      'us-east-1',
      '--poll-interval',
      '0',
      '--yes',
    ]);
    assert.equal(run.code, 1, run.stderr);
    const put = fixture.calls('PutOrganizationConformancePack')[0].body as Record<string, unknown>;
    assert.deepEqual(put.ExcludedAccounts, ['222222222222']);
    assert.match(String(put.TemplateBody), /AWS::Config::RemediationConfiguration/);
    assert.match(run.stdout, /Preview of organization conformance pack org-pack: new/);
    assert.match(run.stdout, /^ {2}111111111111 {2}CREATE_SUCCESSFUL$/m);
    assert.match(
      run.stdout,
      /^ {2}333333333333 {2}CREATE_FAILED: ConformancePackCreationFailed The rule rule-a does not exist/m,
    );
    assert.ok(!run.stdout.includes('222222222222  CREATE'), 'the excluded account gets no pack');
    assert.match(run.stdout, /Accounts: 1 successful, 1 not, of 2\./);
  });

  it('never prints the secret key', () => {
    assert.ok(printed.length > 10);
    for (const text of printed) {
      assert.ok(!text.includes(FIXTURE_SECRET_ACCESS_KEY), `secret in: ${text.slice(0, 300)}`);
    }
  });
});
