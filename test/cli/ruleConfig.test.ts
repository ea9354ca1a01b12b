import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempTree } from './cliRunner';

// RC201 manual-assume-role (warning), RC203 placeholder-account-id (warning) and RC301
// missing-runbook-parameter (error).
const FILE = `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    Parameters:
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      TargetBucket:
        StaticValue:
          Values: ["arn:aws:s3:::logs"]
    ResourceType: AWS::S3::Bucket
    Automatic: false
  - ConfigRuleName: s3-bucket-versioning-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketVersioning
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: ["arn:aws:iam::123456789012:role/R"]
    ResourceType: AWS::S3::Bucket
`;

/** A project folder (with .git, so the walk up stops there) holding the file and a config. */
function project(files: Record<string, string>): string {
  const dir = tempTree(files);
  mkdirSync(path.join(dir, '.git'));
  return dir;
}

function codes(stdout: string): [string, string][] {
  const output = JSON.parse(stdout) as {
    files: { diagnostics: { code: string; severity: string }[] }[];
  };
  return output.files.flatMap((f) =>
    f.diagnostics.map((d) => [d.code, d.severity] as [string, string]),
  );
}

describe('CLI: rule settings (.config-remediation.json and --rule)', function () {
  this.timeout(60000);

  it('without settings: the defaults, and the JSON output carries the new rules', () => {
    const dir = project({ 'a.remediation.yaml': FILE });
    const run = runCli(['check', '--format', 'json', path.join(dir, 'a.remediation.yaml')]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(codes(run.stdout), [
      ['RC201', 'warning'],
      ['RC301', 'error'],
      ['RC203', 'warning'],
    ]);
  });

  it('a config file next to the file changes levels by id and slug', () => {
    const dir = project({
      'a.remediation.yaml': FILE,
      '.config-remediation.json': JSON.stringify({
        rules: {
          RC201: 'off',
          'missing-runbook-parameter': 'warning',
          'placeholder-account-id': 'error',
        },
      }),
    });
    const run = runCli(['check', '--format', 'json', path.join(dir, 'a.remediation.yaml')]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(codes(run.stdout), [
      ['RC301', 'warning'],
      ['RC203', 'error'],
    ]);
  });

  it('the nearest config file wins, found from a subfolder; flags override it', () => {
    const dir = project({
      '.config-remediation.json': JSON.stringify({ rules: { RC201: 'error' } }),
      'sub/deeper/a.remediation.yaml': FILE,
      'sub/.config-remediation.json': JSON.stringify({ rules: { RC201: 'off', RC301: 'off' } }),
    });
    const file = path.join(dir, 'sub', 'deeper', 'a.remediation.yaml');
    let run = runCli(['check', '--format', 'json', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(codes(run.stdout), [['RC203', 'warning']]);
    run = runCli([
      'check',
      '--format',
      'json',
      '--rule',
      'RC301=error',
      '--rule',
      'placeholder-account-id=off',
      file,
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(codes(run.stdout), [['RC301', 'error']]);
  });

  it('the walk stops at a .git folder', () => {
    const dir = tempTree({
      '.config-remediation.json': JSON.stringify({ rules: { RC301: 'off' } }),
      'repo/a.remediation.yaml': FILE,
    });
    mkdirSync(path.join(dir, 'repo', '.git'));
    const run = runCli(['check', '--format', 'json', path.join(dir, 'repo', 'a.remediation.yaml')]);
    assert.ok(codes(run.stdout).some(([code]) => code === 'RC301'));
  });

  it('a bad config file is a usage error naming the file and each bad entry', () => {
    const dir = project({
      'a.remediation.yaml': FILE,
      '.config-remediation.json': JSON.stringify({
        rules: { RC999: 'off', 'manual-assume-role': 'loud' },
        rule: {},
      }),
    });
    const config = path.join(dir, '.config-remediation.json');
    const run = runCli(['check', path.join(dir, 'a.remediation.yaml')]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(
      run.stderr,
      [
        `config-remediation: ${config}: unknown setting "rule" (only "rules").`,
        `${config}: Unknown rule "RC999" in rule settings.`,
        `${config}: Rule "manual-assume-role": level must be one of error, warning, information, hint, off, not "loud".`,
        '',
      ].join('\n'),
    );
  });

  it('a config file that is not JSON is a usage error', () => {
    const dir = project({ 'a.remediation.yaml': FILE, '.config-remediation.json': '{rules: ' });
    const run = runCli(['check', path.join(dir, 'a.remediation.yaml')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.config-remediation\.json: not valid JSON/);
  });

  it('bad --rule flags are usage errors', () => {
    const dir = project({ 'a.remediation.yaml': FILE });
    const file = path.join(dir, 'a.remediation.yaml');
    let run = runCli(['check', '--rule', 'RC201', file]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--rule RC201: expected ID_OR_SLUG=LEVEL/);
    run = runCli(['check', '--rule', 'no-such-rule=off', file]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--rule: Unknown rule "no-such-rule"/);
    run = runCli(['check', '--rule', 'RC201=silent', file]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /level must be one of error, warning, information, hint, off, not "silent"/,
    );
  });
});
