import * as assert from 'node:assert/strict';
import { service } from './helpers/bothFormats';
import type { Problem } from '../../server/src/languageService/model/problem';

type Format = 'json' | 'yaml';

/** A remediation resource's Properties, as YAML lines (indented by `indent`). */
function remediationYaml(indent: string, extra: string[] = []): string {
  return [
    'Resources:',
    '  S3Remediation:',
    '    Type: AWS::Config::RemediationConfiguration',
    '    Properties:',
    '      ConfigRuleName: s3-bucket-versioning-enabled',
    '      TargetType: SSM_DOCUMENT',
    '      TargetId: AWS-ConfigureS3BucketVersioning',
    '      ResourceType: AWS::S3::Bucket',
    '      Automatic: true',
    ...extra.map((line) => `      ${line}`),
    '      Parameters:',
    '        AutomationAssumeRole:',
    '          StaticValue:',
    '            Values:',
    '              - arn:aws:iam::210987654321:role/Remediation',
    '        BucketName:',
    '          ResourceValue:',
    '            Value: RESOURCE_ID',
  ]
    .map((line) => indent + line)
    .join('\n');
}

/** The same resource as a JSON value (for JSON string bodies). */
function remediationJson(overrides: Record<string, unknown> = {}, role?: string): unknown {
  return {
    Resources: {
      S3Remediation: {
        Type: 'AWS::Config::RemediationConfiguration',
        Properties: {
          ConfigRuleName: 's3-bucket-versioning-enabled',
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'AWS-ConfigureS3BucketVersioning',
          ResourceType: 'AWS::S3::Bucket',
          Automatic: true,
          Parameters: {
            AutomationAssumeRole: {
              StaticValue: { Values: [role ?? 'arn:aws:iam::210987654321:role/Remediation'] },
            },
            BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
          },
          ...overrides,
        },
      },
    },
  };
}

function check(text: string, format: Format): Problem[] {
  const parsed = service.parse(text, format);
  const recognition = service.recognise(`stack.${format}`, text, () => parsed);
  assert.equal(recognition?.kind, 'cloudformation', 'recognised as a template');
  return service.validate(parsed, 'cloudformation');
}

