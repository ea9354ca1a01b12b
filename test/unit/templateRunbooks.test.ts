import * as assert from 'node:assert/strict';
import { service } from './helpers/bothFormats';

const CONTENT = {
  schemaVersion: '0.3',
  description: 'Fixes the bucket.',
  assumeRole: 'arn:aws:iam::444455556666:role/FixedRole',
  parameters: {
    BucketName: { type: 'String' },
    Mode: { type: 'String', default: 'strict' },
  },
  mainSteps: [],
};

function jsonTemplate(parameters: Record<string, unknown>, contentAsString: boolean): string {
  return JSON.stringify(
    {
      Resources: {
        Doc: {
          Type: 'AWS::SSM::Document',
          Properties: {
            DocumentType: 'Automation',
            Content: contentAsString ? JSON.stringify(CONTENT) : CONTENT,
          },
        },
        Remediation: {
          Type: 'AWS::Config::RemediationConfiguration',
          Properties: {
            ConfigRuleName: 'my-rule',
            TargetType: 'SSM_DOCUMENT',
            TargetId: { Ref: 'Doc' },
            Parameters: parameters,
          },
        },
      },
    },
    null,
    2,
  );
}

function yamlTemplate(parameterLines: string, assumeRole: string): string {
  return `Resources:
  Doc:
    Type: AWS::SSM::Document
    Properties:
      DocumentType: Automation
      Content:
        schemaVersion: '0.3'
        assumeRole: '${assumeRole}'
        parameters:
          BucketName:
            type: String
          Mode:
            type: String
            default: strict
          AutomationAssumeRole:
            type: String
            default: ''
        mainSteps: []
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: my-rule
      TargetType: SSM_DOCUMENT
      TargetId: !Ref Doc
      Parameters:
${parameterLines}`;
}

function ids(text: string, format: 'json' | 'yaml'): string[] {
  const parsed = service.parse(text, format);
  return service
    .validate(parsed, 'cloudformation')
    .map((p) => p.ruleId)
    .sort();
}

describe('runbooks defined in the same template (TargetId: Ref to an AWS::SSM::Document)', () => {
  for (const asString of [false, true]) {
    it(`JSON, Content as ${asString ? 'a string' : 'an object'}: unknown and missing parameters`, () => {
      const text = jsonTemplate({ Bucket: { ResourceValue: { Value: 'RESOURCE_ID' } } }, asString);
      // RC300: "Bucket" is not a parameter; RC301: BucketName has no default.
      assert.deepEqual(ids(text, 'json'), ['RC300', 'RC301']);
    });
  }

  it('JSON: a fixed assumeRole in the runbook is the role (no RC201)', () => {
    const text = jsonTemplate({ BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } } }, false);
    assert.deepEqual(ids(text, 'json'), []);
  });

  it('YAML !Ref: unknown and missing parameters', () => {
    const text = yamlTemplate(
      `        Bucket:\n          ResourceValue:\n            Value: RESOURCE_ID\n`,
      'arn:aws:iam::444455556666:role/FixedRole',
    );
    assert.deepEqual(ids(text, 'yaml'), ['RC300', 'RC301']);
  });

  it('YAML: assumeRole {{ AutomationAssumeRole }} with no role passed is RC201', () => {
    const text = yamlTemplate(
      `        BucketName:\n          ResourceValue:\n            Value: RESOURCE_ID\n`,
      '{{ AutomationAssumeRole }}',
    );
    assert.deepEqual(ids(text, 'yaml'), ['RC201']);
  });

  it('YAML: a fixed assumeRole in the runbook is the role (no RC201)', () => {
    const text = yamlTemplate(
      `        BucketName:\n          ResourceValue:\n            Value: RESOURCE_ID\n`,
      'arn:aws:iam::444455556666:role/FixedRole',
    );
    assert.deepEqual(ids(text, 'yaml'), []);
  });
});

describe('hover on a TargetId that is a Ref to a runbook of the same template', () => {
  const check = (text: string, format: 'json' | 'yaml', at: number): string => {
    const result = service.hover(service.parse(text, format), 'cloudformation', at);
    assert.ok(result, 'a hover');
    return result.markdown;
  };
  const assertRunbook = (markdown: string): void => {
    assert.match(markdown, /\*\*Runbook Doc\*\* \(Automation document defined in this file\)/);
    assert.match(markdown, /Fixes the bucket\./);
    assert.match(markdown, /\| `BucketName` \| String \| required \|/);
    assert.match(markdown, /\| `Mode` \| String \| default `strict` \|/);
    assert.doesNotMatch(markdown, /AWS-managed/);
  };

  it('JSON {"Ref": "Doc"}: the runbook, its description and parameters', () => {
    const text = jsonTemplate({}, false);
    assertRunbook(check(text, 'json', text.indexOf('"Doc"', text.indexOf('TargetId')) + 2));
  });

  it('YAML !Ref Doc: the same', () => {
    const text = yamlTemplate('        {}\n', 'arn:aws:iam::444455556666:role/FixedRole').replace(
      'mainSteps: []',
      'mainSteps: []\n        description: Fixes the bucket.',
    );
    assertRunbook(check(text, 'yaml', text.indexOf('!Ref Doc') + 6));
  });

  it('a literal TargetId naming a template document by Name is not labelled AWS-managed', () => {
    const text = `Resources:
  Doc:
    Type: AWS::SSM::Document
    Properties:
      DocumentType: Automation
      Name: MyCompany-FixBucket
      Content:
        schemaVersion: '0.3'
        description: Fixes the bucket.
        parameters: {}
        mainSteps: []
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: my-rule
      TargetType: SSM_DOCUMENT
      TargetId: MyCompany-FixBucket
`;
    const markdown = check(text, 'yaml', text.indexOf('TargetId: MyCompany') + 12);
    assert.match(
      markdown,
      /\*\*Runbook MyCompany-FixBucket\*\* \(Automation document defined in this file\)/,
    );
    assert.doesNotMatch(markdown, /AWS-managed/);
  });
});
