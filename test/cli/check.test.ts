import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli, tempTree } from './cliRunner';

const VALID_YAML = `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-public-read-prohibited
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
    Automatic: false
`;

const BROKEN_JSON = `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "s3-bucket-logging-enabled",
      "TargetType": "LAMBDA",
      "TargetId": "AWS-ConfigureS3BucketLogging",
      "ExecutionControls": { "SsmControls": { "ErrorPercentage": 200 } }
    }
  ]
}
`;

describe('CLI: config-remediation check', function () {
  this.timeout(60000);

  it('exits 0 with no output but the summary on valid files', () => {
    const dir = tempTree({ 'ok.remediation.yaml': VALID_YAML });
    const run = runCli(['check', path.join(dir, 'ok.remediation.yaml')]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), '0 errors, 0 warnings, 0 information in 1 file.');
  });

  it('exits 1 and prints compiler-style lines for errors', () => {
    const dir = tempTree({ 'bad.remediation.json': BROKEN_JSON });
    const file = path.join(dir, 'bad.remediation.json');
    const run = runCli(['check', file]);
    assert.equal(run.code, 1);
    const lines = run.stdout.trim().split('\n');
    assert.ok(
      lines.includes(
        `${file}:5:21 error RC103 "TargetType" must be "SSM_DOCUMENT"; "LAMBDA" is not supported.`,
      ),
      run.stdout,
    );
    assert.ok(
      lines.some((line) =>
        line.startsWith(`${file}:7:66 error RC106 "ErrorPercentage" must be between 1 and 100`),
      ),
      run.stdout,
    );
    // The runbook rules too: RC301 (its required parameters), RC201 (no assume role; a warning).
    assert.ok(
      lines.some((line) =>
        line.startsWith(`${file}:6:19 error RC301 Runbook "AWS-ConfigureS3BucketLogging" requires`),
      ),
      run.stdout,
    );
    assert.equal(lines.at(-1), '3 errors, 1 warning, 0 information in 1 file.');
  });

  it('--format json keeps the exact contract, with 1-based positions', () => {
    const dir = tempTree({ 'bad.remediation.json': BROKEN_JSON });
    const file = path.join(dir, 'bad.remediation.json');
    const run = runCli(['check', '--format', 'json', file]);
    assert.equal(run.code, 1);
    const output = JSON.parse(run.stdout) as unknown;
    assert.deepEqual(output, {
      files: [
        {
          path: file,
          diagnostics: [
            {
              line: 3,
              column: 5,
              endLine: 3,
              endColumn: 6,
              severity: 'warning',
              code: 'RC201',
              message:
                'This manual remediation passes no "AutomationAssumeRole". The API text: "For manual remediation configuration, you need to provide a value for automationAssumeRole or use a value in the assumeRole field to remediate your resources." Add AutomationAssumeRole, or check that the runbook\'s assumeRole field maps to a parameter you pass.',
            },
            {
              line: 5,
              column: 21,
              endLine: 5,
              endColumn: 29,
              severity: 'error',
              code: 'RC103',
              message: '"TargetType" must be "SSM_DOCUMENT"; "LAMBDA" is not supported.',
            },
            {
              line: 6,
              column: 19,
              endLine: 6,
              endColumn: 49,
              severity: 'error',
              code: 'RC301',
              message:
                'Runbook "AWS-ConfigureS3BucketLogging" requires the parameters "BucketName", "TargetBucket" (no default). The service accepts the configuration; every run then fails with "Parameter BucketName is required".',
            },
            {
              line: 7,
              column: 66,
              endLine: 7,
              endColumn: 69,
              severity: 'error',
              code: 'RC106',
              message: '"ErrorPercentage" must be between 1 and 100; 200 is out of range.',
            },
          ],
        },
      ],
    });
  });

  it('walks folders for recognised files only, in a stable order', () => {
    const dir = tempTree({
      'a/ok.remediation.yaml': VALID_YAML,
      'b/request.json': BROKEN_JSON, // recognised by its RemediationConfigurations key
      'b/package.json': '{"name": "unrelated"}',
      'c/other.yaml': 'TargetType: LAMBDA\n',
      'node_modules/x/bad.remediation.json': BROKEN_JSON,
    });
    const run = runCli(['check', '--format', 'json', dir]);
    assert.equal(run.code, 1);
    const output = JSON.parse(run.stdout) as { files: { path: string; diagnostics: unknown[] }[] };
    assert.deepEqual(
      output.files.map((f) => path.relative(dir, f.path)),
      [path.join('a', 'ok.remediation.yaml'), path.join('b', 'request.json')],
    );
  });

  it('exits 2 with a clear message for a missing path, and 2 for bad usage', () => {
    const missing = runCli(['check', '/nonexistent/file.remediation.json']);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /\/nonexistent\/file\.remediation\.json: no such file or directory/,
    );
    const badFormat = runCli(['check', '--format', 'xml', '.']);
    assert.equal(badFormat.code, 2);
    assert.match(
      badFormat.stderr,
      /--format must be one of "text", "json", "sarif", "github", "junit", not "xml"/,
    );
    const noPaths = runCli(['check']);
    assert.equal(noPaths.code, 2);
    const unknownFlag = runCli(['check', '--frmat', 'json', '.']);
    assert.equal(unknownFlag.code, 2);
    assert.doesNotMatch(unknownFlag.stderr, /\n\s+at /, 'no stack trace for a user error');
    const unknownCommand = runCli(['chek']);
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /unknown command "chek"/);
  });

  it('reports syntax errors with their position in YAML', () => {
    const dir = tempTree({
      'broken.remediation.yaml': 'RemediationConfigurations:\n  - ConfigRuleName: [unclosed\n',
    });
    const run = runCli(['check', '--format', 'json', path.join(dir, 'broken.remediation.yaml')]);
    assert.equal(run.code, 1);
    const output = JSON.parse(run.stdout) as {
      files: { diagnostics: { code: string; line: number }[] }[];
    };
    assert.ok(
      output.files[0]!.diagnostics.some((d) => d.code === 'RC001'),
      run.stdout,
    );
  });

  it('prints one syntax error for one trailing comma (JSON) and one tab (YAML)', () => {
    const dir = tempTree({
      'comma.remediation.json':
        '{\n  "RemediationConfigurations": [\n    {\n      "ConfigRuleName": "r",\n      "TargetType": "SSM_DOCUMENT",\n    }\n  ]\n}\n',
      'tab.remediation.yaml':
        'RemediationConfigurations:\n  - ConfigRuleName: r\n\tTargetType: SSM_DOCUMENT\n    TargetId: AWS-PublishSNSNotification\n',
    });
    const run = runCli(['check', dir]);
    assert.equal(run.code, 1);
    // No "Unknown member" on the tab's line: it follows from the tab.
    assert.doesNotMatch(run.stdout, /tab\.remediation\.yaml:3:\d+ error RC102/, run.stdout);
    const syntaxLines = run.stdout.split('\n').filter((line) => line.includes(' RC001 '));
    assert.deepEqual(
      syntaxLines.map((line) => line.replace(/^.*[\\/]/, '')),
      [
        'comma.remediation.json:5:35 error RC001 Trailing comma: JSON allows no comma before "}". Remove the comma (the AWS CLI reads the file with a strict JSON parser).',
        'tab.remediation.yaml:3:1 error RC001 Tab used for indentation (YAML allows only spaces). Indent this line with spaces.',
      ],
      run.stdout,
    );
  });

  it('honours suppression comments; --no-inline-config ignores them (same JSON shape)', () => {
    const text = VALID_YAML.replace(
      '    TargetType: SSM_DOCUMENT',
      '    # config-remediation-disable-next-line RC103 -- checked by hand\n    TargetType: LAMBDA',
    );
    const dir = tempTree({ 'suppressed.remediation.yaml': text });
    const file = path.join(dir, 'suppressed.remediation.yaml');
    const quiet = runCli(['check', '--format', 'json', file]);
    assert.equal(quiet.code, 0, quiet.stdout + quiet.stderr);
    const silenced = JSON.parse(quiet.stdout) as { files: { diagnostics: { code: string }[] }[] };
    assert.deepEqual(silenced.files[0]?.diagnostics, []);
    const all = runCli(['check', '--format', 'json', '--no-inline-config', file]);
    assert.equal(all.code, 1, all.stdout + all.stderr);
    const output = JSON.parse(all.stdout) as {
      files: { path: string; diagnostics: Record<string, unknown>[] }[];
    };
    assert.deepEqual(
      output.files[0]?.diagnostics.map((d) => [d.line, d.code, Object.keys(d).sort().join()]),
      [[4, 'RC103', 'code,column,endColumn,endLine,line,message,severity']],
    );
    const stale = runCli(['check', file.replace('suppressed', 'missing'), '--no-inline-config']);
    assert.equal(stale.code, 2, 'the flag changes nothing else');
    const help = runCli(['check', '--help']);
    assert.match(help.stdout, /--no-inline-config/);
  });
});
