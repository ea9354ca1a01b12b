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
import { parseJson } from '../../server/src/languageService/parser/jsonParser';
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
