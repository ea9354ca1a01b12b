/**
 * The pure parts of the organisation roll-out: the StackSet plan (template status and diff,
 * instances to add, grouped so no operation names an existing instance), the region bound, the
 * flag parsing with its safe defaults, and the per-account report.
 */

import * as assert from 'node:assert/strict';
import type { DeployedStackSet, StackSetInstance } from '../../common/src/aws';
import { instanceGroups, planStackSet } from '../../common/src/aws';
import { mapWithLimit, parseRegionList } from '../../common/src/deploy/regions';
import {
  formatRolloutReport,
  parseCountOrPercent,
  parseStackSetFlags,
} from '../../cli/src/rollout';
import { UserError } from '../../cli/src/errors';
import {
  parseTargets,
  regionChoices,
  rememberedFor,
  withRemembered,
} from '../../client/src/deploy/rolloutModel';

const TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { R: { Type: 'AWS::Config::RemediationConfiguration', Properties: { A: 1 } } },
});

function instance(
  account: string,
  region: string,
  extra: Partial<StackSetInstance> = {},
): StackSetInstance {
  return { account, region, status: 'CURRENT', ...extra };
}

function deployed(templateBody: string, instances: StackSetInstance[]): DeployedStackSet {
  return { name: 's', status: 'ACTIVE', permissionModel: 'SELF_MANAGED', templateBody, instances };
}

describe('organisation roll-out: StackSet plan', () => {
  it('a new StackSet: every target in every region is added', () => {
    const plan = planStackSet(
      's',
      undefined,
      TEMPLATE,
      { accounts: ['1', '2'], regions: ['a', 'b'] },
      'SELF_MANAGED',
    );
    assert.equal(plan.template, 'new');
    assert.deepEqual(
      plan.add.map((a) => `${a.target}@${a.region}`),
      ['1@a', '2@a', '1@b', '2@b'],
    );
  });

  it('the same template in another layout (YAML, other key order) is unchanged', () => {
    const yaml = `Resources:\n  R:\n    Properties:\n      A: 1\n    Type: AWS::Config::RemediationConfiguration\nAWSTemplateFormatVersion: "2010-09-09"\n`;
    const plan = planStackSet(
      's',
      deployed(yaml, [instance('1', 'a')]),
      TEMPLATE,
      { accounts: ['1'], regions: ['a'] },
      'SELF_MANAGED',
    );
    assert.equal(plan.template, 'unchanged');
    assert.equal(plan.diff, undefined);
    assert.deepEqual(plan.add, []);
  });

  it('a drifted template is changed, with a diff naming the deployed and the file side', () => {
    const old = TEMPLATE.replace('"A":1', '"A":2');
    const plan = planStackSet(
      's',
      deployed(old, []),
      TEMPLATE,
      { accounts: ['1'], regions: ['a'] },
      'SELF_MANAGED',
    );
    assert.equal(plan.template, 'changed');
    assert.match(plan.diff ?? '', /--- s \(deployed\)/);
    assert.match(plan.diff ?? '', /^- +"A": 2$/m);
    assert.match(plan.diff ?? '', /^\+ +"A": 1$/m);
  });

  it('existing, other and attention instances are told apart; OUs match by OU id', () => {
    const instances = [
      instance('1', 'a', { organizationalUnitId: 'ou-x' }),
      instance('9', 'z', { organizationalUnitId: 'ou-y' }),
      instance('2', 'a', { organizationalUnitId: 'ou-x', driftStatus: 'DRIFTED' }),
      instance('3', 'a', {
        organizationalUnitId: 'ou-x',
        status: 'OUTDATED',
        statusReason: 'failed',
      }),
    ];
    const plan = planStackSet(
      's',
      deployed(TEMPLATE, instances),
      TEMPLATE,
      { organizationalUnitIds: ['ou-x'], regions: ['a', 'b'] },
      'SERVICE_MANAGED',
    );
    assert.deepEqual(plan.add, [{ target: 'ou-x', region: 'b' }]);
    assert.deepEqual(
      plan.existing.map((i) => i.account),
      ['1', '2', '3'],
    );
    assert.deepEqual(
      plan.others.map((i) => i.account),
      ['9'],
    );
    assert.deepEqual(
      plan.attention.map((i) => i.account),
      ['2', '3'],
    );
  });

  it('groups targets by the regions they miss', () => {
    assert.deepEqual(
      instanceGroups([
        { target: '1', region: 'a' },
        { target: '2', region: 'a' },
        { target: '2', region: 'b' },
        { target: '3', region: 'a' },
        { target: '3', region: 'b' },
      ]),
      [
        { targets: ['1'], regions: ['a'] },
        { targets: ['2', '3'], regions: ['a', 'b'] },
      ],
    );
  });
});

