/**
 * The JSON parser builds our node model straight from jsonc-parser's events (one tree, not a
 * jsonc tree and a copy). Its nodes must be exactly those of jsonc-parser's own `parseTree`,
 * including for the broken documents that typing produces: this converts `parseTree`'s result the
 * straightforward way and compares, over generated documents and thousands of random edits.
 */
import * as assert from 'node:assert/strict';
import { parseTree, type Node as JsoncNode } from 'jsonc-parser';
import { generateDocument, random } from '../../bench/generate';
import type { AstNode } from '../../server/src/languageService/model/ast';
import { children } from '../../server/src/languageService/model/ast';
import {
  parseJson,
  parseJsonWithRecovery,
} from '../../server/src/languageService/parser/jsonParser';
import { soundJsonTree } from '../../server/src/languageService/parser/jsonFastTree';
import { MAX_NESTING_DEPTH } from '../../server/src/languageService/parser/nesting';
import { apply, randomEdit } from './helpers/randomEdits';

/** A plain description of a jsonc-parser node, in our model's terms. */
function describeJsonc(node: JsoncNode, text: string): unknown {
  const base = { offset: node.offset, length: node.length };
  switch (node.type) {
    case 'object':
      return {
        ...base,
        type: 'object',
        properties: (node.children ?? []).map((property) => {
          const [key, value] = property.children ?? [];
          return {
            offset: property.offset,
            length: property.length,
            colonOffset: property.colonOffset,
            key: key && { offset: key.offset, length: key.length, value: String(key.value) },
            value: value ? describeJsonc(value, text) : undefined,
          };
        }),
      };
    case 'array':
      return {
        ...base,
        type: 'array',
        items: (node.children ?? []).map((item) => describeJsonc(item, text)),
      };
    case 'number':
      return {
        ...base,
        type: 'number',
        value: node.value as number,
        isInteger: /^-?\d+$/.test(text.substr(node.offset, node.length)),
      };
    case 'null':
      return { ...base, type: 'null' };
    default:
      return { ...base, type: node.type, value: node.value as unknown };
  }
}

/** The same description of one of our nodes. */
function describeOurs(node: AstNode): unknown {
  const base = { offset: node.offset, length: node.length };
  switch (node.type) {
    case 'object':
      return {
        ...base,
        type: 'object',
        properties: node.properties.map((property) => ({
          offset: property.offset,
          length: property.length,
          colonOffset: property.colonOffset,
          key: {
            offset: property.keyNode.offset,
            length: property.keyNode.length,
            value: property.keyNode.value,
          },
          value: property.valueNode ? describeOurs(property.valueNode) : undefined,
        })),
      };
    case 'array':
      return { ...base, type: 'array', items: node.items.map(describeOurs) };
    case 'number':
      return { ...base, type: 'number', value: node.value, isInteger: node.isInteger };
    case 'null':
      return { ...base, type: 'null' };
    case 'property':
      throw new Error('a property as a value');
    default:
      return { ...base, type: node.type, value: node.value };
  }
}

function assertParents(node: AstNode): void {
  for (const child of children(node)) {
    assert.equal(child.parent, node, `parent of the node at ${child.offset}`);
    assertParents(child);
  }
}

function assertSameAsParseTree(text: string, allowComments: boolean, label: string): void {
  const parsed = parseJson(text, allowComments);
  const tree = parseTree(text, [], {
    allowTrailingComma: allowComments,
    disallowComments: !allowComments,
    allowEmptyContent: true,
  });
  const root = parsed.roots[0];
  assert.deepEqual(
    root ? describeOurs(root) : undefined,
    tree ? describeJsonc(tree, text) : undefined,
    label,
  );
  if (root) {
    assert.equal(root.parent, undefined);
    assertParents(root);
  }
}

describe('JSON parser: the node model equals jsonc-parser parseTree', function () {
  this.timeout(60_000);

  it('on generated documents, JSON and JSONC', () => {
    for (const size of [1, 3, 25]) {
      const text = generateDocument(size, 'json', size);
      assertSameAsParseTree(text, false, `json ${size}`);
      assertSameAsParseTree(text.replace(/,\n/g, ', // note\n'), true, `jsonc ${size}`);
    }
  });

  it('on broken input: missing values, colons, commas, brackets, extra values', () => {
    const cases = [
      '',
      '   ',
      '{',
      '{"a"',
      '{"a":',
      '{"a": }',
      '{"a" 1}',
      '{"a": 1 "b": 2}',
      '{"a": [1, 2, {"b": }',
      '{"a": [1,, 2]}',
      '{1: 2}',
      '{"a": 1,}',
      '[1, 2,]',
      '{"a": {"b": [true, false, null, "x", 1.5, -3, 1e3]}}',
      '{"a": 1} {"b": 2}',
      '{"a": tru}',
      '{"a": "unterminated}',
      '[[[[',
      ']]',
      '{"a": 1, "a": 2}',
      '\ufeff{"a": 1}',
      '{"a": 0x10}',
      '{"a": /* c */ 1}',
      '// c\n{"a": 1}',
    ];
    for (const text of cases) {
      assertSameAsParseTree(text, false, JSON.stringify(text));
      assertSameAsParseTree(text, true, `jsonc ${JSON.stringify(text)}`);
    }
  });

  it('after thousands of random edits (fixed seed)', () => {
    const rand = random(41);
    let text = generateDocument(4, 'json', 7);
    const original = text;
    for (let step = 0; step < 3000; step++) {
      text = apply(text, randomEdit(text, 'json', rand));
      const label = `step ${step}`;
      assertSameAsParseTree(text, false, label);
      assertSameAsParseTree(text, true, `${label} (jsonc)`);
      // Start again now and then, so that most documents stay close to real ones.
      if (step % 60 === 59) text = original;
    }
  });
});

