/**
 * Suppressions (issue 15 item 3): comments in YAML and JSONC, the file-level form, template
 * Metadata, RC008 unused-suppression, `inlineConfig: false`, and the "Suppress RCnnn on this
 * line" code action.
 */
import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/languageService/languageService';
import type { DocumentFormat } from '../../server/src/languageService/model/ast';
import type { DocumentKind } from '../../server/src/languageService/model/document';
import type { Problem } from '../../server/src/languageService/model/problem';
import { applyEdits } from './helpers/annotated';

const service = createLanguageService();

const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

/** A request with RC103 on the TargetType line and RC206 + RC106 on the attempts line. */
function yamlRequest(lines: { beforeTarget?: string; target?: string; attempts?: string } = {}) {
  return [
    'RemediationConfigurations:',
    '  - ConfigRuleName: s3-bucket-public-read-prohibited',
    ...(lines.beforeTarget !== undefined ? [`    ${lines.beforeTarget}`] : []),
    `    TargetType: LAMBDA${lines.target ?? ''}`,
    '    TargetId: AWS-DisableS3BucketPublicReadWrite',
    '    Parameters:',
    '      AutomationAssumeRole:',
    '        StaticValue:',
    '          Values:',
    `            - ${ROLE}`,
    '      S3BucketName:',
    '        ResourceValue:',
    '          Value: RESOURCE_ID',
    '    ResourceType: AWS::S3::Bucket',
    '    Automatic: false',
    `    MaximumAutomaticAttempts: 100${lines.attempts ?? ''}`,
    '',
  ].join('\n');
}

