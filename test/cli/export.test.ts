import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ROOT, runCli, tempTree } from './cliRunner';

const REQUEST_YAML = `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-public-read-prohibited
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    TargetVersion: "1"
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values:
            - arn:aws:iam::444455556666:role/ConfigRemediationRole
      S3BucketName:
        ResourceValue:
          Value: RESOURCE_ID
    ResourceType: AWS::S3::Bucket
    Automatic: true
    MaximumAutomaticAttempts: 5
    RetryAttemptSeconds: 60
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values:
            - arn:aws:iam::444455556666:role/ConfigRemediationRole
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      TargetBucket:
        StaticValue:
          Values:
            - my-log-bucket
    ResourceType: AWS::S3::Bucket
    Automatic: false
`;

const WITH_ERRORS = REQUEST_YAML.replace('TargetType: SSM_DOCUMENT', 'TargetType: LAMBDA');

const TEMPLATE_WITH_SUB = `Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: s3-bucket-public-read-prohibited
      TargetType: SSM_DOCUMENT
      TargetId: AWS-DisableS3BucketPublicReadWrite
      ResourceType: AWS::S3::Bucket
      Automatic: false
      Parameters:
        AutomationAssumeRole:
          StaticValue:
            Values:
              - !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/Remediation"
        S3BucketName:
          ResourceValue:
            Value: RESOURCE_ID
`;

function yamlOf(text: string): unknown {
  return parseYaml(text, { logLevel: 'error' });
}

describe('CLI: config-remediation export', function () {
  this.timeout(60000);

  before(function () {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
      throw new Error('dist/cli.js is missing: run "npm run build" first.');
    }
  });

  it('--to cloudformation prints a YAML template for a YAML file', () => {
    const dir = tempTree({ 'r.remediation.yaml': REQUEST_YAML });
    const run = runCli(['export', '--to', 'cloudformation', path.join(dir, 'r.remediation.yaml')]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^AWSTemplateFormatVersion: "2010-09-09"\n/);
    assert.match(run.stdout, /ConfigRuleName: !Ref S3BucketLoggingEnabledRuleName\n/);
    assert.match(run.stdout, /Type: AWS::Config::RemediationConfiguration\n/);
  });

  for (const format of ['json', 'yaml'] as const) {
    for (const target of ['cloudformation', 'conformance-pack'] as const) {
      it(`round-trips through --to ${target} -o exported.${format}, then --to request`, () => {
        const dir = tempTree({ 'r.remediation.yaml': REQUEST_YAML });
        const exported = path.join(dir, `exported.${format}`);
        const out = runCli([
          'export',
          '--to',
          target,
          '-o',
          exported,
          path.join(dir, 'r.remediation.yaml'),
        ]);
        assert.equal(out.code, 0, out.stderr);
        assert.equal(out.stdout, '', 'written to -o, not to standard output');
        const text = readFileSync(exported, 'utf8');
        if (format === 'json') assert.doesNotThrow(() => JSON.parse(text), 'format from -o');
        const back = runCli(['export', '--to', 'request', '--format', 'json', exported]);
        assert.equal(back.code, 0, back.stderr);
        assert.deepEqual(JSON.parse(back.stdout), yamlOf(REQUEST_YAML));
      });
    }
  }

  it('stops on errors (exit 1, printed like check), unless --force', () => {
    const dir = tempTree({ 'bad.remediation.yaml': WITH_ERRORS });
    const file = path.join(dir, 'bad.remediation.yaml');
    const run = runCli(['export', '--to', 'cloudformation', file]);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.ok(
      run.stderr.includes(`${file}:3:17 error RC103 "TargetType" must be "SSM_DOCUMENT"`),
      run.stderr,
    );
    assert.match(run.stderr, /has errors; nothing exported\. Fix them, or use --force\./);
    const forced = runCli(['export', '--to', 'cloudformation', '--force', file]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /TargetType: LAMBDA/);
  });

  it('refuses intrinsic functions it cannot resolve, naming them (exit 1)', () => {
    const dir = tempTree({ 'template.yaml': TEMPLATE_WITH_SUB });
    const file = path.join(dir, 'template.yaml');
    const run = runCli(['export', '--to', 'request', file]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(
      run.stderr.includes(
        `${file}:5:7 Parameters.AutomationAssumeRole.StaticValue.Values[0] is Fn::Sub, which only CloudFormation can compute.`,
      ),
      run.stderr,
    );
  });

  it('usage errors exit 2', () => {
    const dir = tempTree({ 'r.remediation.yaml': REQUEST_YAML });
    const file = path.join(dir, 'r.remediation.yaml');
    const cases: [string[], RegExp][] = [
      [['export', file], /export needs --to cloudformation\|conformance-pack\|request/],
      [
        ['export', '--to', 'terraform', file],
        /--to must be one of cloudformation, conformance-pack, request, not "terraform"/,
      ],
      [
        ['export', '--to', 'request', '--format', 'toml', file],
        /--format must be "json" or "yaml"/,
      ],
      [['export', '--to', 'request'], /export needs a FILE/],
      [['export', '--to', 'request', file, file], /exactly one FILE/],
      [['export', '--to', 'request', '-o', file, file], /must not be the input FILE/],
      [
        ['export', '--to', 'request', path.join(dir, 'missing.yaml')],
        /missing\.yaml: no such file or directory/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = runCli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    assert.equal(readFileSync(file, 'utf8'), REQUEST_YAML, 'the input is never overwritten');
  });

  it('--help describes the command (exit 0)', () => {
    const run = runCli(['export', '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: config-remediation export --to TARGET/);
    const main = runCli(['--help']);
    assert.match(main.stdout, /export --to cloudformation\|conformance-pack\|request/);
  });
});
