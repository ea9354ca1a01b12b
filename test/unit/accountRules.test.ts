/**
 * Account facts in the language service (issue #8): the RC4xx rules, the runbook rules on the
 * account's own runbooks, completion and hover, in JSON and YAML, and that without facts nothing
 * changes. The facts here have the shape the look-up module produces against moto (see
 * test/cli/account.test.ts and test/protocol/account.test.ts for the real thing).
 */
import * as assert from 'node:assert/strict';
import type { AccountFacts } from '../../common/src/accountFacts';
import apiModel from '../../server/src/languageService/data/apiModel.json';
import { stripSnippet } from '../../server/src/lsp/convert';
import type { Problem } from '../../server/src/languageService/model/problem';
import {
  RULE_MUST_EXIST_TEXT,
  SERVICE_LINKED_TEXT,
  TARGET_MUST_EXIST_TEXT,
} from '../../server/src/languageService/rules/account/text';
import { sanitizeAccountFacts } from '../../server/src/languageService/model/account';
import { applyEdit, parseAnnotated } from './helpers/annotated';
import { FORMATS, nodeAt, serialise, service, type Format } from './helpers/bothFormats';

const ACCOUNT = '111122223333';
const ROLE = 'arn:aws:iam::111122223333:role/ConfigRemediationRole';

export const FACTS: AccountFacts = {
  accountId: ACCOUNT,
  region: 'eu-west-1',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  configRules: [
    { name: 's3-bucket-versioning-enabled', resourceTypes: ['AWS::S3::Bucket'] },
    { name: 'ec2-instance-no-public-ip', resourceTypes: ['AWS::EC2::Instance'] },
    { name: 'any-resource-rule' },
    {
      name: 'securityhub-s3-bucket-logging-enabled-abc123',
      createdBy: 'securityhub.amazonaws.com',
      resourceTypes: ['AWS::S3::Bucket'],
    },
  ],
  documents: [
    {
      name: 'Team-EnableBucketVersioning',
      documentType: 'Automation',
      owner: ACCOUNT,
      description: 'Enables versioning on an S3 bucket (team runbook).',
      parameters: [
        { name: 'AutomationAssumeRole', type: 'String', required: false, default: '' },
        { name: 'BucketName', type: 'String', required: true },
        {
          name: 'VersioningState',
          type: 'String',
          required: false,
          default: 'Enabled',
          allowedValues: ['Enabled', 'Suspended'],
        },
        { name: 'MfaDelete', type: 'Boolean', required: false, default: false },
        {
          name: 'RetentionDays',
          type: 'String',
          required: false,
          default: '30',
          allowedPattern: '^[0-9]{1,4}$',
        },
      ],
    },
    // Listed only (ListDocuments): no parameters known, so never checked.
    { name: 'Team-ListedOnly', documentType: 'Automation', owner: ACCOUNT },
    { name: 'Shared-Runbook', documentType: 'Automation', owner: '444455556666' },
    {
      name: 'Team-RunShellScript',
      documentType: 'Command',
      owner: ACCOUNT,
      parameters: [{ name: 'commands', type: 'StringList', required: true }],
    },
    {
      name: 'Shared-ByArn',
      documentType: 'Automation',
      owner: '444455556666',
      requestedAs: 'arn:aws:ssm:eu-west-1:444455556666:document/Shared-ByArn',
      parameters: [{ name: 'Target', type: 'String', required: true }],
    },
  ],
  missingDocuments: ['Team-EnableBucketVersionig', 'Team-DoesNotExist', 'AWS-NoSuchRunbook'],
};

const role = { StaticValue: { Values: [ROLE] } };
const values = (...items: string[]): unknown => ({ StaticValue: { Values: items } });

function configuration(
  rule: string,
  targetId: string,
  parameters: Record<string, unknown> = { AutomationAssumeRole: role },
): Record<string, unknown> {
  return {
    ConfigRuleName: rule,
    TargetType: 'SSM_DOCUMENT',
    TargetId: targetId,
    Parameters: parameters,
    Automatic: false,
  };
}

