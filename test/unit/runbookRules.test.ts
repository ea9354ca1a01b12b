import * as assert from 'node:assert/strict';
import { FORMATS, nodeAt, validateValue } from './helpers/bothFormats';
import { compilePattern } from '../../server/src/languageService/rules/runbook/parameters';
import { service } from './helpers/bothFormats';
import { createLanguageService } from '../../server/src/languageService/languageService';

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';
const role = { StaticValue: { Values: [ROLE] } };
const resourceId = { ResourceValue: { Value: 'RESOURCE_ID' } };
const values = (...items: string[]): unknown => ({ StaticValue: { Values: items } });

/** A manual configuration of a catalogued runbook; each case sets TargetId, Parameters, ResourceType. */
function configuration(
  targetId: string,
  parameters: Record<string, unknown>,
  resourceType?: string,
): Record<string, unknown> {
  return {
    ConfigRuleName: 'rule',
    TargetType: 'SSM_DOCUMENT',
    TargetId: targetId,
    Parameters: parameters,
    ...(resourceType ? { ResourceType: resourceType } : {}),
    Automatic: false,
  };
}

function request(...configurations: Record<string, unknown>[]): unknown {
  return { RemediationConfigurations: configurations };
}

interface Case {
  name: string;
  value: unknown;
  rule: string;
  at: string;
  key?: boolean;
  message: RegExp;
  severity: string;
}

const P = 'RemediationConfigurations[0].Parameters';

