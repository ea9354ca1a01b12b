/**
 * The client's deploy logic without VS Code (client/src/deploy/model.ts): which configurations
 * a payload lets through, the preview and confirmation text, and how a real deploy report (from
 * the fixture) maps back to the configurations' ranges.
 */

import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  blockingProblems,
  buildPreviewModel,
  confirmationText,
  failureDiagnostics,
  payloadRefusal,
  previewText,
  reportMessage,
  selectConfigurations,
  valuesOf,
} from '../../client/src/deploy/model';
import type { AwsContext } from '../../common/src/aws';
import { deploy, describeDeployed, planDeployment } from '../../common/src/aws';
import type { PayloadResult } from '../../common/src/protocol';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { captureLogger, fixtureContext } from '../aws/helpers';
import type { AwsFixture } from '../fixtures/awsFixture';
import { FIXTURE_ACCOUNT, startAwsFixture } from '../fixtures/awsFixture';

const service = createLanguageService();

function configurationYaml(name: string, automatic = false): string {
  return `  - ConfigRuleName: ${name}
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values:
            - arn:aws:iam::444455556666:role/ConfigRemediationRole
      S3BucketName:
        ResourceValue:
          Value: RESOURCE_ID
    ResourceType: AWS::S3::Bucket
    Automatic: ${automatic}
`;
}

function names(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `rule-${String(i).padStart(2, '0')}`);
}

/** The payload the server answers for a text (the same steps as server.ts, version 1). */
function payloadOf(text: string, version = 1): PayloadResult {
  const parsed = service.parse(text, 'yaml');
  const document = TextDocument.create('file:///x.remediation.yaml', 'yaml', version, text);
  const range = (offset: number, length: number): PayloadResult['configurations'][0]['range'] => ({
    start: document.positionAt(offset),
    end: document.positionAt(offset + length),
  });
  return {
    uri: document.uri,
    version,
    recognised: true,
    kind: 'request',
    format: 'yaml',
    configurations: service
      .configurations(parsed, 'request')
      .map((c) => ({ value: c.value, range: range(c.offset, c.length) })),
    problems: service.validate(parsed, 'request').map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      range: range(p.offset, p.length),
    })),
  };
}

function request(ruleNames: string[]): string {
  return `RemediationConfigurations:\n${ruleNames.map((n) => configurationYaml(n)).join('')}`;
}

/** 0-based line of `- ConfigRuleName: name`. */
function lineOf(text: string, name: string): number {
  return text.split('\n').indexOf(`  - ConfigRuleName: ${name}`);
}

