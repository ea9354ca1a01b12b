import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { allRules } from '../../server/src/languageService/rules';

const repo = path.join(__dirname, '..', '..', '..');
const doc = readFileSync(path.join(repo, 'docs', 'rules.md'), 'utf8');
const rulesDir = 'server/src/languageService/rules';
const categoryFolder: Record<string, string> = {
  api: 'api',
  'cross-field': 'crossField',
  runbook: 'runbook',
  account: 'account',
  deploy: 'deploy',
};

function sectionOf(rule: { id: string; slug: string }): string {
  return doc.split(`## ${rule.id} ${rule.slug}\n`)[1]?.split('\n## ')[0] ?? '';
}

/** Where a rule lives: one file per rule named after its slug; the syntax rules in one file. */
function sourceOf(rule: { slug: string; category: string }): string {
  const folder = categoryFolder[rule.category];
  if (!folder) return `${rulesDir}/syntax.ts`;
  const name = rule.slug.replace(/-([a-z0-9])/g, (_, char: string) => char.toUpperCase());
  return `${rulesDir}/${folder}/${name}.ts`;
}

describe('docs/rules.md', () => {
  const headings = [...doc.matchAll(/^## (RC\d{3}) ([a-z0-9-]+)$/gm)].map((m) => `${m[1]} ${m[2]}`);

  it('has a section for every rule, titled "id slug" (the diagnostics link to it)', () => {
    const missing = allRules
      .map((rule) => `${rule.id} ${rule.slug}`)
      .filter((title) => !headings.includes(title));
    assert.deepEqual(missing, []);
  });

  it('documents no rule that does not exist', () => {
    const known = new Set(allRules.map((rule) => `${rule.id} ${rule.slug}`));
    assert.deepEqual(
      headings.filter((heading) => !known.has(heading)),
      [],
    );
  });

  it("states each rule's severity as registered", () => {
    for (const rule of allRules) {
      const section = sectionOf(rule);
      assert.match(section, new RegExp(`\\*\\*Severity:\\*\\* ${rule.severity}`), `${rule.id}`);
    }
  });

  it("gives each rule's own description and source file (the text lives once, in the rule)", () => {
    const mismatches = allRules.flatMap((rule) => {
      const expected = `**In short:** ${rule.description} ([source](../${sourceOf(rule)}))`;
      return sectionOf(rule).includes(`\n${expected}\n`) ? [] : [`${rule.id}: ${expected}`];
    });
    assert.deepEqual(mismatches, [], 'docs/rules.md must carry these lines');
  });

  it('finds every rule from its id in one hop: its file is named after its slug', () => {
    for (const rule of allRules) {
      const file = sourceOf(rule);
      assert.ok(existsSync(path.join(repo, file)), `${rule.id}: ${file} is missing`);
      assert.match(
        readFileSync(path.join(repo, file), 'utf8'),
        new RegExp(`Rule: ${rule.id} ${rule.slug}[. ]`),
        `${file} has no "Rule: ${rule.id} ${rule.slug}" header`,
      );
    }
  });

  it('has unique rule ids and slugs', () => {
    assert.equal(new Set(allRules.map((r) => r.id)).size, allRules.length);
    assert.equal(new Set(allRules.map((r) => r.slug)).size, allRules.length);
  });
});
