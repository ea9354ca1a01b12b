/**
 * The account look-up module (common/src/aws/account.ts) against moto, its pure helpers, and the
 * VS Code client's cache and status texts (client/src/account/cache.ts, format.ts; no vscode).
 */
import * as assert from 'node:assert/strict';
import {
  classifyAwsError,
  createAwsContext,
  describeDocuments,
  listAccountConfigRules,
  listAccountRunbooks,
  lookUpAccount,
  parametersOfContent,
  targetIdsToDescribe,
  withDescribedDocuments,
  type AccountFacts,
  type AwsContext,
  type AwsLogger,
} from '../../common/src/aws';
import {
  AccountCache,
  accountKey,
  settingsKey,
  type MementoLike,
} from '../../client/src/account/cache';
import {
  factsStatusDetail,
  factsStatusText,
  freshnessText,
  unknownTargetIds,
} from '../../client/src/account/format';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { requireMoto, sharedMoto, type MotoServer } from '../fixtures/moto/motoServer';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const FACTS: AccountFacts = {
  accountId: '111122223333',
  region: 'eu-west-1',
  fetchedAt: '2026-01-01T12:00:00.000Z',
  configRules: [{ name: 'a' }, { name: 'b', createdBy: 'securityhub.amazonaws.com' }],
  documents: [
    { name: 'Listed', documentType: 'Automation', owner: '111122223333' },
    { name: 'Shared', documentType: 'Automation', owner: '444455556666' },
    { name: 'Described', documentType: 'Automation', parameters: [] },
    { name: 'Cmd', documentType: 'Command', parameters: [] },
  ],
  missingDocuments: ['Gone'],
};

class FakeMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

describe('account look-up: pure helpers', () => {
  it('reads parameters from document content: required = no default', () => {
    const content = JSON.stringify({
      schemaVersion: '0.3',
      parameters: {
        Role: { type: 'String', default: '' },
        Bucket: { type: 'String', description: 'the bucket' },
        Mode: { type: 'String', default: 'A', allowedValues: ['A', 'B'] },
        Days: { type: 'Integer', default: 3, allowedPattern: '^\\d+$' },
      },
    });
    assert.deepEqual(parametersOfContent(content), [
      { name: 'Role', type: 'String', required: false, default: '' },
      { name: 'Bucket', type: 'String', required: true, description: 'the bucket' },
      { name: 'Mode', type: 'String', required: false, default: 'A', allowedValues: ['A', 'B'] },
      { name: 'Days', type: 'Integer', required: false, default: 3, allowedPattern: '^\\d+$' },
    ]);
    assert.deepEqual(parametersOfContent('{"schemaVersion": "0.3"}'), []);
    assert.equal(parametersOfContent('not json'), undefined);
    assert.equal(parametersOfContent('{"parameters": [1]}'), undefined);
  });

  it('describes only TargetIds that are names or SSM ARNs and not catalogued', () => {
    assert.deepEqual(
      targetIdsToDescribe(
        [
          'Mine',
          'AWS-Catalogued',
          'Mine',
          'arn:aws:ssm:eu-west-1:444455556666:document/Shared',
          'x',
          'has space',
        ],
        (name) => name === 'AWS-Catalogued',
      ),
      ['Mine', 'arn:aws:ssm:eu-west-1:444455556666:document/Shared'],
    );
  });

  it('names the SSM permission a denied look-up needs', () => {
    const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    const classified = classifyAwsError(denied, { operation: 'ListDocuments' });
    assert.equal(classified.kind, 'insufficient-permissions');
    assert.match(classified.message, /grant the identity ssm:ListDocuments/);
    assert.match(
      classifyAwsError(denied, { operation: 'DescribeConfigRules' }).message,
      /config:DescribeConfigRules/,
    );
  });

  it('merges described documents into facts: found ones leave missingDocuments', () => {
    const merged = withDescribedDocuments(FACTS, {
      documents: [
        { name: 'Listed', documentType: 'Automation', parameters: [] },
        { name: 'Gone', documentType: 'Automation', parameters: [] },
      ],
      missing: ['Other'],
      failed: [],
    });
    assert.equal(merged.fetchedAt, FACTS.fetchedAt);
    assert.deepEqual(merged.missingDocuments, ['Other']);
    assert.deepEqual(
      merged.documents.find((d) => d.name === 'Listed')?.parameters,
      [],
      'the described entry replaces the listed one',
    );
    assert.equal(merged.documents.filter((d) => d.name === 'Listed').length, 1);
  });
});

