/**
 * YAML folding ranges: the editor keeps at most its limit of regions (VS Code's 5,000), one per
 * start line, the first ones. The regions are computed only as far as that limit reaches
 * (a file of 10,000 configurations has about 87,000), and the editor gets the same ranges.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDocument } from '../../bench/generate';
import { createLanguageService } from '../../server/src/languageService/languageService';
import type { DocumentKind } from '../../server/src/languageService/model/document';
import { toFoldingRanges } from '../../server/src/lsp/convert';

const service = createLanguageService();

/** Region markers every few configurations, some of them across others. */
function withMarkers(text: string): string {
  let index = 0;
  return text.replace(/\n- /g, (dash) => {
    index++;
    if (index % 7 === 0) return `\n# region group ${index}${dash}`;
    if (index % 7 === 3) return `\n  # endregion${dash}`;
    return dash;
  });
}

function examples(): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  for (const folder of ['valid', 'with-problems']) {
    const dir = join(__dirname, '..', '..', '..', 'examples', folder);
    for (const file of readdirSync(dir)) {
      if (/\.ya?ml$/.test(file))
        found.push({ name: file, text: readFileSync(join(dir, file), 'utf8') });
    }
  }
  return found;
}

describe('YAML folding ranges within the editor limit', () => {
  const texts = [
    { name: 'generated request', text: generateDocument(300, 'yaml') },
    { name: 'generated request with markers', text: withMarkers(generateDocument(300, 'yaml')) },
    {
      name: 'several documents',
      text: `${generateDocument(20, 'yaml')}---\n${generateDocument(30, 'yaml', 3)}`,
    },
    ...examples(),
  ];

  for (const { name, text } of texts) {
    it(`${name}: the same ranges with and without the limit`, () => {
      const parsed = service.parse(text, 'yaml');
      const recognition = service.recognise(
        `/work/${name}.remediation.yaml`,
        text,
        () => parsed,
        [],
      );
      const kind: DocumentKind = recognition?.kind ?? 'request';
      const document = TextDocument.create('file:///work/a.yaml', 'yaml', 1, text);
      const all = service.foldingRanges(parsed, kind) ?? [];
      for (const limit of [0, 1, 2, 3, 7, 50, 333, 5000]) {
        const bounded = service.foldingRanges(parsed, kind, limit) ?? [];
        assert.deepEqual(
          toFoldingRanges(document, bounded, limit),
          toFoldingRanges(document, all, limit),
          `limit ${limit}`,
        );
      }
    });
  }

  it('computes about as many regions as the limit, not all of them', () => {
    const text = generateDocument(2000, 'yaml');
    const parsed = service.parse(text, 'yaml');
    const all = service.foldingRanges(parsed, 'request') ?? [];
    const bounded = service.foldingRanges(parsed, 'request', 500) ?? [];
    assert.ok(all.length > 10_000, `${all.length} regions in all`);
    assert.ok(bounded.length <= 500, `${bounded.length} regions for a limit of 500`);
  });
});
