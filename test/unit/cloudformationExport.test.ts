import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  ExportError,
  exportConfigurations,
  logicalIdBase,
  managedRuleIdentifierGuess,
  type ExportTarget,
} from '../../server/src/languageService/cloudformation/export';
import { FORMATS, service, type Format } from './helpers/bothFormats';
import { CFN_LINT_MISSING, runCfnLint } from './helpers/cfnLint';

/** Configurations that exercise the export: shared rule names, odd names, YAML 1.1 traps. */
function configurations(): Record<string, unknown>[] {
  return [
    {
      ConfigRuleName: 's3-bucket-public-read-prohibited',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'AWS-DisableS3BucketPublicReadWrite',
      TargetVersion: '1',
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: { Values: ['arn:aws:iam::444455556666:role/ConfigRemediationRole'] },
        },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
      ResourceType: 'AWS::S3::Bucket',
      Automatic: true,
      MaximumAutomaticAttempts: 5,
      RetryAttemptSeconds: 60,
      ExecutionControls: {
        SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 },
      },
      Arn: 'arn:aws:config:us-east-1:444455556666:remediation-configuration/x/1',
      CreatedByService: 'config.amazonaws.com',
    },
    {
      ConfigRuleName: 's3-bucket-public-read-prohibited',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'AWS-DisableS3BucketPublicReadWrite',
      ResourceType: 'AWS::S3::Bucket',
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: { Values: ['arn:aws:iam::444455556666:role/ConfigRemediationRole'] },
        },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    },
    {
      ConfigRuleName: '3rd party: logging!',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'Custom-Remediation',
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: { Values: ['arn:aws:iam::444455556666:role/ConfigRemediationRole'] },
        },
        Enabled: { StaticValue: { Values: ['yes', 'on', '2010-09-09', '010', 'null'] } },
      },
      Automatic: false,
    },
  ];
}

function withoutOutputOnly(values: Record<string, unknown>[]): Record<string, unknown>[] {
  return values.map(({ Arn: _a, CreatedByService: _c, ...rest }) => rest);
}

function parseOutput(text: string, format: Format): Record<string, unknown> {
  return (format === 'json' ? JSON.parse(text) : parseYaml(text, { logLevel: 'error' })) as Record<
    string,
    unknown
  >;
}

