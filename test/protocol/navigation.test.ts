import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Location,
  Position,
  Range,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { stringify as stringifyYaml } from 'yaml';
import { TestClient, SERVER_PATH } from './lspClient';

// Editor navigation over LSP: outline, folding, definition, references and runbook links, for
// requests and templates, in JSON and YAML.

const CATALOG = JSON.parse(
  readFileSync(
    path.join(
      __dirname,
      '..',
      '..',
      '..',
      'server',
      'src',
      'languageService',
      'data',
      'runbooks.json',
    ),
    'utf8',
  ),
) as { runbooks: { name: string; docUrl?: string }[] };
const docUrlOf = (name: string): string | undefined =>
  CATALOG.runbooks.find((runbook) => runbook.name === name)?.docUrl;

const RULE = 's3-bucket-logging-enabled';

const YAML_REQUEST = `RemediationConfigurations:
  - ConfigRuleName: ${RULE}
    TargetType: SSM_DOCUMENT
    TargetId: AWS-ConfigureS3BucketLogging
    Parameters:
      BucketName:
        ResourceValue:
          Value: RESOURCE_ID
      GrantedPermission:
        StaticValue:
          Values: [READ]
  - ConfigRuleName: ${RULE}
    TargetType: SSM_DOCUMENT
    TargetId: MyCustomRunbook
  - TargetType: SSM_DOCUMENT
    TargetId: AWS-EnableVPCFlowLogs
`;

const JSON_REQUEST = `{
  "RemediationConfigurations": [
    {
      "ConfigRuleName": "${RULE}",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-ConfigureS3BucketLogging",
      "Parameters": {
        "BucketName": { "ResourceValue": { "Value": "RESOURCE_ID" } },
        "GrantedPermission": { "StaticValue": { "Values": ["READ"] } }
      }
    },
    {
      "ConfigRuleName": "${RULE}",
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "MyCustomRunbook"
    },
    {
      "TargetType": "SSM_DOCUMENT",
      "TargetId": "AWS-EnableVPCFlowLogs"
    }
  ]
}
`;

const YAML_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  LoggingRule:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: ${RULE}
      Source:
        Owner: AWS
        SourceIdentifier: S3_BUCKET_LOGGING_ENABLED
  LoggingRemediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: ${RULE}
      TargetType: SSM_DOCUMENT
      TargetId: AWS-ConfigureS3BucketLogging
      Parameters:
        BucketName:
          ResourceValue:
            Value: RESOURCE_ID
  RefRemediation:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: !Ref LoggingRule
      TargetType: SSM_DOCUMENT
      TargetId: !Ref FixDocument
  FixDocument:
    Type: AWS::SSM::Document
    Properties:
      DocumentType: Automation
      Content:
        schemaVersion: "0.3"
        mainSteps: []
`;

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "LoggingRule": {
      "Type": "AWS::Config::ConfigRule",
      "Properties": {
        "ConfigRuleName": "${RULE}",
        "Source": { "Owner": "AWS", "SourceIdentifier": "S3_BUCKET_LOGGING_ENABLED" }
      }
    },
    "LoggingRemediation": {
      "Type": "AWS::Config::RemediationConfiguration",
      "Properties": {
        "ConfigRuleName": "${RULE}",
        "TargetType": "SSM_DOCUMENT",
        "TargetId": "AWS-ConfigureS3BucketLogging",
        "Parameters": {
          "BucketName": { "ResourceValue": { "Value": "RESOURCE_ID" } }
        }
      }
    },
    "RefRemediation": {
      "Type": "AWS::Config::RemediationConfiguration",
      "Properties": {
        "ConfigRuleName": { "Ref": "LoggingRule" },
        "TargetType": "SSM_DOCUMENT",
        "TargetId": { "Ref": "FixDocument" }
      }
    },
    "FixDocument": {
      "Type": "AWS::SSM::Document",
      "Properties": {
        "DocumentType": "Automation",
        "Content": { "schemaVersion": "0.3", "mainSteps": [] }
      }
    }
  }
}
`;