const cases: Case[] = [
  {
    name: 'a parameter the runbook does not have, with the real name suggested',
    value: request(
      configuration('AWS-EnableVPCFlowLogs', {
        AutomationAssumeRole: role,
        VpcId: resourceId,
        LogDestinationArn: values('arn:aws:logs:us-east-1:444455556666:log-group:flow'),
      }),
    ),
    rule: 'RC300',
    at: `${P}.VpcId`,
    key: true,
    message: /Runbook "AWS-EnableVPCFlowLogs" has no parameter "VpcId"\. Did you mean "VPCIds"\?/,
    severity: 'error',
  },
  {
    name: 'a parameter with a case mistake',
    value: request(
      configuration(
        'AWS-EnableS3BucketEncryption',
        {
          AutomationAssumeRole: role,
          bucketName: resourceId,
        },
        'AWS::S3::Bucket',
      ),
    ),
    rule: 'RC300',
    at: `${P}.bucketName`,
    key: true,
    message: /no parameter "bucketName"\. Did you mean "BucketName"\?/,
    severity: 'error',
  },
  {
    name: 'a parameter with nothing close: the valid names are listed',
    value: request(
      configuration(
        'AWS-ConfigureS3BucketVersioning',
        {
          AutomationAssumeRole: role,
          BucketName: resourceId,
          Color: values('blue'),
        },
        'AWS::S3::Bucket',
      ),
    ),
    rule: 'RC300',
    at: `${P}.Color`,
    key: true,
    message: /Its parameters: BucketName, VersioningState, AutomationAssumeRole\./,
    severity: 'error',
  },
  {
    name: 'a missing required parameter',
    value: request(
      configuration(
        'AWS-ConfigureS3BucketLogging',
        {
          AutomationAssumeRole: role,
          BucketName: resourceId,
        },
        'AWS::S3::Bucket',
      ),
    ),
    rule: 'RC301',
    at: P,
    key: true,
    message:
      /requires the parameter "TargetBucket" \(no default\).*"Parameter TargetBucket is required"/,
    severity: 'error',
  },
  {
    name: 'missing required parameters and no Parameters at all',
    value: request({
      ...configuration('AWS-ConfigureS3BucketLogging', {}, 'AWS::S3::Bucket'),
      Parameters: undefined,
    }),
    rule: 'RC301',
    at: 'RemediationConfigurations[0].TargetId',
    message: /requires the parameters "BucketName", "TargetBucket"/,
    severity: 'error',
  },
  {
    name: 'two values for a String parameter',
    value: request(
      configuration(
        'AWS-EnableS3BucketEncryption',
        {
          AutomationAssumeRole: role,
          BucketName: resourceId,
          SSEAlgorithm: values('AES256', 'aws:kms'),
        },
        'AWS::S3::Bucket',
      ),
    ),
    rule: 'RC302',
    at: `${P}.SSEAlgorithm.StaticValue.Values`,
    key: true,
    message: /"SSEAlgorithm" .* is of type String: it takes one value, not 2/,
    severity: 'error',
  },
  {
    name: 'two role ARNs on a manual remediation (AWS::IAM::Role::Arn takes one)',
    value: request(
      configuration(
        'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
        {
          AutomationAssumeRole: values(ROLE, ROLE),
          GroupId: resourceId,
        },
        'AWS::EC2::SecurityGroup',
      ),
    ),
    rule: 'RC302',
    at: `${P}.AutomationAssumeRole.StaticValue.Values`,
    key: true,
    message: /is of type AWS::IAM::Role::Arn: it takes one value, not 2/,
    severity: 'error',
  },
  {
    name: 'a value not in allowedValues, with the nearest suggested',
    value: request(
      configuration(
        'AWS-ConfigureS3BucketVersioning',
        {
          AutomationAssumeRole: role,
          BucketName: resourceId,
          VersioningState: values('enabled'),
        },
        'AWS::S3::Bucket',
      ),
    ),
    rule: 'RC303',
    at: `${P}.VersioningState.StaticValue.Values[0]`,
    message:
      /Parameter "VersioningState" has value "enabled" not found in \[Enabled, Suspended\].*Did you mean "Enabled"\?/,
    severity: 'error',
  },
  {
    name: 'a Boolean outside its allowedValues',
    value: request(
      configuration('AWSConfigRemediation-SetIAMPasswordPolicy', {
        AutomationAssumeRole: role,
        RequireSymbols: values('yes'),
      }),
    ),
    rule: 'RC303',
    at: `${P}.RequireSymbols.StaticValue.Values[0]`,
    message: /has value "yes" not found in \[true, false\]/,
    severity: 'error',
  },
  {
    name: 'a value that does not match allowedPattern',
    value: request(
      configuration('AWSConfigRemediation-SetIAMPasswordPolicy', {
        AutomationAssumeRole: role,
        MinimumPasswordLength: values('4'),
      }),
    ),
    rule: 'RC304',
    at: `${P}.MinimumPasswordLength.StaticValue.Values[0]`,
    message:
      /"MinimumPasswordLength" has value "4", which does not match the runbook's allowedPattern/,
    severity: 'error',
  },
  {
    name: 'a security group id that does not match',
    value: request(
      configuration('AWS-CloseSecurityGroup', {
        AutomationAssumeRole: role,
        SecurityGroupId: values('default'),
      }),
    ),
    rule: 'RC304',
    at: `${P}.SecurityGroupId.StaticValue.Values[0]`,
    message: /does not match the runbook's allowedPattern/,
    severity: 'error',
  },
  {
    name: 'an Integer given a word',
    value: request(
      configuration('AWS-EnableDocDbClusterBackupRetentionPeriod', {
        AutomationAssumeRole: role,
        DBClusterResourceId: resourceId,
        BackupRetentionPeriod: values('seven'),
      }),
    ),
    rule: 'RC305',
    at: `${P}.BackupRetentionPeriod.StaticValue.Values[0]`,
    message: /is an Integer: use a whole number/,
    severity: 'error',
  },
  {
    name: 'an AWS- runbook that does not exist',
    value: request(configuration('AWS-EnableRdsDbEncryption', { AutomationAssumeRole: role })),
    rule: 'RC306',
    at: 'RemediationConfigurations[0].TargetId',
    message:
      /"AWS-EnableRdsDbEncryption" is not an AWS-managed runbook that we know; check the name\./,
    severity: 'warning',
  },
  {
    name: 'an AWSConfigRemediation- runbook with a case mistake',
    value: request(
      configuration(
        'AWSConfigRemediation-EnableCloudTrailLogFileValidation'
          .toLowerCase()
          .replace('awsconfigremediation', 'AWSConfigRemediation'),
        {
          AutomationAssumeRole: role,
        },
      ),
    ),
    rule: 'RC306',
    at: 'RemediationConfigurations[0].TargetId',
    message: /Did you mean "AWSConfigRemediation-EnableCloudTrailLogFileValidation"\?/,
    severity: 'warning',
  },
  {
    name: "a ResourceType other than the runbook's",
    value: request(
      configuration(
        'AWS-EnableS3BucketEncryption',
        { AutomationAssumeRole: role, BucketName: resourceId },
        'AWS::EC2::Instance',
      ),
    ),
    rule: 'RC307',
    at: 'RemediationConfigurations[0].ResourceType',
    message: /acts on AWS::S3::Bucket, but ResourceType is AWS::EC2::Instance/,
    severity: 'warning',
  },
  {
    name: 'the resource ID given to a parameter with allowed values',
    value: request(
      configuration(
        'AWS-ConfigureS3BucketVersioning',
        {
          AutomationAssumeRole: role,
          BucketName: values('my-bucket'),
          VersioningState: resourceId,
        },
        'AWS::S3::Bucket',
      ),
    ),
    rule: 'RC308',
    at: `${P}.VersioningState.ResourceValue`,
    key: true,
    message:
      /"VersioningState" gets the resource ID at run time, but it is one of \[Enabled, Suspended\]\. This runbook takes the resource ID in "BucketName"\./,
    severity: 'warning',
  },
];

