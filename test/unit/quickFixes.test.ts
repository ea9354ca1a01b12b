import * as assert from 'node:assert/strict';
import { applyEdits } from './helpers/annotated';
import { service } from './helpers/bothFormats';

/**
 * Each quick fix, in JSON and in YAML: apply the fix's edits to the text and compare the whole
 * result; the result must then be free of the problem the fix is for.
 */
interface FixCase {
  name: string;
  rule: string;
  /** Which fix of the problem, by title. */
  title: RegExp;
  json: { text: string; expected: string };
  yaml: { text: string; expected: string };
  /** Other problems the fixed text may still have (e.g. a placeholder to fill in). */
  remaining?: string[];
}

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

const cases: FixCase[] = [
  {
    name: 'add the AutomationAssumeRole skeleton to Parameters',
    rule: 'RC200',
    title: /Add the AutomationAssumeRole parameter/,
    json: {
      text: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "s3-bucket-public-read-prohibited",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-DisableS3BucketPublicReadWrite",
      "Parameters": {
        "S3BucketName": { "ResourceValue": { "Value": "RESOURCE_ID" } }
      },
      "ResourceType": "AWS::S3::Bucket",
      "Automatic": true
    }
  ]
}
`,
      expected: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "s3-bucket-public-read-prohibited",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-DisableS3BucketPublicReadWrite",
      "Parameters": {
        "S3BucketName": { "ResourceValue": { "Value": "RESOURCE_ID" } },
        "AutomationAssumeRole": {
          "StaticValue": {
            "Values": ["arn:aws:iam::123456789012:role/ConfigRemediationRole"]
          }
        }
      },
      "ResourceType": "AWS::S3::Bucket",
      "Automatic": true
    }
  ]
}
`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-public-read-prohibited
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
      S3BucketName:
        ResourceValue:
          Value: RESOURCE_ID
    ResourceType: AWS::S3::Bucket
    Automatic: true
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-public-read-prohibited
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
      S3BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      AutomationAssumeRole:
        StaticValue:
          Values:
            - arn:aws:iam::123456789012:role/ConfigRemediationRole
    ResourceType: AWS::S3::Bucket
    Automatic: true