function jsoncRequest(lines: { beforeTarget?: string; target?: string } = {}) {
  return [
    '{',
    '  "RemediationConfigurations": [',
    '    {',
    '      "ConfigRuleName": "s3-bucket-public-read-prohibited",',
    ...(lines.beforeTarget !== undefined ? [`      ${lines.beforeTarget}`] : []),
    `      "TargetType": "LAMBDA",${lines.target ?? ''}`,
    '      "TargetId": "AWS-DisableS3BucketPublicReadWrite",',
    '      "Parameters": {',
    `        "AutomationAssumeRole": { "StaticValue": { "Values": ["${ROLE}"] } },`,
    '        "S3BucketName": { "ResourceValue": { "Value": "RESOURCE_ID" } }',
    '      },',
    '      "ResourceType": "AWS::S3::Bucket",',
    '      "Automatic": false,',
    '      "MaximumAutomaticAttempts": 100',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
}

function check(
  text: string,
  format: DocumentFormat,
  kind: DocumentKind = 'request',
  options: Parameters<typeof service.validate>[2] = {},
): Problem[] {
  return service.validate(service.parse(text, format), kind, options);
}

const ids = (problems: readonly Problem[]): string[] => problems.map((p) => p.ruleId);

describe('suppressions', () => {
  it('the unsuppressed files have the findings the cases silence', () => {
    assert.deepEqual(ids(check(yamlRequest(), 'yaml')), ['RC103', 'RC206', 'RC106']);
    assert.deepEqual(ids(check(jsoncRequest(), 'jsonc')), ['RC103', 'RC206', 'RC106']);
  });

  describe('comments in YAML', () => {
    it('disable-next-line silences the rule on the next line only', () => {
      const text = yamlRequest({
        beforeTarget: '# config-remediation-disable-next-line RC103 -- a Lambda target on purpose',
      });
      assert.deepEqual(ids(check(text, 'yaml')), ['RC206', 'RC106']);
    });

    it('skips blank and comment lines to find its line', () => {
      const text = yamlRequest({
        beforeTarget: '# config-remediation-disable-next-line RC103\n\n    # another comment',
      });
      assert.deepEqual(ids(check(text, 'yaml')), ['RC206', 'RC106']);
    });

    it('disable-line silences the rule on its own line; ids by comma or space, slugs too', () => {
      const comma = yamlRequest({ attempts: '  # config-remediation-disable-line RC206, RC106' });
      assert.deepEqual(ids(check(comma, 'yaml')), ['RC103']);
      const spaces = yamlRequest({
        attempts: ' # config-remediation-disable-line automatic-only-setting number-range',
      });
      assert.deepEqual(ids(check(spaces, 'yaml')), ['RC103']);
    });

    it('without an id silences every rule on that line', () => {
      const text = yamlRequest({ attempts: ' # config-remediation-disable-line' });
      assert.deepEqual(ids(check(text, 'yaml')), ['RC103']);
    });

    it('disable (file-level) silences those rules in the whole file', () => {
      const text = `# config-remediation-disable RC106, RC103\n${yamlRequest()}`;
      assert.deepEqual(ids(check(text, 'yaml')), ['RC206']);
    });

    it('a marker inside a string value is not a comment', () => {
      const text = yamlRequest().replace(
        'ConfigRuleName: s3-bucket-public-read-prohibited',
        'ConfigRuleName: "x # config-remediation-disable RC103"',
      );
      assert.deepEqual(ids(check(text, 'yaml')), ['RC103', 'RC206', 'RC106']);
    });
  });

  describe('comments in JSONC', () => {
    it('// disable-next-line and /* disable-line */', () => {
      const next = jsoncRequest({ beforeTarget: '// config-remediation-disable-next-line RC103' });
      assert.deepEqual(ids(check(next, 'jsonc')), ['RC206', 'RC106']);
      const same = jsoncRequest({ target: ' /* config-remediation-disable-line RC103 */' });
      assert.deepEqual(ids(check(same, 'jsonc')), ['RC206', 'RC106']);
    });

    it('strict JSON reads no comments: the comment is a syntax error and silences nothing', () => {
      const text = jsoncRequest({ beforeTarget: '// config-remediation-disable-next-line RC103' });
      const problems = check(text, 'json');
      assert.ok(ids(problems).includes('RC001'), JSON.stringify(problems));
      assert.ok(ids(problems).includes('RC103'), JSON.stringify(problems));
    });
  });

  describe('RC008 unused-suppression', () => {
    it('reports a comment that silences nothing, as a hint, with a fix removing it', () => {
      const comment = '# config-remediation-disable-next-line RC101';
      const text = yamlRequest({ beforeTarget: comment });
      const problems = check(text, 'yaml');
      const unused = problems.filter((p) => p.ruleId === 'RC008');
      assert.equal(unused.length, 1, JSON.stringify(problems));
      const [problem] = unused as [Problem];
      assert.equal(problem.severity, 'hint');
      assert.equal(text.slice(problem.offset, problem.offset + problem.length), comment);
      assert.match(problem.message, /no RC101 \(type-mismatch\) finding on the next line/);
      const fixed = applyEdits(text, problem.fixes?.[0]?.edits ?? []);
      assert.equal(fixed, yamlRequest());
    });

    it('reports the one stale id of several, and an id that names no rule', () => {
      const text = yamlRequest({
        attempts: ' # config-remediation-disable-line RC106, RC101, RC999',
      });
      const unused = check(text, 'yaml').filter((p) => p.ruleId === 'RC008');
      assert.deepEqual(
        unused.map((p) => text.slice(p.offset, p.offset + p.length)),
        ['RC101', 'RC999'],
      );
      const fixed = applyEdits(text, unused[0]?.fixes?.[0]?.edits ?? []);
      assert.ok(fixed.includes('# config-remediation-disable-line RC106, RC999'), fixed);
    });

    it('a comment without ids that silences nothing, and a rule that cannot be suppressed', () => {
      const text = yamlRequest().replace(
        '    TargetId:',
        '    # config-remediation-disable-next-line\n    TargetId:',
      );
      const none = check(text, 'yaml');
      assert.deepEqual(ids(none), ['RC103', 'RC008', 'RC206', 'RC106']);
      assert.match(none[1]?.message ?? '', /^Unused suppression: no finding on the next line/);
      const syntax = check(`# config-remediation-disable RC001\n${yamlRequest()}`, 'yaml');
      const problem = syntax.find((p) => p.ruleId === 'RC008');
      assert.match(problem?.message ?? '', /RC001 \(syntax-error\) cannot be suppressed/);
    });

    it('is not reported for a rule that is off, and is itself off with "RC008": "off"', () => {
      const text = yamlRequest({ beforeTarget: '# config-remediation-disable-next-line RC101' });
      assert.ok(
        !ids(check(text, 'yaml', 'request', { levels: { RC101: 'off' } })).includes('RC008'),
      );
      assert.ok(
        !ids(check(text, 'yaml', 'request', { levels: { RC008: 'off' } })).includes('RC008'),
      );
    });

    it('is not reported for account rules checked without the account', () => {
      const text = `# config-remediation-disable RC400\n${yamlRequest()}`;
      assert.ok(!ids(check(text, 'yaml')).includes('RC008'));
    });
  });

  it('inlineConfig: false ignores every suppression (and reports none as unused)', () => {
    const text = `# config-remediation-disable RC106, RC101\n${yamlRequest({
      beforeTarget: '# config-remediation-disable-next-line RC103',
    })}`;
    assert.deepEqual(ids(check(text, 'yaml')), ['RC008', 'RC206']);
    assert.deepEqual(ids(check(text, 'yaml', 'request', { inlineConfig: false })), [
      'RC103',
      'RC206',
      'RC106',
    ]);
  });

  describe('CloudFormation templates', () => {
    const yamlTemplate = (comment = '') =>
      [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Remediation:',
        '    Type: AWS::Config::RemediationConfiguration',
        '    Properties:',
        '      ConfigRuleName: s3-bucket-public-read-prohibited',
        ...(comment ? [`      ${comment}`] : []),
        '      TargetType: LAMBDA',
        '      TargetId: AWS-DisableS3BucketPublicReadWrite',
        '      Parameters:',
        '        AutomationAssumeRole:',
        `          StaticValue: { Values: [${ROLE}] }`,
        '        S3BucketName:',
        '          ResourceValue: { Value: RESOURCE_ID }',
        '      ResourceType: AWS::S3::Bucket',
        '      Automatic: false',
        '',
      ].join('\n');

    function jsonTemplate(metadata?: unknown, otherMetadata?: unknown): string {
      const properties = {
        ConfigRuleName: 's3-bucket-public-read-prohibited',
        TargetType: 'LAMBDA',
        TargetId: 'AWS-DisableS3BucketPublicReadWrite',
        Parameters: {
          AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
          S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
        },
        ResourceType: 'AWS::S3::Bucket',
        Automatic: false,
      };
      return `${JSON.stringify(
        {
          AWSTemplateFormatVersion: '2010-09-09',
          Resources: {
            Remediation: {
              Type: 'AWS::Config::RemediationConfiguration',
              ...(metadata ? { Metadata: metadata } : {}),
              Properties: properties,
            },
            Other: {
              Type: 'AWS::Config::RemediationConfiguration',
              ...(otherMetadata ? { Metadata: otherMetadata } : {}),
              Properties: { ...properties, ConfigRuleName: 'other-rule' },
            },
          },
        },
        null,
        2,
      )}\n`;
    }

    it('a comment in a YAML template', () => {
      assert.deepEqual(ids(check(yamlTemplate(), 'yaml', 'cloudformation')), ['RC103']);
      const text = yamlTemplate('# config-remediation-disable-next-line RC103');
      assert.deepEqual(ids(check(text, 'yaml', 'cloudformation')), []);
    });

    it('Metadata config-remediation ignore silences the ids inside that resource only', () => {
      assert.deepEqual(ids(check(jsonTemplate(), 'json', 'cloudformation')), ['RC103', 'RC103']);
      const text = jsonTemplate({ 'config-remediation': { ignore: ['RC103'] } });
      const problems = check(text, 'json', 'cloudformation');
      assert.deepEqual(ids(problems), ['RC103']);
      assert.ok(
        (problems[0] as Problem).offset > text.indexOf('"Other"'),
        "the finding left is the other resource's",
      );
    });

    it('an unused Metadata id is RC008 on that id; --no-inline-config ignores Metadata', () => {
      const text = jsonTemplate({ 'config-remediation': { ignore: ['RC103', 'RC106'] } });
      const problems = check(text, 'json', 'cloudformation');
      const unused = problems.filter((p) => p.ruleId === 'RC008');
      assert.equal(unused.length, 1, JSON.stringify(problems));
      const [problem] = unused as [Problem];
      assert.equal(text.slice(problem.offset, problem.offset + problem.length), '"RC106"');
      assert.match(problem.message, /in resource "Remediation"/);
      assert.deepEqual(ids(check(text, 'json', 'cloudformation', { inlineConfig: false })), [
        'RC103',
        'RC103',
      ]);
    });

    it('quick fix in a JSON template: the id in the resource Metadata (no comment)', () => {
      for (const text of [
        jsonTemplate(),
        jsonTemplate({ 'config-remediation': { ignore: ['RC106'] } }),
      ]) {
        const parsed = service.parse(text, 'json');
        const problems = service.validate(parsed, 'cloudformation');
        const problem = problems.find((p) => p.ruleId === 'RC103') as Problem;
        const actions = service.codeActions(problems, problem, { parsed, kind: 'cloudformation' });
        const action = actions.find((a) => a.title.startsWith('Suppress RC103'));
        assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
        assert.match(action.title, /in resource "Remediation" \(Metadata\)/);
        const fixed = applyEdits(text, action.edits);
        const value = JSON.parse(fixed) as {
          Resources: { Remediation: { Metadata: { 'config-remediation': { ignore: string[] } } } };
        };
        assert.ok(
          value.Resources.Remediation.Metadata['config-remediation'].ignore.includes('RC103'),
        );
        const after = check(fixed, 'json', 'cloudformation').filter((p) => p.ruleId !== 'RC008');
        assert.deepEqual(ids(after), ['RC103'], "only the other resource's finding is left");
      }
    });
  });

  describe('the "Suppress RCnnn on this line" quick fix', () => {
    function suppress(
      text: string,
      format: DocumentFormat,
      ruleId: string,
      kind: DocumentKind = 'request',
    ) {
      const parsed = service.parse(text, format);
      const problems = service.validate(parsed, kind);
      const problem = problems.find((p) => p.ruleId === ruleId);
      assert.ok(problem, `no ${ruleId} in ${JSON.stringify(problems)}`);
      const actions = service.codeActions(problems, problem, { parsed, kind });
      return actions.find((a) => a.title === `Suppress ${ruleId} on this line`);
    }

    it("YAML: a comment above, in the line's indentation; then the finding is gone", () => {
      const text = yamlRequest();
      const action = suppress(text, 'yaml', 'RC103');
      assert.ok(action);
      const fixed = applyEdits(text, action.edits);
      assert.equal(
        fixed,
        yamlRequest({ beforeTarget: '# config-remediation-disable-next-line RC103' }),
      );
      assert.deepEqual(ids(check(fixed, 'yaml')), ['RC206', 'RC106']);
    });

    it('adds the id to a suppression comment already above the line', () => {
      const text = yamlRequest().replace(
        '    MaximumAutomaticAttempts',
        '    # config-remediation-disable-next-line RC206 -- manual for now\n    MaximumAutomaticAttempts',
      );
      const action = suppress(text, 'yaml', 'RC106');
      assert.ok(action);
      const fixed = applyEdits(text, action.edits);
      assert.ok(
        fixed.includes(
          '    # config-remediation-disable-next-line RC206, RC106 -- manual for now\n',
        ),
        fixed,
      );
      assert.deepEqual(ids(check(fixed, 'yaml')), ['RC103']);
    });

    it('JSONC: a // comment; strict JSON requests get none (the AWS CLI rejects comments)', () => {
      const text = jsoncRequest();
      const action = suppress(text, 'jsonc', 'RC103');
      assert.ok(action);
      const fixed = applyEdits(text, action.edits);
      assert.equal(
        fixed,
        jsoncRequest({ beforeTarget: '// config-remediation-disable-next-line RC103' }),
      );
      assert.deepEqual(ids(check(fixed, 'jsonc')), ['RC206', 'RC106']);
      assert.equal(suppress(text, 'json', 'RC103'), undefined);
    });

    it("keeps the document's CRLF line ends", () => {
      const text = yamlRequest().replace(/\n/g, '\r\n');
      const action = suppress(text, 'yaml', 'RC103');
      assert.ok(action);
      assert.match(action.edits[0]?.newText ?? '', /RC103\r\n$/);
    });

    it('is not offered for an unsuppressible finding (RC001)', () => {
      const text = `${yamlRequest()}  bad: [\n`;
      const parsed = service.parse(text, 'yaml');
      const problems = service.validate(parsed, 'request');
      const syntax = problems.find((p) => p.ruleId === 'RC001') as Problem;
      assert.ok(syntax);
      const actions = service.codeActions(problems, syntax, { parsed, kind: 'request' });
      assert.ok(!actions.some((a) => a.title === 'Suppress RC001 on this line'));
    });
  });
});