/** Validates one configuration; `null` for no facts (offline). */
function check(value: unknown, format: Format, account: AccountFacts | null = FACTS) {
  const text = serialise({ RemediationConfigurations: [value] }, format);
  const parsed = service.parse(text, format);
  const problems = service.validate(parsed, 'request', { account: account ?? undefined });
  return { text, parsed, problems };
}

const ids = (problems: readonly Problem[]): string[] => problems.map((p) => p.ruleId);
const account4xx = (problems: readonly Problem[]): string[] =>
  ids(problems).filter((id) => id.startsWith('RC4'));

describe('account facts: RC4xx rules', () => {
  it('quotes the API text verbatim', () => {
    const text = [
      apiModel.operationDocumentation,
      ...apiModel.notes.map((note) => note.markdown),
    ].join('\n');
    for (const quote of [RULE_MUST_EXIST_TEXT, TARGET_MUST_EXIST_TEXT, SERVICE_LINKED_TEXT]) {
      assert.ok(text.includes(quote), quote);
    }
  });

  for (const format of FORMATS) {
    describe(format, () => {
      it('RC400: a rule the account does not have is a warning quoting the API, with a fix', () => {
        const { parsed, problems, text } = check(
          configuration('s3-bucket-versioning-enabeld', 'AWS-EnableS3BucketEncryption'),
          format,
        );
        const problem = problems.find((p) => p.ruleId === 'RC400');
        assert.ok(problem, JSON.stringify(problems));
        assert.equal(problem.severity, 'warning');
        assert.match(problem.message, /account 111122223333, eu-west-1/);
        assert.ok(problem.message.includes(RULE_MUST_EXIST_TEXT));
        const node = nodeAt(parsed, 'RemediationConfigurations[0].ConfigRuleName');
        assert.deepEqual([problem.offset, problem.length], [node.offset, node.length]);
        const fix = problem.fixes?.[0];
        assert.equal(fix?.title, 'Change to "s3-bucket-versioning-enabled"');
        assert.ok(fix && applyEdit(text, fix.edits[0]!).includes('s3-bucket-versioning-enabled'));
      });

      it('RC400: a rule the account has is not reported', () => {
        const { problems } = check(
          configuration('s3-bucket-versioning-enabled', 'Team-EnableBucketVersioning', {
            AutomationAssumeRole: role,
            BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
          }),
          format,
        );
        assert.deepEqual(account4xx(problems), []);
      });

      it('RC401: a service-linked rule (CreatedBy) is an error; RC209 steps aside', () => {
        const name = 'securityhub-s3-bucket-logging-enabled-abc123';
        const { problems } = check(configuration(name, 'AWS-EnableS3BucketEncryption'), format);
        const problem = problems.find((p) => p.ruleId === 'RC401');
        assert.ok(problem, JSON.stringify(problems));
        assert.equal(problem.severity, 'error');
        assert.match(problem.message, /securityhub\.amazonaws\.com/);
        assert.ok(problem.message.includes(SERVICE_LINKED_TEXT));
        assert.ok(!ids(problems).includes('RC209'));
        assert.ok(!ids(problems).includes('RC400'));
        // Offline the name-based guess is still there.
        const offline = check(configuration(name, 'AWS-EnableS3BucketEncryption'), format, null);
        assert.ok(ids(offline.problems).includes('RC209'));
      });

      it('RC402: a TargetId the look-up did not find is a warning with the nearest runbook', () => {
        const { problems, text } = check(
          configuration('s3-bucket-versioning-enabled', 'Team-EnableBucketVersionig'),
          format,
        );
        const problem = problems.find((p) => p.ruleId === 'RC402');
        assert.ok(problem, JSON.stringify(problems));
        assert.equal(problem.severity, 'warning');
        assert.ok(problem.message.includes(TARGET_MUST_EXIST_TEXT));
        const fix = problem.fixes?.[0];
        assert.equal(fix?.title, 'Change to "Team-EnableBucketVersioning"');
        assert.ok(fix && applyEdit(text, fix.edits[0]!).includes('Team-EnableBucketVersioning'));
      });

      it('RC402 replaces RC306 for an AWS-… name the account says does not exist', () => {
        const { problems } = check(
          configuration('s3-bucket-versioning-enabled', 'AWS-NoSuchRunbook'),
          format,
        );
        assert.ok(ids(problems).includes('RC402'));
        assert.ok(!ids(problems).includes('RC306'));
        const offline = check(
          configuration('s3-bucket-versioning-enabled', 'AWS-NoSuchRunbook'),
          format,
          null,
        );
        assert.ok(ids(offline.problems).includes('RC306'));
        assert.ok(!ids(offline.problems).includes('RC402'));
      });

      it('RC402: a TargetId the look-up has not described yet is not judged', () => {
        const { problems } = check(
          configuration('s3-bucket-versioning-enabled', 'Team-TypedAfterTheLookUp'),
          format,
        );
        assert.deepEqual(account4xx(problems), []);
      });

      it('RC403: a Command document is an error, and gets no runbook parameter checks', () => {
        const { problems } = check(
          configuration('s3-bucket-versioning-enabled', 'Team-RunShellScript', {
            commands: values('echo hi'),
          }),
          format,
        );
        const problem = problems.find((p) => p.ruleId === 'RC403');
        assert.ok(problem, JSON.stringify(problems));
        assert.equal(problem.severity, 'error');
        assert.match(problem.message, /Command document/);
        assert.deepEqual(
          ids(problems).filter((id) => id.startsWith('RC3')),
          [],
        );
      });

      it('checks the parameters of the account runbook like a catalogued one', () => {
        const { problems } = check(
          configuration('s3-bucket-versioning-enabled', 'Team-EnableBucketVersioning', {
            AutomationAssumeRole: role,
            VersioningState: values('enabled'),
            MfaDelete: values('yes'),
            RetentionDays: values('forever'),
            BucketNmae: values('b'),
          }),
          format,
        );
        const found = ids(problems);
        for (const id of ['RC300', 'RC303', 'RC304', 'RC305']) {
          assert.ok(found.includes(id), `${id} in ${JSON.stringify(problems)}`);
        }
        const unknown = problems.find((p) => p.ruleId === 'RC300');
        assert.match(unknown?.message ?? '', /Did you mean "BucketName"/);
        const withoutBucket = check(
          configuration('s3-bucket-versioning-enabled', 'Team-EnableBucketVersioning'),
          format,
        );
        const missing = withoutBucket.problems.find((p) => p.ruleId === 'RC301');
        assert.match(missing?.message ?? '', /"BucketName"/);
        // Offline the same file gets none of them (the runbook is not in the catalog).
        const offline = check(
          configuration('s3-bucket-versioning-enabled', 'Team-EnableBucketVersioning', {
            BucketNmae: values('b'),
          }),
          format,
          null,
        );
        assert.deepEqual(
          ids(offline.problems).filter((id) => /^RC[34]/.test(id)),
          [],
        );
      });

      it('checks a runbook named by ARN, and never a runbook whose parameters are unknown', () => {
        const byArn = check(
          configuration(
            's3-bucket-versioning-enabled',
            'arn:aws:ssm:eu-west-1:444455556666:document/Shared-ByArn',
            { AutomationAssumeRole: role },
          ),
          format,
        );
        assert.ok(ids(byArn.problems).includes('RC300'), JSON.stringify(byArn.problems));
        assert.ok(ids(byArn.problems).includes('RC301'));
        const listed = check(
          configuration('s3-bucket-versioning-enabled', 'Team-ListedOnly', {
            Anything: values('x'),
          }),
          format,
        );
        assert.deepEqual(
          ids(listed.problems).filter((id) => /^RC[34]/.test(id)),
          [],
        );
      });
    });
  }

  it('without facts, validation is exactly as before (no RC4xx, same problems)', () => {
    const value = configuration(
      'securityhub-s3-bucket-logging-enabled-abc123',
      'Team-RunShellScript',
    );
    for (const format of FORMATS) {
      const text = serialise({ RemediationConfigurations: [value] }, format);
      const parsed = service.parse(text, format);
      const plain = service.validate(parsed, 'request');
      assert.deepEqual(service.validate(parsed, 'request', { account: undefined }), plain);
      assert.deepEqual(account4xx(plain), []);
    }
  });

  it('never reports the rules of a CloudFormation template itself (RC400)', () => {
    const template = {
      Resources: {
        Rule: {
          Type: 'AWS::Config::ConfigRule',
          Properties: {
            ConfigRuleName: 'rule-in-this-template',
            Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' },
          },
        },
        Remediation: {
          Type: 'AWS::Config::RemediationConfiguration',
          Properties: configuration('rule-in-this-template', 'AWS-EnableS3BucketEncryption'),
        },
        Other: {
          Type: 'AWS::Config::RemediationConfiguration',
          Properties: configuration('rule-elsewhere', 'AWS-EnableS3BucketEncryption'),
        },
      },
    };
    for (const format of FORMATS) {
      const text = serialise(template, format);
      const parsed = service.parse(text, format);
      const problems = service.validate(parsed, 'cloudformation', { account: FACTS });
      const rc400 = problems.filter((p) => p.ruleId === 'RC400');
      assert.equal(rc400.length, 1, JSON.stringify(problems));
      assert.match(rc400[0]!.message, /rule-elsewhere/);
    }
  });
});

