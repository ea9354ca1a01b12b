/**
 * Completion reads only the configuration around the cursor (completion/window.ts). The cursor
 * context it computes must equal the one computed from the whole text, at any offset, also in
 * documents broken by random edits.
 */
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { generateDocument, random, request } from '../../bench/generate';
import type { DocumentFormat } from '../../server/src/languageService/model/ast';
import { cursorContext } from '../../server/src/languageService/completion/cursorContext';
import { CompletionText } from '../../server/src/languageService/completion/window';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { apply, randomEdit } from './helpers/randomEdits';

const service = createLanguageService();

function check(text: string, format: DocumentFormat, rand: () => number, samples: number): void {
  const parsed = service.parse(text, format);
  for (let i = 0; i < samples; i++) {
    const offset = Math.floor(rand() * (text.length + 1));
    const view = new CompletionText(parsed, offset);
    const label = `${format} at ${offset}: ${JSON.stringify(text.slice(offset - 30, offset))}`;
    assert.deepEqual(view.cursor(), cursorContext(text, offset, format), label);
    assert.equal(view.lineStart(offset), offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0);
    assert.ok(text.slice(offset).startsWith(view.from(offset)), label);
    assert.equal(
      view.slice(offset - 1, offset + 1),
      text.slice(Math.max(0, offset - 1), offset + 1),
    );
  }
}

describe('completion window', function () {
  this.timeout(60_000);
  const cases: [string, DocumentFormat, string][] = [
    ['JSON', 'json', generateDocument(6, 'json', 21)],
    ['YAML', 'yaml', generateDocument(6, 'yaml', 22)],
    [
      'YAML with dashes at column 0',
      'yaml',
      stringify(request(6, 23), { lineWidth: 0, indentSeq: false }),
    ],
  ];
  for (const [name, format, initial] of cases) {
    it(`gives the cursor context of the whole text (${name})`, () => {
      const rand = random(31);
      let text = initial;
      for (let step = 0; step < 60; step++) {
        check(text, format, rand, 25);
        const edited = apply(text, randomEdit(text, format, rand));
        // Keep the document mostly sound: undo most edits that break it.
        const broken = service.parse(edited, format).problems.some((p) => p.ruleId === 'RC001');
        text = broken && rand() < 0.7 ? text : edited;
      }
    });
  }

  it('gives the cursor context of the whole text in a configuration broken inside (JSON)', () => {
    const sound = generateDocument(6, 'json', 25);
    const rand = random(32);
    // A key being typed (an opening quote, no colon yet), and a missing comma, in the middle.
    for (const [after, insert] of [
      ['"TargetId"', '\n      "Descr'],
      ['"TargetType": "SSM_DOCUMENT",', '\n      "Automatic": true'],
    ] as const) {
      const at = sound.indexOf('\n', sound.indexOf(after, sound.indexOf('-00003')));
      const text = sound.slice(0, at) + insert + sound.slice(at);
      assert.ok(service.parse(text, 'json').problems.some((p) => p.ruleId === 'RC001'));
      check(text, 'json', rand, 300);
    }
  });

  it('is used inside a configuration of a large document', () => {
    const text = generateDocument(300, 'json', 24);
    const parsed = service.parse(text, 'json');
    const offset = text.lastIndexOf('"TargetId"') + 2;
    const view = new CompletionText(parsed, offset);
    assert.deepEqual(view.cursor()?.path.slice(0, 2), ['RemediationConfigurations', 299]);
    assert.equal(
      (view as unknown as { window?: { base: number } }).window?.base,
      text.lastIndexOf('{', offset),
    );
  });
});
