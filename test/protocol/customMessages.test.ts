/**
 * The typed custom messages of common/src/protocol.ts, sent as the client sends them (the
 * `RequestType` objects, not bare strings), against the bundled server.
 */
import * as assert from 'node:assert/strict';
import { PAYLOAD_REQUEST, TARGET_IDS_REQUEST } from '../../common/src/protocol';
import type { TestClient } from './lspClient';
import { useTestClient } from './lspClient';

const REQUEST_URI = 'file:///work/a.remediation.yaml';
const REQUEST_TEXT = `RemediationConfigurations:
  - ConfigRuleName: one
    TargetType: SSM_DOCUMENT
    TargetId: Custom-Runbook
  - ConfigRuleName: two
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
  - ConfigRuleName: three
    TargetType: SSM_DOCUMENT
    TargetId: Custom-Runbook
`;
const TEMPLATE_URI = 'file:///work/template.yaml';
const TEMPLATE_TEXT = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fix:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: four
      TargetType: SSM_DOCUMENT
      TargetId: Template-Runbook
  Referenced:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: five
      TargetType: SSM_DOCUMENT
      TargetId: !Ref RunbookName
`;

describe('custom messages (typed protocol)', function () {
  this.timeout(30000);
  const currentClient = useTestClient();
  let client: TestClient;
  beforeEach(() => {
    client = currentClient();
  });

  it('answers the TargetIds of open recognised documents, as the language service reads them', async () => {
    await client.open(REQUEST_URI, 'yaml', REQUEST_TEXT);
    await client.open(TEMPLATE_URI, 'yaml', TEMPLATE_TEXT);
    await client.open('file:///work/other.json', 'json', '{"TargetId": "Not-Ours"}');
    await client.waitForDiagnostics(REQUEST_URI);
    const answer = await client.connection.sendRequest(TARGET_IDS_REQUEST, {
      uris: [REQUEST_URI, TEMPLATE_URI, 'file:///work/other.json', 'file:///work/closed.yaml'],
    });
    assert.deepEqual(answer.targetIds, [
      'Custom-Runbook',
      'AWS-ConfigureS3BucketLogging',
      'Template-Runbook',
    ]);
    const none = await client.connection.sendRequest(TARGET_IDS_REQUEST, {
      uris: 'garbage' as unknown as string[],
    });
    assert.deepEqual(none.targetIds, []);
  });

  it('answers the payload with its typed result', async () => {
    await client.open(REQUEST_URI, 'yaml', REQUEST_TEXT);
    const payload = await client.connection.sendRequest(PAYLOAD_REQUEST, { uri: REQUEST_URI });
    assert.ok(payload);
    assert.equal(payload.recognised, true);
    assert.deepEqual(
      payload.configurations.map((c) => c.value.ConfigRuleName),
      ['one', 'two', 'three'],
    );
  });
});