describe('account facts from a client: sanitised', () => {
  it('keeps well-formed facts as they are', () => {
    assert.deepEqual(sanitizeAccountFacts(FACTS), FACTS);
  });

  it('drops what is malformed, and never makes a rule throw', () => {
    for (const garbage of [null, undefined, 42, 'facts', [], {}, { accountId: 1, region: 'x' }]) {
      assert.equal(sanitizeAccountFacts(garbage), undefined, JSON.stringify(garbage));
    }
    const partial = sanitizeAccountFacts({
      accountId: '111122223333',
      region: 'eu-west-1',
      configRules: [{ name: 'ok', resourceTypes: ['AWS::S3::Bucket', 7] }, { nom: 'x' }, 'y'],
      documents: [
        { name: 'Doc', documentType: 'Automation', parameters: [{ name: 'P' }, 3] },
        { name: 5 },
      ],
      missingDocuments: 'nope',
    });
    assert.deepEqual(partial?.configRules, [{ name: 'ok', resourceTypes: ['AWS::S3::Bucket'] }]);
    assert.deepEqual(partial?.documents, [
      {
        name: 'Doc',
        documentType: 'Automation',
        parameters: [{ name: 'P', type: 'String', required: false }],
      },
    ]);
    assert.deepEqual(partial?.missingDocuments, []);
    const { problems } = check(
      configuration('ok', 'Doc', { P: values('x') }),
      'yaml',
      partial ?? null,
    );
    assert.ok(!ids(problems).includes('RC009'), JSON.stringify(problems));
  });
});