/** 1-based line and column of an offset, as the CLI prints them. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** Offset of the n-th occurrence of `marker` (plus `delta`). */
function offsetOf(text: string, marker: string, delta = 0): number {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker ${marker}`);
  return offset + delta;
}

function summary(problems: readonly Problem[], text: string): string[] {
  return problems.map((p) => `${p.ruleId}@${lineColumn(text, p.offset)}`);
}

const PACK_HEAD = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Resources:',
  '  Pack:',
  '    Type: AWS::Config::ConformancePack',
  '    Properties:',
  '      ConformancePackName: s3-pack',
];

function yamlBlockPack(extra: string[], tag = ''): string {
  return [...PACK_HEAD, `      TemplateBody: ${tag}|`, remediationYaml('        ', extra), ''].join(
    '\n',
  );
}

describe('Embedded conformance pack templates', () => {
  it('checks a YAML block scalar TemplateBody, at the exact outer line and column', () => {
    const text = yamlBlockPack(['MaximumAutomaticAttempts: 500']);
    const problems = check(text, 'yaml');
    const value = offsetOf(text, '500');
    assert.deepEqual(summary(problems, text), [`RC106@${lineColumn(text, value)}`]);
    assert.equal(lineColumn(text, value), '17:41');
    assert.equal(problems[0]?.length, 3);
  });

  it('writes quick fixes inside a block scalar with the block indentation', () => {
    const text = yamlBlockPack(['Arn: arn:aws:config:us-east-1:210987654321:remediation/x']);
    const problems = check(text, 'yaml');
    const problem = problems.find((p) => p.ruleId !== 'RC207' && p.fixes && p.fixes.length > 0);
    assert.ok(problem, JSON.stringify(summary(problems, text)));
    assert.equal(lineColumn(text, problem.offset), lineColumn(text, offsetOf(text, 'Arn:')));
    let fixed = text;
    for (const edit of [...(problem.fixes?.[0]?.edits ?? [])].sort((a, b) => b.offset - a.offset)) {
      fixed = fixed.slice(0, edit.offset) + edit.newText + fixed.slice(edit.offset + edit.length);
    }
    assert.equal(fixed, yamlBlockPack([]));
    assert.deepEqual(check(fixed, 'yaml'), []);
  });

  it('suppressions: a comment in the body, and a file-level comment of the outer file', () => {
    const text = yamlBlockPack([
      '# config-remediation-disable-next-line RC106',
      'MaximumAutomaticAttempts: 500',
    ]);
    assert.deepEqual(summary(check(text, 'yaml'), text), []);
    const plain = yamlBlockPack(['MaximumAutomaticAttempts: 500']);
    assert.deepEqual(
      summary(check(`# config-remediation-disable RC106\n${plain}`, 'yaml'), plain).map((s) =>
        s.replace(/@.*/, ''),
      ),
      [],
    );
  });

  it('checks a JSON string TemplateBody through its escapes, without fixes', () => {
    const body = JSON.stringify(remediationJson({ Automatic: 'yes' }));
    const outer = {
      Resources: {
        Pack: {
          Type: 'AWS::Config::ConformancePack',
          Properties: { ConformancePackName: 'p', TemplateBody: body },
        },
      },
    };
    const text = JSON.stringify(outer, null, 2);
    const problems = check(text, 'json');
    // The string "yes" starts at its escaped quote: \"yes\".
    assert.deepEqual(summary(problems, text), [
      `RC101@${lineColumn(text, offsetOf(text, '\\"yes\\"'))}`,
    ]);
    assert.equal(problems[0]?.length, '\\"yes\\"'.length);
    assert.equal(problems[0]?.fixes, undefined);
  });

  it('treats ${AWS::AccountId} in a !Sub body as unresolved: no error', () => {
    const text = [
      ...PACK_HEAD,
      '      TemplateBody: !Sub |',
      remediationYaml('        ')
        .replace('210987654321', '${AWS::AccountId}')
        .replace('Automatic: true', 'Automatic: ${Automatic}'),
      '',
    ].join('\n');
    assert.deepEqual(check(text, 'yaml'), []);
    // A real problem in the same body is still found, on its line.
    const broken = text.replace('TargetType: SSM_DOCUMENT', 'TargetType: SSM');
    assert.deepEqual(summary(check(broken, 'yaml'), broken), [
      `RC103@${lineColumn(broken, offsetOf(broken, 'SSM\n'))}`,
    ]);
  });

  it('checks the Fn::Sub [string, variables] form', () => {
    const body = JSON.stringify(
      remediationJson({ RetryAttemptSeconds: 0 }, 'arn:aws:iam::${AWS::AccountId}:role/${Role}'),
    );
    const outer = {
      Resources: {
        Pack: {
          Type: 'AWS::Config::OrganizationConformancePack',
          Properties: {
            OrganizationConformancePackName: 'p',
            TemplateBody: { 'Fn::Sub': [body, { Role: 'Remediation' }] },
          },
        },
      },
    };
    const text = JSON.stringify(outer, null, 2);
    const problems = check(text, 'json');
    assert.deepEqual(summary(problems, text), [
      `RC106@${lineColumn(text, offsetOf(text, 'RetryAttemptSeconds\\":0', 22))}`,
    ]);
  });

  it('checks an SSM ConformancePackTemplate document with object Content', () => {
    const text = [
      'Resources:',
      '  PackDocument:',
      '    Type: AWS::SSM::Document',
      '    Properties:',
      '      DocumentType: ConformancePackTemplate',
      '      Content:',
      remediationYaml('        ', ['MaximumAutomaticAttempts: 0']).replace(
        /^ {8}Resources:\n/,
        '        Resources:\n',
      ),
      '',
    ].join('\n');
    const problems = check(text, 'yaml');
    assert.deepEqual(summary(problems, text), [
      `RC106@${lineColumn(text, offsetOf(text, 'Attempts: 0', 10))}`,
    ]);
  });

  it('checks an SSM ConformancePackTemplate document with string Content', () => {
    const text = [
      'Resources:',
      '  PackDocument:',
      '    Type: AWS::SSM::Document',
      '    Properties:',
      '      DocumentType: ConformancePackTemplate',
      '      Content: |',
      remediationYaml('        ', ['MaximumAutomaticAttempts: 0']),
      '',
    ].join('\n');
    const problems = check(text, 'yaml');
    assert.deepEqual(summary(problems, text), [
      `RC106@${lineColumn(text, offsetOf(text, 'Attempts: 0', 10))}`,
    ]);
  });

  it('leaves other SSM documents and packs without remediation alone', () => {
    const automation = [
      'Resources:',
      '  Runbook:',
      '    Type: AWS::SSM::Document',
      '    Properties:',
      '      DocumentType: Automation',
      '      Content: |',
      remediationYaml('        ', ['MaximumAutomaticAttempts: 0']),
      '',
    ].join('\n');
    const parsed = service.parse(automation, 'yaml');
    assert.equal(
      service.recognise('stack.yaml', automation, () => parsed),
      undefined,
    );
    const noRemediation = [...PACK_HEAD, '      TemplateBody: |', '        Resources: {}', ''].join(
      '\n',
    );
    const other = service.parse(noRemediation, 'yaml');
    assert.equal(
      service.recognise('stack.yaml', noRemediation, () => other),
      undefined,
    );
  });

  it('hovers a member inside a block scalar, with the range in the outer file', () => {
    const text = yamlBlockPack(['MaximumAutomaticAttempts: 5']);
    const parsed = service.parse(text, 'yaml');
    const key = offsetOf(text, 'MaximumAutomaticAttempts');
    const result = service.hover(parsed, 'cloudformation', key + 3);
    assert.ok(result);
    assert.match(result.markdown, /MaximumAutomaticAttempts/);
    assert.deepEqual(result.range, { offset: key, length: 'MaximumAutomaticAttempts'.length });
  });

  it('hovers a member inside a JSON string body', () => {
    const body = JSON.stringify(remediationJson());
    const text = JSON.stringify(
      {
        Resources: {
          Pack: {
            Type: 'AWS::Config::ConformancePack',
            Properties: { TemplateBody: body },
          },
        },
      },
      null,
      2,
    );
    const parsed = service.parse(text, 'json');
    const result = service.hover(parsed, 'cloudformation', offsetOf(text, 'TargetType') + 2);
    assert.ok(result);
    assert.match(result.markdown, /TargetType/);
  });

  it('completes keys inside a block scalar, indented as the block', () => {
    const text = yamlBlockPack(['Max']);
    const parsed = service.parse(text, 'yaml');
    const offset = offsetOf(text, 'Max') + 3;
    const items = service.complete(parsed, 'cloudformation', offset);
    const item = items.find((candidate) => candidate.label === 'MaximumAutomaticAttempts');
    assert.ok(item, items.map((candidate) => candidate.label).join(', '));
    assert.deepEqual(item.range, { offset: offset - 3, length: 3 });
    assert.ok(
      !items.some((candidate) => candidate.label === 'Automatic'),
      'existing keys left out',
    );
    // A multi-line insert continues at the block's indentation.
    const controls = items.find((candidate) => candidate.label === 'ExecutionControls');
    assert.ok(controls);
    for (const line of controls.insertText.split('\n').slice(1)) {
      assert.match(line, /^ {16}/, JSON.stringify(controls.insertText));
    }
  });

  it('completes enum values inside SSM object Content', () => {
    const text = [
      'Resources:',
      '  PackDocument:',
      '    Type: AWS::SSM::Document',
      '    Properties:',
      '      DocumentType: ConformancePackTemplate',
      '      Content:',
      remediationYaml('        ').replace('TargetType: SSM_DOCUMENT', 'TargetType: '),
      '',
    ].join('\n');
    const parsed = service.parse(text, 'yaml');
    const items = service.complete(parsed, 'cloudformation', offsetOf(text, 'TargetType: ', 12));
    assert.ok(items.some((item) => item.label === 'SSM_DOCUMENT'));
  });

  it('checks a standalone conformance pack template file as a template', () => {
    const text = [
      'Parameters:',
      '  RuleName:',
      '    Type: String',
      '    Default: s3-bucket-versioning-enabled',
      'Resources:',
      '  S3Rule:',
      '    Type: AWS::Config::ConfigRule',
      '    Properties:',
      '      ConfigRuleName: !Ref RuleName',
      '      Source:',
      '        Owner: AWS',
      '        SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED',
      remediationYaml('', ['MaximumAutomaticAttempts: 30'])
        .replace(/^Resources:\n/, '')
        .replace('ConfigRuleName: s3-bucket-versioning-enabled', 'ConfigRuleName: !Ref RuleName'),
      '',
    ].join('\n');
    const problems = check(text, 'yaml');
    // RC211: both ConfigRuleNames are `!Ref RuleName` and the remediation has no DependsOn on
    // S3Rule, so CloudFormation may create it first (AWS's RDK writes `DependsOn: rdkConfigRule`
    // on its remediation for this template shape).
    const remediationKey = text.indexOf('ConfigRuleName: !Ref', text.indexOf('S3Remediation'));
    assert.deepEqual(summary(problems, text), [
      `RC211@${lineColumn(text, remediationKey)}`,
      `RC106@${lineColumn(text, offsetOf(text, 'Attempts: 30', 10))}`,
    ]);
  });
});

