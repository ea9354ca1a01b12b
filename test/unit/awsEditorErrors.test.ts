import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classifyAwsError } from '../../common/src/aws/errors';
import { resolveAwsSettings } from '../../common/src/aws/settings';
import {
  ENDPOINT_SETTING,
  PROFILE_SETTING,
  REGION_SETTING,
  editorAwsError,
  openSettingsCommand,
} from '../../client/src/aws/errorMessages';

/** An empty AWS home: no config, no credentials. */
function emptyAwsHome(): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-home-'));
  fs.writeFileSync(path.join(dir, 'config'), '[profile other]\nregion = eu-west-1\n');
  fs.writeFileSync(path.join(dir, 'credentials'), '');
  return {
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    HOME: dir,
  };
}

/** The editor's message for what the AWS boundary throws while resolving these settings. */
async function settingsFailure(input: Parameters<typeof resolveAwsSettings>[0]) {
  try {
    await resolveAwsSettings(input, emptyAwsHome());
  } catch (error) {
    return editorAwsError(classifyAwsError(error, { operation: 'pull' }));
  }
  throw new Error('the settings resolved');
}

/** No CLI flag in an editor message (terminal commands such as "aws sso login" are fine). */
function assertNoCliFlags(message: string): void {
  assert.doesNotMatch(message, /(?<!aws [a-z- ]+)--(region|profile)\b/, message);
  assert.doesNotMatch(message, /setting or --/, message);
}

describe('AWS failures in the editor (client/src/aws/errorMessages.ts)', () => {
  it('no region: names the region setting, not --region', async () => {
    const shown = await settingsFailure({});
    assert.equal(shown.setting, REGION_SETTING);
    assert.match(shown.message, /No AWS region is set/);
    assert.ok(shown.message.includes(`"${REGION_SETTING}"`), shown.message);
    assertNoCliFlags(shown.message);
  });

  it('an invalid region: the region setting', async () => {
    const shown = await settingsFailure({ region: 'Frankfurt' });
    assert.equal(shown.setting, REGION_SETTING);
    assert.ok(shown.message.includes(`"${REGION_SETTING}"`), shown.message);
    assertNoCliFlags(shown.message);
  });

  it('a profile not found: the profile setting', async () => {
    const shown = await settingsFailure({ profile: 'missing', region: 'eu-west-1' });
    assert.equal(shown.setting, PROFILE_SETTING);
    assert.match(shown.message, /AWS profile "missing"/);
    assert.ok(shown.message.includes(`"${PROFILE_SETTING}"`), shown.message);
    assertNoCliFlags(shown.message);
  });

  it('a bad endpoint override: the endpoint setting', async () => {
    const shown = await settingsFailure({ endpointUrl: 'http://example.com', region: 'eu-west-1' });
    assert.equal(shown.setting, ENDPOINT_SETTING);
    assert.ok(shown.message.includes(`"${ENDPOINT_SETTING}"`), shown.message);
  });

  it('no credentials, expired or rejected credentials, access denied: the profile setting', () => {
    const cases: unknown[] = [
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      Object.assign(new Error('The security token included in the request is expired'), {
        name: 'ExpiredTokenException',
      }),
      Object.assign(new Error('The security token included in the request is invalid.'), {
        name: 'UnrecognizedClientException',
      }),
      Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }),
    ];
    for (const error of cases) {
      const classified = classifyAwsError(error, { operation: 'GetCallerIdentity' });
      const shown = editorAwsError(classified);
      assert.equal(shown.setting, PROFILE_SETTING, classified.kind);
      assert.ok(shown.message.includes(`"${PROFILE_SETTING}"`), shown.message);
      assertNoCliFlags(shown.message);
    }
  });

  it('network: the region (its endpoint), or the endpoint override when one is set', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    const classified = classifyAwsError(error, { region: 'eu-west-1' });
    assert.equal(classified.kind, 'network');
    assert.equal(editorAwsError(classified).setting, REGION_SETTING);
    assert.equal(editorAwsError(classified, true).setting, ENDPOINT_SETTING);
  });

  it('throttling: no setting to open, the message as the boundary wrote it', () => {
    const classified = classifyAwsError(
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    );
    const shown = editorAwsError(classified);
    assert.equal(shown.setting, undefined);
    assert.equal(shown.message, classified.message);
  });

  it('opens the machine-scoped settings under the Remote tab in a remote window', () => {
    assert.deepEqual(openSettingsCommand(undefined, REGION_SETTING), {
      command: 'workbench.action.openSettings',
      args: [REGION_SETTING],
    });
    assert.deepEqual(openSettingsCommand('ssh-remote', REGION_SETTING), {
      command: 'workbench.action.openRemoteSettings',
      args: [REGION_SETTING],
    });
  });

  it('every setting it names is a contributed machine-scoped setting', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
    ) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } };
    const properties = manifest.contributes.configuration.properties;
    for (const id of [PROFILE_SETTING, REGION_SETTING, ENDPOINT_SETTING]) {
      assert.equal(properties[id]?.scope, 'machine', id);
    }
  });
});
