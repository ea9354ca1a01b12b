/**
 * Settings resolution order, endpoint validation, redaction and error classification (no network).
 */

import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AwsSettingsError,
  Redactor,
  classifyAwsError,
  describeSettings,
  isLoopbackHost,
  redact,
  resolveAwsSettings,
  validateEndpointUrl,
} from '../../common/src/aws';
import {
  FIXTURE_ACCESS_KEY_ID,
  FIXTURE_SECRET_ACCESS_KEY,
  FIXTURE_SESSION_CREDENTIALS,
} from '../fixtures/awsFixture';
import { assertNothingSecret, seen, tempDir } from './helpers';

async function settingsError(p: Promise<unknown>): Promise<AwsSettingsError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AwsSettingsError, `expected AwsSettingsError, got ${String(e)}`);
    seen(e.message);
    return e;
  }
  assert.fail('expected an AwsSettingsError');
}

describe('AWS boundary: settings, endpoint validation, redaction, error messages', () => {
  describe('endpoint override', () => {
    it('refuses http to a non-loopback address', async () => {
      const e = await settingsError(
        resolveAwsSettings({ region: 'us-east-1', endpointUrl: 'http://10.0.0.1' }, {}),
      );
      assert.match(e.message, /http to a non-loopback host/);
      assert.match(e.message, /use https:\/\/10\.0\.0\.1 instead/);
    });

    it('accepts http to loopback and https anywhere', async () => {
      const s = await resolveAwsSettings(
        { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566/' },
        {},
      );
      assert.equal(s.endpointUrl, 'http://127.0.0.1:4566');
      assert.equal(validateEndpointUrl('https://example.com'), 'https://example.com');
      assert.equal(
        validateEndpointUrl('https://vpce-1.config.us-east-1.vpce.amazonaws.com/'),
        'https://vpce-1.config.us-east-1.vpce.amazonaws.com',
      );
      assert.equal(validateEndpointUrl('http://localhost:8080'), 'http://localhost:8080');
      assert.equal(validateEndpointUrl('http://[::1]:9000'), 'http://[::1]:9000');
      assert.equal(validateEndpointUrl('http://127.42.0.9:1234'), 'http://127.42.0.9:1234');
    });

    it('refuses look-alikes, other schemes, credentials in the URL and garbage', () => {
      for (const bad of [
        'http://10.0.0.1',
        'http://127.0.0.1.evil.example',
        'http://localhost.evil.example:80',
        'http://example.com',
        'http://[::2]:80',
        'http://169.254.169.254',
        'ftp://127.0.0.1',
        'file:///etc/passwd',
        'https://user:pw@example.com',
        'https://example.com/?x=1',
        'not a url',
      ]) {
        assert.throws(() => validateEndpointUrl(bad), AwsSettingsError, bad);
      }
      assert.equal(isLoopbackHost('127.255.255.255'), true);
      assert.equal(isLoopbackHost('128.0.0.1'), false);
    });

    it('an empty endpoint setting means no override', async () => {
      const s = await resolveAwsSettings({ region: 'us-east-1', endpointUrl: '  ' }, {});
      assert.equal(s.endpointUrl, undefined);
    });
  });

  describe('profile and region order: explicit > env > profile region', () => {
    let tmp: ReturnType<typeof tempDir>;
    let config: string;
    let env: Record<string, string>;
    before(() => {
      tmp = tempDir();
      config = join(tmp.dir, 'config');
      writeFileSync(
        config,
        '[default]\nregion = ap-south-1\n\n[profile team]\nregion = eu-west-3\n\n[profile noregion]\noutput = json\n',
      );
      // Credentials-file regions are a fallback only.
      writeFileSync(join(tmp.dir, 'credentials'), '[credonly]\nregion = sa-east-1\n');
      env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(tmp.dir, 'credentials') };
    });
    after(() => tmp.cleanup());

    it('explicit region wins over AWS_REGION, AWS_DEFAULT_REGION and the profile', async () => {
      const s = await resolveAwsSettings(
        { profile: 'team', region: 'us-west-2' },
        { ...env, AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'ca-central-1' },
      );
      assert.deepEqual(
        [s.region, s.regionSource, s.profile, s.profileSource],
        ['us-west-2', 'explicit', 'team', 'explicit'],
      );
    });

    it('AWS_REGION wins over AWS_DEFAULT_REGION and the profile region', async () => {
      const s = await resolveAwsSettings(
        { profile: 'team' },
        { ...env, AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'ca-central-1' },
      );
      assert.deepEqual([s.region, s.regionSource], ['eu-central-1', 'env:AWS_REGION']);
    });

    it('AWS_DEFAULT_REGION is used when AWS_REGION is not set', async () => {
      const s = await resolveAwsSettings(
        { profile: 'team' },
        { ...env, AWS_DEFAULT_REGION: 'ca-central-1' },
      );
      assert.deepEqual([s.region, s.regionSource], ['ca-central-1', 'env:AWS_DEFAULT_REGION']);
    });

    it("the profile's region from the shared config file comes last", async () => {
      const explicit = await resolveAwsSettings({ profile: 'team' }, env);
      assert.deepEqual([explicit.region, explicit.regionSource], ['eu-west-3', 'profile']);
      const fromEnvProfile = await resolveAwsSettings({}, { ...env, AWS_PROFILE: 'team' });
      assert.deepEqual(
        [fromEnvProfile.region, fromEnvProfile.profile, fromEnvProfile.profileSource],
        ['eu-west-3', 'team', 'env:AWS_PROFILE'],
      );
      const defaults = await resolveAwsSettings({}, env);
      assert.deepEqual(
        [defaults.region, defaults.profile, defaults.profileName, defaults.profileSource],
        ['ap-south-1', undefined, 'default', 'default'],
      );
      const credOnly = await resolveAwsSettings({ profile: 'credonly' }, env);
      assert.equal(credOnly.region, 'sa-east-1');
    });

    it('an explicit profile wins over AWS_PROFILE', async () => {
      const s = await resolveAwsSettings({ profile: 'team' }, { ...env, AWS_PROFILE: 'other' });
      assert.deepEqual([s.profile, s.region], ['team', 'eu-west-3']);
    });

    it('empty settings count as not set', async () => {
      const s = await resolveAwsSettings(
        { profile: '', region: '' },
        { ...env, AWS_PROFILE: 'team' },
      );
      assert.deepEqual([s.profile, s.region, s.regionSource], ['team', 'eu-west-3', 'profile']);
    });

    it('re-reads the config file (no stale cache)', async () => {
      const file = join(tmp.dir, 'config-changing');
      writeFileSync(file, '[profile p]\nregion = us-east-2\n');
      assert.equal(
        (await resolveAwsSettings({ profile: 'p' }, { AWS_CONFIG_FILE: file })).region,
        'us-east-2',
      );
      writeFileSync(file, '[profile p]\nregion = eu-north-1\n');
      assert.equal(
        (await resolveAwsSettings({ profile: 'p' }, { AWS_CONFIG_FILE: file })).region,
        'eu-north-1',
      );
    });

    it('no region anywhere is a clear error naming the places to set it', async () => {
      const e = await settingsError(resolveAwsSettings({ profile: 'noregion' }, env));
      assert.match(e.message, /No AWS region is set/);
      assert.match(
        e.message,
        /--region, or AWS_REGION, or add "region = \.\.\." to profile "noregion"/,
      );
    });

    it('a profile in neither shared file is named as not found, whatever the region', async () => {
      const e = await settingsError(
        resolveAwsSettings({ profile: 'nosuch', region: 'us-east-1' }, env),
      );
      assert.match(
        e.message,
        /AWS profile "nosuch" \(from the profile setting or --profile\) not found in /,
      );
      assert.ok(
        e.message.includes(env.AWS_CONFIG_FILE ?? '?') &&
          e.message.includes(env.AWS_SHARED_CREDENTIALS_FILE ?? '?'),
      );
      assert.doesNotMatch(e.message, /credentials could be loaded|No AWS region/);
      const fromEnv = await settingsError(
        resolveAwsSettings({}, { ...env, AWS_PROFILE: 'nosuch' }),
      );
      assert.match(fromEnv.message, /AWS profile "nosuch" \(from AWS_PROFILE\) not found/);
      // Profiles of either file count; the default chain needs no profile at all.
      assert.equal((await resolveAwsSettings({ profile: 'credonly' }, env)).profile, 'credonly');
      assert.equal((await resolveAwsSettings({ region: 'us-east-1' }, {})).profile, undefined);
    });

    it('a malformed region is refused', async () => {
      const e = await settingsError(resolveAwsSettings({ region: 'evil.example.com#' }, {}));
      assert.match(e.message, /is not a region name like us-east-1/);
    });

    it('describes the settings in one line', async () => {
      const s = await resolveAwsSettings({ profile: 'team' }, env);
      assert.equal(describeSettings(s), 'profile team, region eu-west-3 (from profile team)');
    });
  });

  describe('redact()', () => {
    it('scrubs access key ids, secret keys, session tokens and secret-bearing pairs', () => {
      const text = [
        `key ${FIXTURE_ACCESS_KEY_ID} secret ${FIXTURE_SECRET_ACCESS_KEY}`,
        `token ${FIXTURE_SESSION_CREDENTIALS.sessionToken}`,
        'Authorization: AWS4-HMAC-SHA256 Credential=ASIAFIXTUREEXAMPLE02/20250101/us-east-1/config/aws4_request, SignedHeaders=host, Signature=' +
          'ab'.repeat(32),
        'aws_secret_access_key = shortish',
        'X-Amz-Security-Token: abc.def',
      ].join('\n');
      const out = redact(text);
      seen(out);
      for (const secret of [
        FIXTURE_ACCESS_KEY_ID,
        FIXTURE_SECRET_ACCESS_KEY,
        FIXTURE_SESSION_CREDENTIALS.sessionToken,
        'ASIAFIXTUREEXAMPLE02',
        'ab'.repeat(32),
        'shortish',
        'abc.def',
      ]) {
        assert.ok(!out.includes(secret), `${secret} survived: ${out}`);
      }
    });

    it('leaves ordinary text, ARNs, rule names and request ids alone', () => {
      const text =
        'rule s3-bucket-server-side-encryption-enabled: arn:aws:iam::123456789012:role/S3Remediation, request 3f2a9c1e-7b1d-4c8e-9a0f-2b3c4d5e6f70, AWS-EnableS3BucketEncryption';
      assert.equal(redact(text), text);
    });

    it('a Redactor also scrubs exact values it was given', () => {
      const r = new Redactor();
      r.add('not-a-pattern-secret', undefined, 'x');
      assert.equal(r.redact('value not-a-pattern-secret x'), 'value [REDACTED] x');
    });
  });

  describe('classifyAwsError()', () => {
    const ctx = {
      operation: 'PutRemediationConfigurations',
      region: 'us-east-1',
      endpointUrl: 'https://config.example',
    };

    it('network errors (nested causes, ENOTFOUND) name the endpoint and say nothing was sent', () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
        cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }),
      });
      const c1 = classifyAwsError(refused, ctx);
      assert.deepEqual([c1.kind, c1.code, c1.outcomeUnknown], ['network', 'ECONNREFUSED', false]);
      const c2 = classifyAwsError(
        Object.assign(new Error('getaddrinfo ENOTFOUND config.example'), { code: 'ENOTFOUND' }),
        ctx,
      );
      assert.equal(c2.kind, 'network');
      assert.match(
        c2.message,
        /^Could not reach https:\/\/config\.example \(ENOTFOUND\); nothing was sent\. Next step: check the network connection, proxy and region, and the endpoint override setting, then try again\.$/,
      );
      seen(c1.message, c2.message);
    });

    it('time-outs and resets say the outcome is unknown', () => {
      const c = classifyAwsError(
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        ctx,
      );
      assert.deepEqual([c.kind, c.outcomeUnknown], ['timeout', true]);
      const t = classifyAwsError(
        Object.assign(new Error('Request timed out'), { name: 'TimeoutError' }),
        ctx,
      );
      assert.deepEqual([t.kind, t.outcomeUnknown], ['timeout', true]);
    });

    it('missing credentials (CredentialsProviderError) get the configure / sso login next step', () => {
      const e = Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
      const c = classifyAwsError(e, { ...ctx, profileName: 'dev' });
      assert.equal(c.kind, 'missing-credentials');
      assert.match(c.message, /No AWS credentials could be loaded for profile "dev"/);
      assert.match(c.message, /aws sso login/);
    });

    it('RequestExpired and ExpiredToken are expired credentials', () => {
      for (const code of ['RequestExpired', 'ExpiredToken', 'ExpiredTokenException']) {
        const c = classifyAwsError(
          Object.assign(new Error('expired'), { name: code, $metadata: { httpStatusCode: 400 } }),
          {
            ...ctx,
            profileName: 'sso-dev',
          },
        );
        assert.equal(c.kind, 'expired-credentials', code);
        assert.match(c.message, /aws sso login --profile sso-dev/);
      }
    });

    it('server faults and unknown errors still get a message with a next step, redacted', () => {
      const s = classifyAwsError(
        Object.assign(new Error('We encountered an internal error'), {
          name: 'InternalFailure',
          $fault: 'server',
          $metadata: { httpStatusCode: 500, requestId: 'req-1' },
        }),
        ctx,
      );
      assert.equal(s.kind, 'service');
      assert.match(s.message, /Next step: try again later/);
      const u = classifyAwsError(new Error(`weird ${FIXTURE_SECRET_ACCESS_KEY}`), ctx);
      assert.equal(u.kind, 'unknown');
      assert.match(u.message, /Next step:/);
      assert.ok(
        !u.message.includes(FIXTURE_SECRET_ACCESS_KEY) &&
          !u.detail.includes(FIXTURE_SECRET_ACCESS_KEY),
      );
      seen(s.message, u.message, u.detail);
      assert.equal(classifyAwsError('plain string', ctx).kind, 'unknown');
      assert.equal(classifyAwsError(undefined, ctx).kind, 'unknown');
    });
  });

  describe('secret scan', () => {
    it('produces nothing secret', () => {
      assertNothingSecret();
    });
  });
});