/** The position of an offset of a text. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The range of the `nth` (0-based) occurrence of `needle`, from `from`. */
function rangeOf(text: string, needle: string, nth = 0, from = 0): Range {
  let offset = text.indexOf(needle, from);
  for (let i = 0; i < nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} (#${nth}) not in the text`);
  return { start: positionAt(text, offset), end: positionAt(text, offset + needle.length) };
}

/** The line of the `nth` occurrence of `needle`. */
function lineOf(text: string, needle: string, nth = 0): number {
  return rangeOf(text, needle, nth).start.line;
}

/** A position inside the `nth` occurrence of `needle` (one character in). */
function inside(text: string, needle: string, nth = 0): Position {
  const { start } = rangeOf(text, needle, nth);
  return { line: start.line, character: start.character + 1 };
}

const FORMATS = [
  { format: 'YAML', language: 'yaml', ext: 'yaml', request: YAML_REQUEST, template: YAML_TEMPLATE },
  { format: 'JSON', language: 'json', ext: 'json', request: JSON_REQUEST, template: JSON_TEMPLATE },
] as const;

describe('bundled server: editor navigation', function () {
  this.timeout(30000);
  let client: TestClient;
  before(function () {
    if (!existsSync(SERVER_PATH))
      throw new Error('dist/server.js is missing: run `npm run build` first');
  });
  beforeEach(async () => {
    client = new TestClient();
    await client.initialize({
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        foldingRange: { lineFoldingOnly: true },
      },
    });
  });
  afterEach(async () => {
    await client.shutdown();
  });

  const request = <T>(method: string, uri: string, extra: Record<string, unknown> = {}) =>
    client.connection.sendRequest(method, { textDocument: { uri }, ...extra }) as Promise<T>;

  it('declares the navigation capabilities', async () => {
    const other = new TestClient();
    const result = (await other.initialize()) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.documentSymbolProvider);
    assert.equal(result.capabilities.foldingRangeProvider, true);
    assert.equal(result.capabilities.definitionProvider, true);
    assert.equal(result.capabilities.referencesProvider, true);
    assert.deepEqual(result.capabilities.documentLinkProvider, { resolveProvider: false });
    assert.equal(await other.shutdown(), 0);
  });

  for (const { format, language, ext, request: text, template } of FORMATS) {
    describe(format, () => {
      const uri = `file:///work/nav.remediation.${ext}`;
      const templateUri = `file:///work/templates/nav-template.${ext}`;

      it('outlines a request: a symbol per configuration, its members and parameter names', async () => {
        await client.open(uri, language, text);
        const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', uri);
        assert.deepEqual(
          symbols.map((s) => [s.name, s.detail, s.kind]),
          [
            [RULE, 'AWS-ConfigureS3BucketLogging', SymbolKind.Struct],
            [RULE, 'MyCustomRunbook', SymbolKind.Struct],
            ['(configuration 3)', 'AWS-EnableVPCFlowLogs', SymbolKind.Struct],
          ],
        );
        const first = symbols[0]!;
        assert.deepEqual(
          first.children?.map((c) => c.name),
          ['ConfigRuleName', 'TargetType', 'TargetId', 'Parameters'],
        );
        assert.equal(first.children?.[1]?.detail, 'SSM_DOCUMENT');
        const parameters = first.children?.[3];
        assert.equal(parameters?.kind, SymbolKind.Object);
        assert.deepEqual(
          parameters?.children?.map((c) => [c.name, c.detail]),
          [
            ['BucketName', 'ResourceValue: RESOURCE_ID'],
            ['GrantedPermission', 'StaticValue: READ'],
          ],
        );
        // Picking the configuration selects its rule name; the range spans the configuration.
        const quote = format === 'JSON' ? '"' : '';
        assert.deepEqual(first.selectionRange, rangeOf(text, `${quote}${RULE}${quote}`));
        assert.equal(
          first.range.start.line,
          lineOf(text, 'ConfigRuleName') - (format === 'JSON' ? 1 : 0),
        );
        assert.equal(first.range.end.line, lineOf(text, 'READ') + (format === 'JSON' ? 2 : 0));
        assert.deepEqual(
          symbols[2]?.children?.map((c) => c.name),
          ['TargetType', 'TargetId'],
        );
      });

      it('cuts the outline of a large file at 5,000 symbols: every configuration, members while they fit', async () => {
        // 1,200 configurations of 4 members and 2 parameters: 8,400 symbols in all.
        const items = Array.from({ length: 1200 }, (_, i) => ({
          ConfigRuleName: `rule-${i}`,
          TargetType: 'SSM_DOCUMENT',
          TargetId: 'AWS-ConfigureS3BucketLogging',
          Parameters: {
            BucketName: { ResourceValue: { Value: 'RESOURCE_ID' } },
            GrantedPermission: { StaticValue: { Values: ['READ'] } },
          },
        }));
        const large =
          format === 'JSON'
            ? JSON.stringify({ RemediationConfigurations: items }, null, 2)
            : stringifyYaml({ RemediationConfigurations: items });
        const largeUri = `file:///work/large.remediation.${ext}`;
        await client.open(largeUri, language, large);
        const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', largeUri);
        const count = (list: DocumentSymbol[] | undefined): number =>
          (list ?? []).reduce((sum, s) => sum + 1 + count(s.children), 0);
        assert.equal(symbols.length, 1200, 'every configuration is in the outline');
        // 1,200 configurations, then members (4 each) for the first 950: 5,000 symbols.
        assert.equal(count(symbols), 5000);
        assert.deepEqual(
          symbols[949]?.children?.map((c) => c.name),
          ['ConfigRuleName', 'TargetType', 'TargetId', 'Parameters'],
        );
        assert.deepEqual(symbols[950]?.children, []);
        assert.deepEqual(symbols[0]?.children?.[3]?.children, [], 'no parameters: they do not fit');
        assert.equal(symbols[1100]?.name, 'rule-1100');
      });

      it('outlines a template by rule name, else by logical id', async () => {
        await client.open(templateUri, language, template);
        const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', templateUri);
        assert.deepEqual(
          symbols.map((s) => [s.name, s.detail]),
          [
            [RULE, 'LoggingRemediation · AWS-ConfigureS3BucketLogging'],
            ['RefRemediation', undefined],
          ],
        );
        const quote = format === 'JSON' ? '"' : '';
        assert.deepEqual(
          symbols[1]?.selectionRange,
          rangeOf(template, `${quote}RefRemediation${quote}`),
        );
        assert.equal(symbols[1]?.children?.[0]?.detail, 'Ref LoggingRule');
        assert.deepEqual(
          symbols[0]?.children?.find((c) => c.name === 'Parameters')?.children?.map((c) => c.name),
          ['BucketName'],
        );
      });

      it('answers flat symbols to a client without hierarchical ones', async () => {
        const flat = new TestClient();
        await flat.initialize();
        try {
          await flat.open(uri, language, text);
          const symbols = (await flat.connection.sendRequest('textDocument/documentSymbol', {
            textDocument: { uri },
          })) as SymbolInformation[];
          const bucket = symbols.find((s) => s.name === 'BucketName');
          assert.equal(bucket?.containerName, 'Parameters');
          assert.equal(symbols.filter((s) => s.name === RULE).length, 2);
          assert.equal(bucket?.location.uri, uri);
        } finally {
          await flat.shutdown();
        }
      });

      it('goes from a ConfigRuleName to its ConfigRule resource, literal and Ref', async () => {
        await client.open(templateUri, language, template);
        const quote = format === 'JSON' ? '"' : '';
        const rule = rangeOf(template, `${quote}LoggingRule${quote}`);
        const fromLiteral = await request<Location[]>('textDocument/definition', templateUri, {
          position: inside(template, RULE, 1),
        });
        assert.deepEqual(fromLiteral, [{ uri: templateUri, range: rule }]);
        const fromRef = await request<Location[]>('textDocument/definition', templateUri, {
          position: inside(template, 'LoggingRule', 1),
        });
        assert.deepEqual(fromRef, [{ uri: templateUri, range: rule }]);
      });

      it('goes from a Ref TargetId to its AWS::SSM::Document resource', async () => {
        await client.open(templateUri, language, template);
        const quote = format === 'JSON' ? '"' : '';
        const found = await request<Location[]>('textDocument/definition', templateUri, {
          position: inside(template, 'FixDocument', 0),
        });
        assert.deepEqual(found, [
          { uri: templateUri, range: rangeOf(template, `${quote}FixDocument${quote}`, 1) },
        ]);
        // A catalogued runbook is not in the template: nothing to go to.
        const none = await request<Location[]>('textDocument/definition', templateUri, {
          position: inside(template, 'AWS-ConfigureS3BucketLogging'),
        });
        assert.deepEqual(none, []);
      });

      it('finds the references of a rule name: every ConfigRuleName and the rule', async () => {
        await client.open(templateUri, language, template);
        const quote = format === 'JSON' ? '"' : '';
        const literal = (nth: number) => ({
          uri: templateUri,
          range: rangeOf(template, `${quote}${RULE}${quote}`, nth),
        });
        const ref = {
          uri: templateUri,
          range:
            format === 'JSON'
              ? rangeOf(template, '"LoggingRule"', 1)
              : rangeOf(template, '!Ref LoggingRule'),
        };
        const all = await request<Location[]>('textDocument/references', templateUri, {
          position: inside(template, RULE, 1),
          context: { includeDeclaration: true },
        });
        assert.deepEqual(all, [literal(0), literal(1), ref]);
        // From the Ref, without the declaration.
        const fromRef = await request<Location[]>('textDocument/references', templateUri, {
          position: inside(template, 'LoggingRule', 1),
          context: { includeDeclaration: false },
        });
        assert.deepEqual(fromRef, [literal(1), ref]);
        // In a request: the configurations naming the same rule.
        await client.open(uri, language, text);
        const inRequest = await request<Location[]>('textDocument/references', uri, {
          position: inside(text, RULE, 1),
          context: { includeDeclaration: true },
        });
        assert.deepEqual(inRequest, [
          { uri, range: rangeOf(text, `${quote}${RULE}${quote}`, 0) },
          { uri, range: rangeOf(text, `${quote}${RULE}${quote}`, 1) },
        ]);
      });

      it('links an AWS-owned TargetId to its runbook reference page, and only those', async () => {
        await client.open(uri, language, text);
        const links = await request<DocumentLink[]>('textDocument/documentLink', uri);
        const target = docUrlOf('AWS-ConfigureS3BucketLogging');
        assert.match(
          target ?? '',
          /^https:\/\/docs\.aws\.amazon\.com\/systems-manager-automation-runbooks\//,
        );
        // AWS-EnableVPCFlowLogs is catalogued but has no reference page; MyCustomRunbook is not AWS's.
        assert.equal(docUrlOf('AWS-EnableVPCFlowLogs'), undefined);
        assert.deepEqual(
          links.map((link) => ({ range: link.range, target: link.target })),
          [{ range: rangeOf(text, 'AWS-ConfigureS3BucketLogging'), target }],
        );
        await client.open(templateUri, language, template);
        const templateLinks = await request<DocumentLink[]>(
          'textDocument/documentLink',
          templateUri,
        );
        assert.deepEqual(
          templateLinks.map((link) => link.range),
          [rangeOf(template, 'AWS-ConfigureS3BucketLogging')],
        );
      });
    });
  }

  it('YAML: folds every configuration and Parameters block, and all else indentation folded', async () => {
    const uri = 'file:///work/nav.remediation.yaml';
    await client.open(uri, 'yaml', YAML_REQUEST);
    const ranges = await request<FoldingRange[]>('textDocument/foldingRange', uri);
    const has = (startLine: number, endLine: number) =>
      ranges.some((r) => r.startLine === startLine && r.endLine === endLine);
    const text = YAML_REQUEST;
    // The list, each multi-line configuration (from its dash line), its Parameters and each parameter.
    assert.ok(has(0, lineOf(text, 'AWS-EnableVPCFlowLogs')), JSON.stringify(ranges));
    assert.ok(has(lineOf(text, 'ConfigRuleName', 0), lineOf(text, 'READ')));
    assert.ok(has(lineOf(text, 'ConfigRuleName', 1), lineOf(text, 'MyCustomRunbook')));
    assert.ok(has(lineOf(text, 'TargetType', 2), lineOf(text, 'AWS-EnableVPCFlowLogs')));
    assert.ok(has(lineOf(text, 'Parameters:'), lineOf(text, 'READ')));
    assert.ok(has(lineOf(text, 'BucketName:'), lineOf(text, 'RESOURCE_ID')));
    assert.ok(has(lineOf(text, 'GrantedPermission:'), lineOf(text, 'READ')));
    // No region ends on its own start line, and each start line once.
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
    assert.equal(new Set(ranges.map((r) => r.startLine)).size, ranges.length);
  });

  it('YAML template: folds the resources, their Properties and Parameters, and region markers', async () => {
    const uri = 'file:///work/templates/nav-template.yaml';
    const text = YAML_TEMPLATE.replace('Resources:\n', 'Resources:\n  # region rules\n').replace(
      '  LoggingRemediation:',
      '  # endregion\n  LoggingRemediation:',
    );
    await client.open(uri, 'yaml', text);
    const ranges = await request<FoldingRange[]>('textDocument/foldingRange', uri);
    const has = (startLine: number, endLine: number, kind?: string) =>
      ranges.some((r) => r.startLine === startLine && r.endLine === endLine && r.kind === kind);
    assert.ok(
      has(lineOf(text, 'LoggingRemediation:'), lineOf(text, 'RESOURCE_ID')),
      JSON.stringify(ranges),
    );
    assert.ok(has(lineOf(text, 'Parameters:'), lineOf(text, 'RESOURCE_ID')));
    assert.ok(has(lineOf(text, 'RefRemediation:'), lineOf(text, '!Ref FixDocument')));
    assert.ok(has(lineOf(text, '# region'), lineOf(text, '# endregion'), 'region'));
  });

  it('JSON: no folding ranges of ours (VS Code folds JSON itself), nor for unrelated files', async () => {
    const uri = 'file:///work/nav.remediation.json';
    await client.open(uri, 'json', JSON_REQUEST);
    assert.equal(await request('textDocument/foldingRange', uri), null);
    const other = 'file:///work/other.yaml';
    await client.open(other, 'yaml', 'Key:\n  Nested: 1\n');
    assert.equal(await request('textDocument/foldingRange', other), null);
    assert.equal(await request('textDocument/documentSymbol', other), null);
    assert.equal(await request('textDocument/documentLink', other), null);
  });

  it('outlines and links the configurations of an embedded conformance pack template', async () => {
    const uri = 'file:///work/templates/pack.yaml';
    const text = `Resources:
  Pack:
    Type: AWS::Config::ConformancePack
    Properties:
      ConformancePackName: logging
      TemplateBody: |
        Resources:
          PackRule:
            Type: AWS::Config::ConfigRule
            Properties:
              ConfigRuleName: ${RULE}
          PackRemediation:
            Type: AWS::Config::RemediationConfiguration
            Properties:
              ConfigRuleName: ${RULE}
              TargetType: SSM_DOCUMENT
              TargetId: AWS-ConfigureS3BucketLogging
`;
    await client.open(uri, 'yaml', text);
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', uri);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail]),
      [
        [
          RULE,
          'PackRemediation · AWS-ConfigureS3BucketLogging · in conformance pack template of resource "Pack"',
        ],
      ],
    );
    assert.deepEqual(symbols[0]?.selectionRange, rangeOf(text, RULE, 1));
    const links = await request<DocumentLink[]>('textDocument/documentLink', uri);
    assert.deepEqual(
      links.map((l) => l.range),
      [rangeOf(text, 'AWS-ConfigureS3BucketLogging')],
    );
    const definition = await request<Location[]>('textDocument/definition', uri, {
      position: inside(text, RULE, 1),
    });
    assert.deepEqual(definition, [{ uri, range: rangeOf(text, 'PackRule') }]);
    const ranges = await request<FoldingRange[]>('textDocument/foldingRange', uri);
    assert.ok(
      ranges.some(
        (r) =>
          r.startLine === lineOf(text, 'PackRemediation:') &&
          r.endLine === lineOf(text, 'TargetId'),
      ),
      JSON.stringify(ranges),
    );
  });
});
