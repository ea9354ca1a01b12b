import * as assert from 'node:assert/strict';
import { FORMATS, lineOf, nodeAt, validateValue } from './helpers/bothFormats';

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

/** A valid automatic configuration with a catalogued runbook that each case breaks in one way. */
function base(): Record<string, unknown> {
  return {
    ConfigRuleName: 's3-bucket-public-read-prohibited',
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-DisableS3BucketPublicReadWrite',
    Parameters: {
      AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
      S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
    },
    ResourceType: 'AWS::S3::Bucket',
    Automatic: true,
    MaximumAutomaticAttempts: 5,
    RetryAttemptSeconds: 60,
  };
}

/** The same, manual and without the automatic-only settings. */
function manual(): Record<string, unknown> {
  const value: Record<string, unknown> = { ...base(), Automatic: false };
  delete value.MaximumAutomaticAttempts;
  delete value.RetryAttemptSeconds;
  return value;
}

function request(...configurations: Record<string, unknown>[]): unknown {
  return { RemediationConfigurations: configurations };
}

function without(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

interface Case {
  name: string;
  value: unknown;
  rule: string;
  at?: string;
  key?: boolean;
  lineOf?: string;
  message: RegExp;
  severity?: string;
}

const cases: Case[] = [
  {
    name: 'Automatic: true without AutomationAssumeRole',
    value: request({
      ...base(),
      Parameters: { S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } } },
    }),
    rule: 'RC200',
    at: 'RemediationConfigurations[0].Automatic',
    key: true,
    message:
      /needs the parameter "AutomationAssumeRole".*"Parameter AutomationAssumeRole is required".*the only valid assumeRole field value is AutomationAssumeRole/,
    severity: 'error',
  },
  {
    name: 'Automatic: true without Parameters at all',
    value: request({ ...without(base(), 'Parameters'), TargetId: 'MyCompany-FixBucket' }),
    rule: 'RC200',
    at: 'RemediationConfigurations[0].Automatic',
    key: true,
    message: /needs the parameter "AutomationAssumeRole"/,
  },
  {
    name: 'Automatic: true with the role as a ResourceValue',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { ResourceValue: { Value: 'RESOURCE_ID' } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC200',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.ResourceValue',
    key: true,
    message: /must be a StaticValue holding an IAM role ARN/,
  },
  {
    name: 'Automatic: true with two role ARNs',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE, ROLE] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC200',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values',
    key: true,
    message: /exactly one IAM role ARN.*it has 2 values/,
  },
  {
    name: 'manual remediation without any assume role (custom runbook)',
    value: request({
      ...manual(),
      TargetId: 'MyCompany-FixBucket',
      Parameters: { BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } } },
    }),
    rule: 'RC201',
    at: 'RemediationConfigurations[0].Parameters',
    key: true,
    message:
      /manual remediation passes no "AutomationAssumeRole".*provide a value for automationAssumeRole or use a value in the assumeRole field/,
    // The runbook's content is not visible: its assumeRole field may hold a fixed role.
    severity: 'information',
  },
  {
    name: 'manual remediation of a catalogued runbook whose role is optional',
    value: request({
      ...manual(),
      Parameters: { S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } } },
    }),
    rule: 'RC201',
    at: 'RemediationConfigurations[0].Parameters',
    key: true,
    message: /passes no "AutomationAssumeRole"/,
  },
  {
    name: 'role that is a user ARN',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: ['arn:aws:iam::444455556666:user/admin'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC202',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values[0]',
    message: /"arn:aws:iam::444455556666:user\/admin" is not an IAM role ARN/,
    severity: 'error',
  },
  {
    name: 'role name without the ARN',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: ['ConfigRemediationRole'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC202',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values[0]',
    message: /not an IAM role ARN/,
  },
  {
    name: 'role with an 11-digit account id',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: ['arn:aws:iam::44445555666:role/R'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC202',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values[0]',
    message: /not an IAM role ARN/,
  },
  {
    name: 'manual remediation with the role as a ResourceValue',
    value: request({
      ...manual(),
      Parameters: {
        AutomationAssumeRole: { ResourceValue: { Value: 'RESOURCE_ID' } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC202',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.ResourceValue',
    key: true,
    message: /must be a StaticValue holding an IAM role ARN/,
  },
  {
    name: 'role with the documentation account id',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: ['arn:aws:iam::123456789012:role/R'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values[0]',
    message: /"123456789012" \(the example account id of the AWS documentation\).*placeholder/,
    severity: 'warning',
  },
  {
    name: 'role with <Account-Id>',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: ['arn:aws:iam::<Account-Id>:role/R'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values[0]',
    message: /"<Account-Id>" in .* looks like a placeholder/,
  },
  {
    name: 'role with ${AccountId}',
    value: request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: ['arn:aws:iam::${AccountId}:role/R'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].Parameters.AutomationAssumeRole.StaticValue.Values[0]',
    message: /"\$\{AccountId\}" in/,
  },
  {
    name: 'another ARN parameter with the documentation account id',
    value: request({
      ...base(),
      TargetId: 'AWS-PublishSNSNotification',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        TopicArn: { StaticValue: { Values: ['arn:aws:sns:us-east-1:123456789012:alerts'] } },
        Message: { StaticValue: { Values: ['Noncompliant'] } },
      },
      ResourceType: 'AWS::DynamoDB::Table',
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].Parameters.TopicArn.StaticValue.Values[0]',
    message: /"123456789012"/,
  },
  {
    name: 'a static value that is a placeholder',
    value: request({
      ...base(),
      TargetId: 'Custom-SecurityGroupFix',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        MasterAccountID: { StaticValue: { Values: ['<Account-Id>'] } },
      },
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].Parameters.MasterAccountID.StaticValue.Values[0]',
    message: /^"<Account-Id>" looks like a placeholder/,
  },
  {
    name: 'a static value with a [[ Replace ]] marker',
    value: request({
      ...base(),
      TargetId: 'Custom-Notify',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        TopicName: { StaticValue: { Values: ['[[ Replace with your topic ]]'] } },
      },
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].Parameters.TopicName.StaticValue.Values[0]',
    message: /"\[\[ Replace with your topic \]\]" looks like a placeholder/,
  },
  {
    name: 'a TargetId document ARN with <Account-Id>',
    value: request({
      ...base(),
      TargetId: 'arn:aws:ssm:us-east-1:<Account-Id>:document/SecurityGroupFix',
      Parameters: { AutomationAssumeRole: { StaticValue: { Values: [ROLE] } } },
    }),
    rule: 'RC203',
    at: 'RemediationConfigurations[0].TargetId',
    message: /"<Account-Id>" in "arn:aws:ssm:.*no such document exists/,
  },
  {
    name: 'the same ConfigRuleName twice',
    value: request(base(), {
      ...base(),
      TargetId: 'AWS-ConfigureS3BucketVersioning',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
    rule: 'RC204',
    at: 'RemediationConfigurations[1].ConfigRuleName',
    message:
      /Configuration 2 is for "s3-bucket-public-read-prohibited" too, like configuration 1\..*silently replaces/,
    severity: 'error',
  },
  {
    name: 'Arn in a request',
    value: request({
      ...base(),
      Arn: 'arn:aws:config:us-east-1:444455556666:remediation-configuration/r/1',
    }),
    rule: 'RC205',
    at: 'RemediationConfigurations[0].Arn',
    key: true,
    message: /"Arn" is the ARN of the remediation configuration.*not for sending/,
    severity: 'warning',
  },
  {
    name: 'CreatedByService in a request',
    value: request({ ...base(), CreatedByService: 'securityhub.amazonaws.com' }),
    rule: 'RC205',
    at: 'RemediationConfigurations[0].CreatedByService',
    key: true,
    message: /"CreatedByService".*not for sending/,
  },
  {
    name: 'MaximumAutomaticAttempts on a manual remediation',
    value: request({ ...manual(), MaximumAutomaticAttempts: 5 }),
    rule: 'RC206',
    at: 'RemediationConfigurations[0].MaximumAutomaticAttempts',
    key: true,
    message: /applies only to automatic remediation.*Automatic: false/,
    severity: 'information',
  },
  {
    name: 'RetryAttemptSeconds without Automatic',
    value: request({ ...without(manual(), 'Automatic'), RetryAttemptSeconds: 60 }),
    rule: 'RC206',
    at: 'RemediationConfigurations[0].RetryAttemptSeconds',
    key: true,
    message: /no Automatic: true/,
  },
  {
    name: 'automatic remediation without ResourceType',
    value: request(without(base(), 'ResourceType')),
    rule: 'RC207',
    at: 'RemediationConfigurations[0].Automatic',
    key: true,
    message: /no "ResourceType".*acts on AWS::S3::Bucket/,
    severity: 'information',
  },
  {
    name: 'ResourceType with a case mistake',
    value: request({ ...base(), ResourceType: 'AWS::S3::bucket' }),
    rule: 'RC208',
    at: 'RemediationConfigurations[0].ResourceType',
    message:
      /"AWS::S3::bucket" is not an AWS Config resource type\. Did you mean "AWS::S3::Bucket"\?/,
    severity: 'warning',
  },
  {
    name: 'ResourceType that does not exist',
    value: request({ ...base(), ResourceType: 'S3 bucket' }),
    rule: 'RC208',
    at: 'RemediationConfigurations[0].ResourceType',
    message: /not an AWS Config resource type/,
  },
  {
    name: 'Security Hub rule name',
    value: request({
      ...base(),
      ConfigRuleName: 'securityhub-s3-bucket-public-read-prohibited-a1b2c3',
    }),
    rule: 'RC209',
    at: 'RemediationConfigurations[0].ConfigRuleName',
    message:
      /deployed by Security Hub.*"This API does not support adding remediation configurations for service-linked Config Rules/,
    severity: 'warning',
  },
  {
    name: 'conformance pack rule name',
    value: request({
      ...base(),
      ConfigRuleName: 's3-bucket-public-read-prohibited-conformance-pack-k3x9ab2q',
    }),
    rule: 'RC209',
    at: 'RemediationConfigurations[0].ConfigRuleName',
    message: /deployed by a conformance pack.*the rules deployed by conformance packs/,
  },
  {
    name: 'automatic remediation that terminates instances',
    value: request({
      ...base(),
      ConfigRuleName: 'ec2-stopped-instance',
      TargetId: 'AWS-TerminateEC2Instance',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        InstanceId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
      ResourceType: 'AWS::EC2::Instance',
    }),
    rule: 'RC210',
    at: 'RemediationConfigurations[0].TargetId',
    message:
      /runs automatically and terminates resources.*auto remediation can be initiated even for compliant resources/,
    severity: 'information',
  },
];

/** Configurations that must get no problem at all from any rule. */
const clean: { name: string; value: unknown }[] = [
  { name: 'a manual remediation with the role', value: request(manual()) },
  {
    name: 'SSM parameter references and ordinary text are not placeholders',
    value: request({
      ...base(),
      TargetId: 'MyCompany-Notify',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        Topic: { StaticValue: { Values: ['{{ssm:/notify/topic}}'] } },
        Message: { StaticValue: { Values: ['Bucket <b> is public', 'a < b > c'] } },
      },
    }),
  },
  {
    name: 'a custom runbook with its own parameters',
    value: request({
      ...base(),
      TargetId: 'MyCompany-EnforceBucketPolicy',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        Bucket: { ResourceValue: { Value: 'RESOURCE_ID' } },
        Mode: { StaticValue: { Values: ['strict', 'audit'] } },
      },
    }),
  },
  {
    name: 'a shared document by ARN',
    value: request({
      ...base(),
      TargetId: 'arn:aws:ssm:us-east-1:444455556666:document/AWS-NotARealRunbook',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        Anything: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    }),
  },
  {
    name: 'role ARNs in other partitions and with paths',
    value: request(
      {
        ...base(),
        Parameters: {
          AutomationAssumeRole: {
            StaticValue: {
              Values: ['arn:aws-us-gov:iam::444455556666:role/service-role/Remediate'],
            },
          },
          S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
        },
      },
      {
        ...base(),
        ConfigRuleName: 'other',
        Parameters: {
          AutomationAssumeRole: {
            StaticValue: { Values: ['arn:aws-cn:iam::444455556666:role/a+b=c,d.e@f-g_h'] },
          },
          S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
        },
      },
    ),
  },
  {
    name: 'an S3 ARN (no account) and an AWS managed policy ARN',
    value: request({
      ...base(),
      TargetId: 'MyCompany-Attach',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        Bucket: { StaticValue: { Values: ['arn:aws:s3:::my-bucket'] } },
        Policy: { StaticValue: { Values: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } },
      },
    }),
  },
  {
    name: 'automatic remediation with a destructive-sounding word inside another word',
    value: request({
      ...base(),
      ConfigRuleName: 'rds-cluster-deletion-protection-enabled',
      TargetId: 'AWSConfigRemediation-EnableRDSClusterDeletionProtection',
      Parameters: {
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        ClusterId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
      ResourceType: 'AWS::RDS::DBCluster',
    }),
  },
];

describe('cross-field rules (RC2xx), in JSON and YAML', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      it('reports nothing on the valid base request', () => {
        assert.deepEqual(validateValue(request(base()), format).problems, []);
      });
      for (const testCase of clean) {
        it(`reports nothing on ${testCase.name}`, () => {
          const { problems } = validateValue(testCase.value, format);
          assert.deepEqual(problems, []);
        });
      }
      for (const testCase of cases) {
        it(`${testCase.rule} ${testCase.name}`, () => {
          const { text, parsed, problems } = validateValue(testCase.value, format);
          const matching = problems.filter((p) => p.ruleId === testCase.rule);
          assert.equal(
            matching.length,
            1,
            `expected one ${testCase.rule}, got ${JSON.stringify(problems, null, 1)}`,
          );
          const problem = matching[0]!;
          assert.match(problem.message, testCase.message);
          if (testCase.severity) assert.equal(problem.severity, testCase.severity);
          if (testCase.at) {
            const node = nodeAt(parsed, testCase.at, testCase.key);
            assert.deepEqual(
              { offset: problem.offset, length: problem.length },
              { offset: node.offset, length: node.length },
              `range of ${testCase.rule}: got "${text.substr(problem.offset, problem.length)}"`,
            );
          }
          if (testCase.lineOf !== undefined) {
            const node = nodeAt(parsed, testCase.lineOf);
            assert.equal(lineOf(text, problem.offset), lineOf(text, node.offset));
          }
        });
      }
    });
  }

  it('a manual remediation of a runbook that requires the role gets the runbook error, not the warning', () => {
    const value = request({
      ...manual(),
      TargetId: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      Parameters: { GroupId: { ResourceValue: { Value: 'RESOURCE_ID' } } },
      ResourceType: 'AWS::EC2::SecurityGroup',
    });
    for (const format of FORMATS) {
      const ids = validateValue(value, format).problems.map((p) => p.ruleId);
      assert.deepEqual(ids, ['RC301'], format);
    }
  });

  it('a placeholder role is one warning, not also a format error', () => {
    const value = request({
      ...base(),
      Parameters: {
        AutomationAssumeRole: {
          StaticValue: { Values: ['arn:aws:iam::<Account-Id>:role/<Role>'] },
        },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      },
    });
    for (const format of FORMATS) {
      assert.deepEqual(
        validateValue(value, format).problems.map((p) => p.ruleId),
        ['RC203'],
        format,
      );
    }
  });
});
