import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ParsedDocument, ValueNode } from '../../server/src/languageService/model/ast';
import { parseDocument } from '../../server/src/languageService/parser';
import { parseAnnotated } from './helpers/annotated';
import { FORMATS, nodeAt, serialise, service, type Format } from './helpers/bothFormats';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'cloudformation');
const REMEDIATION = 'AWS::Config::RemediationConfiguration';
const PROPS = 'Resources.Remediation.Properties';

/** A valid configuration (no rule reports anything on it) that each case changes in one way. */
function base(): Record<string, unknown> {
  return {
    ConfigRuleName: 's3-bucket-public-read-prohibited',
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-DisableS3BucketPublicReadWrite',
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
  };
}

function template(
  properties: Record<string, unknown> | undefined,
  parameters?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    ...(parameters ? { Parameters: parameters } : {}),
    Resources: {
      Remediation: { Type: REMEDIATION, ...(properties ? { Properties: properties } : {}) },
      Bucket: { Type: 'AWS::S3::Bucket' },
    },
  };
}

function check(text: string, format: Format) {
  const parsed = service.parse(text, format);
  const recognition = service.recognise(`template.${format}`, text, () => parsed);
  assert.equal(recognition?.kind, 'cloudformation', 'recognised as a CloudFormation template');
  return { parsed, problems: service.validate(parsed, 'cloudformation') };
}

interface Case {
  name: string;
  value: Record<string, unknown>;
  rule: string;
  /** Path of the node the problem underlines exactly. */
  at: string;
  key?: boolean;
  message: RegExp;
  /** The problem is on a value resolved from a parameter: it has no quick fix. */
  noFixes?: boolean;
}