describe('account look-ups in the client: cache and status texts', () => {
  it('keys by account and Region (and endpoint), and by settings', () => {
    assert.equal(accountKey('111122223333', 'eu-west-1'), '111122223333/eu-west-1');
    assert.equal(
      accountKey('111122223333', 'eu-west-1', 'http://127.0.0.1:5000'),
      '111122223333/eu-west-1@http://127.0.0.1:5000',
    );
    assert.notEqual(settingsKey({ profile: 'a' }), settingsKey({ region: 'a' }));
  });

  it('keeps facts in memory and global state, fresh for the time to live', async () => {
    let now = 1_000_000;
    const memento = new FakeMemento();
    const cache = new AccountCache(memento, 15 * 60_000, () => now);
    const key = accountKey('111122223333', 'eu-west-1');
    const settings = settingsKey({ profile: 'dev' });
    await cache.set(key, FACTS, settings);
    assert.deepEqual(cache.get(key), { facts: FACTS, fresh: true });
    // A new window (new cache, same global state) finds them through the settings.
    const reopened = new AccountCache(memento, 15 * 60_000, () => now);
    assert.deepEqual(reopened.getBySettings(settings), { key, facts: FACTS, fresh: true });
    assert.equal(reopened.getBySettings(settingsKey({ profile: 'prod' })), undefined);
    now += 15 * 60_000;
    assert.equal(reopened.get(key)?.fresh, false, 'stale after the time to live');
    // Extending (described documents) keeps the age; a new look-up restarts it.
    await reopened.set(key, FACTS, undefined, false);
    assert.equal(reopened.get(key)?.fresh, false);
    await reopened.set(key, FACTS);
    assert.equal(reopened.get(key)?.fresh, true);
    await reopened.delete(key);
    assert.equal(reopened.get(key), undefined);
    assert.equal(new AccountCache(memento).get(key), undefined);
  });

  it('drops stored entries older than a week', async () => {
    let now = 0;
    const memento = new FakeMemento();
    const cache = new AccountCache(memento, 1000, () => now);
    await cache.set('old/eu-west-1', FACTS);
    now += 8 * 24 * 3600_000;
    await cache.set('new/eu-west-1', FACTS);
    assert.equal(new AccountCache(memento, 1000, () => now).get('old/eu-west-1'), undefined);
    assert.ok(new AccountCache(memento, 1000, () => now).get('new/eu-west-1'));
  });

  it('says how fresh the facts are', () => {
    const at = Date.parse(FACTS.fetchedAt);
    assert.equal(freshnessText(FACTS.fetchedAt, at + 10_000), 'just now');
    assert.equal(freshnessText(FACTS.fetchedAt, at + 3 * 60_000), '3 min ago');
    assert.equal(freshnessText(FACTS.fetchedAt, at + 5 * 3600_000), '5 h ago');
    assert.equal(freshnessText(FACTS.fetchedAt, at + 72 * 3600_000), '3 days ago');
    assert.equal(
      factsStatusText(FACTS, at + 3 * 60_000),
      'Account 1111…3333, eu-west-1, 3 min ago',
    );
    assert.equal(factsStatusDetail(FACTS), 'Account 111122223333 · 2 Config rules · 3 runbooks');
  });

  it('finds the TargetIds of JSON, YAML and templates, and those the facts do not know', () => {
    // The client asks the server (awsConfigRemediation/targetIds), which asks the facade.
    const service = createLanguageService();
    const ids = (text: string, format: 'json' | 'yaml', kind: 'request' | 'cloudformation') =>
      service.targetIds(service.parse(text, format), kind);
    const json = JSON.stringify({
      RemediationConfigurations: [
        { ConfigRuleName: 'a', TargetId: 'Json-Runbook' },
        { ConfigRuleName: 'b', TargetId: 'Json-Runbook' },
        { ConfigRuleName: 'c', TargetId: '' },
        { ConfigRuleName: 'd' },
      ],
    });
    assert.deepEqual(ids(json, 'json', 'request'), ['Json-Runbook']);
    const yaml = [
      'RemediationConfigurations:',
      '  - ConfigRuleName: a',
      '    TargetId: Yaml-Runbook',
      '  - ConfigRuleName: b',
      "    TargetId: 'Quoted-Runbook'",
      '  - ConfigRuleName: c',
      '    TargetId: arn:aws:ssm:eu-west-1:444455556666:document/Shared # comment',
      '  - ConfigRuleName: d',
      '    TargetId:',
    ].join('\n');
    assert.deepEqual(ids(yaml, 'yaml', 'request'), [
      'Yaml-Runbook',
      'Quoted-Runbook',
      'arn:aws:ssm:eu-west-1:444455556666:document/Shared',
    ]);
    const template = [
      'Resources:',
      '  Plain:',
      '    Type: AWS::Config::RemediationConfiguration',
      '    Properties:',
      '      ConfigRuleName: a',
      '      TargetType: SSM_DOCUMENT',
      '      TargetId: Template-Runbook',
      '  Referenced:',
      '    Type: AWS::Config::RemediationConfiguration',
      '    Properties:',
      '      ConfigRuleName: b',
      '      TargetType: SSM_DOCUMENT',
      '      TargetId: !Ref RunbookParameter',
    ].join('\n');
    assert.deepEqual(ids(template, 'yaml', 'cloudformation'), ['Template-Runbook']);
    assert.deepEqual(unknownTargetIds(FACTS, ['Listed', 'Described', 'Cmd', 'Gone', 'New']), [
      'Listed',
      'New',
    ]);
  });
});

