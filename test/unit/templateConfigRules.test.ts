import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { applyEdits } from './helpers/annotated';
import { FORMATS, serialise, service, type Format } from './helpers/bothFormats';
import type { Problem } from '../../server/src/languageService/model/problem';

/** RC211 and RC212: a remediation resource and the Config rule resource of the same template. */

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

function configRule(extra: Record<string, unknown> = {}, scope?: unknown, owner = 'AWS'): unknown {
  return {
    Type: 'AWS::Config::ConfigRule',
    Properties: {
      ConfigRuleName: 's3-bucket-versioning-enabled',
      Source: { Owner: owner, SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
      ...(scope === undefined ? {} : { Scope: { ComplianceResourceTypes: scope } }),
    },
    ...extra,
  };
}

function remediation(
  configRuleName: unknown,
  extra: Record<string, unknown> = {},
  resourceType: unknown = 'AWS::S3::Bucket',
  parameters: Record<string, unknown> = {},
): unknown {
  return {
    Type: 'AWS::Config::RemediationConfiguration',
    ...extra,
    Properties: {
      ConfigRuleName: configRuleName,
      TargetType: 'SSM_DOCUMENT',
      TargetId: 'AWS-ConfigureS3BucketVersioning',
      Parameters: {
        BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
        AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
        ...parameters,
      },
      ResourceType: resourceType,
    },
  };
}

function template(resources: Record<string, unknown>): unknown {
  return { AWSTemplateFormatVersion: '2010-09-09', Resources: resources };
}

function check(text: string, format: Format, ids = ['RC211', 'RC212']): Problem[] {
  return service
    .validate(service.parse(text, format), 'cloudformation')
    .filter((problem) => ids.includes(problem.ruleId));
}

function textOf(text: string, problem: Problem): string {
  return text.slice(problem.offset, problem.offset + problem.length);
}

/** Applies the problem's fix (by title) and returns the fixed text. */
function applyFix(text: string, problems: Problem[], ruleId: string, title: RegExp): string {
  const problem = problems.find((p) => p.ruleId === ruleId);
  assert.ok(problem, `no ${ruleId}`);
  const action = service
    .codeActions(problems, problem)
    .find((a) => a.ruleIds.includes(ruleId) && title.test(a.title));
  assert.ok(action, `no fix ${title} in ${JSON.stringify(problem.fixes?.map((f) => f.title))}`);
  return applyEdits(text, action.edits);
}

const NAME = 's3-bucket-versioning-enabled';

describe('RC211 remediation-before-config-rule', () => {
  for (const format of FORMATS) {
    it(`${format}: a literal ConfigRuleName of a rule of the template, no DependsOn: reported on the name`, () => {
      const text = serialise(template({ Rule: configRule(), Fix: remediation(NAME) }), format);
      const problems = check(text, format);
      assert.deepEqual(
        problems.map((p) => p.ruleId),
        ['RC211'],
      );
      const problem = problems[0] as Problem;
      assert.equal(problem.severity, 'warning');
      assert.equal(textOf(text, problem).replace(/"/g, ''), NAME);
      assert.match(problem.message, /resource "Rule"/);
      assert.match(problem.message, /must already exist/);
    });

    const fine: [string, unknown][] = [
      ['DependsOn as a string', remediation(NAME, { DependsOn: 'Rule' })],
      ['DependsOn as a list', remediation(NAME, { DependsOn: ['Other', 'Rule'] })],
      ['ConfigRuleName as a Ref', remediation({ Ref: 'Rule' })],
      [
        'a Fn::GetAtt of the rule in the Parameters',
        remediation(NAME, {}, 'AWS::S3::Bucket', {
          RuleArn: { StaticValue: { Values: [{ 'Fn::GetAtt': ['Rule', 'Arn'] }] } },
        }),
      ],
      [
        'a Fn::Sub naming the rule',
        remediation(NAME, {}, 'AWS::S3::Bucket', {
          RuleArn: { StaticValue: { Values: [{ 'Fn::Sub': 'x-${Rule.Arn}' }] } },
        }),
      ],
      ['a dependency through another resource', remediation(NAME, { DependsOn: 'Other' })],
      ['a name no rule of the template has', remediation('some-other-rule')],
    ];
    for (const [name, resource] of fine) {
      it(`${format}: no finding with ${name}`, () => {
        const other = { Type: 'AWS::SNS::Topic', DependsOn: 'Rule' };
        const text = serialise(
          template({ Rule: configRule(), Other: other, Fix: resource }),
          format,
        );
        assert.deepEqual(check(text, format), []);
      });
    }

    /** A template whose rule's ConfigRuleName is `{ Ref: RuleName }`, a template parameter. */
    const withNameParameter = (fix: unknown, ruleName: unknown = { Ref: 'RuleName' }): string => {
      const rule = configRule();
      (rule as { Properties: Record<string, unknown> }).Properties.ConfigRuleName = ruleName;
      return serialise(
        {
          AWSTemplateFormatVersion: '2010-09-09',
          Parameters: {
            RuleName: { Type: 'String', Default: NAME },
            OtherName: { Type: 'String', Default: 'other' },
          },
          Resources: { Rule: rule, Topic: { Type: 'AWS::SNS::Topic' }, Fix: fix },
        },
        format,
      );
    };

    const reportedWithParameter: [string, unknown, RegExp][] = [
      [
        'both ConfigRuleNames a Ref to one parameter',
        { Ref: 'RuleName' },
        /named by parameter "RuleName" is created by resource "Rule"/,
      ],
      [
        "a Ref to a parameter whose Default is the rule's literal name",
        NAME,
        new RegExp(
          `"${NAME}" \\(the Default of parameter "RuleName"\\) is created by resource "Rule"`,
        ),
      ],
    ];
    for (const [name, ruleName, message] of reportedWithParameter) {
      it(`${format}: ${name}, no DependsOn: reported on the key, fixed by DependsOn`, () => {
        const text = withNameParameter(remediation({ Ref: 'RuleName' }), ruleName);
        const problems = check(text, format);
        assert.deepEqual(
          problems.map((p) => p.ruleId),
          ['RC211'],
        );
        const problem = problems[0] as Problem;
        // On the key: the value is the parameter's Ref, which is not what is wrong.
        assert.equal(textOf(text, problem).replace(/"/g, ''), 'ConfigRuleName');
        assert.match(problem.message, message);
        assert.doesNotMatch(problem.message, /change it there/);
        const fixed = applyFix(text, problems, 'RC211', /^Add DependsOn: Rule$/);
        assert.deepEqual(check(fixed, format), []);
      });
    }

    const fineWithParameter: [string, unknown, unknown?][] = [
      ['the same parameter and DependsOn', remediation({ Ref: 'RuleName' }, { DependsOn: 'Rule' })],
      ['another parameter', remediation({ Ref: 'OtherName' })],
      ['a parameter whose Default is another name', remediation({ Ref: 'OtherName' }), NAME],
      ['a Ref to a resource that is not the rule', remediation({ Ref: 'Topic' })],
      [
        'a rule whose name is a Ref to a resource, not a parameter',
        remediation({ Ref: 'Topic' }),
        { Ref: 'Topic' },
      ],
    ];
    for (const [name, fix, ruleName] of fineWithParameter) {
      it(`${format}: no finding with a Ref ConfigRuleName: ${name}`, () => {
        assert.deepEqual(check(withNameParameter(fix, ruleName), format), []);
      });
    }

    it(`${format}: a Fn::Sub variable named like the rule is not a reference to it`, () => {
      const resource = remediation(NAME, {}, 'AWS::S3::Bucket', {
        RuleArn: { StaticValue: { Values: [{ 'Fn::Sub': ['x-${Rule}', { Rule: 'y' }] }] } },
      });
      const text = serialise(template({ Rule: configRule(), Fix: resource }), format);
      assert.deepEqual(
        check(text, format).map((p) => p.ruleId),
        ['RC211'],
      );
    });

    it(`${format}: a rule without ConfigRuleName (CloudFormation names it) is never matched`, () => {
      const rule = configRule();
      delete (rule as { Properties: Record<string, unknown> }).Properties.ConfigRuleName;
      const text = serialise(template({ Rule: rule, Fix: remediation(NAME) }), format);
      assert.deepEqual(check(text, format), []);
    });

    const fixes: [string, Record<string, unknown>, RegExp, unknown][] = [
      ['no DependsOn', {}, /^Add DependsOn: Rule$/, 'Rule'],
      ['DependsOn a string', { DependsOn: 'Topic' }, /^Add Rule to DependsOn$/, ['Topic', 'Rule']],
      [
        'DependsOn a list',
        { DependsOn: ['Topic', 'Queue'] },
        /^Add Rule to DependsOn$/,
        ['Topic', 'Queue', 'Rule'],
      ],
    ];
    for (const [name, extra, title, dependsOn] of fixes) {
      it(`${format}: quick fix with ${name}`, () => {
        const text = serialise(
          template({
            Rule: configRule(),
            Topic: { Type: 'AWS::SNS::Topic' },
            Queue: { Type: 'AWS::SQS::Queue' },
            Fix: remediation(NAME, extra),
          }),
          format,
        );
        const problems = check(text, format, ['RC211']);
        const fixed = applyFix(text, problems, 'RC211', title);
        const value = (format === 'json' ? JSON.parse(fixed) : parseYaml(fixed)) as {
          Resources: { Fix: { DependsOn: unknown; Properties: unknown } };
        };
        assert.deepEqual(value.Resources.Fix.DependsOn, dependsOn);
        assert.deepEqual(
          value.Resources.Fix.Properties,
          (remediation(NAME) as { Properties: unknown }).Properties,
        );
        assert.deepEqual(check(fixed, format), []);
      });
    }
  }

  it('JSON: the fix writes DependsOn in the resource, in its indentation', () => {
    const text = `{
  "Resources": {
    "Rule": {
      "Type": "AWS::Config::ConfigRule",
      "Properties": { "ConfigRuleName": "r", "Source": { "Owner": "AWS", "SourceIdentifier": "X" } }
    },
    "Fix": {
      "Type": "AWS::Config::RemediationConfiguration",
      "Properties": { "ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "MyDoc" }
    }
  }
}
`;
    const fixed = applyFix(text, check(text, 'json'), 'RC211', /DependsOn/);
    assert.equal(
      fixed,
      text.replace(
        `"TargetId": "MyDoc" }\n`,
        `"TargetId": "MyDoc" },\n      "DependsOn": "Rule"\n`,
      ),
    );
  });

  it('YAML: short forms, and the fix in a block list and a flow list', () => {
    const head = `Resources:
  Rule:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: r
      Source: {Owner: AWS, SourceIdentifier: X}
  Topic:
    Type: AWS::SNS::Topic
`;
    const fix = (dependsOn: string, name = 'r'): string => `  Fix:
    Type: AWS::Config::RemediationConfiguration
${dependsOn}    Properties:
      ConfigRuleName: ${name}
      TargetType: SSM_DOCUMENT
      TargetId: MyDoc
`;
    // Short forms are references.
    assert.deepEqual(check(head + fix('', '!Ref Rule'), 'yaml'), []);
    const getAtt = `${head}${fix('')}      Parameters: {A: {StaticValue: {Values: [!GetAtt Rule.Arn]}}}\n`;
    assert.deepEqual(check(getAtt, 'yaml'), []);
    const sub = `${head}${fix('')}      Parameters: {A: {StaticValue: {Values: [!Sub "\${Rule}"]}}}\n`;
    assert.deepEqual(check(sub, 'yaml'), []);

    const block = head + fix('    DependsOn:\n      - Topic\n');
    assert.equal(
      applyFix(block, check(block, 'yaml'), 'RC211', /DependsOn/),
      head + fix('    DependsOn:\n      - Topic\n      - Rule\n'),
    );
    const flow = head + fix('    DependsOn: [Topic]\n');
    assert.equal(
      applyFix(flow, check(flow, 'yaml'), 'RC211', /DependsOn/),
      head + fix('    DependsOn: [Topic, Rule]\n'),
    );
    const none = head + fix('');
    assert.equal(
      applyFix(none, check(none, 'yaml'), 'RC211', /DependsOn/),
      `${none}    DependsOn: Rule\n`,
    );
  });

  it('YAML: in a conformance pack template embedded in a template, with the fix in outer text', () => {
    const body = `Resources:
  Rule:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: r
      Source: {Owner: AWS, SourceIdentifier: X}
  Fix:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: r
      TargetType: SSM_DOCUMENT
      TargetId: MyDoc
`;
    const indent = (lines: string): string =>
      lines
        .split('\n')
        .map((line) => (line ? `        ${line}` : line))
        .join('\n');
    const outer = (inner: string): string => `Resources:
  Pack:
    Type: AWS::Config::ConformancePack
    Properties:
      ConformancePackName: pack
      TemplateBody: |
${indent(inner)}`;
    const text = outer(body);
    const problems = check(text, 'yaml');
    assert.deepEqual(
      problems.map((p) => `${p.ruleId} ${textOf(text, p)}`),
      ['RC211 r'],
    );
    assert.ok(text.slice(0, problems[0]?.offset).includes('TemplateBody'));
    assert.equal(
      applyFix(text, problems, 'RC211', /DependsOn/),
      outer(`${body}    DependsOn: Rule\n`),
    );
  });
});

describe('RC212 resource-type-outside-rule-scope', () => {
  for (const format of FORMATS) {
    it(`${format}: a ResourceType outside the rule's scope: reported on it, with a fix`, () => {
      const text = serialise(
        template({
          Rule: configRule({}, ['AWS::S3::Bucket']),
          Fix: remediation(NAME, { DependsOn: 'Rule' }, 'AWS::EC2::Instance'),
        }),
        format,
      );
      const problems = check(text, format);
      assert.deepEqual(
        problems.map((p) => p.ruleId),
        ['RC212'],
      );
      const problem = problems[0] as Problem;
      assert.equal(problem.severity, 'warning');
      assert.equal(textOf(text, problem).replace(/"/g, ''), 'AWS::EC2::Instance');
      assert.match(problem.message, /Scope\.ComplianceResourceTypes: AWS::S3::Bucket/);
      const fixed = applyFix(text, problems, 'RC212', /^Change to "AWS::S3::Bucket"$/);
      assert.deepEqual(check(fixed, format), []);
    });

    for (const [name, ruleName, expected] of [
      ['found through a Ref to the parameter the rule is named by', { Ref: 'RuleName' }, ['RC212']],
      ['not through a parameter whose Default is the rule name', NAME, []],
    ] as const) {
      it(`${format}: ${name}`, () => {
        const rule = configRule({}, ['AWS::S3::Bucket']) as { Properties: Record<string, unknown> };
        rule.Properties.ConfigRuleName = ruleName;
        const text = serialise(
          {
            Parameters: { RuleName: { Type: 'String', Default: NAME } },
            Resources: {
              Rule: rule,
              Fix: remediation({ Ref: 'RuleName' }, { DependsOn: 'Rule' }, 'AWS::EC2::Instance'),
            },
          },
          format,
        );
        assert.deepEqual(
          check(text, format).map((p) => p.ruleId),
          expected,
        );
      });
    }

    it(`${format}: found through ConfigRuleName Ref, no fix when the scope has several types`, () => {
      const text = serialise(
        template({
          Rule: configRule({}, ['AWS::S3::Bucket', 'AWS::EC2::Volume']),
          Fix: remediation({ Ref: 'Rule' }, {}, 'AWS::EC2::Instance'),
        }),
        format,
      );
      const problems = check(text, format);
      assert.deepEqual(
        problems.map((p) => p.ruleId),
        ['RC212'],
      );
      assert.deepEqual(problems[0]?.fixes ?? [], []);
    });

    const fine: [string, unknown, unknown][] = [
      ['a type in the scope', configRule({}, ['AWS::EC2::Instance', 'AWS::S3::Bucket']), {}],
      ['a rule without Scope', configRule(), {}],
      ['a scope that is not literal', configRule({}, { Ref: 'Types' }), {}],
      ['a scope with a non-literal type', configRule({}, [{ Ref: 'Type' }]), {}],
      ['a Lambda rule', configRule({}, ['AWS::S3::Bucket'], 'CUSTOM_LAMBDA'), {}],
    ];
    for (const [name, rule] of fine) {
      it(`${format}: no finding with ${name}`, () => {
        const text = serialise(
          template({
            Rule: rule,
            Fix: remediation({ Ref: 'Rule' }, {}, 'AWS::EC2::Instance'),
          }),
          format,
        );
        assert.deepEqual(check(text, format), []);
      });
    }

    it(`${format}: a ResourceType that is a Ref is not read`, () => {
      const text = serialise(
        template({
          Rule: configRule({}, ['AWS::S3::Bucket']),
          Fix: remediation({ Ref: 'Rule' }, {}, { Ref: 'Type' }),
        }),
        format,
      );
      assert.deepEqual(check(text, format), []);
    });
  }
});
