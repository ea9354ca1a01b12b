/**
 * What the product takes a file for: the list form of a request, the format by content, a
 * template named like a request, and the parser fixes found on real files (issue 13).
 */
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import {
  createLanguageService,
  detectFormat,
  documentFormat,
  type DocumentFormat,
  type ParsedDocument,
} from '../../server/src/languageService/languageService';

const service = createLanguageService();
const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

/** A configuration with one unknown runbook parameter (RC300). */
function configuration(rule: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ConfigRuleName: rule,
    TargetType: 'SSM_DOCUMENT',
    TargetId: 'AWS-DisableS3BucketPublicReadWrite',
    Parameters: {
      AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
      S3BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
      ...extra,
    },
    ResourceType: 'AWS::S3::Bucket',
  };
}

function serialise(value: unknown, format: DocumentFormat): string {
  return format === 'yaml' ? stringify(value) : `${JSON.stringify(value, null, 2)}\n`;
}

function check(text: string, format: DocumentFormat, path = `file.${format}`) {
  let parsed: ParsedDocument | undefined;
  const parse = () => (parsed ??= service.parse(text, format));
  const recognition = service.recognise(path, text, parse);
  const problems = recognition ? service.validate(parse(), recognition.kind) : [];
  return { recognition, problems, parsed: parse() };
}