`,
    },
    remaining: ['RC203'],
  },
  {
    name: 'add Parameters with the role when there is none',
    rule: 'RC200',
    title: /Add the AutomationAssumeRole parameter/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Automatic": true, "ResourceType": "AWS::S3::Bucket"}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Automatic": true, "ResourceType": "AWS::S3::Bucket", "Parameters": { "AutomationAssumeRole": { "StaticValue": { "Values": ["arn:aws:iam::123456789012:role/ConfigRemediationRole"] } } }}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
- ConfigRuleName: r
  TargetType: SSM_DOCUMENT
  TargetId: MyCompany-Fix
  Automatic: true
  ResourceType: AWS::S3::Bucket
`,
      expected: `RemediationConfigurations:
- ConfigRuleName: r
  TargetType: SSM_DOCUMENT
  TargetId: MyCompany-Fix
  Automatic: true
  ResourceType: AWS::S3::Bucket
  Parameters:
    AutomationAssumeRole:
      StaticValue:
        Values:
          - arn:aws:iam::123456789012:role/ConfigRemediationRole
`,
    },
    remaining: ['RC203'],
  },
  {
    name: 'rename a miscased member',
    rule: 'RC102',
    title: /Rename to "StaticValue"/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"staticValue": {"Values": ["${ROLE}"]}}}}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}}}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        staticValue: {Values: [${ROLE}]}
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue: {Values: [${ROLE}]}
`,
    },
  },
  {
    name: 'rename a misspelled runbook parameter',
    rule: 'RC300',
    title: /Rename to "VPCIds"/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "vpc-flow-logs-enabled", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-EnableVPCFlowLogs", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "LogDestinationArn": {"StaticValue": {"Values": ["arn:aws:s3:::flow-logs"]}}, "VpcIds": {"StaticValue": {"Values": ["vpc-0a1b2c3d"]}}}}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "vpc-flow-logs-enabled", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-EnableVPCFlowLogs", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "LogDestinationArn": {"StaticValue": {"Values": ["arn:aws:s3:::flow-logs"]}}, "VPCIds": {"StaticValue": {"Values": ["vpc-0a1b2c3d"]}}}}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: vpc-flow-logs-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-EnableVPCFlowLogs
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}
      LogDestinationArn: {StaticValue: {Values: ["arn:aws:s3:::flow-logs"]}}
      "VpcIds": {StaticValue: {Values: [vpc-0a1b2c3d]}}
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: vpc-flow-logs-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-EnableVPCFlowLogs
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}
      LogDestinationArn: {StaticValue: {Values: ["arn:aws:s3:::flow-logs"]}}
      "VPCIds": {StaticValue: {Values: [vpc-0a1b2c3d]}}
`,
    },
  },
  {
    name: 'wrap a string into Values: [..]',
    rule: 'RC101',
    title: /Wrap the value in a list/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": "${ROLE}"}}}}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}}}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: ${ROLE}
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: ["${ROLE}"]
`,
    },
  },
  {
    name: 'unwrap a one-item list into Value',
    rule: 'RC101',
    title: /Use the single value "RESOURCE_ID"/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "Bucket": {"ResourceValue": {"Value": ["RESOURCE_ID"]}}}}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "Bucket": {"ResourceValue": {"Value": "RESOURCE_ID"}}}}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      Bucket:
        ResourceValue:
          Value:
            - RESOURCE_ID
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      Bucket:
        ResourceValue:
          Value: RESOURCE_ID
`,
    },
  },
  {
    name: 'keep ResourceValue, remove StaticValue',
    rule: 'RC109',
    title: /Keep ResourceValue, remove StaticValue/,
    json: {
      text: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "r",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "MyCompany-Fix",
      "Parameters": {
        "AutomationAssumeRole": { "StaticValue": { "Values": ["${ROLE}"] } },
        "Bucket": {
          "ResourceValue": { "Value": "RESOURCE_ID" },
          "StaticValue": { "Values": ["my-bucket"] }
        }
      }
    }
  ]
}`,
      expected: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "r",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "MyCompany-Fix",
      "Parameters": {
        "AutomationAssumeRole": { "StaticValue": { "Values": ["${ROLE}"] } },
        "Bucket": {
          "ResourceValue": { "Value": "RESOURCE_ID" }
        }
      }
    }
  ]
}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      Bucket:
        ResourceValue:
          Value: RESOURCE_ID
        StaticValue:
          Values:
            - my-bucket
    Automatic: false
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      Bucket:
        ResourceValue:
          Value: RESOURCE_ID
    Automatic: false
`,
    },
  },
  {
    name: 'keep StaticValue, remove ResourceValue',
    rule: 'RC109',
    title: /Keep StaticValue, remove ResourceValue/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "Bucket": {"ResourceValue": {"Value": "RESOURCE_ID"}, "StaticValue": {"Values": ["my-bucket"]}}}}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "Bucket": {"StaticValue": {"Values": ["my-bucket"]}}}}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      Bucket: {ResourceValue: {Value: RESOURCE_ID}, StaticValue: {Values: [my-bucket]}}
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      Bucket: {StaticValue: {Values: [my-bucket]}}
`,
    },
  },
  {
    name: 'add the missing required runbook parameters',
    rule: 'RC301',
    title: /Add the missing parameters BucketName, TargetBucket/,
    json: {
      text: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "s3-bucket-logging-enabled",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-ConfigureS3BucketLogging",
      "Parameters": {
        "AutomationAssumeRole": {
          "StaticValue": { "Values": ["${ROLE}"] }
        }
      },
      "ResourceType": "AWS::S3::Bucket"
    }
  ]
}
`,
      expected: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "s3-bucket-logging-enabled",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-ConfigureS3BucketLogging",
      "Parameters": {
        "AutomationAssumeRole": {
          "StaticValue": { "Values": ["${ROLE}"] }
        },
        "BucketName": {
          "ResourceValue": {
            "Value": "RESOURCE_ID"
          }
        },
        "TargetBucket": {
          "StaticValue": {
            "Values": [""]
          }
        }
      },
      "ResourceType": "AWS::S3::Bucket"
    }
  ]
}
`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values:
            - ${ROLE}
    ResourceType: AWS::S3::Bucket
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-logging-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values:
            - ${ROLE}
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      TargetBucket:
        StaticValue:
          Values:
            - ""
    ResourceType: AWS::S3::Bucket
`,
    },
    // The empty value is where to type the bucket name: flagged until it is filled in.
    remaining: ['RC104'],
  },
  {
    name: 'replace a value with the nearest allowed value',
    rule: 'RC303',
    title: /Change to "Enabled"/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "s3-bucket-versioning-enabled", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-ConfigureS3BucketVersioning", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "BucketName": {"ResourceValue": {"Value": "RESOURCE_ID"}}, "VersioningState": {"StaticValue": {"Values": ["enabled"]}}}, "ResourceType": "AWS::S3::Bucket"}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "s3-bucket-versioning-enabled", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-ConfigureS3BucketVersioning", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "BucketName": {"ResourceValue": {"Value": "RESOURCE_ID"}}, "VersioningState": {"StaticValue": {"Values": ["Enabled"]}}}, "ResourceType": "AWS::S3::Bucket"}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-versioning-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketVersioning
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: ['${ROLE}']
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      VersioningState:
        StaticValue:
          Values:
            - 'enabled'
    ResourceType: AWS::S3::Bucket
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: s3-bucket-versioning-enabled
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketVersioning
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: ['${ROLE}']
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      VersioningState:
        StaticValue:
          Values:
            - 'Enabled'
    ResourceType: AWS::S3::Bucket