/**
 * parseJson reads documents without a syntax error in one pass of its own (jsonFastTree.ts) and
 * leaves the others to jsonc-parser: the whole result (nodes, parents, problems) must be what
 * jsonc-parser's path gives, and the fast pass must take every sound document.
 */
describe('JSON parser: the fast pass equals the jsonc-parser path', function () {
  this.timeout(60_000);

  function assertSame(text: string, allowComments: boolean, label: string): void {
    assert.deepEqual(
      parseJson(text, allowComments),
      parseJsonWithRecovery(text, allowComments),
      label,
    );
  }

  function assertFast(text: string, allowComments: boolean, label: string): void {
    assert.ok(soundJsonTree(text, allowComments), `${label}: read by the fast pass`);
    assertSame(text, allowComments, label);
  }

  /** A random JSON value, spelled in the ways JSON allows (escapes, numbers, whitespace). */
  function randomJson(rand: () => number, depth: number, jsonc: boolean): string {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const space = (): string =>
      pick(['', ' ', '\n', '\r\n', '\t', '  ', ...(jsonc ? [' /* c */ ', ' // c\n'] : [])]);
    const string = (): string =>
      `"${Array.from({ length: Math.floor(rand() * 5) }, () =>
        pick([
          'a',
          'Key',
          'é',
          '\\n',
          '\\"',
          '\\\\',
          '\\/',
          '\\u00e9',
          '\\uD83D\\uDE00',
          '\\t',
          ' ',
          '\\b\\f\\r',
        ]),
      ).join('')}"`;
    const roll = rand();
    if (depth <= 0 || roll < 0.4) {
      return pick([
        string,
        () => pick(['0', '-0', '7', '-12', '3.25', '1e3', '2E-5', '-0.5e+2', '123456789012']),
        () => pick(['true', 'false', 'null']),
      ])();
    }
    const count = Math.floor(rand() * (rand() < 0.1 ? 12 : 4));
    const trailing = jsonc && count > 0 && rand() < 0.3 ? ',' : '';
    if (roll < 0.7) {
      const keys = Array.from({ length: count }, () => (rand() < 0.1 ? '"dup"' : string()));
      const body = keys.map(
        (key) => `${space()}${key}${space()}:${space()}${randomJson(rand, depth - 1, jsonc)}`,
      );
      return `{${body.join(',')}${trailing}${space()}}`;
    }
    const items = Array.from(
      { length: count },
      () => `${space()}${randomJson(rand, depth - 1, jsonc)}`,
    );
    return `[${items.join(',')}${trailing}${space()}]`;
  }

  it('reads random sound documents in one pass, with the same nodes and problems', () => {
    const rand = random(17);
    for (let i = 0; i < 2000; i++) {
      const jsonc = i % 2 === 1;
      const text = ` ${randomJson(rand, 5, jsonc)}\n`;
      assertFast(text, jsonc, `document ${i}: ${text}`);
    }
  });

  it('reads generated requests, empty documents, scalars and the deepest allowed nesting', () => {
    for (const text of [
      generateDocument(25, 'json', 3),
      '',
      ' \n\t',
      '"top"',
      '-1.5e3',
      'null',
      '{"a": 1, "a": 2}',
      '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"a":10}',
      '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH),
    ]) {
      assertFast(text, false, JSON.stringify(text.slice(0, 60)));
      assertFast(text, true, `jsonc ${JSON.stringify(text.slice(0, 60))}`);
    }
    assertFast(
      '// c\n{"a": [1, 2,], /* c */ "b": {"c": null,},}',
      true,
      'comments, trailing commas',
    );
  });

  it('leaves every document with a syntax error to jsonc-parser', () => {
    for (const text of [
      '\ufeff{}',
      '{"a": 1,}',
      '[1,]',
      '// c\n{}',
      '{"a": 01}',
      '{"a": 1.}',
      '{"a": 1e}',
      '{"a": -}',
      '{"a": "\\x"}',
      '{"a": "\\u12"}',
      '{"a": "tab\there"}',
      '{"a": "line\nbreak"}',
      '{"a": truex}',
      '{"a": 1}{}',
      '{"a" 1}',
      '{a: 1}',
      "{'a': 1}",
      '\u000b{}',
      '{"a": 1',
      '['.repeat(MAX_NESTING_DEPTH + 1) + ']'.repeat(MAX_NESTING_DEPTH + 1),
    ]) {
      const jsoncSound = ['{"a": 1,}', '[1,]', '// c\n{}'].includes(text);
      assert.equal(soundJsonTree(text, false), undefined, JSON.stringify(text.slice(0, 60)));
      assertSame(text, false, JSON.stringify(text.slice(0, 60)));
      if (!jsoncSound) assert.equal(soundJsonTree(text, true), undefined, `jsonc ${text}`);
      assertSame(text, true, `jsonc ${JSON.stringify(text.slice(0, 60))}`);
    }
  });

  it('after thousands of random edits (fixed seed)', () => {
    const rand = random(43);
    let text = generateDocument(4, 'json', 9);
    const original = text;
    for (let step = 0; step < 3000; step++) {
      text = apply(text, randomEdit(text, 'json', rand));
      assertSame(text, false, `step ${step}`);
      assertSame(text, true, `step ${step} (jsonc)`);
      if (step % 60 === 59) text = original;
    }
  });
});
