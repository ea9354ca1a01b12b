/**
 * pull(), describeDeployed() and planDeployment() (the preview) against the fixture.
 */

import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { AwsContext, RemediationConfiguration } from '../../common/src/aws';
import {
  REMEDIATION_MEMBER_ORDER,
  deploy,
  describeDeployed,
  formatPlan,
  formatRemediationDocument,
  listConfigRuleNames,
  planDeployment,
  pull,
} from '../../common/src/aws';
import type { AwsFixture } from '../fixtures/awsFixture';
import { startAwsFixture } from '../fixtures/awsFixture';
import { assertNothingSecret, captureLogger, fixtureContext, makeConfigs, seen } from './helpers';

describe('AWS boundary: pull and preview against the local fixture', function () {
  this.timeout(30_000);
  let fixture: AwsFixture;
  let ctx: AwsContext;
  const logger = captureLogger();

  before(async () => {
    fixture = await startAwsFixture({ rulePageSize: 10 });
  });
  after(async () => {
    await fixture.close();
  });
  beforeEach(async () => {
    fixture.reset();
    fixture.rules = [];
    ctx = await fixtureContext(fixture, logger);
  });
  afterEach(() => ctx.close());

  /** 30 rules (3 pages of 10), remediation on 27 of them stored in scrambled key order. */
  function seed(): RemediationConfiguration[] {
    const configs = makeConfigs(30);
    fixture.addRules(...configs.map((c) => c.ConfigRuleName ?? '').reverse());
    for (const c of configs) {
      if (['rule-03', 'rule-14', 'rule-29'].includes(c.ConfigRuleName ?? '')) {
        continue;
      }
      // Scramble the key order and add output-only members, like a service answer may have.
      const scrambled: Record<string, unknown> = { CreatedByService: 'securityhub.amazonaws.com' };
      for (const k of Object.keys(c).reverse()) {
        scrambled[k] = (c as unknown as Record<string, unknown>)[k];
      }
      fixture.seedRemediation(scrambled);
    }
    return configs;
  }

  it('lists every rule with DescribeConfigRules, following NextToken', async () => {
    seed();
    const names = await listConfigRuleNames(ctx);
    assert.equal(names.length, 30);
    const calls = fixture.calls('DescribeConfigRules');
    assert.equal(calls.length, 3);
    assert.deepEqual(calls[0].body, {});
    assert.ok(typeof (calls[1].body as { NextToken?: string }).NextToken === 'string');
    assert.ok(calls.every((c) => c.signatureValid));
  });

  it('pulls every deployed configuration: output-only members dropped, API key order, rules without remediation listed', async () => {
    const configs = seed();
    const result = await pull(ctx);
    assert.equal(fixture.calls('DescribeConfigRules').length, 3);
    const describes = fixture.calls('DescribeRemediationConfigurations');
    assert.deepEqual(
      describes.map((d) => (d.body as { ConfigRuleNames: string[] }).ConfigRuleNames.length),
      [25, 5],
    );
    assert.equal(result.configurations.length, 27);
    assert.deepEqual(result.withoutRemediation, ['rule-03', 'rule-14', 'rule-29']);
    assert.deepEqual(
      result.configurations.map((c) => c.ConfigRuleName),
      configs
        .map((c) => c.ConfigRuleName)
        .filter((n) => !result.withoutRemediation.includes(n ?? '')),
    );
    for (const c of result.configurations) {
      assert.ok(!('Arn' in c) && !('CreatedByService' in c));
      const keys = Object.keys(c);
      const expected = REMEDIATION_MEMBER_ORDER.filter((k) => keys.includes(k));
      assert.deepEqual(keys, expected);
      assert.deepEqual(Object.keys(c.Parameters ?? {}), [
        'AutomationAssumeRole',
        'BucketName',
        'SSEAlgorithm',
      ]);
    }
    assert.deepEqual(result.configurations[0], configs[0]);
  });

  it('pulls only the given rules without listing rules', async () => {
    seed();
    const result = await pull(ctx, { rules: ['rule-05', 'rule-03', ' rule-01 '] });
    assert.equal(fixture.calls('DescribeConfigRules').length, 0);
    assert.deepEqual(
      result.configurations.map((c) => c.ConfigRuleName),
      ['rule-05', 'rule-01'],
    );
    assert.deepEqual(result.withoutRemediation, ['rule-03']);
  });

  it('renders the pulled configurations as JSON and YAML request documents that parse back equal', async () => {
    seed();
    const { configurations } = await pull(ctx, { rules: ['rule-00', 'rule-01'] });
    const json = formatRemediationDocument(configurations, 'json');
    const yaml = formatRemediationDocument(configurations, 'yaml');
    assert.deepEqual(JSON.parse(json), { RemediationConfigurations: configurations });
    assert.deepEqual(parseYaml(yaml), { RemediationConfigurations: configurations });
    assert.ok(json.endsWith('}\n'));
    assert.match(
      yaml,
      /^RemediationConfigurations:\n {2}- ConfigRuleName: rule-00\n {4}TargetType: SSM_DOCUMENT\n/,
    );
    seen(json, yaml);
  });

  it('a pulled document previews as all unchanged (round trip)', async () => {
    seed();
    const { configurations } = await pull(ctx);
    const deployed = await describeDeployed(
      ctx,
      configurations.map((c) => c.ConfigRuleName ?? ''),
    );
    const plan = planDeployment(configurations, deployed);
    assert.deepEqual(plan.counts, { new: 0, changed: 0, unchanged: 27 });
  });

  it('previews new, changed (with a diff) and unchanged configurations', async () => {
    const configs = seed();
    const local = configs.slice(0, 5).map((c) => structuredClone(c));
    // rule-00: changed (error percentage); rule-01: unchanged; rule-02: changed (parameter);
    // rule-03: new (nothing deployed); rule-04: unchanged.
    local[0].ExecutionControls = {
      SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 5 },
    };
    local[2].Parameters = {
      ...local[2].Parameters,
      SSEAlgorithm: { StaticValue: { Values: ['aws:kms'] } },
    };
    const deployed = await describeDeployed(
      ctx,
      local.map((c) => c.ConfigRuleName ?? ''),
    );
    assert.equal(fixture.calls('DescribeRemediationConfigurations').length, 1);
    const plan = planDeployment(local, deployed);
    assert.deepEqual(plan.counts, { new: 1, changed: 2, unchanged: 2 });
    assert.deepEqual(
      plan.items.map((i) => `${i.index}:${i.configRuleName}:${i.status}`),
      [
        '0:rule-00:changed',
        '1:rule-01:unchanged',
        '2:rule-02:changed',
        '3:rule-03:new',
        '4:rule-04:unchanged',
      ],
    );
    const diff0 = plan.items[0].diff ?? '';
    assert.match(diff0, /^--- deployed\/rule-00\.json/m);
    assert.match(diff0, /^\+\+\+ local\/rule-00\.json/m);
    assert.match(diff0, /^- {6}"ErrorPercentage": 40$/m);
    assert.match(diff0, /^\+ {6}"ErrorPercentage": 5$/m);
    assert.ok(!diff0.includes('Arn') && !diff0.includes('CreatedByService'));
    assert.match(plan.items[2].diff ?? '', /^\+ {10}"aws:kms"$/m);
    assert.equal(plan.items[3].deployedText, undefined);
    const text = formatPlan(plan);
    assert.match(text, /^1 new, 2 changed, 2 unchanged$/m);
    assert.match(text, /^\+ new {7}#3 rule-03$/m);
    seen(text);
    // Preview then deploy: the deploy makes the preview all-unchanged.
    const report = await deploy(ctx, local);
    assert.equal(report.ok, true);
    const after = planDeployment(
      local,
      await describeDeployed(
        ctx,
        local.map((c) => c.ConfigRuleName ?? ''),
      ),
    );
    assert.deepEqual(after.counts, { new: 0, changed: 0, unchanged: 5 });
  });

  it('treats documented defaults and empty maps as no change, and a different default-valued member as a change', () => {
    const local: RemediationConfiguration = {
      ConfigRuleName: 'r',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'AWS-PublishSNSNotification',
    };
    const deployedWithDefaults: RemediationConfiguration = {
      ...local,
      Automatic: false,
      MaximumAutomaticAttempts: 5,
      RetryAttemptSeconds: 60,
      Parameters: {},
      Arn: 'arn:aws:config:us-east-1:123456789012:remediation-configuration/r/abc',
    };
    assert.equal(planDeployment([local], [deployedWithDefaults]).items[0].status, 'unchanged');
    assert.equal(
      planDeployment([local], [{ ...deployedWithDefaults, RetryAttemptSeconds: 120 }]).items[0]
        .status,
      'changed',
    );
    assert.equal(
      planDeployment([{ ...local, TargetVersion: '2' }], [deployedWithDefaults]).items[0].status,
      'changed',
    );
    // Order of StaticValue values matters; order of keys does not.
    const a: RemediationConfiguration = {
      ...local,
      Parameters: { P: { StaticValue: { Values: ['x', 'y'] } } },
    };
    const b: RemediationConfiguration = {
      Parameters: { P: { StaticValue: { Values: ['x', 'y'] } } },
      ...local,
    };
    const c: RemediationConfiguration = {
      ...local,
      Parameters: { P: { StaticValue: { Values: ['y', 'x'] } } },
    };
    assert.equal(planDeployment([a], [b]).items[0].status, 'unchanged');
    assert.equal(planDeployment([a], [c]).items[0].status, 'changed');
  });

  it('describeDeployed asks for at most 25 rule names per call and de-duplicates', async () => {
    seed();
    const names = makeConfigs(30).map((c) => c.ConfigRuleName ?? '');
    const deployed = await describeDeployed(ctx, [...names, 'rule-00', 'rule-01']);
    assert.equal(deployed.size, 27);
    const calls = fixture.calls('DescribeRemediationConfigurations');
    assert.deepEqual(
      calls.map((c) => (c.body as { ConfigRuleNames: string[] }).ConfigRuleNames.length),
      [25, 5],
    );
  });

  it('logs nothing secret', () => {
    seen(...logger.lines);
    assertNothingSecret();
  });
});
