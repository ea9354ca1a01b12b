/**
 * ChunkedTextDocument must behave exactly like vscode-languageserver-textdocument's TextDocument:
 * the same text, positions, offsets and line ranges after any sequence of edits (CRLF, lone CR,
 * surrogate pairs, edits across chunk boundaries, full replacements).
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { random } from '../../bench/generate';
import { ChunkedTextDocument } from '../../server/src/lsp/chunkedDocument';
import { indexesIn } from '../../server/src/languageService/model/text';

/** Made of two pieces, so that it is often split between chunks. */
const NEEDLE = 'yz\nxy';

const PIECES = ['a', 'bc', '\n', '\r\n', '\r', ' ', '😀', 'xyz\nxyz', '\r\n\r\n', '{"k": 1}'];

function randomText(rand: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(rand() * PIECES.length)];
  return text;
}

function compare(chunked: ChunkedTextDocument, reference: TextDocument, rand: () => number): void {
  // Occurrences of a needle (suppression comments), kept per chunk and across chunk boundaries.
  assert.deepEqual(
    chunked.textSource().indexesOf?.(NEEDLE),
    indexesIn(reference.getText(), NEEDLE),
    'indexesOf',
  );
  assert.equal(chunked.getText(), reference.getText());
  assert.equal(chunked.lineCount, reference.lineCount);
  assert.equal(chunked.version, reference.version);
  const length = reference.getText().length;
  for (let i = 0; i < 20; i++) {
    const offset = Math.floor(rand() * (length + 3)) - 1;
    assert.deepEqual(
      chunked.positionAt(offset),
      reference.positionAt(offset),
      `positionAt(${offset})`,
    );
    const position = {
      line: Math.floor(rand() * (reference.lineCount + 2)) - 1,
      character: Math.floor(rand() * 12) - 1,
    };
    assert.equal(
      chunked.offsetAt(position),
      reference.offsetAt(position),
      JSON.stringify(position),
    );
    const line = Math.floor(rand() * (reference.lineCount + 2)) - 1;
    assert.deepEqual(chunked.getLineRange(line), reference.getLineRange(line), `line ${line}`);
    assert.equal(chunked.getEOLCharacters(line), reference.getEOLCharacters(line));
    const end = reference.positionAt(Math.floor(rand() * (length + 1)));
    const range = { start: reference.positionAt(Math.floor(rand() * (length + 1))), end };
    if (reference.offsetAt(range.start) <= reference.offsetAt(range.end)) {
      assert.equal(chunked.getText(range), reference.getText(range));
    }
  }
}

