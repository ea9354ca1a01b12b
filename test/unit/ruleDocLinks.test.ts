/**
 * The docs link of every rule's diagnostics (common/src/ruleDocs.ts): the rule's heading in
 * the docs/rules.md shipped beside the server, as a file URI with an #L<line> fragment.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocUrl } from '../../common/src/protocol';
import { ruleDocHref, ruleDocsCandidates, ruleHeadingLines } from '../../common/src/ruleDocs';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { allRules } from '../../server/src/languageService/rules';
import { TextDocument } from 'vscode-languageserver-textdocument';

const repo = path.join(__dirname, '..', '..', '..');

/** The file and line a `file:///…#L<n>` link opens, and the text of that line. */
function opened(href: string): { file: string; line: number; text: string } {
  const url = new URL(href);
  assert.equal(url.protocol, 'file:', href);
  const match = /^#L(\d+)$/.exec(url.hash);
  assert.ok(match, `no #L<line> fragment in ${href}`);
  url.hash = '';
  const file = fileURLToPath(url);
  assert.ok(existsSync(file), `${file} does not exist`);
  const line = Number(match[1]);
  return { file, line, text: readFileSync(file, 'utf8').split(/\r?\n/)[line - 1] ?? '' };
}

describe('rule docs links (codeDescription.href)', () => {
  it("every rule's link opens the shipped docs/rules.md at that rule's heading", () => {
    const href = ruleDocHref();
    const wrong = allRules
      .map((rule) => {
        const { file, text } = opened(href(rule.id, rule.slug));
        return { rule: `${rule.id} ${rule.slug}`, file, text };
      })
      .filter(({ rule, file, text }) => text !== `## ${rule}` || !file.endsWith('rules.md'));
    assert.deepEqual(wrong, []);
  });

  it('the bundles (dist/server.js, dist/extension.js) find docs/rules.md one folder up, as the .vsix ships it', () => {
    assert.equal(
      ruleDocsCandidates(path.join(repo, 'dist'))[0],
      path.join(repo, 'docs', 'rules.md'),
    );
    const vscodeignore = readFileSync(path.join(repo, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(vscodeignore.includes('!dist/server.js'));
    assert.ok(vscodeignore.includes('!dist/extension.js'));
    assert.ok(vscodeignore.includes('!docs/rules.md'));
  });

  it('a diagnostic carries the link of its rule', () => {
    const document = TextDocument.create('file:///r.yaml', 'yaml', 1, 'TargetType: LAMBDA\n');
    const rules = new Map(allRules.map((rule) => [rule.id, rule]));
    const problem = {
      ruleId: 'RC103',
      offset: 12,
      length: 6,
      message: 'x',
      severity: 'error' as const,
    };
    const diagnostic = toDiagnostic(document, problem, rules, ruleDocHref());
    const { text } = opened(diagnostic.codeDescription!.href);
    assert.equal(text, '## RC103 enum-value');
  });

  it('falls back to the repository URL without shipped docs, or for a rule they lack', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rule-docs-'));
    try {
      assert.equal(
        ruleDocHref([path.join(dir, 'missing.md')])('RC103', 'enum-value'),
        ruleDocUrl('RC103', 'enum-value'),
      );
      mkdirSync(path.join(dir, 'docs'));
      const file = path.join(dir, 'docs', 'rules.md');
      writeFileSync(file, '# Rules\r\n\r\n## RC103 enum-value\r\n\r\ntext\r\n');
      const href = ruleDocHref([path.join(dir, 'missing.md'), file]);
      assert.equal(opened(href('RC103', 'enum-value')).line, 3);
      assert.equal(href('RC999', 'nothing'), ruleDocUrl('RC999', 'nothing'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads heading lines 1-based, the first of each id', () => {
    assert.deepEqual(
      [...ruleHeadingLines('x\n## RC001 a\n## RC002 b\n### RC003 c\n## RC001 again\n')],
      [
        ['RC001', 2],
        ['RC002', 3],
      ],
    );
  });
});