describe('recognition: the list form of a request', () => {
  for (const format of ['json', 'yaml'] as const) {
    const list = [
      configuration('first'),
      configuration('second', { Bogus: { StaticValue: { Values: ['x'] } } }),
    ];
    const text = serialise(list, format);

    it(`is a request, every item checked (${format})`, () => {
      const { recognition, problems } = check(text, format);
      assert.deepEqual(recognition, { kind: 'request', reason: 'content' });
      assert.deepEqual(
        problems.map((p) => p.ruleId),
        ['RC300'],
        JSON.stringify(problems),
      );
      const at = problems[0]?.offset ?? -1;
      assert.match(text.slice(at, at + 6), /^"?Bogus/);
      assert.equal(service.configurations(service.parse(text, format), 'request').length, 2);
    });

    it(`has hover and completion on its items (${format})`, () => {
      const parsed = service.parse(text, format);
      const hover = service.hover(parsed, 'request', text.indexOf('TargetId') + 2);
      assert.match(hover?.markdown ?? '', /\*\*TargetId\*\*/);
      const runbook = service.hover(parsed, 'request', text.indexOf('AWS-Disable') + 4);
      assert.match(runbook?.markdown ?? '', /AWS-DisableS3BucketPublicReadWrite/);
      const typing = format === 'yaml' ? '- ConfigRuleName: r\n  Tar' : '[\n  {\n    "Tar';
      const labels = service
        .complete(service.parse(typing, format), 'request', typing.length)
        .map((item) => item.label);
      assert.ok(labels.includes('TargetId'), labels.join(', '));
    });

    it(`duplicate Config rules across items are reported (${format})`, () => {
      const twice = serialise([configuration('same'), configuration('same')], format);
      assert.deepEqual(
        check(twice, format).problems.map((p) => p.ruleId),
        ['RC204'],
      );
    });
  }

  it('offers a new configuration at a new item of the root list (JSON)', () => {
    const text = '[\n  ';
    const labels = service
      .complete(service.parse(text, 'json'), 'request', text.length)
      .map((item) => item.label);
    assert.deepEqual(labels, ['New remediation configuration']);
  });

  it('other lists of objects are not requests', () => {
    const text = JSON.stringify([{ ConfigRuleName: 'a', Source: { Owner: 'AWS' } }]);
    assert.equal(check(text, 'json').recognition, undefined);
    const yaml = '- name: TargetId\n  ConfigRuleName: x\n';
    assert.equal(check(yaml, 'yaml').recognition, undefined);
  });
});

describe('recognition: format by content', () => {
  it('detects JSON and YAML after whitespace and comments', () => {
    assert.equal(detectFormat('  \n{"a": 1}'), 'json');
    assert.equal(detectFormat('\ufeff[1]'), 'json');
    assert.equal(detectFormat('// c\n{"a": 1}'), 'jsonc');
    assert.equal(detectFormat('/* c */ {"a": 1}'), 'jsonc');
    assert.equal(detectFormat('# c\n{a: 1}'), 'yaml');
    assert.equal(detectFormat('AWSTemplateFormatVersion: "2010-09-09"\n'), 'yaml');
    assert.equal(detectFormat('---\nResources: {}\n'), 'yaml');
    assert.equal(detectFormat(''), 'yaml');
  });

  it('the language id wins, then the extension, then the content', () => {
    assert.equal(documentFormat('t.template', 'a: 1', 'json'), 'json');
    assert.equal(documentFormat('t.template', '{}', 'plaintext'), 'json');
    assert.equal(documentFormat('t.yaml', '{}', 'plaintext'), 'yaml');
    assert.equal(documentFormat('t.template', 'Resources: {}'), 'yaml');
    assert.equal(documentFormat('template', '{"Resources": {}}'), 'json');
    assert.equal(documentFormat('t.txt', 'Resources: {}'), 'yaml');
  });
});

describe('recognition: templates', () => {
  const template = (format: DocumentFormat) =>
    serialise(
      {
        Resources: {
          Remediation: {
            Type: 'AWS::Config::RemediationConfiguration',
            Properties: configuration('r', { Bogus: { StaticValue: { Values: ['x'] } } }),
          },
        },
      },
      format,
    );

  for (const format of ['json', 'yaml'] as const) {
    it(`a template named *.remediation.${format} is read as a template`, () => {
      const { recognition, problems } = check(template(format), format, `x.remediation.${format}`);
      assert.deepEqual(recognition, { kind: 'cloudformation', reason: 'file-name' });
      assert.deepEqual(
        problems.map((p) => p.ruleId),
        ['RC300'],
      );
    });
  }

  it('a resource written twice is one duplicate key, not also a duplicate configuration (YAML)', () => {
    const body = (rule: string) =>
      `  Remediation:\n    Type: AWS::Config::RemediationConfiguration\n    Properties:\n      ConfigRuleName: ${rule}\n      TargetType: SSM_DOCUMENT\n      TargetId: AWS-DisableS3BucketPublicReadWrite\n      Parameters:\n        AutomationAssumeRole:\n          StaticValue:\n            Values: ["${ROLE}"]\n        S3BucketName:\n          ResourceValue:\n            Value: RESOURCE_ID\n      ResourceType: AWS::S3::Bucket\n`;
    const text = `Resources:\n${body('same')}${body('same')}`;
    const { problems } = check(text, 'yaml');
    assert.deepEqual(
      problems.map((p) => p.ruleId),
      ['RC002'],
    );
  });

  it('a resource written twice is one duplicate key, not also a duplicate configuration (JSON)', () => {
    const resource = JSON.stringify({
      Type: 'AWS::Config::RemediationConfiguration',
      Properties: configuration('same'),
    });
    const text = `{"Resources": {\n"Remediation": ${resource},\n"Remediation": ${resource}\n}}`;
    const { problems } = check(text, 'json');
    assert.deepEqual(
      problems.map((p) => p.ruleId),
      ['RC002'],
    );
  });
});

describe('recognition: YAML read as written', () => {
  it('places a syntax error on the offending token, not the blank line before it', () => {
    const text =
      'RemediationConfigurations:\n  - ConfigRuleName: a\n    TargetType: SSM_DOCUMENT\n\n   TargetId: x\n';
    const problems = service.parse(text, 'yaml').problems.filter((p) => p.ruleId === 'RC001');
    assert.ok(problems.length > 0);
    for (const problem of problems) {
      assert.equal(text.slice(problem.offset, problem.offset + problem.length), 'TargetId');
    }
  });

  it('reads lone CR line ends as line breaks: no CR in values', () => {
    const lf = stringify({ RemediationConfigurations: [configuration('r')] });
    const cr = lf.replace(/\n/g, '\r');
    const parsed = service.parse(cr, 'yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(service.validate(parsed, 'request'), []);
    const payload = service.configurations(parsed, 'request')[0]?.value;
    assert.equal(payload?.TargetId, 'AWS-DisableS3BucketPublicReadWrite');
    const target = cr.indexOf('AWS-Disable');
    const hover = service.hover(parsed, 'request', target + 2);
    assert.equal(hover?.range.offset, target);
  });
});

describe('messages', () => {
  it('a runbook that detaches: "detaches", not "detachs"', () => {
    const text = JSON.stringify({
      RemediationConfigurations: [
        {
          ConfigRuleName: 'r',
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'AWS-DetachEBSVolume',
          Automatic: true,
          MaximumAutomaticAttempts: 3,
          RetryAttemptSeconds: 60,
          ResourceType: 'AWS::EC2::Volume',
          Parameters: {
            AutomationAssumeRole: { StaticValue: { Values: [ROLE] } },
            VolumeId: { ResourceValue: { Value: 'RESOURCE_ID' } },
          },
        },
      ],
    });
    const messages = service.validate(service.parse(text, 'json'), 'request').map((p) => p.message);
    assert.ok(
      messages.some((m) => /runs automatically and detaches resources/.test(m)),
      messages.join('\n'),
    );
    assert.ok(!messages.some((m) => /detachs/.test(m)));
  });
});

describe('recognition: the server picks the format like the CLI', () => {
  const yaml =
    'Resources:\n  R:\n    Type: AWS::Config::RemediationConfiguration\n    Properties:\n      ConfigRuleName: r\n';

  it('a YAML .template sent as plain text is read as YAML; a language id of yaml/json wins', () => {
    const cache = new DocumentCache(service, () => []);
    const plain = cache.get(TextDocument.create('file:///w/stack.template', 'plaintext', 1, yaml));
    assert.equal(plain.format, 'yaml');
    assert.equal(plain.recognition?.kind, 'cloudformation');
    const json = cache.get(TextDocument.create('file:///w/other.template', 'json', 1, yaml));
    assert.equal(json.format, 'json');
  });
});