describe('ChunkedTextDocument', () => {
  it('behaves like TextDocument after random edits', function () {
    this.timeout(60_000);
    const rand = random(99);
    const fresh = (text: string, version: number) =>
      TextDocument.create('file:///a.json', 'json', version, text);
    for (let round = 0; round < 4; round++) {
      // Texts larger than a chunk (32K), so that edits cross chunk boundaries.
      let expected = randomText(rand, round % 2 === 0 ? 70_000 : 50);
      const chunked = ChunkedTextDocument.create('file:///a.json', 'json', 1, expected);
      for (let step = 0; step < 80; step++) {
        // Positions as an editor sends them: each change in the text left by the previous one.
        // (TextDocument's own incremental line update can go wrong around "\r", so the reference
        // is always a TextDocument made from the text.)
        const changes: TextDocumentContentChangeEvent[] = [];
        const count = 1 + Math.floor(rand() * 3);
        for (let c = 0; c < count; c++) {
          if (rand() < 0.02) {
            expected = randomText(rand, Math.floor(rand() * 200));
            changes.push({ text: expected });
            continue;
          }
          const reference = fresh(expected, 0);
          const start = Math.floor(rand() * (expected.length + 1));
          const span = rand() < 0.1 ? Math.floor(rand() * 40_000) : Math.floor(rand() * 5);
          const text =
            rand() < 0.05 ? randomText(rand, 40_000) : randomText(rand, Math.floor(rand() * 4));
          const range = {
            start: reference.positionAt(start),
            end: reference.positionAt(start + span),
          };
          const [from, to] = [reference.offsetAt(range.start), reference.offsetAt(range.end)];
          expected = expected.slice(0, from) + text + expected.slice(to);
          // Some clients send the whole text for every edit.
          changes.push(rand() < 0.3 ? { text: expected } : { range, text });
        }
        const before = chunked.getText();
        ChunkedTextDocument.update(chunked, changes, step + 2);
        compare(chunked, fresh(expected, step + 2), rand);
        // The change it reports turns the previous text into this one.
        const change = chunked.changeSince(step + 1);
        assert.ok(change, `step ${step}: a change`);
        assert.equal(
          before.slice(0, change.start) +
            expected.slice(change.start, change.newEnd) +
            before.slice(change.oldEnd),
          expected,
        );
      }
    }
  });

  it('reports the change since an earlier version, and keeps older versions readable', () => {
    const document = ChunkedTextDocument.create('file:///a.yaml', 'yaml', 1, 'abcdef\nghij\n');
    const first = document.textSource();
    const at = (offset: number) => document.positionAt(offset);
    document.update([{ range: { start: at(2), end: at(3) }, text: 'XY' }], 2);
    document.update([{ range: { start: at(8), end: at(8) }, text: '!' }], 3);
    assert.equal(document.getText(), 'abXYdef\n!ghij\n');
    assert.deepEqual(document.changeSince(1), { start: 2, oldEnd: 7, newEnd: 9 });
    assert.deepEqual(document.changeSince(2), { start: 8, oldEnd: 8, newEnd: 9 });
    assert.equal(first.text(), 'abcdef\nghij\n');
    assert.equal(first.slice(1, 4), 'bcd');
    document.update([{ text: 'new' }], 4);
    assert.deepEqual(document.changeSince(3), { start: 0, oldEnd: 14, newEnd: 3 });
    assert.deepEqual(document.changeSince(4), { start: 0, oldEnd: 0, newEnd: 0 });
  });

  it('turns a full-text change into the one range that differs', () => {
    const document = ChunkedTextDocument.create('file:///a.yaml', 'yaml', 1, 'abcdef\nghij\n');
    assert.equal(document.lineCount, 3);
    document.update([{ text: 'abcXdef\nghij\n' }], 2);
    assert.deepEqual(document.changeSince(1), { start: 3, oldEnd: 3, newEnd: 4 });
    // Repeated characters: prefix and suffix never overlap.
    document.update([{ text: 'abcXXdef\nghij\n' }], 3);
    assert.deepEqual(document.changeSince(2), { start: 4, oldEnd: 4, newEnd: 5 });
    document.update([{ text: 'abcXXdef\nghij\n' }], 4);
    assert.deepEqual(document.changeSince(3), { start: 0, oldEnd: 0, newEnd: 0 });
    document.update([{ text: 'ab\r\nXdef\nghij\n' }], 5);
    assert.deepEqual(document.changeSince(4), { start: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(document.changeSince(1), { start: 2, oldEnd: 3, newEnd: 5 });
    assert.deepEqual(document.positionAt(5), { line: 1, character: 1 });
    assert.equal(document.lineCount, 4);
    // Across chunks (32K each): still the one range.
    const big = 'x'.repeat(100_000);
    document.update([{ text: big }], 6);
    document.update([{ text: `${big.slice(0, 70_000)}yy${big.slice(70_001)}` }], 7);
    assert.deepEqual(document.changeSince(6), { start: 70_000, oldEnd: 70_001, newEnd: 70_002 });
  });
  it('finds the exact prefix and suffix of a full-text change, whatever its place', () => {
    const rand = random(7);
    const base = randomText(rand, 100_000);
    // Around the block size of the comparison (4096) and the chunk size (32K), and random.
    const places = [0, 1, 4095, 4096, 4097, 32_767, 32_768, 65_536, base.length - 1];
    for (let i = 0; i < 20; i++) places.push(Math.floor(rand() * base.length));
    for (const at of places) {
      for (const [removed, inserted] of [
        [1, 'Q'],
        [0, 'QQ'],
        [3, ''],
        [5000, 'Q'],
      ] as const) {
        const document = ChunkedTextDocument.create('file:///a.yaml', 'yaml', 1, base);
        // Once from chunks (after a ranged edit), once from a whole text (after a full one).
        document.update(
          [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              text: '',
            },
          ],
          2,
        );
        document.update([{ text: base }], 3);
        const next = base.slice(0, at) + inserted + base.slice(at + removed);
        document.update([{ text: next }], 4);
        // The shortest range that differs: the longest common prefix, then suffix.
        let prefix = 0;
        const max = Math.min(base.length, next.length);
        while (prefix < max && base[prefix] === next[prefix]) prefix++;
        let suffix = 0;
        while (
          suffix < max - prefix &&
          base[base.length - 1 - suffix] === next[next.length - 1 - suffix]
        ) {
          suffix++;
        }
        const expected = {
          start: prefix,
          oldEnd: base.length - suffix,
          newEnd: next.length - suffix,
        };
        assert.deepEqual(document.changeSince(3), expected, `at ${at}`);
        const ranged = ChunkedTextDocument.create('file:///a.yaml', 'yaml', 1, base);
        ranged.update(
          [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              text: '',
            },
          ],
          2,
        );
        ranged.update([{ text: next }], 3);
        assert.deepEqual(ranged.changeSince(2), expected, `from chunks, at ${at}`);
      }
    }
  });

  it('converts offsets in order, backwards and at random like TextDocument', () => {
    const rand = random(11);
    const text = randomText(rand, 80_000);
    const chunked = ChunkedTextDocument.create('file:///a.json', 'json', 1, text);
    const reference = TextDocument.create('file:///a.json', 'json', 1, text);
    const offsets: number[] = [];
    for (let offset = -2; offset <= text.length + 2; offset += 1 + Math.floor(rand() * 40)) {
      offsets.push(offset);
    }
    const scattered = offsets.map(() => Math.floor(rand() * (text.length + 1)));
    for (const offset of [...offsets, ...[...offsets].reverse(), ...scattered]) {
      assert.deepEqual(chunked.positionAt(offset), reference.positionAt(offset), `${offset}`);
    }
  });
});