const cases: Case[] = [
  {
    name: 'TargetType LAMBDA (cfn-lint: no finding)',
    value: template({ ...base(), TargetType: 'LAMBDA' }),
    rule: 'RC103',
    at: `${PROPS}.TargetType`,
    message: /"TargetType" must be "SSM_DOCUMENT"; "LAMBDA"/,
  },
  {
    name: 'MaximumAutomaticAttempts 100 (cfn-lint: no finding)',
    value: template({ ...base(), MaximumAutomaticAttempts: 100 }),
    rule: 'RC106',
    at: `${PROPS}.MaximumAutomaticAttempts`,
    message: /between 1 and 25; 100 is out of range/,
  },
  {
    name: 'both ResourceValue and StaticValue (cfn-lint: no finding)',
    value: template({
      ...base(),
      Parameters: {
        ...(base().Parameters as object),
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' }, StaticValue: { Values: ['b'] } },
      },
    }),
    rule: 'RC109',
    at: `${PROPS}.Parameters.S3BucketName.StaticValue`,
    key: true,
    message: /has both ResourceValue and StaticValue/,
  },
  {
    name: 'lowercase staticValue (cfn-lint: no finding)',
    value: template({
      ...base(),
      Parameters: {
        ...(base().Parameters as object),
        AutomationAssumeRole: { staticValue: { Values: ['arn:aws:iam::444455556666:role/R'] } },
      },
    }),
    rule: 'RC102',
    at: `${PROPS}.Parameters.AutomationAssumeRole.staticValue`,
    key: true,
    message: /Unknown member "staticValue".*Did you mean "StaticValue"\?/,
  },
  {
    name: 'Arn is not a property of the resource',
    value: template({ ...base(), Arn: 'arn:aws:config:us-east-1:444455556666:remediation/x' }),
    rule: 'RC102',
    at: `${PROPS}.Arn`,
    key: true,
    message:
      /Unknown member "Arn" in this remediation configuration\. Valid members: ConfigRuleName,.*RetryAttemptSeconds\.$/,
  },
  {
    name: 'missing TargetId, on the Properties key',
    value: template((({ TargetId: _t, ...rest }) => rest)(base())),
    rule: 'RC100',
    at: PROPS,
    key: true,
    message: /missing the required member "TargetId"/,
  },
  {
    name: 'no Properties at all, on the logical id',
    value: template(undefined),
    rule: 'RC100',
    at: 'Resources.Remediation',
    key: true,
    message: /missing the required members "ConfigRuleName", "TargetType", "TargetId"/,
  },
  {
    name: 'a string that is not a boolean',
    value: template({ ...base(), Automatic: 'maybe' }),
    rule: 'RC101',
    at: `${PROPS}.Automatic`,
    message: /"Automatic" must be a boolean/,
  },
  {
    name: 'Ref to a Number parameter whose Default is out of range',
    value: template(
      { ...base(), MaximumAutomaticAttempts: { Ref: 'Attempts' } },
      { Attempts: { Type: 'Number', Default: 100 } },
    ),
    rule: 'RC106',
    at: `${PROPS}.MaximumAutomaticAttempts`,
    message: /100 is out of range\. \(The value is the Default of template parameter "Attempts"/,
    noFixes: true,
  },
  {
    name: 'Ref to a String parameter whose Default is not an allowed value',
    value: template(
      { ...base(), TargetType: { Ref: 'Kind' } },
      { Kind: { Type: 'String', Default: 'ssm_document' } },
    ),
    rule: 'RC103',
    at: `${PROPS}.TargetType`,
    message:
      /"ssm_document" is not supported\. \(The value is the Default of template parameter "Kind"/,
    noFixes: true,
  },
  {
    name: 'Ref to a CommaDelimitedList with an empty member',
    value: template(
      {
        ...base(),
        Parameters: {
          ...(base().Parameters as object),
          Tags: { StaticValue: { Values: { Ref: 'TagList' } } },
        },
      },
      { TagList: { Type: 'CommaDelimitedList', Default: 'a,,b' } },
    ),
    rule: 'RC104',
    at: `${PROPS}.Parameters.Tags.StaticValue.Values`,
    message:
      /at least 1 character; it is empty\. \(The value is the Default of template parameter "TagList"/,
    noFixes: true,
  },
  {
    name: 'Parameters as a JSON string, checked as the object it encodes',
    value: template({
      ...base(),
      Parameters: JSON.stringify({
        AutomationAssumeRole: { staticValue: { Values: ['arn:aws:iam::444455556666:role/R'] } },
        S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      }),
    }),
    rule: 'RC102',
    at: `${PROPS}.Parameters`,
    message: /Unknown member "staticValue"/,
  },
];

describe('CloudFormation: diagnostics in AWS::Config::RemediationConfiguration resources', () => {
  for (const format of FORMATS) {
    describe(format, () => {
      it('reports nothing on a valid template', () => {
        const { problems } = check(serialise(template(base()), format), format);
        assert.deepEqual(problems, []);
      });

      for (const testCase of cases) {
        it(`${testCase.rule} ${testCase.name}`, () => {
          const text = serialise(testCase.value, format);
          const { parsed, problems } = check(text, format);
          const matching = problems.filter((p) => p.ruleId === testCase.rule);
          assert.equal(matching.length, 1, JSON.stringify(problems, null, 1));
          const problem = matching[0]!;
          assert.match(problem.message, testCase.message);
          const node = nodeAt(parsed, testCase.at, testCase.key);
          assert.deepEqual(
            { offset: problem.offset, length: problem.length },
            { offset: node.offset, length: node.length },
            `got "${text.substr(problem.offset, problem.length)}"`,
          );
          if (testCase.noFixes) assert.equal(problem.fixes, undefined);
        });
      }

      it('converts scalars as CloudFormation does: no type error for 1, "true" or "5"', () => {
        const value = template({
          ...base(),
          TargetVersion: 1,
          Automatic: 'true',
          MaximumAutomaticAttempts: '5',
          RetryAttemptSeconds: '60',
        });
        const { problems } = check(serialise(value, format), format);
        assert.deepEqual(problems, []);
      });

      it('skips Refs it cannot resolve: no Default, SSM parameter types, pseudo parameters, resources', () => {
        const value = template(
          {
            ...base(),
            ConfigRuleName: { Ref: 'RuleName' },
            TargetId: { Ref: 'Runbook' },
            ResourceType: { Ref: 'AWS::NoValue' },
            MaximumAutomaticAttempts: { Ref: 'Bucket' },
            Parameters: {
              ...(base().Parameters as object),
              AutomationAssumeRole: { StaticValue: { Values: [{ Ref: 'RoleArn' }] } },
            },
          },
          {
            RuleName: { Type: 'String' },
            Runbook: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/not/a/runbook' },
            RoleArn: { Type: 'String' },
          },
        );
        const { problems } = check(serialise(value, format), format);
        assert.deepEqual(problems, []);
      });

      it('reads a resolved Ref as the Default it stands for (configurations)', () => {
        const value = template(
          {
            ...base(),
            ConfigRuleName: { Ref: 'RuleName' },
            MaximumAutomaticAttempts: { Ref: 'N' },
          },
          { RuleName: { Type: 'String', Default: 'my-rule' }, N: { Type: 'Number', Default: '7' } },
        );
        const { parsed } = check(serialise(value, format), format);
        const [configuration] = service.configurations(parsed, 'cloudformation');
        assert.equal(configuration?.value.ConfigRuleName, 'my-rule');
        assert.equal(configuration?.value.MaximumAutomaticAttempts, 7);
      });

      for (const name of ['intrinsics', 'remediation-errors']) {
        it(`fixture ${name}.${format}: ${name === 'intrinsics' ? 'no false error on any intrinsic function' : 'recognised, one entry per resource'}`, () => {
          const text = readFileSync(path.join(FIXTURES, `${name}.${format}`), 'utf8');
          const { parsed, problems } = check(text, format);
          if (name === 'intrinsics') {
            assert.deepEqual(
              problems.map((p) => `${p.ruleId} ${text.substr(p.offset, p.length)}: ${p.message}`),
              [],
            );
            assert.equal(service.configurations(parsed, 'cloudformation').length, 4);
          } else {
            assert.equal(service.configurations(parsed, 'cloudformation').length, 3);
          }
        });
      }
    });
  }

  it('underlines a short-form !Ref with its tag, in YAML', () => {
    const { text, expected } = parseAnnotated(`Parameters:
  Kind:
    Type: String
    Default: LAMBDA
Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: s3-bucket-public-read-prohibited
      TargetType: !Ref Kind
                  ^^^^^^^^^ RC103
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
`);
    const { problems } = check(text, 'yaml');
    assert.deepEqual(
      problems.map((p) => ({ ruleId: p.ruleId, offset: p.offset, length: p.length })),
      expected,
    );
  });

  it('keeps the quick fixes of problems on literal values', () => {
    const text = serialise(template({ ...base(), TargetType: 'SSM_DOCUMEN' }), 'yaml');
    const { problems } = check(text, 'yaml');
    const problem = problems.find((p) => p.ruleId === 'RC103');
    assert.equal(problem?.fixes?.[0]?.edits[0]?.newText, 'SSM_DOCUMENT');
  });
});

describe('CloudFormation: YAML short-form intrinsics parse', () => {
  const text = `Resources:
  A: !Ref Name
  B: !GetAtt Role.Arn
  C: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/R"
  D: !Join [",", [a, !Ref B]]
  E: !If
    - IsProd
    - 5
    - !Ref AWS::NoValue
  F: !Base64 {"Fn::Sub": "x"}
  G: !GetAtt [Role, Arn]
  H: !Select [0, !Split [",", "a,b"]]
  I: !FindInMap [Map, !Ref AWS::Region, Key]
  J: !Equals [!Ref A, "x"]
  K: !ImportValue shared-role
  L: !GetAZs ""
  M: !Cidr [10.0.0.0/16, 4, 8]
  N: !Condition IsProd
  O: !And [!Condition A, !Not [!Condition B], !Or [!Condition C, !Condition D]]
  P: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
  Q:
    Fn::Sub: long form
`;
  const parsed: ParsedDocument = parseDocument(text, 'yaml');
  const value = (key: string): ValueNode => nodeAt(parsed, `Resources.${key}`) as ValueNode;

  it('without syntax problems', () => {
    assert.deepEqual(parsed.problems, []);
  });

  it('keeps the tag, and the node covers it', () => {
    const b = value('B');
    assert.equal(b.tag, '!GetAtt');
    assert.equal(b.type === 'string' && b.value, 'Role.Arn');
    assert.equal(text.substr(b.offset, b.length), '!GetAtt Role.Arn');
    const c = value('C');
    assert.equal(c.tag, '!Sub');
    assert.match(text.substr(c.offset, c.length), /^!Sub "arn:/);
  });

  it('converts sequences and mappings under tags', () => {
    const d = value('D');
    assert.equal(d.type, 'array');
    assert.equal(d.tag, '!Join');
    const inner = d.type === 'array' ? d.items[1] : undefined;
    assert.equal(inner?.type === 'array' && inner.items[1]?.tag, '!Ref');
    const e = value('E');
    assert.equal(e.type === 'array' && e.items.length, 3);
    assert.equal(e.tag, '!If');
    assert.equal(text.slice(e.offset, e.offset + 3), '!If');
    const f = value('F');
    assert.equal(f.type, 'object');
    assert.equal(f.tag, '!Base64');
    assert.equal(value('G').type, 'array');
    assert.equal(value('P').type, 'object');
    assert.equal(value('Q').type, 'object');
  });
});

describe('CloudFormation: recognition', () => {
  it('recognises a conformance pack template (no AWSTemplateFormatVersion)', () => {
    const text = `Resources:\n  R:\n    Type: ${REMEDIATION}\n    Properties: {}\n`;
    const recognition = service.recognise('pack.yaml', text, () => service.parse(text, 'yaml'));
    assert.deepEqual(recognition, { kind: 'cloudformation', reason: 'content' });
  });

  it('does not parse a file that cannot contain a remediation resource', () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n`;
    let parses = 0;
    const recognition = service.recognise('template.yaml', text, () => {
      parses++;
      return service.parse(text, 'yaml');
    });
    assert.equal(recognition, undefined);
    assert.equal(parses, 0);
  });

  for (const format of FORMATS) {
    it(`stays quiet on a template without remediation resources (${format})`, () => {
      const value = {
        AWSTemplateFormatVersion: '2010-09-09',
        Description: `Mentions ${REMEDIATION} but declares none.`,
        Resources: {
          Bucket: {
            Type: 'AWS::S3::Bucket',
            Properties: { BucketName: { Ref: 'AWS::StackName' } },
          },
          Rule: { Type: 'AWS::Config::ConfigRule', Properties: { ConfigRuleName: 'x' } },
        },
      };
      const text = serialise(value, format);
      const parsed = service.parse(text, format);
      assert.equal(
        service.recognise(`template.${format}`, text, () => parsed),
        undefined,
      );
      assert.deepEqual(service.configurations(parsed, 'cloudformation'), []);
      assert.deepEqual(service.validate(parsed, 'cloudformation'), []);
    });
  }

  it('still reads a *.remediation.yaml file as a request', () => {
    const text = `RemediationConfigurations: []\n# ${REMEDIATION}\n`;
    const recognition = service.recognise('x.remediation.yaml', text, () =>
      service.parse(text, 'yaml'),
    );
    assert.equal(recognition?.kind, 'request');
  });
});

describe('CloudFormation: completion and hover inside the resources', () => {
  const yaml = `Parameters:
  Attempts:
    Type: Number
    Default: 3
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      $BUCKET
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: s3-bucket-public-read-prohibited
      MaximumAutomaticAttempts: !Ref Attempts
      TargetType: $TYPE
      ExecutionControls:
        SsmControls:
          $SSM
      $KEY
`;
  const json = `{
  "Parameters": { "Attempts": { "Type": "Number", "Default": 3 } },
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket", "Properties": { "$BUCKET" } },
    "Remediation": {
      "Type": "AWS::Config::RemediationConfiguration",
      "Properties": {
        "ConfigRuleName": "s3-bucket-public-read-prohibited",
        "MaximumAutomaticAttempts": { "Ref": "Attempts" },
        "TargetType": "$TYPE",
        "ExecutionControls": { "SsmControls": { "$SSM" } },
        "$KEY": 1
      }
    }
  }
}`;
  const sources: Record<Format, string> = { json, yaml };

  function at(format: Format, marker: string): { parsed: ParsedDocument; offset: number } {
    const source = sources[format];
    const markers = /\$[A-Z]+/g;
    const offset = source.slice(0, source.indexOf(marker)).replace(markers, '').length;
    return { parsed: service.parse(source.replace(markers, ''), format), offset };
  }

  for (const format of FORMATS) {
    it(`completes the resource's members, without Arn and CreatedByService (${format})`, () => {
      const { parsed, offset } = at(format, '$KEY');
      const labels = service.complete(parsed, 'cloudformation', offset).map((item) => item.label);
      for (const expected of ['TargetId', 'Parameters', 'Automatic', 'RetryAttemptSeconds']) {
        assert.ok(labels.includes(expected), `${expected} in ${labels.join(', ')}`);
      }
      for (const absent of ['ConfigRuleName', 'Arn', 'CreatedByService']) {
        assert.ok(!labels.includes(absent), `${absent} not offered`);
      }
    });

    it(`completes enum values and nested members (${format})`, () => {
      const type = at(format, '$TYPE');
      assert.deepEqual(
        service.complete(type.parsed, 'cloudformation', type.offset).map((item) => item.label),
        ['SSM_DOCUMENT'],
      );
      const ssm = at(format, '$SSM');
      assert.deepEqual(
        service.complete(ssm.parsed, 'cloudformation', ssm.offset).map((item) => item.label),
        ['ConcurrentExecutionRatePercentage', 'ErrorPercentage'],
      );
    });

    it(`offers nothing in other resources (${format})`, () => {
      const { parsed, offset } = at(format, '$BUCKET');
      assert.deepEqual(service.complete(parsed, 'cloudformation', offset), []);
    });

    it(`hovers members, and a Ref shows the member it is the value of (${format})`, () => {
      const { parsed } = at(format, '$KEY');
      const text = parsed.text;
      const onKey = service.hover(parsed, 'cloudformation', text.indexOf('ConfigRuleName') + 2);
      assert.match(onKey?.markdown ?? '', /^\*\*ConfigRuleName\*\* — string/);
      const refOffset = text.indexOf('Attempts', text.indexOf('MaximumAutomaticAttempts') + 25);
      const onRef = service.hover(parsed, 'cloudformation', refOffset + 1);
      assert.match(onRef?.markdown ?? '', /^\*\*MaximumAutomaticAttempts\*\* — integer · 1–25/);
      const onBucket = service.hover(parsed, 'cloudformation', text.indexOf('AWS::S3::Bucket') + 2);
      assert.equal(onBucket, undefined);
    });
  }

  it("offers runbook names and the runbook's parameters, as in a request (YAML)", () => {
    const head = `Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: s3-bucket-public-read-prohibited
      TargetId: AWS-DisableS3Bucket`;
    const tail = `PublicReadWrite
      Parameters:
        `;
    const text = `${head}${tail}\n`;
    const labels = (offset: number): string[] =>
      service.complete(service.parse(text, 'yaml'), 'cloudformation', offset).map((i) => i.label);
    assert.ok(labels(head.length).includes('AWS-DisableS3BucketPublicReadWrite'));
    const parameters = labels(head.length + tail.length);
    assert.ok(parameters.includes('S3BucketName'), parameters.join(', '));
    assert.ok(parameters.includes('AutomationAssumeRole'), parameters.join(', '));
  });

  it('hovers an opaque intrinsic as its member (YAML !Sub)', () => {
    const text = `Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      TargetId: !Sub "AWS-\${Name}"
`;
    const parsed = service.parse(text, 'yaml');
    const result = service.hover(parsed, 'cloudformation', text.indexOf('Name}'));
    assert.match(result?.markdown ?? '', /^\*\*TargetId\*\*/);
    assert.equal(
      text.substr(result?.range.offset ?? 0, result?.range.length),
      '!Sub "AWS-${Name}"',
    );
  });
});
