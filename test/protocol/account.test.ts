/**
 * Account facts through the LSP server (dist/server.js --stdio): the facts are built by the
 * look-up module against moto (test/fixtures/moto/server.py), exactly as the VS Code client does,
 * and sent with the `awsConfigRemediation/accountFacts` notification. The server itself never
 * calls AWS. Asserts that diagnostics and completion change, that clearing the facts (null)
 * brings back the offline answers, and that a look-up against an endpoint that is down fails
 * fast and leaves the server offline.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type {
  CompletionList,
  Hover,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { createAwsContext, lookUpAccount, type AccountFacts } from '../../common/src/aws';
import { ACCOUNT_FACTS_NOTIFICATION } from '../../common/src/protocol';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { requireMoto, sharedMoto, type MotoServer } from '../fixtures/moto/motoServer';
import { SERVER_PATH, TestClient } from './lspClient';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const URI = 'file:///work/account.remediation.yaml';
const ROLE = 'arn:aws:iam::444455556666:role/ConfigRemediationRole';

function document(seeded: MotoServer['seeded']): string {
  return `RemediationConfigurations:
  - ConfigRuleName: ${seeded.normalRule}
    TargetType: SSM_DOCUMENT
    TargetId: ${seeded.automationDocument}
    Parameters:
      AutomationAssumeRole:
        StaticValue:
          Values: [${ROLE}]
      RetentionDays:
        StaticValue:
          Values: [forever]
    ResourceType: 
    Automatic: false
  - ConfigRuleName: ${seeded.serviceLinkedRule}
    TargetType: SSM_DOCUMENT
    TargetId: ${seeded.commandDocument}
    Automatic: false
  - ConfigRuleName: rule-that-is-not-there
    TargetType: SSM_DOCUMENT
    TargetId: Team-NoSuchRunbook
    Automatic: false
`;
}

const codesOf = (p: PublishDiagnosticsParams): string[] =>
  p.diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`).sort();

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The look-up as the client makes it: the TargetIds of the document, the catalog skipped. */
async function lookUp(endpoint: string, text: string, moto: MotoServer): Promise<AccountFacts> {
  const service = createLanguageService();
  const parsed = service.parse(text, 'yaml');
  const targetIds = service
    .configurations(parsed, 'request')
    .map((c) => c.value.TargetId)
    .filter((t): t is string => typeof t === 'string');
  const ctx = await createAwsContext({
    region: moto.region,
    endpointUrl: endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    env: {},
    maxAttempts: 1,
  });
  try {
    return await lookUpAccount(ctx, {
      targetIds,
      isCatalogued: (name) => service.catalog.get(name) !== undefined,
    });
  } finally {
    ctx.close();
  }
}

describe('LSP server with account facts from moto', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let client: TestClient;
  let text: string;

  before(async function () {
    if (!existsSync(SERVER_PATH))
      throw new Error('dist/server.js is missing: run `npm run build` first');
    requireMoto(this);
    moto = await sharedMoto();
    text = document(moto.seeded);
  });

  beforeEach(async () => {
    client = new TestClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.shutdown();
  });

  const complete = async (line: number, character: number): Promise<string[]> => {
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line, character },
    })) as CompletionList;
    return list.items.map((i) => i.label);
  };

  it('diagnostics and completion change with the facts, and come back without them', async () => {
    await client.open(URI, 'yaml', text);
    const offline = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length > 0);
    const offlineCodes = codesOf(offline);
    assert.deepEqual(
      offlineCodes.filter((c) => /RC4\d\d/.test(c)),
      [],
    );
    assert.ok(offlineCodes.includes('13:RC209'), offlineCodes.join(' '));
    const offlineRules = await complete(1, 20);
    assert.ok(!offlineRules.includes(moto.seeded.normalRule));
    const offlineTypes = await complete(11, 18);
    assert.ok(offlineTypes.length > 100, `${offlineTypes.length} resource types`);

    const facts = await lookUp(moto.endpoint, text, moto);
    assert.equal(facts.accountId, moto.account);
    assert.equal(facts.configRules.length, 2 + moto.seeded.pagingRules);
    await client.connection.sendNotification(ACCOUNT_FACTS_NOTIFICATION, facts);
    const online = await client.waitForDiagnostics(URI, (p) =>
      p.diagnostics.some((d) => String(d.code).startsWith('RC4')),
    );
    const onlineCodes = codesOf(online);
    for (const code of ['10:RC304', '13:RC401', '15:RC403', '17:RC400', '19:RC402']) {
      assert.ok(onlineCodes.includes(code), `${code} in ${onlineCodes.join(' ')}`);
    }
    assert.ok(!onlineCodes.includes('13:RC209'), 'the account answer replaces the guess');
    const rc401 = online.diagnostics.find((d) => d.code === 'RC401');
    assert.match(rc401?.codeDescription?.href ?? '', /^file:\/\/.*\/docs\/rules\.md#L\d+$/);

    // Completion: the account's rules (not the service-linked one) and runbooks, narrowed types.
    const rules = await complete(1, 20);
    assert.ok(rules.includes(moto.seeded.normalRule), rules.join(', '));
    assert.ok(rules.includes('paging-rule-26'), 'rules from the second page');
    assert.ok(!rules.includes(moto.seeded.serviceLinkedRule));
    const targets = await complete(3, 14);
    assert.ok(targets.includes(moto.seeded.automationDocument));
    assert.ok(targets.includes(moto.seeded.yamlDocument));
    assert.ok(!targets.includes(moto.seeded.commandDocument));
    assert.deepEqual(await complete(11, 18), ['AWS::S3::Bucket']);
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 13, character: 24 },
    })) as Hover;
    assert.match(JSON.stringify(hover.contents), /created by `securityhub\.amazonaws\.com`/);

    // Facts cleared (look-ups turned off): exactly the offline answers again.
    await client.connection.sendNotification(ACCOUNT_FACTS_NOTIFICATION, null);
    const cleared = await client.waitForDiagnostics(
      URI,
      (p) => !p.diagnostics.some((d) => String(d.code).startsWith('RC4')),
    );
    assert.deepEqual(codesOf(cleared), offlineCodes);
    assert.deepEqual(await complete(1, 20), offlineRules);
  });

  it('with the endpoint down the look-up fails fast and the server stays offline', async () => {
    const port = await deadPort();
    const started = Date.now();
    await assert.rejects(lookUp(`http://127.0.0.1:${port}`, text, moto), (error: Error) => {
      assert.match(error.message, /Could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      return true;
    });
    assert.ok(Date.now() - started < 15_000, 'a refused connection fails within seconds');
    // Nothing is sent on failure: the server answers as offline.
    await client.open(URI, 'yaml', text);
    const published = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      codesOf(published).filter((c) => /RC4\d\d/.test(c)),
      [],
    );
    assert.ok(codesOf(published).includes('13:RC209'));
  });
});