describe('account look-up module against moto', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let ctx: AwsContext;
  const lines: string[] = [];
  const logger: AwsLogger = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };

  before(async function () {
    requireMoto(this);
    moto = await sharedMoto();
    ctx = await createAwsContext({
      region: moto.region,
      endpointUrl: moto.endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      env: {},
      logger,
    });
  });

  after(() => ctx?.close());

  it('lists every Config rule across pages, with CreatedBy and the scope', async () => {
    const rules = await listAccountConfigRules(ctx);
    assert.equal(rules.length, 2 + moto.seeded.pagingRules);
    assert.deepEqual(
      rules.find((r) => r.name === moto.seeded.serviceLinkedRule),
      {
        name: moto.seeded.serviceLinkedRule,
        createdBy: moto.seeded.serviceLinkedBy,
        resourceTypes: ['AWS::S3::Bucket'],
      },
    );
    assert.deepEqual(
      rules.find((r) => r.name === moto.seeded.normalRule),
      { name: moto.seeded.normalRule, resourceTypes: ['AWS::S3::Bucket'] },
    );
    assert.ok(
      lines.some((l) => /Config rule\(s\) in 2 page\(s\)/.test(l)),
      lines.join('\n'),
    );
  });

  it("lists the account's Automation runbooks only (not the Command document)", async () => {
    const runbooks = await listAccountRunbooks(ctx);
    assert.deepEqual(runbooks.map((r) => r.name).sort(), [
      moto.seeded.automationDocument,
      moto.seeded.yamlDocument,
    ]);
    assert.ok(runbooks.every((r) => r.owner === moto.account && !r.parameters));
  });

  it('describes documents: parameters from the JSON (also of a YAML document), missing ones', async () => {
    const described = await describeDocuments(ctx, [
      moto.seeded.automationDocument,
      moto.seeded.yamlDocument,
      moto.seeded.commandDocument,
      'Team-NoSuchRunbook',
    ]);
    assert.deepEqual(described.missing, ['Team-NoSuchRunbook']);
    assert.deepEqual(described.failed, []);
    const automation = described.documents.find((d) => d.name === moto.seeded.automationDocument);
    assert.equal(automation?.documentType, 'Automation');
    assert.deepEqual(
      automation?.parameters?.find((p) => p.name === 'VersioningState'),
      {
        name: 'VersioningState',
        type: 'String',
        required: false,
        default: 'Enabled',
        allowedValues: ['Enabled', 'Suspended'],
      },
    );
    assert.equal(automation?.parameters?.find((p) => p.name === 'BucketName')?.required, true);
    const yaml = described.documents.find((d) => d.name === moto.seeded.yamlDocument);
    assert.deepEqual(
      yaml?.parameters?.map((p) => [p.name, p.required]),
      [
        ['BucketName', true],
        ['TagValue', false],
      ],
    );
    const command = described.documents.find((d) => d.name === moto.seeded.commandDocument);
    assert.equal(command?.documentType, 'Command');
  });

  it('builds the facts in one call', async () => {
    const facts = await lookUpAccount(ctx, {
      targetIds: [moto.seeded.commandDocument, 'AWS-EnableS3BucketEncryption', 'Team-Nope'],
      isCatalogued: (name) => name.startsWith('AWS-'),
      now: () => new Date('2026-02-03T04:05:06.000Z'),
    });
    assert.equal(facts.accountId, moto.account);
    assert.equal(facts.region, moto.region);
    assert.equal(facts.fetchedAt, '2026-02-03T04:05:06.000Z');
    assert.deepEqual(facts.missingDocuments, ['Team-Nope']);
    assert.deepEqual(facts.documents.map((d) => d.name).sort(), [
      moto.seeded.automationDocument,
      moto.seeded.commandDocument,
      moto.seeded.yamlDocument,
    ]);
  });
});
