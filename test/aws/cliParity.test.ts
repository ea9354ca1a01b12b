/**
 * For the same request file, the body our deploy() sends equals the body AWS CLI v1 sends
 * (`aws configservice put-remediation-configurations --cli-input-json file://...`), both
 * recorded by the SigV4-verifying fixture.
 */

import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RemediationConfiguration } from '../../common/src/aws';
import { deploy } from '../../common/src/aws';
import type { AwsFixture } from '../fixtures/awsFixture';
import { FIXTURE_ACCESS_KEY_ID, startAwsFixture } from '../fixtures/awsFixture';
import {
  assertNothingSecret,
  captureLogger,
  fixtureContext,
  makeConfigs,
  run,
  runAwsCli,
  seen,
  tempDir,
} from './helpers';

const SAMPLE_JSON = {
  RemediationConfigurations: [
    {
      ConfigRuleName: 's3-bucket-server-side-encryption-enabled',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'AWS-EnableS3BucketEncryption',
      TargetVersion: '1',
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: { Values: ['arn:aws:iam::123456789012:role/S3Remediation'] },
        },
        BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
        SSEAlgorithm: { StaticValue: { Values: ['AES256'] } },
      },
      ResourceType: 'AWS::S3::Bucket',
      Automatic: true,
      ExecutionControls: {
        SsmControls: { ConcurrentExecutionRatePercentage: 25, ErrorPercentage: 20 },
      },
      MaximumAutomaticAttempts: 3,
      RetryAttemptSeconds: 1200,
    },
    {
      ConfigRuleName: 'restricted-ssh',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'AWS-DisablePublicAccessForSecurityGroup',
      Parameters: {
        GroupId: { ResourceValue: { Value: 'RESOURCE_ID' } },
        IpAddressToBlock: { StaticValue: { Values: [] } },
      },
      Automatic: false,
    },
    {
      ConfigRuleName: 'minimal',
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'arn:aws:ssm:us-east-1:123456789012:document/Custom-Doc',
    },
  ],
};

const SAMPLE_YAML = `# a remediation file in YAML
RemediationConfigurations:
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    TargetVersion: "1"
    Parameters:
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      TargetBucket:
        StaticValue:
          Values:
            - central-logs-123456789012
      GrantedPermission:
        StaticValue:
          Values: [READ]
      AutomationAssumeRole:
        StaticValue:
          Values:
            - "arn:aws:iam::123456789012:role/S3Logging"
    ResourceType: "AWS::S3::Bucket"
    Automatic: true
    MaximumAutomaticAttempts: 10
    RetryAttemptSeconds: 3600
    ExecutionControls:
      SsmControls:
        ConcurrentExecutionRatePercentage: 50
        ErrorPercentage: 10
  - ConfigRuleName: ec2-ebs-encryption-by-default
    TargetType: SSM_DOCUMENT
    TargetId: AWSConfigRemediation-EnableEbsEncryptionByDefault
    Automatic: false
`;

