/**
 * deploy(), getAccount() and the error classification against the SigV4-verifying fixture.
 */

import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsContext, DeployProgress, DeployReport } from '../../common/src/aws';
import {
  AwsOperationError,
  AwsSettingsError,
  createAwsContext,
  deploy,
  formatDeployReport,
  getAccount,
} from '../../common/src/aws';
import type { AwsFixture } from '../fixtures/awsFixture';
import {
  FIXTURE_ACCESS_KEY_ID,
  FIXTURE_ACCOUNT,
  FIXTURE_SECRET_ACCESS_KEY,
  FIXTURE_SESSION_CREDENTIALS,
  startAwsFixture,
} from '../fixtures/awsFixture';
import {
  assertNothingSecret,
  captureLogger,
  fixtureContext,
  makeConfigs,
  seen,
  tempDir,
} from './helpers';

type PutBody = { RemediationConfigurations: { ConfigRuleName: string }[] };

function names(body: unknown): string[] {
  return (body as PutBody).RemediationConfigurations.map((c) => c.ConfigRuleName);
}

function record(report: DeployReport): DeployReport {
  seen(formatDeployReport(report), report.error?.message, report.error?.detail);
  for (const it of report.items) {
    seen(it.message);
  }
  return report;
}

async function expectOperationError(p: Promise<unknown>): Promise<AwsOperationError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AwsOperationError, `expected AwsOperationError, got ${String(e)}`);
    seen(e.message, e.classified.detail);
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('AWS boundary: deploy against the local fixture', function () {
  this.timeout(30_000);
  let fixture: AwsFixture;
  let ctx: AwsContext;
  const logger = captureLogger();

  before(async () => {
    fixture = await startAwsFixture();
  });
  after(async () => {
    await fixture.close();
  });
  beforeEach(async () => {
    fixture.reset();
    ctx = await fixtureContext(fixture, logger);
  });
  afterEach(() => ctx.close());

  it('resolves the account with STS GetCallerIdentity (query protocol, signed)', async () => {
    const account = await getAccount(ctx);
    assert.equal(account.account, FIXTURE_ACCOUNT);
    assert.match(account.arn, /^arn:aws:iam::123456789012:user\//);
    const [call] = fixture.calls('GetCallerIdentity');
    assert.equal(call.service, 'sts');
    assert.equal(call.signatureValid, true);
    assert.equal(call.signingService, 'sts');
    assert.deepEqual(call.body, { Action: 'GetCallerIdentity', Version: '2011-06-15' });
    assert.equal(call.headers.authorization, undefined, 'Authorization is not recorded');
  });

  it('sends 60 configurations as 3 calls of 25, 25 and 10, in file order', async () => {
    const configs = makeConfigs(60);
    const progress: DeployProgress[] = [];
    const report = record(await deploy(ctx, configs, { onProgress: (p) => progress.push(p) }));
    const puts = fixture.calls('PutRemediationConfigurations');
    assert.deepEqual(
      puts.map((p) => names(p.body).length),
      [25, 25, 10],
    );
    assert.deepEqual(
      puts.flatMap((p) => names(p.body)),
      configs.map((c) => c.ConfigRuleName),
    );
    assert.ok(puts.every((p) => p.signatureValid && p.status === 200));
    assert.equal(report.ok, true);
    assert.deepEqual(report.counts, { deployed: 60, failed: 0, 'not-sent': 0, unknown: 0 });
    assert.equal(report.batchCount, 3);
    assert.equal(report.batchesCompleted, 3);
    assert.deepEqual(
      report.items.map((i) => [i.index, i.batch]),
      configs.map((_, i) => [i, Math.floor(i / 25) + 1]),
    );
    assert.deepEqual(
      progress.map((p) => `${p.phase}:${p.batch}/${p.batchCount}:${p.done}`),
      [
        'sending:1/3:0',
        'sent:1/3:25',
        'sending:2/3:25',
        'sent:2/3:50',
        'sending:3/3:50',
        'sent:3/3:60',
      ],
    );
    assert.equal(fixture.remediations.size, 60);
  });

  it('honours a smaller batch size and file indices', async () => {
    const configs = makeConfigs(5);
    const report = await deploy(ctx, configs, { batchSize: 2, indices: [10, 11, 12, 13, 14] });
    assert.deepEqual(
      fixture.calls('PutRemediationConfigurations').map((p) => names(p.body).length),
      [2, 2, 1],
    );
    assert.deepEqual(
      report.items.map((i) => i.index),
      [10, 11, 12, 13, 14],
    );
  });

  it('marks exactly the FailedBatches items failed, with their FailureMessage', async () => {
    const configs = makeConfigs(60);
    fixture.failRules.set(
      'rule-07',
      'The SSM document AWS-EnableS3BucketEncryption version 1 was not found',
    );
    fixture.failRules.set('rule-33', 'Remediation action role is not valid');
    fixture.failRules.set('rule-34', 'Remediation action role is not valid');
    const report = record(await deploy(ctx, configs));
    assert.equal(report.ok, false);
    assert.deepEqual(report.counts, { deployed: 57, failed: 3, 'not-sent': 0, unknown: 0 });
    const failed = report.items.filter((i) => i.status === 'failed');
    assert.deepEqual(
      failed.map((i) => [i.index, i.configRuleName, i.message]),
      [
        [7, 'rule-07', 'The SSM document AWS-EnableS3BucketEncryption version 1 was not found'],
        [33, 'rule-33', 'Remediation action role is not valid'],
        [34, 'rule-34', 'Remediation action role is not valid'],
      ],
    );
    assert.equal(report.unmatchedFailures.length, 0);
    assert.equal(
      fixture.calls('PutRemediationConfigurations').length,
      3,
      'FailedBatches do not stop the deploy',
    );
    const text = formatDeployReport(report);
    assert.match(text, /#7 rule-07: The SSM document/);
    assert.match(text, /#33 rule-33: Remediation action role is not valid/);
    assert.ok(!fixture.remediations.has('rule-07') && fixture.remediations.has('rule-08'));
  });

  it('a 400 ThrottlingException followed by success deploys once (the SDK retries that call)', async () => {
    const configs = makeConfigs(30);
    fixture.enqueue('PutRemediationConfigurations', 'pass');
    fixture.enqueueError('PutRemediationConfigurations', 'ThrottlingException', 'Rate exceeded');
    const report = record(await deploy(ctx, configs));
    assert.equal(report.ok, true, formatDeployReport(report));
    const puts = fixture.calls('PutRemediationConfigurations');
    assert.deepEqual(
      puts.map((p) => [p.status, names(p.body).length]),
      [
        [200, 25],
        [400, 5],
        [200, 5],
      ],
    );
    assert.deepEqual(puts[2].body, puts[1].body, 'the retry sends the same batch');
    assert.match(puts[2].headers['amz-sdk-request'] ?? '', /attempt=2/);
    assert.deepEqual(report.counts, { deployed: 30, failed: 0, 'not-sent': 0, unknown: 0 });
  });

  it('throttling that outlasts the retries stops the deploy with a clear message', async () => {
    const tight = await fixtureContext(fixture, logger, { maxAttempts: 2 });
    try {
      fixture.enqueue('PutRemediationConfigurations', 'pass');
      fixture.enqueueError('PutRemediationConfigurations', 'ThrottlingException', 'Rate exceeded');
      fixture.enqueueError('PutRemediationConfigurations', 'ThrottlingException', 'Rate exceeded');
      const report = record(await deploy(tight, makeConfigs(60)));
      assert.equal(report.error?.kind, 'throttling');
      assert.equal(report.error?.attempts, 2);
      assert.match(
        report.error?.message ?? '',
        /throttled PutRemediationConfigurations after 2 attempts/,
      );
      assert.match(report.error?.message ?? '', /Next step: wait a minute and run it again/);
      assert.deepEqual(report.counts, { deployed: 25, failed: 25, 'not-sent': 10, unknown: 0 });
      assert.equal(fixture.calls('PutRemediationConfigurations').length, 3);
    } finally {
      tight.close();
    }
  });

  it('expired credentials (ExpiredTokenException) give the clear message', async () => {
    fixture.enqueueError(
      'PutRemediationConfigurations',
      'ExpiredTokenException',
      'The security token included in the request is expired',
    );
    const report = record(await deploy(ctx, makeConfigs(3)));
    assert.equal(report.error?.kind, 'expired-credentials');
    assert.equal(report.error?.code, 'ExpiredTokenException');
    assert.match(
      report.error?.message ?? '',
      /^The AWS credentials have expired \(ExpiredTokenException\)\./,
    );
    assert.match(report.error?.message ?? '', /Next step: refresh them/);
    assert.deepEqual(report.counts, { deployed: 0, failed: 3, 'not-sent': 0, unknown: 0 });
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 1, 'not retried');
  });

  it('expired credentials from STS (ExpiredToken, query protocol) fail getAccount clearly', async () => {
    fixture.enqueue('GetCallerIdentity', {
      status: 403,
      body: {
        Code: 'ExpiredToken',
        Message: 'The security token included in the request is expired',
      },
    });
    const e = await expectOperationError(getAccount(ctx));
    assert.equal(e.classified.kind, 'expired-credentials');
    assert.equal(e.classified.code, 'ExpiredToken');
    assert.match(e.message, /have expired \(ExpiredToken\)\. Next step: refresh them/);
  });

  it('InsufficientPermissionsException on batch 2: batch 1 deployed, batch 2 failed, batch 3 not sent', async () => {
    fixture.enqueue('PutRemediationConfigurations', 'pass');
    fixture.enqueueError(
      'PutRemediationConfigurations',
      'InsufficientPermissionsException',
      'The IAM role does not have permission to call ssm:DescribeDocument',
    );
    const report = record(await deploy(ctx, makeConfigs(60)));
    assert.equal(report.error?.kind, 'insufficient-permissions');
    assert.match(report.error?.message ?? '', /PutRemediationConfigurations was denied/);
    assert.match(report.error?.message ?? '', /ssm:DescribeDocument/);
    assert.match(
      report.error?.message ?? '',
      /Next step: grant the identity config:PutRemediationConfigurations/,
    );
    assert.deepEqual(report.counts, { deployed: 25, failed: 25, 'not-sent': 10, unknown: 0 });
    assert.deepEqual(
      [...new Set(report.items.map((i) => `${i.batch}:${i.status}`))],
      ['1:deployed', '2:failed', '3:not-sent'],
    );
  });

  it('InvalidParameterValueException gives a message naming the fix', async () => {
    fixture.enqueueError(
      'PutRemediationConfigurations',
      'InvalidParameterValueException',
      'The parameter AutomationAssumeRole is not valid',
    );
    const report = record(await deploy(ctx, makeConfigs(2)));
    assert.equal(report.error?.kind, 'invalid-parameter');
    assert.match(
      report.error?.message ?? '',
      /AutomationAssumeRole is not valid\. Next step: fix the configuration/,
    );
  });

  it('cancel while batch 2 is in flight: batch 2 completes, batch 3 is not sent', async () => {
    const configs = makeConfigs(60);
    fixture.enqueue('PutRemediationConfigurations', 'pass');
    const gate = fixture.hold('PutRemediationConfigurations');
    const controller = new AbortController();
    const running = deploy(ctx, configs, { signal: controller.signal });
    const held = await gate.arrived;
    assert.deepEqual(
      names(held.body),
      configs.slice(25, 50).map((c) => c.ConfigRuleName),
    );
    controller.abort();
    gate.release();
    const report = record(await running);
    assert.equal(report.cancelled, true);
    assert.equal(report.error, undefined);
    assert.deepEqual(report.counts, { deployed: 50, failed: 0, 'not-sent': 10, unknown: 0 });
    assert.deepEqual(
      report.items.filter((i) => i.status === 'not-sent').map((i) => i.index),
      Array.from({ length: 10 }, (_, i) => 50 + i),
    );
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 2);
    assert.match(
      formatDeployReport(report),
      /50 deployed, 0 failed, 10 not sent of 60 \(cancelled\)/,
    );
  });

  it('cancel between batches (from the progress callback) stops before the next call', async () => {
    const controller = new AbortController();
    const report = record(
      await deploy(ctx, makeConfigs(60), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'sent' && p.batch === 1) {
            controller.abort();
          }
        },
      }),
    );
    assert.equal(report.cancelled, true);
    assert.deepEqual(report.counts, { deployed: 25, failed: 0, 'not-sent': 35, unknown: 0 });
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 1);
  });

  it('refuses to send anything the SDK would not send as written (unknown member, wrong type)', async () => {
    const configs = makeConfigs(3) as unknown as Record<string, unknown>[];
    configs[1].Bogus = 1; // the SDK would silently drop it
    configs[2].RetryAttemptSeconds = '60'; // the SDK would send a string
    const report = record(await deploy(ctx, configs as never));
    assert.equal(fixture.requests.length, 0);
    assert.equal(report.error?.kind, 'validation');
    assert.match(report.error?.message ?? '', /#1 rule-01 Bogus: is not a member/);
    assert.match(report.error?.message ?? '', /#2 rule-02 RetryAttemptSeconds: must be an integer/);
    assert.deepEqual(report.counts, { deployed: 0, failed: 0, 'not-sent': 3, unknown: 0 });
  });

  it('a cancel before the first batch sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await deploy(ctx, makeConfigs(3), { signal: controller.signal });
    assert.equal(report.cancelled, true);
    assert.equal(report.counts['not-sent'], 3);
    assert.equal(fixture.requests.length, 0);
  });

  it('a wrong secret key is rejected by the fixture and reported as invalid credentials', async () => {
    const bad = await fixtureContext(fixture, logger, {
      credentials: {
        accessKeyId: FIXTURE_ACCESS_KEY_ID,
        secretAccessKey: 'wrong/KEY+0123456789abcdefghijklmnopqrstu',
      },
      maxAttempts: 1,
    });
    try {
      const e = await expectOperationError(getAccount(bad));
      assert.equal(e.classified.kind, 'invalid-credentials');
      assert.equal(e.classified.code, 'SignatureDoesNotMatch');
      const report = record(await deploy(bad, makeConfigs(1)));
      assert.equal(report.error?.code, 'InvalidSignatureException');
      assert.equal(fixture.remediations.size, 0);
      assert.ok(fixture.requests.every((r) => !r.signatureValid && r.status === 403));
    } finally {
      bad.close();
    }
  });

  it('works with temporary credentials (session token sent, signed and never logged)', async () => {
    const session = await fixtureContext(fixture, logger, {
      credentials: { ...FIXTURE_SESSION_CREDENTIALS },
    });
    try {
      await getAccount(session);
      const report = record(await deploy(session, makeConfigs(2)));
      assert.equal(report.ok, true);
      const [put] = fixture.calls('PutRemediationConfigurations');
      assert.equal(put.headers['x-amz-security-token'], FIXTURE_SESSION_CREDENTIALS.sessionToken);
      assert.equal(put.accessKeyId, FIXTURE_SESSION_CREDENTIALS.accessKeyId);
    } finally {
      session.close();
    }
  });

  it('a service message that echoes a secret is redacted in the report and the log', async () => {
    fixture.enqueueError(
      'PutRemediationConfigurations',
      'InvalidParameterValueException',
      `Bad value aws_secret_access_key=${FIXTURE_SECRET_ACCESS_KEY} token ${FIXTURE_SESSION_CREDENTIALS.sessionToken} key ${FIXTURE_ACCESS_KEY_ID}`,
    );
    const before = logger.lines.length;
    const report = record(await deploy(ctx, makeConfigs(1)));
    const message = report.error?.message ?? '';
    assert.match(
      message,
      /Bad value aws_secret_access_key=\[REDACTED\] token \[REDACTED\] key \[REDACTED\]/,
    );
    const newLines = logger.lines.slice(before).join('\n');
    assert.ok(newLines.includes('[REDACTED]'));
    assert.ok(!newLines.includes(FIXTURE_SECRET_ACCESS_KEY));
  });

  it('a refused connection is a network error naming the endpoint and the next step', async () => {
    const closed = await startAwsFixture();
    const endpoint = closed.endpoint;
    await closed.close();
    const offline = await createAwsContext({
      region: 'us-east-1',
      endpointUrl: endpoint,
      credentials: {
        accessKeyId: FIXTURE_ACCESS_KEY_ID,
        secretAccessKey: FIXTURE_SECRET_ACCESS_KEY,
      },
      env: {},
      logger,
      maxAttempts: 1,
    });
    try {
      const e = await expectOperationError(getAccount(offline));
      assert.equal(e.classified.kind, 'network');
      assert.equal(e.classified.code, 'ECONNREFUSED');
      assert.match(
        e.message,
        new RegExp(
          `Could not reach ${endpoint} \\(ECONNREFUSED\\); nothing was sent\\. Next step: check the network`,
        ),
      );
      const report = record(await deploy(offline, makeConfigs(30)));
      assert.equal(report.error?.kind, 'network');
      assert.deepEqual(report.counts, { deployed: 0, failed: 25, 'not-sent': 5, unknown: 0 });
    } finally {
      offline.close();
    }
  });

  it('a response that never completes within the request timeout is reported as outcome unknown', async () => {
    const slow = await fixtureContext(fixture, logger, { requestTimeoutMs: 300, maxAttempts: 1 });
    const gate = fixture.hold('PutRemediationConfigurations');
    try {
      const report = record(await deploy(slow, makeConfigs(2)));
      assert.equal(report.error?.kind, 'timeout');
      assert.equal(report.error?.outcomeUnknown, true);
      assert.deepEqual(report.counts, { deployed: 0, failed: 0, 'not-sent': 0, unknown: 2 });
      assert.match(report.error?.message ?? '', /may or may not have applied it/);
    } finally {
      gate.release();
      slow.close();
    }
  });

  describe('credentials from the standard chain', () => {
    let tmp: ReturnType<typeof tempDir>;
    let savedImds: string | undefined;
    before(() => {
      tmp = tempDir();
      // The chain ends with IMDS; never let a test reach for 169.254.169.254.
      savedImds = process.env.AWS_EC2_METADATA_DISABLED;
      process.env.AWS_EC2_METADATA_DISABLED = 'true';
    });
    after(() => {
      if (savedImds === undefined) {
        delete process.env.AWS_EC2_METADATA_DISABLED;
      } else {
        process.env.AWS_EC2_METADATA_DISABLED = savedImds;
      }
      tmp.cleanup();
    });

    it('uses the profile from a shared credentials file, and its region from the config file', async () => {
      const credentials = join(tmp.dir, 'credentials');
      const config = join(tmp.dir, 'config');
      writeFileSync(
        credentials,
        `[deployer]\naws_access_key_id = ${FIXTURE_ACCESS_KEY_ID}\naws_secret_access_key = ${FIXTURE_SECRET_ACCESS_KEY}\n`,
      );
      writeFileSync(config, '[profile deployer]\nregion = eu-west-1\n');
      const chainCtx = await createAwsContext({
        profile: 'deployer',
        endpointUrl: fixture.endpoint,
        env: { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config },
        logger,
      });
      try {
        assert.equal(chainCtx.settings.region, 'eu-west-1');
        assert.equal(chainCtx.settings.regionSource, 'profile');
        const account = await getAccount(chainCtx);
        assert.equal(account.account, FIXTURE_ACCOUNT);
        const [call] = fixture.calls('GetCallerIdentity');
        assert.equal(call.signatureValid, true);
        assert.equal(call.accessKeyId, FIXTURE_ACCESS_KEY_ID);
        assert.equal(call.region, 'eu-west-1');
      } finally {
        chainCtx.close();
      }
    });

    it('a profile the shared files do not define is named as such, before any call', async () => {
      const empty = join(tmp.dir, 'empty');
      writeFileSync(empty, '');
      await assert.rejects(
        createAwsContext({
          profile: 'no-such-profile',
          region: 'us-east-1',
          endpointUrl: fixture.endpoint,
          env: { AWS_SHARED_CREDENTIALS_FILE: empty, AWS_CONFIG_FILE: empty },
          logger,
        }),
        (e: Error) =>
          e instanceof AwsSettingsError &&
          /AWS profile "no-such-profile" \(from the profile setting or --profile\) not found in /.test(
            e.message,
          ),
      );
      assert.equal(fixture.requests.length, 0);
    });

    it('missing credentials give the clear message', async () => {
      const empty = join(tmp.dir, 'empty');
      writeFileSync(empty, '');
      const config = join(tmp.dir, 'config-without-keys');
      // The profile exists (a region only) but has no credentials.
      writeFileSync(config, '[profile no-such-profile]\nregion = us-east-1\n');
      const none = await createAwsContext({
        profile: 'no-such-profile',
        region: 'us-east-1',
        endpointUrl: fixture.endpoint,
        env: { AWS_SHARED_CREDENTIALS_FILE: empty, AWS_CONFIG_FILE: config },
        logger,
      });
      try {
        const e = await expectOperationError(getAccount(none));
        assert.equal(e.classified.kind, 'missing-credentials');
        assert.match(e.message, /No AWS credentials could be loaded for profile "no-such-profile"/);
        assert.match(e.message, /Next step: choose a configured profile/);
        assert.equal(fixture.requests.length, 0, 'nothing is sent without credentials');
      } finally {
        none.close();
      }
    });
  });

  describe('secret scan', () => {
    it('logs nothing secret', () => {
      seen(...logger.lines);
      assert.ok(
        logger.lines.some((l) => l.startsWith('error ')),
        'errors were logged and scanned',
      );
      if (process.env.AWS_BOUNDARY_PRINT_LOG) {
        console.log(logger.lines.join('\n'));
      }
      assertNothingSecret();
    });
  });
});
