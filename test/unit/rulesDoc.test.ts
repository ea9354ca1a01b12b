import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/languageService/rules';

const doc = readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');

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
      const section = doc.split(`## ${rule.id} ${rule.slug}`)[1]?.split('\n## ')[0] ?? '';
      assert.match(section, new RegExp(`\\*\\*Severity:\\*\\* ${rule.severity}`), `${rule.id}`);
    }
  });

  it('has unique rule ids and slugs', () => {
    assert.equal(new Set(allRules.map((r) => r.id)).size, allRules.length);
    assert.equal(new Set(allRules.map((r) => r.slug)).size, allRules.length);
  });
});
