/**
 * The deploy workflow of common/src/deploy/workflow.ts with a stand-in AWS boundary: the order of
 * the steps, and that nothing is sent unless the user confirmed and the front end allows it.
 */
import * as assert from 'node:assert/strict';
import type { AwsContext, DeployReport, RemediationConfiguration } from '../../common/src/aws';
import { planDeployment } from '../../common/src/aws';
import {
  deployVerdict,
  runDeployWorkflow,
  type Confirmation,
  type DeployAws,
  type DeployFrontEnd,
} from '../../common/src/deploy/workflow';

const VALUES: RemediationConfiguration[] = [
  { ConfigRuleName: 'one', TargetType: 'SSM_DOCUMENT', TargetId: 'A' },
  { ConfigRuleName: 'two', TargetType: 'SSM_DOCUMENT', TargetId: 'B' },
];

function report(overrides: Partial<DeployReport> = {}): DeployReport {
  return {
    items: [],
    counts: { deployed: 2, failed: 0, 'not-sent': 0, unknown: 0 },
    total: 2,
    batchCount: 1,
    batchesCompleted: 1,
    cancelled: false,
    unmatchedFailures: [],
    ok: true,
    ...overrides,
  };
}

function fixture(options: { failAccount?: boolean } = {}) {
  const steps: string[] = [];
  let closed = 0;
  const ctx = {
    settings: { region: 'eu-west-1' },
    logger: { info() {}, warn() {}, error() {} },
    close: () => closed++,
  } as unknown as AwsContext;
  const aws: DeployAws = {
    getAccount: async () => {
      steps.push('account');
      if (options.failAccount) throw new Error('no credentials');
      return { account: '111122223333', arn: 'arn:aws:iam::111122223333:root', userId: 'AIDA' };
    },
    describeDeployed: async (_ctx, names) => {
      steps.push(`deployed ${names.join(',')}`);
      return new Map([['two', VALUES[1]]]);
    },
    planDeployment: (...args) => {
      steps.push('plan');
      return planDeployment(...args);
    },
    deploy: async (_ctx, configs, o) => {
      steps.push(`send ${configs.length} ${o?.indices?.join(',')}`);
      return report();
    },
  };
  const ui = (answer: Confirmation, refusal?: string): DeployFrontEnd<string> => ({
    openContext: async () => {
      steps.push('open');
      return ctx;
    },
    onAccount: (account) => steps.push(`on account ${account.account}`),
    preview: ({ plan }) => {
      steps.push(`preview ${plan.counts.new} new ${plan.counts.unchanged} unchanged`);
    },
    confirm: async () => {
      steps.push('confirm');
      return answer;
    },
    refuseToSend: () => refusal,
    sending: (_planned, send) => {
      steps.push('sending');
      return send(undefined, () => undefined);
    },
    report: (r) => {
      steps.push('report');
      return deployVerdict(r);
    },
  });
  return { aws, ui, steps, closed: () => closed };
}

describe('deploy workflow (common/src/deploy/workflow.ts)', () => {
  it('plans, previews, confirms, sends in batches and reports, in that order', async () => {
    const f = fixture();
    const outcome = await runDeployWorkflow(
      f.aws,
      { values: VALUES, indices: [3, 7] },
      f.ui('yes'),
    );
    assert.equal(outcome.step, 'reported');
    assert.equal(outcome.step === 'reported' && outcome.result, 'deployed');
    assert.deepEqual(f.steps, [
      'open',
      'account',
      'on account 111122223333',
      'deployed one,two',
      'plan',
      'preview 1 new 1 unchanged',
      'confirm',
      'sending',
      'send 2 3,7',
      'report',
    ]);
    assert.equal(f.closed(), 1);
  });

  for (const answer of ['no', 'cancelled'] as const) {
    it(`sends nothing when the confirmation is "${answer}"`, async () => {
      const f = fixture();
      const outcome = await runDeployWorkflow(f.aws, { values: VALUES }, f.ui(answer));
      assert.deepEqual(outcome.step === 'not-confirmed' && outcome.answer, answer);
      assert.ok(!f.steps.some((s) => s.startsWith('send')), f.steps.join(' / '));
      assert.equal(f.closed(), 1);
    });
  }

  it('stops after the preview when asked, and when the front end refuses to send', async () => {
    const previewed = fixture();
    const dry = await runDeployWorkflow(previewed.aws, { values: VALUES }, previewed.ui('yes'), {
      previewOnly: true,
    });
    assert.equal(dry.step, 'previewed');
    assert.ok(!previewed.steps.includes('confirm'));
    const refused = fixture();
    const changed = await runDeployWorkflow(
      refused.aws,
      { values: VALUES },
      refused.ui('yes', 'the file changed'),
    );
    assert.equal(changed.step === 'refused' && changed.message, 'the file changed');
    assert.ok(!refused.steps.some((s) => s.startsWith('send')));
  });

  it('returns a failure of the read steps instead of throwing, and closes the context', async () => {
    const f = fixture({ failAccount: true });
    const outcome = await runDeployWorkflow(f.aws, { values: VALUES }, f.ui('yes'));
    assert.equal(outcome.step, 'failed');
    assert.match(String(outcome.step === 'failed' && outcome.error), /no credentials/);
    assert.ok(!f.steps.includes('preview 1 new 1 unchanged'));
    assert.equal(f.closed(), 1);
  });

  it('tells deployed, cancelled and failed reports apart', () => {
    assert.equal(deployVerdict(report()), 'deployed');
    const notSent = { deployed: 1, failed: 0, 'not-sent': 1, unknown: 0 };
    assert.equal(
      deployVerdict(report({ ok: false, cancelled: true, counts: notSent })),
      'cancelled',
    );
    const failed = { deployed: 1, failed: 1, 'not-sent': 0, unknown: 0 };
    assert.equal(deployVerdict(report({ ok: false, counts: failed })), 'failed');
  });
});
