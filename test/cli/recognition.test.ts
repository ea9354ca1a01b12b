/**
 * The CLI classifies every file, named or walked, the same way (issue 13): unrecognised named
 * files are skipped with one RC007, the list form and `.template` files are checked, and an
 * empty request file is an error.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli, tempTree } from './cliRunner';

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';
const CONFIGURATION = {
  ConfigRuleName: 's3-bucket-public-read-prohibited',
  TargetType: 'SSM_DOCUMENT',
  TargetId: 'AWS-DisableS3BucketPublicReadWrite',
  Parameters: {
    AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
    S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
    Bogus: { StaticValue: { Values: ['x'] } },
  },
  ResourceType: 'AWS::S3::Bucket',
};
const LIST_YAML = `- ConfigRuleName: s3-bucket-public-read-prohibited
  TargetType: SSM_DOCUMENT
  TargetId: AWS-DisableS3BucketPublicReadWrite
  Parameters:
    AutomationAssumeRole:
      StaticValue:
        Values: ["${ROLE}"]
    S3BucketName:
      ResourceValue:
        Value: RESOURCE_ID
    Bogus:
      StaticValue:
        Values: [x]
  ResourceType: AWS::S3::Bucket
`;
const BUCKET_YAML = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n`;
const BUCKET_JSON = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { B: { Type: 'AWS::S3::Bucket' } },
});
const TEMPLATE_YAML = `Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: s3-bucket-public-read-prohibited
      TargetType: SSM_DOCUMENT
      TargetId: AWS-DisableS3BucketPublicReadWrite
      Parameters:
        AutomationAssumeRole:
          StaticValue:
            Values: ["${ROLE}"]
        S3BucketName:
          ResourceValue:
            Value: RESOURCE_ID
        Bogus:
          StaticValue:
            Values: [x]
      ResourceType: AWS::S3::Bucket
`;

interface JsonOutput {
  files: { path: string; diagnostics: { line: number; severity: string; code: string }[] }[];
}

function checkJson(dir: string, ...names: string[]) {
  const run = runCli(['check', '--format', 'json', ...names], { cwd: dir });
  return { code: run.code, output: JSON.parse(run.stdout) as JsonOutput, stderr: run.stderr };
}

const codes = (output: JsonOutput, name: string): string[] =>
  output.files.find((file) => path.basename(file.path) === name)?.diagnostics.map((d) => d.code) ??
  [];

describe('CLI: recognition of named and walked files', function () {
  this.timeout(60000);

  it('a named template without remediation resources: one RC007 information, exit 0 (YAML, JSON)', () => {
    const dir = tempTree({ 'bucket.yaml': BUCKET_YAML, 'bucket.json': BUCKET_JSON });
    const { code, output } = checkJson(dir, 'bucket.yaml', 'bucket.json');
    assert.equal(code, 0);
    for (const name of ['bucket.yaml', 'bucket.json']) {
      const file = output.files.find((f) => f.path === name);
      assert.deepEqual(
        file?.diagnostics.map((d) => [d.code, d.severity, d.line]),
        [['RC007', 'information', 1]],
      );
    }
    const text = runCli(['check', 'bucket.yaml'], { cwd: dir });
    assert.match(text.stdout, /^bucket\.yaml:1:1 information RC007 /m);
    assert.match(text.stdout, /0 errors, 0 warnings, 1 information in 1 file\./);
  });

  it('--rule RC007=off silences the skip', () => {
    const dir = tempTree({ 'bucket.yaml': BUCKET_YAML });
    const run = runCli(['check', '--format', 'json', '--rule', 'RC007=off', 'bucket.yaml'], {
      cwd: dir,
    });
    assert.equal(run.code, 0);
    assert.deepEqual(JSON.parse(run.stdout), { files: [{ path: 'bucket.yaml', diagnostics: [] }] });
  });

  it('a named *.remediation.* file is checked as a request whatever it holds', () => {
    const dir = tempTree({ 'bucket.remediation.yaml': BUCKET_YAML });
    const { code, output } = checkJson(dir, 'bucket.remediation.yaml');
    assert.equal(code, 1);
    assert.ok(codes(output, 'bucket.remediation.yaml').includes('RC100'));
  });

  it('named files and a folder walk give the same findings', () => {
    const dir = tempTree({
      'list.json': `${JSON.stringify([CONFIGURATION], null, 2)}\n`,
      'list.yaml': LIST_YAML,
      'stack.template': TEMPLATE_YAML,
      'bucket.yaml': BUCKET_YAML,
    });
    const named = checkJson(dir, 'list.json', 'list.yaml', 'stack.template', 'bucket.yaml');
    const walked = checkJson(dir, '.');
    for (const name of ['list.json', 'list.yaml', 'stack.template']) {
      assert.deepEqual(codes(named.output, name), ['RC300'], name);
      assert.deepEqual(codes(walked.output, name), ['RC300'], name);
    }
    // Walking, an unrelated file is skipped silently; named, it is said once.
    assert.deepEqual(codes(named.output, 'bucket.yaml'), ['RC007']);
    assert.equal(
      walked.output.files.some((f) => path.basename(f.path) === 'bucket.yaml'),
      false,
    );
    // RC300 is an error: both exit 1.
    assert.equal(named.code, 1);
    assert.equal(walked.code, 1);
  });

  it('a .template, .txt or extension-less file is read as JSON or YAML by its content', () => {
    const json = JSON.stringify({
      Resources: {
        Remediation: {
          Type: 'AWS::Config::RemediationConfiguration',
          Properties: CONFIGURATION,
        },
      },
    });
    const dir = tempTree({
      'yaml.template': TEMPLATE_YAML,
      'json.template': json,
      'stack.txt': TEMPLATE_YAML,
      template: json,
    });
    const { output } = checkJson(dir, 'yaml.template', 'json.template', 'stack.txt', 'template');
    for (const name of ['yaml.template', 'json.template', 'stack.txt', 'template']) {
      assert.deepEqual(codes(output, name), ['RC300'], name);
    }
  });

  for (const [name, content] of [
    ['empty.remediation.json', ''],
    ['empty.remediation.yaml', ''],
    ['comments.remediation.yaml', '# nothing here yet\n\n# still nothing\n'],
    ['comments.remediation.jsonc', '// nothing here yet\n'],
  ] as const) {
    it(`an empty request file is an error: ${name} (RC100, exit 1)`, () => {
      const dir = tempTree({ [name]: content });
      const { code, output } = checkJson(dir, name);
      assert.equal(code, 1);
      assert.deepEqual(codes(output, name), ['RC100']);
    });
  }

  it('a YAML request with lone CR line ends: no false unknown-runbook finding', () => {
    const text = [
      'RemediationConfigurations:',
      '  - ConfigRuleName: s3-bucket-public-read-prohibited',
      '    TargetType: SSM_DOCUMENT',
      '    TargetId: AWS-DisableS3BucketPublicReadWrite',
      '    Parameters:',
      '      AutomationAssumeRole:',
      '        StaticValue:',
      `          Values: ["${ROLE}"]`,
      '      S3BucketName:',
      '        ResourceValue:',
      '          Value: RESOURCE_ID',
      '    ResourceType: AWS::S3::Bucket',
      '',
    ].join('\r');
    const dir = tempTree({ 'cr.remediation.yaml': text });
    const { code, output } = checkJson(dir, 'cr.remediation.yaml');
    assert.deepEqual(codes(output, 'cr.remediation.yaml'), []);
    assert.equal(code, 0);
  });
});
