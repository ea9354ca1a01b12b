import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import {
  EXPORT_REQUEST,
  type DocumentStatusParams,
  type ExportParams,
  type ExportResponse,
  type PayloadResult,
} from '../../common/src/protocol';
import type { TestClient } from './lspClient';
import { useTestClient } from './lspClient';

const TEMPLATE_URI = 'file:///work/templates/remediation.yaml';
const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Kind:
    Type: String
    Default: LAMBDA
Resources:
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: s3-bucket-public-read-prohibited
      TargetType: !Ref Kind
      TargetId: AWS-DisableS3BucketPublicReadWrite
      ResourceType: AWS::S3::Bucket
      Automatic: false
      Parameters:
        AutomationAssumeRole:
          StaticValue:
            Values:
              - arn:aws:iam::444455556666:role/ConfigRemediationRole
        S3BucketName:
          ResourceValue:
            Value: RESOURCE_ID
`;

const UNRELATED_URI = 'file:///work/templates/bucket.yaml';
const UNRELATED = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${AWS::StackName}-logs"
`;

/** Resolves when the server has sent a document status for the uri. */
async function statusOf(client: TestClient, uri: string): Promise<DocumentStatusParams> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const found = client.notifications.find(
      (n) =>
        n.method === 'awsConfigRemediation/documentStatus' &&
        (n.params as DocumentStatusParams).uri === uri,
    );
    if (found) return found.params as DocumentStatusParams;
    if (Date.now() > deadline) throw new Error(`No document status for ${uri}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('bundled server: CloudFormation templates', function () {
  this.timeout(30000);
  const currentClient = useTestClient();
  let client: TestClient;
  beforeEach(() => {
    client = currentClient();
  });

  it('checks remediation resources, on the !Ref whose Default is wrong', async () => {
    await client.open(TEMPLATE_URI, 'yaml', TEMPLATE);
    const published = await client.waitForDiagnostics(
      TEMPLATE_URI,
      (p) => p.diagnostics.length > 0,
    );
    assert.deepEqual(
      published.diagnostics.map((d) => ({ code: d.code, range: d.range })),
      [
        {
          code: 'RC103',
          range: { start: { line: 10, character: 18 }, end: { line: 10, character: 27 } },
        },
      ],
    );
    assert.match(published.diagnostics[0]!.message, /Default of template parameter "Kind"/);
    const status = await statusOf(client, TEMPLATE_URI);
    assert.equal(status.kind, 'cloudformation');
    assert.equal(status.configurations, 1);
  });

  it('checks a .template file the client sends as plain text (VS Code opens .template so)', async () => {
    const uri = 'file:///work/templates/stack.template';
    await client.open(uri, 'plaintext', TEMPLATE);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['RC103'],
    );
    assert.equal((await statusOf(client, uri)).kind, 'cloudformation');
  });

  it('hovers inside the resource', async () => {
    await client.open(TEMPLATE_URI, 'yaml', TEMPLATE);
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: TEMPLATE_URI },
      position: { line: 11, character: 8 },
    })) as Hover | null;
    assert.match(JSON.stringify(hover?.contents), /\*\*TargetId\*\*/);
  });

  it('stays quiet on a template without remediation resources', async () => {
    await client.open(UNRELATED_URI, 'yaml', UNRELATED);
    const status = await statusOf(client, UNRELATED_URI);
    assert.equal(status.recognised, false);
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: UNRELATED_URI },
      position: { line: 3, character: 8 },
    });
    assert.equal(hover, null);
  });

  it('exports the resolved configurations as a conformance pack (the export commands)', async () => {
    const fixed = TEMPLATE.replace('Default: LAMBDA', 'Default: SSM_DOCUMENT');
    await client.open(TEMPLATE_URI, 'yaml', fixed);
    const payload = (await client.connection.sendRequest('awsConfigRemediation/payload', {
      uri: TEMPLATE_URI,
    })) as PayloadResult;
    assert.equal(payload.kind, 'cloudformation');
    assert.deepEqual(payload.problems, []);
    assert.equal(payload.configurations[0]?.value.TargetType, 'SSM_DOCUMENT');
    const exported = (await client.connection.sendRequest(EXPORT_REQUEST, {
      uri: TEMPLATE_URI,
      target: 'conformance-pack',
      source: 'remediation.yaml',
    } satisfies ExportParams)) as ExportResponse;
    assert.ok(exported.ok, JSON.stringify(exported));
    assert.equal(exported.format, 'yaml');
    assert.match(exported.text, /TargetType: SSM_DOCUMENT\n/);
    assert.match(exported.text, /DependsOn: S3BucketPublicReadProhibitedRule\n/);
  });

  it('refuses to export what only CloudFormation can compute, and says which value', async () => {
    const unresolved = TEMPLATE.replace('    Default: LAMBDA\n', '');
    await client.open(TEMPLATE_URI, 'yaml', unresolved);
    const exported = (await client.connection.sendRequest(EXPORT_REQUEST, {
      uri: TEMPLATE_URI,
      target: 'cloudformation',
    } satisfies ExportParams)) as ExportResponse;
    assert.equal(exported.ok, false);
    assert.match(exported.ok ? '' : exported.message, /configuration 1, TargetType: Ref/);
  });

  it('says a file that is not a remediation request cannot be exported', async () => {
    await client.open(UNRELATED_URI, 'yaml', UNRELATED);
    await statusOf(client, UNRELATED_URI);
    const exported = (await client.connection.sendRequest(EXPORT_REQUEST, {
      uri: UNRELATED_URI,
      target: 'cloudformation',
    } satisfies ExportParams)) as ExportResponse;
    assert.equal(exported.ok, false);
  });
});