`,
    },
  },
  {
    name: 'correct the name of an AWS runbook',
    rule: 'RC306',
    title: /Change to "AWS-CreateDynamoDbBackup"/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "dynamodb-in-backup-plan", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-CreateDynamoDBBackup", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}}}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "dynamodb-in-backup-plan", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-CreateDynamoDbBackup", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}}}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: dynamodb-in-backup-plan
    TargetType: SSM_DOCUMENT
    TargetId: AWS-CreateDynamoDBBackup
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: dynamodb-in-backup-plan
    TargetType: SSM_DOCUMENT
    TargetId: AWS-CreateDynamoDbBackup
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}
`,
    },
    // The right name now makes the runbook's own parameters checked.
    remaining: ['RC301'],
  },
  {
    name: 'remove Arn, including from a "- " line',
    rule: 'RC205',
    title: /Remove Arn/,
    json: {
      text: `{
  "RemediationConfigurations": [
    {
      "Arn": "arn:aws:config:us-east-1:444455556666:remediation-configuration/r/1",
      "ConfigRuleName": "r",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "MyCompany-Fix",
      "Parameters": { "AutomationAssumeRole": { "StaticValue": { "Values": ["${ROLE}"] } } }
    }
  ]
}`,
      expected: `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "r",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "MyCompany-Fix",
      "Parameters": { "AutomationAssumeRole": { "StaticValue": { "Values": ["${ROLE}"] } } }
    }
  ]
}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - Arn: arn:aws:config:us-east-1:444455556666:remediation-configuration/r/1
    ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters: {AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}}
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters: {AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}}
`,
    },
  },
  {
    name: "add the runbook's ResourceType",
    rule: 'RC207',
    title: /Add ResourceType: AWS::S3::Bucket/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-DisableS3BucketPublicReadWrite", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "S3BucketName": {"ResourceValue": {"Value": "RESOURCE_ID"}}}, "Automatic": true}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-DisableS3BucketPublicReadWrite", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}, "S3BucketName": {"ResourceValue": {"Value": "RESOURCE_ID"}}}, "Automatic": true, "ResourceType": "AWS::S3::Bucket"}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}
      S3BucketName: {ResourceValue: {Value: RESOURCE_ID}}
    Automatic: true # remediate at once
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: AWS-DisableS3BucketPublicReadWrite
    Parameters:
      AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}
      S3BucketName: {ResourceValue: {Value: RESOURCE_ID}}
    Automatic: true # remediate at once
    ResourceType: AWS::S3::Bucket
`,
    },
  },
  {
    name: 'correct a ResourceType',
    rule: 'RC208',
    title: /Change to "AWS::EC2::SecurityGroup"/,
    json: {
      text: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}}, "ResourceType": "AWS::EC2::SecurityGroups"}]}`,
      expected: `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyCompany-Fix", "Parameters": {"AutomationAssumeRole": {"StaticValue": {"Values": ["${ROLE}"]}}}, "ResourceType": "AWS::EC2::SecurityGroup"}]}`,
    },
    yaml: {
      text: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters: {AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}}
    ResourceType: "AWS::EC2::SecurityGroups"
`,
      expected: `RemediationConfigurations:
  - ConfigRuleName: r
    TargetType: SSM_DOCUMENT
    TargetId: MyCompany-Fix
    Parameters: {AutomationAssumeRole: {StaticValue: {Values: [${ROLE}]}}}
    ResourceType: "AWS::EC2::SecurityGroup"
`,
    },
  },
];

describe('quick fixes produce the fixed text, in JSON and YAML', () => {
  for (const testCase of cases) {
    for (const format of ['json', 'yaml'] as const) {
      it(`${testCase.rule} ${testCase.name} (${format})`, () => {
        const { text, expected } = testCase[format];
        const parsed = service.parse(text, format);
        const problems = service.validate(parsed, 'request');
        const problem = problems.find((p) => p.ruleId === testCase.rule);
        assert.ok(problem, `no ${testCase.rule} in ${JSON.stringify(problems, null, 1)}`);
        // As the editor asks: the code actions for the problem's range.
        const actions = service.codeActions(problems, problem);
        const action = actions.find(
          (a) => a.ruleIds.includes(testCase.rule) && testCase.title.test(a.title),
        );
        assert.ok(
          action,
          `no fix ${testCase.title} in ${JSON.stringify(actions.map((a) => a.title))}`,
        );
        const fixed = applyEdits(text, action.edits);
        assert.equal(fixed, expected);
        const after = service.validate(service.parse(fixed, format), 'request');
        const left = after.filter((p) => !(testCase.remaining ?? []).includes(p.ruleId));
        assert.deepEqual(
          left.map((p) => `${p.ruleId} ${p.message}`),
          [],
          'the fixed text has no other problem',
        );
      });
    }
  }
});
