import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import {
  DOCUMENT_SELECTOR,
  TEMPLATE_FILE_PATTERN,
  type SelectorEntry,
} from '../../client/src/documentSelector';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** VS Code's rule: every field an entry sets must match (a pattern is a glob on the path). */
function selects(entry: SelectorEntry, scheme: string, fsPath: string, language: string): boolean {
  return (
    entry.scheme === scheme &&
    (entry.language === undefined || entry.language === language) &&
    (entry.pattern === undefined || minimatch(fsPath, entry.pattern, { dot: true }))
  );
}

function selected(scheme: string, fsPath: string, language: string): boolean {
  return DOCUMENT_SELECTOR.some((entry) => selects(entry, scheme, fsPath, language));
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fix:
    Type: AWS::Config::RemediationConfiguration
    Properties:
      ConfigRuleName: r
      TargetType: SSM_DOCUMENT
      TargetId: AWS-ConfigureS3BucketVersioning
      Automatic: maybe
`;

describe('client document selector', () => {
  it('selects JSON, JSONC and YAML documents, saved or untitled', () => {
    for (const language of ['json', 'jsonc', 'yaml']) {
      assert.ok(selected('file', '/w/a.any', language), language);
      assert.ok(selected('untitled', 'Untitled-1', language), `untitled ${language}`);
    }
  });

  it('selects a CloudFormation .template file VS Code opens as plain text, not other text files', () => {
    assert.ok(selected('file', '/w/stacks/config.template', 'plaintext'));
    assert.ok(!selected('file', '/w/notes.txt', 'plaintext'));
    assert.ok(!selected('file', '/w/config.template.bak', 'plaintext'));
  });

  it('the server reads such a plain-text .template as a template and checks it', () => {
    const service = createLanguageService();
    const cache = new DocumentCache(service, () => []);
    const state = cache.get(
      TextDocument.create('file:///w/stacks/config.template', 'plaintext', 1, TEMPLATE),
    );
    assert.equal(state.recognition?.kind, 'cloudformation');
    assert.ok(state.parsed);
    const problems = service.validate(state.parsed, state.recognition.kind);
    // `Automatic: maybe` is not a boolean.
    assert.ok(
      problems.some((problem) => problem.ruleId === 'RC101'),
      JSON.stringify(problems.map((p) => p.ruleId)),
    );
  });

  it('a workspace with .template files activates the extension', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'),
    ) as { activationEvents: string[] };
    assert.ok(manifest.activationEvents.includes(`workspaceContains:${TEMPLATE_FILE_PATTERN}`));
  });
});