describe('Export to CloudFormation and conformance packs', () => {
  it('derives alphanumeric logical ids from rule names', () => {
    assert.equal(logicalIdBase('s3-bucket-logging-enabled'), 'S3BucketLoggingEnabled');
    assert.equal(logicalIdBase('S3BucketLoggingEnabled'), 'S3BucketLoggingEnabled');
    assert.equal(logicalIdBase('3rd party: logging!'), 'Rule3rdPartyLogging');
    assert.equal(logicalIdBase('---'), 'Rule');
  });

  it('guesses managed rule identifiers from kebab-case and PascalCase names', () => {
    assert.equal(
      managedRuleIdentifierGuess('s3-bucket-logging-enabled'),
      'S3_BUCKET_LOGGING_ENABLED',
    );
    assert.equal(managedRuleIdentifierGuess('S3BucketLoggingEnabled'), 'S3_BUCKET_LOGGING_ENABLED');
    assert.equal(managedRuleIdentifierGuess('EC2InstanceNoPublicIP'), 'EC2_INSTANCE_NO_PUBLIC_IP');
  });

  for (const format of FORMATS) {
    describe(format, () => {
      it('CloudFormation: one resource per configuration, a parameter per rule, no output-only members', () => {
        const { text } = exportConfigurations(configurations(), {
          target: 'cloudformation',
          format,
        });
        const template = parseOutput(text, format) as {
          Parameters: Record<string, { Default: string; Description: string }>;
          Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
        };
        assert.deepEqual(Object.keys(template.Resources), [
          'S3BucketPublicReadProhibitedRemediation',
          'S3BucketPublicReadProhibitedRemediation2',
          'Rule3rdPartyLoggingRemediation',
        ]);
        assert.deepEqual(
          Object.entries(template.Parameters).map(([id, p]) => [id, p.Default]),
          [
            ['S3BucketPublicReadProhibitedRuleName', 's3-bucket-public-read-prohibited'],
            ['Rule3rdPartyLoggingRuleName', '3rd party: logging!'],
          ],
        );
        assert.match(
          template.Parameters.S3BucketPublicReadProhibitedRuleName!.Description,
          /must exist .* before this stack is created/,
        );
        const first = template.Resources.S3BucketPublicReadProhibitedRemediation!;
        assert.equal(first.Type, 'AWS::Config::RemediationConfiguration');
        assert.equal(first.Properties.Arn, undefined);
        assert.equal(first.Properties.CreatedByService, undefined);
        if (format === 'yaml') {
          assert.match(text, /ConfigRuleName: !Ref S3BucketPublicReadProhibitedRuleName\n/);
          assert.match(text, /- "yes"\n/, 'YAML 1.1 readers see a string, not a boolean');
          assert.match(text, /AWSTemplateFormatVersion: "2010-09-09"/);
        } else {
          assert.deepEqual(first.Properties.ConfigRuleName, {
            Ref: 'S3BucketPublicReadProhibitedRuleName',
          });
        }
      });

      it('conformance pack: each remediation DependsOn its Config rule in the pack', () => {
        const { text } = exportConfigurations(configurations(), {
          target: 'conformance-pack',
          format,
        });
        const pack = parseOutput(text, format) as {
          Resources: Record<
            string,
            { Type: string; DependsOn?: string; Properties: Record<string, unknown> }
          >;
        };
        const rule = pack.Resources.S3BucketPublicReadProhibitedRule!;
        assert.equal(rule.Type, 'AWS::Config::ConfigRule');
        assert.deepEqual(rule.Properties.Source, {
          Owner: 'AWS',
          SourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED',
        });
        const remediation = pack.Resources.S3BucketPublicReadProhibitedRemediation2!;
        assert.equal(remediation.DependsOn, 'S3BucketPublicReadProhibitedRule');
        assert.equal(remediation.Properties.ConfigRuleName, 's3-bucket-public-read-prohibited');
      });

      for (const target of ['cloudformation', 'conformance-pack'] as const) {
        it(`${target}: round-trips (export, then read the template back)`, () => {
          const { text } = exportConfigurations(configurations(), { target, format });
          const parsed = service.parse(text, format);
          assert.equal(
            service.recognise(`exported.${format}`, text, () => parsed)?.kind,
            'cloudformation',
          );
          const back = service.configurations(parsed, 'cloudformation').map((c) => c.value);
          assert.deepEqual(back, withoutOutputOnly(configurations()));
          // And back to a request, through the same module.
          const request = exportConfigurations(back, { target: 'request', format });
          assert.deepEqual(parseOutput(request.text, format), {
            RemediationConfigurations: withoutOutputOnly(configurations()),
          });
        });
      }
    });
  }

  it('refuses values only CloudFormation can compute, naming where they are', () => {
    const values = [
      {
        ...configurations()[1],
        TargetId: { 'Fn::Sub': 'AWS-${Name}' },
        Parameters: { AutomationAssumeRole: { StaticValue: { Values: [{ Ref: 'Role' }] } } },
      },
    ];
    assert.throws(
      () => exportConfigurations(values, { target: 'request', format: 'json' }),
      (error: unknown) => {
        assert.ok(error instanceof ExportError);
        assert.deepEqual(error.unresolved, [
          { index: 0, path: 'TargetId', intrinsic: 'Fn::Sub' },
          {
            index: 0,
            path: 'Parameters.AutomationAssumeRole.StaticValue.Values[0]',
            intrinsic: 'Ref',
          },
        ]);
        assert.match(
          error.message,
          /2 values are intrinsic functions that only CloudFormation can compute/,
        );
        return true;
      },
    );
  });

  it('refuses an empty file', () => {
    assert.throws(
      () => exportConfigurations([], { target: 'cloudformation', format: 'yaml' }),
      /no remediation configurations to export/,
    );
  });

  it('warns when a conformance pack is too large for an inline TemplateBody', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...configurations()[1],
      ConfigRuleName: `rule-number-${i}`,
    }));
    const { warnings } = exportConfigurations(many, { target: 'conformance-pack', format: 'yaml' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /at most 51200 bytes inline .* --template-s3-uri/);
  });

  it('writes rule names as they are past the 200 parameters a template may have', () => {
    const many = Array.from({ length: 201 }, (_, i) => ({
      ...configurations()[1],
      ConfigRuleName: `rule-number-${i}`,
    }));
    const { text, warnings } = exportConfigurations(many, {
      target: 'cloudformation',
      format: 'json',
    });
    const template = JSON.parse(text) as {
      Parameters?: unknown;
      Resources: Record<string, { Properties: { ConfigRuleName: unknown } }>;
    };
    assert.equal(template.Parameters, undefined);
    assert.equal(
      template.Resources.RuleNumber200Remediation?.Properties.ConfigRuleName,
      'rule-number-200',
    );
    assert.match(warnings[0] ?? '', /201 Config rules: more than the 200 parameters/);
  });

  describe('cfn-lint', function () {
    this.timeout(180_000);
    it('passes every export cleanly (CloudFormation and conformance pack, JSON and YAML)', function () {
      const dir = mkdtempSync(path.join(tmpdir(), 'config-remediation-export-'));
      try {
        const files: string[] = [];
        for (const target of ['cloudformation', 'conformance-pack'] as ExportTarget[]) {
          for (const format of FORMATS) {
            const file = path.join(dir, `${target}.${format}`);
            writeFileSync(file, exportConfigurations(configurations(), { target, format }).text);
            files.push(file);
          }
        }
        const findings = runCfnLint(files);
        if (!findings) {
          console.warn(`      ${CFN_LINT_MISSING}`);
          this.skip();
        }
        assert.deepEqual(
          findings.map((f) => `${path.basename(f.Filename)}: ${f.Rule.Id} ${f.Message}`),
          [],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