describe('organisation roll-out: regions and flags', () => {
  it('mapWithLimit keeps the order and never runs more than the bound at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithLimit([5, 1, 4, 2, 3, 1], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 10]);
    assert.equal(peak, 2);
  });

  it('region lists are trimmed and deduplicated in order', () => {
    assert.deepEqual(parseRegionList(' eu-west-1, us-east-1,eu-west-1,, '), [
      'eu-west-1',
      'us-east-1',
    ]);
  });

  it('StackSet flags default to one account at a time, no failure tolerated, regions in order', () => {
    const parsed = parseStackSetFlags({
      name: 'org',
      ous: 'ou-abcd-12345678',
      regions: 'eu-west-1,us-east-1',
      selfManaged: false,
      noAutoDeployment: false,
    });
    assert.deepEqual(parsed.preferences, {
      maxConcurrent: { count: 1 },
      failureTolerance: { count: 0 },
      regionConcurrency: 'SEQUENTIAL',
    });
    assert.equal(parsed.permissionModel, 'SERVICE_MANAGED');
    assert.equal(parsed.autoDeployment, true);
    assert.equal(parsed.callAs, 'SELF');
    assert.deepEqual(parsed.targets.regions, ['eu-west-1', 'us-east-1']);
  });

  it('counts and percentages are checked', () => {
    assert.deepEqual(parseCountOrPercent('--x', '25%', 1), { percent: 25 });
    assert.deepEqual(parseCountOrPercent('--x', '3', 1), { count: 3 });
    assert.throws(() => parseCountOrPercent('--x', '0', 1), UserError);
    assert.throws(() => parseCountOrPercent('--x', '120%', 0), UserError);
    assert.throws(
      () => parseCountOrPercent('--x', 'many', 0),
      /--x must be a number or a percentage/,
    );
  });

  it('the report names every account and region with its outcome and counts them', () => {
    const text = formatRolloutReport({
      name: 'org',
      created: false,
      ok: false,
      stoppedFollowing: false,
      operations: [
        {
          operationId: 'op-1',
          action: 'CREATE',
          status: 'FAILED',
          finished: true,
          results: [
            { account: '111111111111', region: 'eu-west-1', status: 'SUCCEEDED' },
            { account: '222222222222', region: 'eu-west-1', status: 'FAILED', reason: 'no rule' },
            { account: '333333333333', region: 'us-east-1', status: 'CANCELLED' },
          ],
        },
      ],
    });
    assert.match(text, /operation op-1 \(add instances\) FAILED/);
    assert.match(text, /^ {2}222222222222 eu-west-1 {2}failed: no rule$/m);
    assert.match(text, /^ {2}333333333333 us-east-1 {2}cancelled$/m);
    assert.match(text, /Roll-out: 1 succeeded, 1 failed, 1 cancelled of 3 instances\./);
  });
});

describe('organisation roll-out: what VS Code remembers and reads', () => {
  it('remembers per workspace folder, keeps the others, drops malformed values', () => {
    const all = withRemembered({ 'file:///other': { regions: ['eu-west-1'] } }, 'file:///here', {
      stackSet: { name: 'org', targets: ['ou-abcd-12345678'], regions: ['us-east-1'] },
    });
    assert.deepEqual(rememberedFor(all, 'file:///other'), { regions: ['eu-west-1'] });
    assert.deepEqual(rememberedFor(all, 'file:///here').stackSet, {
      name: 'org',
      targets: ['ou-abcd-12345678'],
      regions: ['us-east-1'],
    });
    const updated = withRemembered(all, 'file:///here', { regions: ['ap-south-1'] });
    assert.deepEqual(rememberedFor(updated, 'file:///here').regions, ['ap-south-1']);
    assert.equal(rememberedFor(updated, 'file:///here').stackSet?.name, 'org');
    assert.deepEqual(rememberedFor({ x: { regions: ['a b', 3], stackSet: { name: 1 } } }, 'x'), {});
    assert.deepEqual(rememberedFor('nonsense', 'x'), {});
    const pack = withRemembered({}, 'k', {
      organizationPack: { name: 'pack', excludedAccounts: ['111111111111'] },
    });
    assert.deepEqual(rememberedFor(pack, 'k').organizationPack, {
      name: 'pack',
      excludedAccounts: ['111111111111'],
    });
  });

  it('targets are all OUs or all accounts', () => {
    assert.deepEqual(parseTargets('ou-abcd-12345678, r-abcd'), {
      ous: ['ou-abcd-12345678', 'r-abcd'],
    });
    assert.deepEqual(parseTargets('111111111111 222222222222'), {
      accounts: ['111111111111', '222222222222'],
    });
    assert.match(String(parseTargets('ou-abcd-12345678, 111111111111')), /not both/);
    assert.match(String(parseTargets('ou-bad')), /"ou-bad" is neither/);
    assert.match(String(parseTargets(' ')), /at least one/);
  });

  it('offers the remembered regions first, in their order', () => {
    const choices = regionChoices(['eu-west-1', 'ap-south-1']);
    assert.deepEqual(choices.slice(0, 3), ['eu-west-1', 'ap-south-1', 'us-east-1']);
    assert.equal(new Set(choices).size, choices.length);
  });
});
