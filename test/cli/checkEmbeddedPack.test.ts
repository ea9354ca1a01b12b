import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli, tempTree } from './cliRunner';

/** A stack whose conformance pack carries its template in a `!Sub` block scalar. */
const STACK = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Pack:
    Type: AWS::Config::ConformancePack
    Properties:
      ConformancePackName: s3-pack
      TemplateBody: !Sub |
        Resources:
          S3Remediation:
            Type: AWS::Config::RemediationConfiguration
            Properties:
              ConfigRuleName: s3-bucket-versioning-enabled
              TargetType: SSM_DOCUMENT
              TargetId: AWS-ConfigureS3BucketVersioning
              ResourceType: AWS::S3::Bucket
              Automatic: true
              MaximumAutomaticAttempts: 50
              Parameters:
                AutomationAssumeRole:
                  StaticValue:
                    Values:
                      - arn:aws:iam::\${AWS::AccountId}:role/Remediation
                BucketName:
                  ResourceValue:
                    Value: RESOURCE_ID
`;

describe('CLI: check on embedded conformance pack templates', function () {
  this.timeout(60000);

  it('reports a problem inside a TemplateBody on its line in the outer file', () => {
    const dir = tempTree({ 'stack.yaml': STACK });
    const file = path.join(dir, 'stack.yaml');
    const run = runCli(['check', file]);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1), [
      `${file}:17:41 error RC106 "MaximumAutomaticAttempts" must be between 1 and 25; 50 is out of range.`,
    ]);
    assert.equal(lines.at(-1), '1 error, 0 warnings, 0 information in 1 file.');
  });

  it('exits 0 once the body is right (no error on ${AWS::AccountId})', () => {
    const dir = tempTree({ 'stack.yaml': STACK.replace('Attempts: 50', 'Attempts: 5') });
    const run = runCli(['check', path.join(dir, 'stack.yaml')]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.trim(), '0 errors, 0 warnings, 0 information in 1 file.');
  });
});