describe('account facts: completion and hover', () => {
  function completeAt(source: string, format: Format, account: AccountFacts | null = FACTS) {
    const { text, cursor } = parseAnnotated(source);
    const parsed = service.parse(text, format);
    const items = service.complete(parsed, 'request', cursor, { account: account ?? undefined });
    return {
      items,
      labels: items.map((item) => item.label),
      apply(label: string): string {
        const item = items.find((candidate) => candidate.label === label);
        if (!item) throw new Error(`No item ${label}`);
        return applyEdit(text, { ...item.range, newText: stripSnippet(item.insertText) });
      },
    };
  }

  it('completes ConfigRuleName from the account, without service-linked rules (YAML and JSON)', () => {
    const yaml = completeAt('RemediationConfigurations:\n  - ConfigRuleName: $0\n', 'yaml');
    assert.ok(yaml.labels.includes('s3-bucket-versioning-enabled'));
    assert.ok(yaml.labels.includes('any-resource-rule'));
    assert.ok(!yaml.labels.includes('securityhub-s3-bucket-logging-enabled-abc123'));
    assert.equal(
      yaml.apply('s3-bucket-versioning-enabled'),
      'RemediationConfigurations:\n  - ConfigRuleName: s3-bucket-versioning-enabled\n',
    );
    const json = completeAt('{"RemediationConfigurations": [{"ConfigRuleName": $0}]}', 'json');
    assert.equal(
      json.apply('ec2-instance-no-public-ip'),
      '{"RemediationConfigurations": [{"ConfigRuleName": "ec2-instance-no-public-ip"}]}',
    );
    const offline = completeAt(
      'RemediationConfigurations:\n  - ConfigRuleName: $0\n',
      'yaml',
      null,
    );
    assert.deepEqual(offline.labels, []);
  });

  it("completes TargetId with the account's Automation runbooks, owned and shared", () => {
    const result = completeAt('RemediationConfigurations:\n  - TargetId: $0\n', 'yaml');
    assert.ok(result.labels.includes('Team-EnableBucketVersioning'));
    assert.ok(result.labels.includes('Shared-Runbook'));
    assert.ok(!result.labels.includes('Team-RunShellScript'), 'not a Command document');
    assert.ok(result.labels.includes('AWS-EnableS3BucketEncryption'), 'the catalog stays');
    const shared = result.items.find((i) => i.label === 'Shared-Runbook');
    assert.match(shared?.detail ?? '', /shared by 444455556666/);
  });

  it("narrows ResourceType to the rule's scope, and offers all types otherwise", () => {
    const scoped = completeAt(
      'RemediationConfigurations:\n  - ConfigRuleName: ec2-instance-no-public-ip\n    ResourceType: $0\n',
      'yaml',
    );
    assert.deepEqual(scoped.labels, ['AWS::EC2::Instance']);
    const json = completeAt(
      '{"RemediationConfigurations": [{"ConfigRuleName": "s3-bucket-versioning-enabled", "ResourceType": $0}]}',
      'json',
    );
    assert.deepEqual(json.labels, ['AWS::S3::Bucket']);
    for (const source of [
      'RemediationConfigurations:\n  - ConfigRuleName: any-resource-rule\n    ResourceType: $0\n',
      'RemediationConfigurations:\n  - ConfigRuleName: not-in-account\n    ResourceType: $0\n',
    ]) {
      assert.ok(completeAt(source, 'yaml').labels.length > 100, source);
    }
    const offline = completeAt(
      'RemediationConfigurations:\n  - ConfigRuleName: ec2-instance-no-public-ip\n    ResourceType: $0\n',
      'yaml',
      null,
    );
    assert.ok(offline.labels.length > 100);
  });

  it('completes the parameter names of an account runbook', () => {
    const result = completeAt(
      'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetId: Team-EnableBucketVersioning\n    Parameters:\n      $0\n',
      'yaml',
    );
    for (const name of ['BucketName', 'VersioningState', 'RetentionDays']) {
      assert.ok(result.labels.includes(name), `${name} in ${result.labels.join(', ')}`);
    }
  });

  it('hovers ConfigRuleName and TargetId with what the account says', () => {
    const text =
      'RemediationConfigurations:\n  - ConfigRuleName: securityhub-s3-bucket-logging-enabled-abc123\n    TargetId: Team-EnableBucketVersioning\n    Parameters:\n      BucketName:\n        ResourceValue:\n          Value: RESOURCE_ID\n';
    const parsed = service.parse(text, 'yaml');
    const rule = service.hover(parsed, 'request', text.indexOf('securityhub') + 3, {
      account: FACTS,
    });
    assert.match(rule?.markdown ?? '', /Service-linked: created by `securityhub\.amazonaws\.com`/);
    const target = service.hover(parsed, 'request', text.indexOf('Team-Enable') + 3, {
      account: FACTS,
    });
    assert.match(
      target?.markdown ?? '',
      /Runbook Team-EnableBucketVersioning\*\* \(owned by the account/,
    );
    assert.match(target?.markdown ?? '', /\| `BucketName` \| String \| required \|/);
    const parameter = service.hover(parsed, 'request', text.indexOf('BucketName') + 2, {
      account: FACTS,
    });
    assert.match(parameter?.markdown ?? '', /\*\*BucketName\*\* — parameter of runbook/);
    const offline = service.hover(parsed, 'request', text.indexOf('Team-Enable') + 3);
    assert.doesNotMatch(offline?.markdown ?? '', /owned by the account/);
  });
});
