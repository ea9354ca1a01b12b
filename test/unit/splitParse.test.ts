/**
 * Parsing a YAML request item by item (incremental/splitParse.ts) must give exactly what a
 * whole-document parse gives, on generated files and after random edits; where it cannot, it
 * must decline.
 */
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { generateDocument, random, request } from '../../bench/generate';
import type { AstNode, ParsedDocument } from '../../server/src/languageService/model/ast';
import { children } from '../../server/src/languageService/model/ast';
import { sameTree } from '../../server/src/languageService/model/ast';
import { parseYamlByItems } from '../../server/src/languageService/incremental/splitParse';
import { parseYaml } from '../../server/src/languageService/parser/yamlParser';
import { apply, randomEdit } from './helpers/randomEdits';

function assertParents(node: AstNode): void {
  for (const child of children(node)) {
    assert.equal(child.parent, node);
    assertParents(child);
  }
}

function sorted(parsed: ParsedDocument): unknown[] {
  return [...parsed.problems].sort(
    (a, b) =>
      a.offset - b.offset || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message),
  );
}

/** Whether the split parse declined or equals the whole-document parse. */
function check(text: string, label: string): boolean {
  const split = parseYamlByItems(text);
  if (!split) return false;
  const whole = parseYaml(text);
  const [a, b] = [split.roots[0], whole.roots[0]];
  assert.equal(split.roots.length, whole.roots.length, label);
  assert.ok(a && b && sameTree(a, 0, b, 0), `${label}: the trees differ`);
  assertParents(a);
  assert.deepEqual(sorted(split), sorted(whole), `${label}: problems`);
  assert.deepEqual(split.documentRanges, whole.documentRanges, `${label}: document ranges`);
  return true;
}

describe('YAML parsed item by item', function () {
  this.timeout(60_000);

  it('equals a whole-document parse of generated files', () => {
    for (const text of [
      generateDocument(300, 'yaml', 41),
      stringify(request(300, 42), { lineWidth: 0, indentSeq: false }),
      `# pulled from the account\n---\n${generateDocument(40, 'yaml', 43)}\n# end\n\n`,
      `Other: 1\n${generateDocument(40, 'yaml', 44)}`.replace(
        /Automatic: true/,
        'Automatic: true\n    Automatic: true',
      ),
    ]) {
      assert.ok(check(text, text.slice(0, 40)), 'parsed item by item');
    }
  });

  it('equals a whole-document parse after random edits, or declines', () => {
    for (const [seed, initial] of [
      [51, generateDocument(12, 'yaml', 51)],
      [52, stringify(request(12, 52), { lineWidth: 0, indentSeq: false })],
    ] as const) {
      const rand = random(seed);
      let text = initial;
      let split = 0;
      for (let step = 0; step < 200; step++) {
        const edited = apply(text, randomEdit(text, 'yaml', rand));
        if (check(edited, `seed ${seed} step ${step}`)) split++;
        // Go on from sound files only: a broken file is always parsed whole.
        if (!parseYaml(edited).problems.some((p) => p.ruleId === 'RC001')) text = edited;
      }
      assert.ok(split > 50, `only ${split} of 200 files were parsed item by item`);
    }
  });

  it('declines files it cannot cut safely', () => {
    const base = generateDocument(5, 'yaml', 55);
    for (const text of [
      `${base}Other: 1\n`, // text after the list
      base.replace('Automatic: false', 'Automatic: &a false'), // an anchor
      base.replace('\n    TargetId', '\n  TargetId'), // a line left of the keys
      `${base}---\nRemediationConfigurations: []\n`, // a second document
      'RemediationConfigurations: []\n',
    ]) {
      assert.equal(parseYamlByItems(text), undefined, text.slice(-60));
    }
  });
});