describe('AWS boundary: request body parity with AWS CLI v1', function () {
  this.timeout(60_000);
  let fixture: AwsFixture;
  let tmp: ReturnType<typeof tempDir>;
  const logger = captureLogger();

  before(async () => {
    fixture = await startAwsFixture();
    tmp = tempDir();
  });
  after(async () => {
    await fixture.close();
    tmp.cleanup();
  });
  beforeEach(() => fixture.reset());

  async function ours(configs: RemediationConfiguration[]) {
    const ctx = await fixtureContext(fixture, logger);
    try {
      const report = await deploy(ctx, configs);
      assert.equal(report.ok, true, JSON.stringify(report));
      return report;
    } finally {
      ctx.close();
    }
  }

  it('sends the same PutRemediationConfigurations body as the CLI for a JSON file', async () => {
    const file = join(tmp.dir, 'request.json');
    writeFileSync(file, JSON.stringify(SAMPLE_JSON, null, 2));

    const cli = await runAwsCli(tmp.dir, fixture, [
      'configservice',
      'put-remediation-configurations',
      '--cli-input-json',
      `file://${file}`,
    ]);
    assert.equal(cli.code, 0, `aws CLI failed: ${cli.stderr}`);
    assert.deepEqual(JSON.parse(cli.stdout), { FailedBatches: [] });

    const parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof SAMPLE_JSON;
    await ours(parsed.RemediationConfigurations as RemediationConfiguration[]);

    const [fromCli, fromUs] = fixture.calls('PutRemediationConfigurations');
    assert.equal(fixture.calls('PutRemediationConfigurations').length, 2);
    // Both were signed with the fixture's key and verified by the fixture.
    for (const r of [fromCli, fromUs]) {
      assert.equal(r.signatureValid, true);
      assert.equal(r.status, 200);
      assert.equal(r.accessKeyId, FIXTURE_ACCESS_KEY_ID);
      assert.equal(r.region, 'us-east-1');
      assert.equal(r.signingService, 'config');
    }
    assert.match(fromCli.headers['user-agent'] ?? '', /aws-cli\/1\./);
    assert.match(fromUs.headers['user-agent'] ?? '', /aws-sdk-js/);
    assert.equal(fromUs.headers['x-amz-target'], fromCli.headers['x-amz-target']);
    assert.equal(
      fromUs.headers['x-amz-target'],
      'StarlingDoveService.PutRemediationConfigurations',
    );
    assert.equal(fromUs.headers['content-type'], fromCli.headers['content-type']);
    assert.deepEqual(fromUs.body, fromCli.body);
    assert.deepEqual(fromCli.body, SAMPLE_JSON);
  });

  it('sends the same body as the CLI for a YAML file (CLI v1 has no --cli-input-yaml: PyYAML converts it)', async () => {
    const yamlFile = join(tmp.dir, 'request.yaml');
    const jsonFile = join(tmp.dir, 'request-from-yaml.json');
    writeFileSync(yamlFile, SAMPLE_YAML);
    // AWS CLI v1 (on the image) only has --cli-input-json; convert with the CLI's own YAML
    // library (PyYAML, an awscli dependency), independently of the `yaml` package we use.
    const conv = await run(
      'python3',
      [
        '-c',
        'import sys, json, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), open(sys.argv[2], "w"))',
        yamlFile,
        jsonFile,
      ],
      {},
    );
    assert.equal(conv.code, 0, conv.stderr);
    const cli = await runAwsCli(tmp.dir, fixture, [
      'configservice',
      'put-remediation-configurations',
      '--cli-input-json',
      `file://${jsonFile}`,
    ]);
    assert.equal(cli.code, 0, `aws CLI failed: ${cli.stderr}`);

    const doc = parseYaml(readFileSync(yamlFile, 'utf8')) as {
      RemediationConfigurations: RemediationConfiguration[];
    };
    await ours(doc.RemediationConfigurations);

    const puts = fixture.calls('PutRemediationConfigurations');
    assert.equal(puts.length, 2);
    assert.equal(puts[0].signatureValid && puts[1].signatureValid, true);
    assert.deepEqual(puts[1].body, puts[0].body);
    const sent = (puts[1].body as { RemediationConfigurations: Record<string, unknown>[] })
      .RemediationConfigurations;
    assert.equal(sent.length, 2);
    assert.equal(sent[0].TargetVersion, '1');
    assert.equal(sent[0].RetryAttemptSeconds, 3600);
  });

  it('sends the same bodies as the CLI for 25 generated configurations (one full batch)', async () => {
    const configs = makeConfigs(25);
    const file = join(tmp.dir, 'request25.json');
    writeFileSync(file, JSON.stringify({ RemediationConfigurations: configs }));
    const cli = await runAwsCli(tmp.dir, fixture, [
      'configservice',
      'put-remediation-configurations',
      '--cli-input-json',
      `file://${file}`,
    ]);
    assert.equal(cli.code, 0, cli.stderr);
    await ours(configs);
    const [a, b] = fixture.calls('PutRemediationConfigurations');
    assert.deepEqual(b.body, a.body);
  });

  it('the CLI is refused by the fixture with a wrong secret key (the fixture really verifies SigV4)', async () => {
    const file = join(tmp.dir, 'request.json');
    writeFileSync(file, JSON.stringify(SAMPLE_JSON));
    const cli = await runAwsCli(
      tmp.dir,
      fixture,
      ['configservice', 'put-remediation-configurations', '--cli-input-json', `file://${file}`],
      {
        AWS_SECRET_ACCESS_KEY: 'wrongSecretKeyEXAMPLEwrongSecretKeyEXAMP',
        AWS_MAX_ATTEMPTS: '1',
      },
    );
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /InvalidSignatureException/);
    const put = fixture.calls('PutRemediationConfigurations');
    assert.ok(put.length >= 1);
    assert.ok(put.every((r) => !r.signatureValid && r.status === 403));
  });

  it('logs nothing secret', () => {
    seen(...logger.lines);
    assertNothingSecret();
  });
});