describe('client deploy model (no VS Code)', () => {
  it('refuses what cannot be deployed, with the reason', () => {
    const payload = payloadOf(request(names(2)), 3);
    assert.equal(payloadRefusal(payload, 3, 'a.yaml'), undefined);
    assert.match(payloadRefusal(payload, 4, 'a.yaml') ?? '', /changed while it was being checked/);
    assert.match(payloadRefusal(null, 1, 'a.yaml') ?? '', /not open in the language server/);
    assert.match(
      payloadRefusal({ ...payload, recognised: false }, 3, 'a.yaml') ?? '',
      /not a remediation request file/,
    );
    assert.match(
      payloadRefusal({ ...payload, kind: 'cloudformation' }, 3, 'a.yaml') ?? '',
      /CloudFormation template/,
    );
    assert.match(
      payloadRefusal({ ...payload, configurations: [] }, 3, 'a.yaml') ?? '',
      /no remediation configurations/,
    );
  });

  it('blocks on error-severity problems only', () => {
    const ok = payloadOf(request(names(30)));
    assert.ok(
      ok.problems.some((p) => p.severity === 'warning'),
      'RC108 warns at 30',
    );
    assert.deepEqual(blockingProblems(ok), []);
    const broken = payloadOf(request(['a']).replace('SSM_DOCUMENT', 'LAMBDA'));
    assert.deepEqual(
      blockingProblems(broken).map((p) => p.ruleId),
      ['RC103'],
    );
  });

  it('selects all configurations, or the one a code lens names even after the file moved', () => {
    const payload = payloadOf(request(['a', 'b', 'c']));
    const all = selectConfigurations(payload);
    assert.ok(typeof all !== 'string');
    assert.deepEqual(all.indices, [0, 1, 2]);
    const one = selectConfigurations(payload, { index: 1, ruleName: 'b' });
    assert.ok(typeof one !== 'string');
    assert.deepEqual(
      valuesOf(one).map((v) => v.ConfigRuleName),
      ['b'],
    );
    // The code lens said #0 is "c" (a configuration was inserted above since): found by name.
    const moved = selectConfigurations(payload, { index: 0, ruleName: 'c' });
    assert.ok(typeof moved !== 'string');
    assert.deepEqual(moved.indices, [2]);
    assert.match(
      String(selectConfigurations(payload, { index: 0, ruleName: 'gone' })),
      /no configuration for rule "gone"/,
    );
    const twice = payloadOf(request(['a', 'b', 'b']));
    assert.match(
      String(selectConfigurations(twice, { index: 0, ruleName: 'b' })),
      /more than one configuration for rule "b"/,
    );
  });

  describe('against the fixture', function () {
    this.timeout(30_000);
    let fixture: AwsFixture;
    let ctx: AwsContext;

    before(async () => {
      fixture = await startAwsFixture();
    });
    after(async () => {
      await fixture.close();
    });
    beforeEach(async () => {
      fixture.reset();
      ctx = await fixtureContext(fixture, captureLogger(), { maxAttempts: 1 });
    });
    afterEach(() => ctx.close());

    it('the preview and the confirmation name the account, the region and the counts', async () => {
      const text = `RemediationConfigurations:\n${configurationYaml('a')}${configurationYaml('b')}${configurationYaml('c')}`;
      const payload = payloadOf(text);
      fixture.seedRemediation(payload.configurations[0].value);
      fixture.seedRemediation({ ...payload.configurations[1].value, Automatic: true });
      const selection = selectConfigurations(payload);
      assert.ok(typeof selection !== 'string');
      const values = valuesOf(selection);
      const deployed = await describeDeployed(
        ctx,
        values.map((v) => v.ConfigRuleName ?? ''),
      );
      const model = buildPreviewModel(planDeployment(values, deployed), selection, {
        fileLabel: 'x.remediation.yaml',
        account: FIXTURE_ACCOUNT,
        region: 'us-east-1',
        settingsText: 'default credential chain, region us-east-1',
      });
      assert.deepEqual(model.counts, { new: 1, changed: 1, unchanged: 1 });
      assert.deepEqual(
        model.entries.map((e) => [e.ruleName, e.status, e.range.start.line]),
        [
          ['a', 'unchanged', lineOf(text, 'a')],
          ['b', 'changed', lineOf(text, 'b')],
          ['c', 'new', lineOf(text, 'c')],
        ],
      );
      const { message, detail } = confirmationText(model);
      assert.equal(
        message,
        `Deploy 3 remediation configurations to account ${FIXTURE_ACCOUNT} in us-east-1?`,
      );
      assert.match(detail, /^1 new, 1 changed, 1 unchanged, from x\.remediation\.yaml\./);
      const preview = previewText(model);
      assert.match(preview, /^# 3 configurations: 1 new, 1 changed, 1 unchanged$/m);
      assert.match(preview, new RegExp(`^\\+ new {7}c  \\(line ${lineOf(text, 'c') + 1}\\)$`, 'm'));
      assert.match(preview, /^-\s+"Automatic": true$/m);
      assert.match(preview, /^\+\s+"Automatic": false$/m);
      const single = buildPreviewModel(
        planDeployment(values.slice(2), deployed, { indices: [2] }),
        { configurations: selection.configurations.slice(2), indices: [2] },
        { fileLabel: 'x', account: FIXTURE_ACCOUNT, region: 'us-east-1', settingsText: '' },
      );
      assert.equal(
        confirmationText(single).message,
        `Deploy "c" to account ${FIXTURE_ACCOUNT} in us-east-1?`,
      );
    });

    it('FailedBatches items map to exactly their ranges; the batch an exception stopped does not', async () => {
      const text = request(names(60));
      const payload = payloadOf(text);
      const selection = selectConfigurations(payload);
      assert.ok(typeof selection !== 'string');
      fixture.failRules.set('rule-03', 'No rule named rule-03 in this account.');
      fixture.failRules.set('rule-20', 'Runbook not found.');
      fixture.enqueue('PutRemediationConfigurations', 'pass');
      fixture.enqueueError(
        'PutRemediationConfigurations',
        'InsufficientPermissionsException',
        'no',
      );
      const report = await deploy(ctx, valuesOf(selection), { indices: selection.indices });
      assert.equal(report.counts.failed, 27, '2 FailedBatches items + the 25 of the failed call');
      const failures = failureDiagnostics(report, selection);
      assert.deepEqual(
        failures.map((f) => [f.ruleName, f.range.start.line]),
        [
          ['rule-03', lineOf(text, 'rule-03')],
          ['rule-20', lineOf(text, 'rule-20')],
        ],
      );
      assert.equal(
        failures[0].message,
        'AWS rejected "rule-03" in the last deploy: No rule named rule-03 in this account.',
      );
      // Each failure's range is the whole configuration (the next one starts after it ends).
      const { end } = failures[0].range;
      const next = payload.configurations[4].range.start;
      assert.ok(
        end.line < next.line || (end.line === next.line && end.character <= next.character),
      );
      assert.ok(end.line > failures[0].range.start.line + 5);
      const told = reportMessage(report, FIXTURE_ACCOUNT, 'us-east-1');
      assert.equal(told.severity, 'error');
      assert.match(
        told.message,
        /^Deploy stopped: 23 deployed, 27 failed, 10 not sent of 60 to account 123456789012 in us-east-1\. .*denied/,
      );
      // Access denied: another profile may have the permission; the editor offers its setting.
      assert.equal(told.setting, 'awsConfigRemediation.aws.profile');
      assert.ok(told.message.includes('"awsConfigRemediation.aws.profile"'), told.message);
    });

    it('the end message: success, FailedBatches, cancel', async () => {
      const payload = payloadOf(request(names(2)));
      const selection = selectConfigurations(payload);
      assert.ok(typeof selection !== 'string');
      const ok = await deploy(ctx, valuesOf(selection));
      assert.deepEqual(reportMessage(ok, FIXTURE_ACCOUNT, 'us-east-1'), {
        severity: 'information',
        message: `Deployed 2 remediation configurations to account ${FIXTURE_ACCOUNT} in us-east-1.`,
      });
      fixture.failRules.set('rule-01', 'nope');
      const failed = await deploy(ctx, valuesOf(selection));
      assert.match(
        reportMessage(failed, FIXTURE_ACCOUNT, 'r').message,
        /1 deployed, 1 failed of 2 .*Problems view/,
      );
      const controller = new AbortController();
      controller.abort();
      const cancelled = await deploy(ctx, valuesOf(selection), { signal: controller.signal });
      assert.deepEqual(reportMessage(cancelled, FIXTURE_ACCOUNT, 'r'), {
        severity: 'warning',
        message: `Deploy cancelled: 0 deployed, 2 not sent of 2 to account ${FIXTURE_ACCOUNT} in r.`,
      });
    });
  });
});
