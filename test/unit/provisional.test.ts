/**
 * The provisional parse (incremental/reparse.ts, provisionalDocument) that completion and hover
 * read while a large document is broken past the edited configuration: inside that
 * configuration it must answer exactly what the full parse of the same text answers.
 */
import * as assert from 'node:assert/strict';
import { generateDocument } from '../../bench/generate';
import { provisionalDocument } from '../../server/src/languageService/incremental/reparse';
import { stringSource } from '../../server/src/languageService/model/text';
import { createLanguageService } from '../../server/src/languageService/languageService';

const service = createLanguageService();

/**
 * The text with `insert` after the line of `after` in configuration `index`; where it went; and
 * the span that must read the same: from the configuration's rule name to the end of what was
 * typed (after it, a full parse of a broken text reads on into what follows, which is the
 * difference the provisional parse is for).
 */
function broken(
  text: string,
  index: number,
  after: string,
  insert: string,
): { next: string; at: number; start: number; end: number } {
  const start = text.indexOf(`-${String(index).padStart(5, '0')}`);
  const at = text.indexOf('\n', text.indexOf(after, start));
  const next = text.slice(0, at) + insert + text.slice(at);
  return { next, at, start, end: at + insert.length + 1 };
}

const cases: [string, 'json' | 'yaml', string, string][] = [
  // An opening quote not yet closed: in YAML it reads on into the configurations after it.
  ['YAML, an unclosed quote', 'yaml', 'TargetId', '\n    Notes: "typing'],
  ['YAML, a key without a colon', 'yaml', 'TargetType', '\n    Automat'],
  ['JSON, a key being typed', 'json', '"TargetId"', '\n      "Descr'],
  ['JSON, a missing comma', 'json', '"TargetType"', '\n      "Automatic": true'],
];

describe('provisional parse for completion and hover', () => {
  for (const [name, format, after, insert] of cases) {
    it(`answers as the full parse inside the edited configuration (${name})`, () => {
      const text = generateDocument(12, format, 41);
      const anchor = service.parse(text, format);
      const { next, at, start, end } = broken(text, 6, after, insert);
      const full = service.parse(next, format);
      assert.ok(
        full.problems.some((p) => p.ruleId === 'RC001'),
        'the edit breaks the document',
      );
      const provisional = provisionalDocument(
        anchor,
        { start: at, oldEnd: at, newEnd: at + insert.length },
        stringSource(next),
      );
      assert.ok(provisional, 'an edit inside one configuration has a provisional parse');
      assert.equal(provisional.text, next);
      let answered = 0;
      for (let offset = start; offset < end; offset++) {
        const expected = service.complete(full, 'request', offset);
        assert.deepEqual(
          service.complete(provisional, 'request', offset),
          expected,
          `completion at ${offset}: ${JSON.stringify(next.slice(offset - 20, offset))}`,
        );
        assert.deepEqual(
          service.hover(provisional, 'request', offset),
          service.hover(full, 'request', offset),
          `hover at ${offset}`,
        );
        if (expected.length > 0) answered++;
      }
      assert.ok(answered > 5, `completion answered at only ${answered} places`);
    });
  }

  it('gives up on an edit across configurations', () => {
    const text = generateDocument(5, 'yaml', 42);
    const anchor = service.parse(text, 'yaml');
    const second = text.indexOf('\n  - ', text.indexOf('\n  - ') + 1);
    const next = text.slice(0, second - 5) + text.slice(second + 8);
    assert.equal(
      provisionalDocument(
        anchor,
        { start: second - 5, oldEnd: second + 8, newEnd: second - 5 },
        stringSource(next),
      ),
      undefined,
    );
  });
});