/** Realistic, correct configurations: no problem of any rule. */
const clean: { name: string; value: unknown }[] = [
  {
    name: 'a Boolean given as "True" and an Integer inside its pattern',
    value: request(
      configuration('AWSConfigRemediation-SetIAMPasswordPolicy', {
        AutomationAssumeRole: role,
        RequireSymbols: values('True'),
        HardExpiry: values('false'),
        MinimumPasswordLength: values('14'),
        MaxPasswordAge: values('90'),
      }),
    ),
  },
  {
    name: 'a StringList with several values',
    value: request(
      configuration('AWS-EnableVPCFlowLogs', {
        AutomationAssumeRole: role,
        VPCIds: values('vpc-0a1b2c3d', 'vpc-4e5f6a7b'),
        LogDestinationType: values('s3'),
        LogDestinationArn: values('arn:aws:s3:::flow-logs-bucket'),
      }),
    ),
  },
  {
    name: 'a ResourceValue on a parameter with an allowedPattern (not checked: known at run time)',
    value: request(
      configuration(
        'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
        {
          AutomationAssumeRole: role,
          GroupId: resourceId,
        },
        'AWS::EC2::SecurityGroup',
      ),
    ),
  },
  {
    name: 'optional parameters left out, allowed values given exactly',
    value: request(
      configuration(
        'AWS-ConfigureS3BucketLogging',
        {
          AutomationAssumeRole: role,
          BucketName: resourceId,
          TargetBucket: values('central-access-logs'),
          GrantedPermission: values('READ'),
          GranteeType: values('Group'),
        },
        'AWS::S3::Bucket',
      ),
    ),
  },
  {
    name: 'a custom runbook named without the AWS prefix, with any parameters',
    value: request(
      configuration('Custom-DisableS3BucketPublicReadWrite', {
        AutomationAssumeRole: role,
        VpcId: values('x', 'y'),
      }),
    ),
  },
];

describe('runbook rules (RC3xx), in JSON and YAML', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      for (const testCase of clean) {
        it(`reports nothing on ${testCase.name}`, () => {
          assert.deepEqual(validateValue(testCase.value, format).problems, []);
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
          assert.equal(problem.severity, testCase.severity);
          const node = nodeAt(parsed, testCase.at, testCase.key);
          assert.deepEqual(
            { offset: problem.offset, length: problem.length },
            { offset: node.offset, length: node.length },
            `range of ${testCase.rule}: got "${text.substr(problem.offset, problem.length)}"`,
          );
        });
      }
    });
  }

  it('every runbook pattern of the catalog compiles, or is skipped without a false error', () => {
    for (const runbook of service.catalog.all) {
      for (const parameter of runbook.parameters) {
        if (parameter.allowedPattern)
          assert.doesNotThrow(() => compilePattern(parameter.allowedPattern!));
      }
    }
    assert.equal(compilePattern('(?<unclosed'), null);
  });

  it('a catalog pattern JavaScript cannot read gives no error', () => {
    const data = structuredClone(service.catalog.data);
    const runbook = data.runbooks.find((r) => r.name === 'AWS-CloseSecurityGroup')!;
    for (const parameter of runbook.parameters) parameter.allowedPattern = '(?i)^sg-[a-z0-9]+$';
    const custom = createLanguageService({ catalog: data });
    const text = JSON.stringify(
      request(
        configuration('AWS-CloseSecurityGroup', {
          AutomationAssumeRole: role,
          SecurityGroupId: values('sg-0a1b'),
        }),
      ),
    );
    const problems = custom.validate(custom.parse(text, 'json'), 'request');
    assert.deepEqual(problems, []);
  });

  it('the service never throws on broken runbook parameters', () => {
    const broken = [
      { Parameters: { VersioningState: { StaticValue: { Values: [null, 5, ['x'], { a: 1 }] } } } },
      { Parameters: { VersioningState: { StaticValue: null } } },
      { Parameters: { VersioningState: 'x' } },
      { Parameters: [] },
      { Parameters: { '': {} } },
    ];
    for (const format of FORMATS) {
      for (const extra of broken) {
        const value = request({
          ...configuration('AWS-ConfigureS3BucketVersioning', {}),
          ...extra,
        });
        const { problems } = validateValue(value, format);
        assert.ok(!problems.some((p) => p.ruleId === 'RC009'), JSON.stringify(problems));
      }
    }
  });
});