describe('Embedded conformance pack templates: counts', () => {
  it('counts the configurations of embedded templates for the status', () => {
    const text = yamlBlockPack([]);
    const parsed = service.parse(text, 'yaml');
    assert.equal(service.configurationCount(parsed, 'cloudformation'), 1);
    // Deploy and export read the file's own resources only.
    assert.deepEqual(service.configurations(parsed, 'cloudformation'), []);
  });
});

describe('Embedded conformance pack templates: line ends', () => {
  it('keeps CRLF line ends in fixes inside a block scalar', () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const text = crlf(yamlBlockPack(['Arn: arn:aws:config:us-east-1:210987654321:remediation/x']));
    const problems = check(text, 'yaml');
    assert.equal(lineColumn(text, problems.find((p) => p.fixes)?.offset ?? -1), '17:15');
    const problem = problems.find((p) => p.fixes && p.fixes.length > 0);
    let fixed = text;
    for (const edit of [...(problem?.fixes?.[0]?.edits ?? [])].sort(
      (a, b) => b.offset - a.offset,
    )) {
      fixed = fixed.slice(0, edit.offset) + edit.newText + fixed.slice(edit.offset + edit.length);
    }
    assert.equal(fixed, crlf(yamlBlockPack([])));
  });
});

describe('Embedded conformance pack templates: the outer template through input parameters', () => {
  const documentYaml = [
    '  RemediationDoc:',
    '    Type: AWS::SSM::Document',
    '    Properties:',
    '      DocumentType: Automation',
    '      Content:',
    "        schemaVersion: '0.3'",
    '        parameters:',
    '          BucketName:',
    '            type: String',
    '          AutomationAssumeRole:',
    '            type: String',
    '        mainSteps: []',
  ];
  const packYaml = (type: string, inputs: string[], targetId: string): string =>
    [
      'Resources:',
      ...documentYaml,
      '  Pack:',
      `    Type: ${type}`,
      '    Properties:',
      '      ConformancePackName: pack',
      ...(inputs.length > 0 ? ['      ConformancePackInputParameters:', ...inputs] : []),
      '      TemplateBody: |',
      '        Parameters:',
      '          Doc:',
      '            Type: String',
      '        Resources:',
      '          Fix:',
      '            Type: AWS::Config::RemediationConfiguration',
      '            Properties:',
      '              ConfigRuleName: r',
      '              TargetType: SSM_DOCUMENT',
      `              TargetId: ${targetId}`,
      '              Parameters:',
      '                AutomationAssumeRole:',
      '                  StaticValue:',
      '                    Values: [arn:aws:iam::210987654321:role/Remediation]',
      '                Bucket:',
      '                  ResourceValue:',
      '                    Value: RESOURCE_ID',
      '',
    ].join('\n');
  const refInput = [
    '        - ParameterName: Doc',
    '          ParameterValue: !Ref RemediationDoc',
  ];
  const ids = (text: string, format: Format): string[] =>
    service
      .validate(service.parse(text, format), 'cloudformation')
      .filter((p) => p.severity === 'error' || p.severity === 'warning')
      .map((p) => `${p.ruleId} ${text.slice(p.offset, p.offset + p.length).trim()}`);

  it('YAML: TargetId !Ref of a pack parameter set to !Ref of an outer Automation document is that runbook', () => {
    const text = packYaml('AWS::Config::ConformancePack', refInput, '!Ref Doc');
    // RC300: "Bucket" is not a parameter of the outer document; RC301: BucketName is required.
    assert.deepEqual(ids(text, 'yaml').sort(), ['RC300 Bucket', 'RC301 Parameters']);
    // Hover on the TargetId shows the outer document.
    const hover = service.hover(
      service.parse(text, 'yaml'),
      'cloudformation',
      text.indexOf('!Ref Doc') + 6,
    );
    assert.match(
      hover?.markdown ?? '',
      /\*\*Runbook RemediationDoc\*\* \(Automation document defined in this file\)/,
    );
    assert.match(hover?.markdown ?? '', /`BucketName`/);
  });

  it('YAML: without the input parameter, or in an organization pack, the runbook is not known', () => {
    assert.deepEqual(ids(packYaml('AWS::Config::ConformancePack', [], '!Ref Doc'), 'yaml'), []);
    const organization = packYaml('AWS::Config::OrganizationConformancePack', refInput, '!Ref Doc');
    assert.deepEqual(ids(organization, 'yaml'), []);
  });

  it('YAML: a pack parameter set to a literal runbook name is that runbook', () => {
    const inputs = [
      '        - ParameterName: Doc',
      '          ParameterValue: AWS-ConfigureS3BucketVersioning',
    ];
    const text = packYaml('AWS::Config::ConformancePack', inputs, '!Ref Doc');
    assert.ok(ids(text, 'yaml').includes('RC300 Bucket'), JSON.stringify(ids(text, 'yaml')));
  });

  it('JSON: the same through a JSON string TemplateBody and {"Ref": ...}', () => {
    const body = {
      Parameters: { Doc: { Type: 'String' } },
      Resources: {
        Fix: {
          Type: 'AWS::Config::RemediationConfiguration',
          Properties: {
            ConfigRuleName: 'r',
            TargetType: 'SSM_DOCUMENT',
            TargetId: { Ref: 'Doc' },
            Parameters: {
              AutomationAssumeRole: {
                StaticValue: { Values: ['arn:aws:iam::210987654321:role/Remediation'] },
              },
              Bucket: { ResourceValue: { Value: 'RESOURCE_ID' } },
            },
          },
        },
      },
    };
    const text = JSON.stringify(
      {
        Resources: {
          RemediationDoc: {
            Type: 'AWS::SSM::Document',
            Properties: {
              DocumentType: 'Automation',
              Content: {
                schemaVersion: '0.3',
                parameters: {
                  BucketName: { type: 'String' },
                  AutomationAssumeRole: { type: 'String' },
                },
                mainSteps: [],
              },
            },
          },
          Pack: {
            Type: 'AWS::Config::ConformancePack',
            Properties: {
              ConformancePackName: 'pack',
              ConformancePackInputParameters: [
                { ParameterName: 'Doc', ParameterValue: { Ref: 'RemediationDoc' } },
              ],
              TemplateBody: JSON.stringify(body, null, 2),
            },
          },
        },
      },
      null,
      2,
    );
    assert.deepEqual(
      ids(text, 'json')
        .map((id) => id.split(' ')[0])
        .sort(),
      ['RC300', 'RC301'],
    );
  });
});
