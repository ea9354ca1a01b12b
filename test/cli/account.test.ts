/**
 * `config-remediation check --account` against moto (test/fixtures/moto/server.py): the account's
 * Config rules and runbooks change the diagnostics (RC4xx, runbook rules on the custom runbook);
 * with the endpoint down the check runs offline with the same output as without --account, plus
 * one warning on stderr. The bundled CLI (dist/cli.js) runs as a child process.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import {
  isolatedAwsEnv,
  requireMoto,
  sharedMoto,
  type MotoServer,
} from '../fixtures/moto/motoServer';
import { runCli, tempTree } from './cliRunner';

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

/** A request touching every account rule; the names are those server.py seeds. */
function requestYaml(seeded: MotoServer['seeded']): string {
  return `RemediationConfigurations:
  - ConfigRuleName: ${seeded.normalRule}
    TargetType: SSM_DOCUMENT
    TargetId: ${seeded.automationDocument}
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      VersioningState:
        StaticValue:
          Values: [enabled]
    ResourceType: AWS::S3::Bucket
    Automatic: false
  - ConfigRuleName: ${seeded.serviceLinkedRule}
    TargetType: SSM_DOCUMENT
    TargetId: ${seeded.commandDocument}
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
    Automatic: false
  - ConfigRuleName: rule-that-is-not-there
    TargetType: SSM_DOCUMENT
    TargetId: Team-NoSuchRunbook
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
    Automatic: false
  - ConfigRuleName: paging-rule-26
    TargetType: SSM_DOCUMENT
    TargetId: AWS-EnableS3BucketEncryption
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
    ResourceType: AWS::S3::Bucket
    Automatic: false
`;
}

interface JsonOutput {
  files: { path: string; diagnostics: { line: number; code: string; severity: string }[] }[];
}

function codes(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonOutput).files.flatMap((f) =>
    f.diagnostics.map((d) => `${d.line}:${d.code}`),
  );
}

/** A port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('CLI check --account (moto)', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let dir: string;
  let file: string;

  before(async function () {
    requireMoto(this);
    moto = await sharedMoto();
    dir = tempTree({ 'rules.remediation.yaml': requestYaml(moto.seeded) });
    file = path.join(dir, 'rules.remediation.yaml');
  });

  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // AWS_PROFILE "" counts as unset (the machine's own profile is never used).
  const run = (args: string[], env: Record<string, string> = moto.env) =>
    runCli(args, { cwd: dir, env: { ...env, AWS_PROFILE: '' } });

  it('without --account: no account rules, the name-based guess RC209 instead', () => {
    const offline = run(['check', '--format', 'json', file]);
    assert.equal(offline.code, 0, offline.stderr);
    const found = codes(offline.stdout);
    assert.ok(
      found.some((c) => c.endsWith('RC209')),
      found.join(' '),
    );
    assert.deepEqual(
      found.filter((c) => /RC4\d\d/.test(c)),
      [],
    );
    assert.equal(offline.stderr, '');
  });

  it('with --account: the rules and runbooks of the account change the diagnostics', () => {
    const checked = run([
      'check',
      '--account',
      '--region',
      moto.region,
      '--endpoint-url',
      moto.endpoint,
      '--format',
      'json',
      file,
    ]);
    assert.equal(checked.code, 1, checked.stderr);
    const found = codes(checked.stdout);
    const expected = [
      // The custom runbook's parameters: BucketName required, VersioningState allowedValues.
      '5:RC301',
      '11:RC303',
      // The service-linked rule (CreatedBy set in moto's backend), the Command document.
      '14:RC401',
      '16:RC403',
      // A rule and a document the account does not have.
      '22:RC400',
      '24:RC402',
    ];
    for (const code of expected) assert.ok(found.includes(code), `${code} in ${found.join(' ')}`);
    // paging-rule-26 is on DescribeConfigRules' second page: found, so no RC400 there.
    assert.ok(!found.some((c) => c.startsWith('31:RC400')), found.join(' '));
    // The account's answer replaces the guess.
    assert.ok(!found.some((c) => c.endsWith('RC209')), found.join(' '));
    assert.match(
      checked.stderr,
      new RegExp(
        `account ${moto.account}, region ${moto.region} \\(endpoint ${moto.endpoint}\\): ${2 + moto.seeded.pagingRules} Config rules, 2 runbooks\\.`,
      ),
    );
  });

  it('text output names the rules with their messages', () => {
    const checked = run([
      'check',
      '--account',
      '--region',
      moto.region,
      '--endpoint-url',
      moto.endpoint,
      file,
    ]);
    assert.equal(checked.code, 1);
    assert.match(
      checked.stdout,
      /:14:21 error RC401 Config rule "securityhub-s3-bucket-logging-enabled-abc123" is a service-linked rule in account 123456789012, us-east-1: it was created by securityhub\.amazonaws\.com\./,
    );
    assert.match(checked.stdout, /:16:15 error RC403 "Team-RunShellScript" is a Command document/);
  });

  it('with the endpoint down: a warning on stderr, then exactly the offline check', async () => {
    const offline = run(['check', file]);
    const port = await deadPort();
    const down = run([
      'check',
      '--account',
      '--region',
      moto.region,
      '--endpoint-url',
      `http://127.0.0.1:${port}`,
      file,
    ]);
    assert.equal(down.stdout, offline.stdout);
    assert.equal(down.code, offline.code);
    assert.match(
      down.stderr,
      /^config-remediation: warning: the account look-up failed, checking offline \(no account rules\)\. Could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    assert.equal(down.stderr.trim().split('\n').length, 1, down.stderr);
  });

  it('without credentials: a warning, then the offline check', () => {
    const isolated = isolatedAwsEnv();
    try {
      const env = { ...isolated.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
      const offline = run(['check', file], env);
      const checked = run(
        ['check', '--account', '--region', moto.region, '--endpoint-url', moto.endpoint, file],
        env,
      );
      assert.equal(checked.stdout, offline.stdout);
      assert.equal(checked.code, offline.code);
      assert.match(checked.stderr, /warning: the account look-up failed.*No AWS credentials/);
    } finally {
      isolated.cleanup();
    }
  });

  it('refuses AWS flags without --account (usage error)', () => {
    const result = run(['check', '--region', 'us-east-1', file]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--region needs --account/);
  });
});
