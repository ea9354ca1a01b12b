import * as assert from 'node:assert/strict';
import {
  appendItemEdit,
  insertPropertiesEdit,
  insertPropertyEdit,
  removePropertyEdit,
  renameKeyEdit,
  replaceValueEdit,
} from '../../server/src/languageService/edits/edits';
import {
  toValue,
  type ArrayNode,
  type ObjectNode,
  type ParsedDocument,
  type PropertyNode,
} from '../../server/src/languageService/model/ast';
import { applyEdit } from './helpers/annotated';
import { service } from './helpers/bothFormats';

type Format = 'json' | 'yaml';

function parse(text: string, format: Format): ParsedDocument {
  const parsed = service.parse(text, format);
  assert.deepEqual(parsed.problems, [], `the input must parse cleanly:\n${text}`);
  return parsed;
}

/** The object at a dotted path (numbers index lists) of the first root. */
function objectAt(parsed: ParsedDocument, path: string): ObjectNode {
  let node = parsed.roots[0];
  for (const segment of path ? path.split('.') : []) {
    if (node?.type === 'array') node = node.items[Number(segment)];
    else if (node?.type === 'object')
      node = node.properties.find((p) => p.keyNode.value === segment)?.valueNode;
    else node = undefined;
  }
  assert.equal(node?.type, 'object', `no object at ${path}`);
  return node as ObjectNode;
}

function propertyOf(object: ObjectNode, key: string): PropertyNode {
  const property = object.properties.find((p) => p.keyNode.value === key);
  assert.ok(property, `no property ${key}`);
  return property;
}

/** Applies an edit, checks the exact text, and that the result parses to the expected value. */
function check(
  text: string,
  format: Format,
  edit: { offset: number; length: number; newText: string } | undefined,
  expected: string,
): void {
  assert.ok(edit, 'an edit');
  const result = applyEdit(text, edit);
  assert.equal(result, expected);
  const reparsed = service.parse(result, format);
  assert.deepEqual(reparsed.problems, [], `the result must parse cleanly:\n${result}`);
}

const ROLE = { StaticValue: { Values: ['arn:aws:iam::111122223333:role/R'] } };

describe('edits: format-aware edit builders', () => {
  describe('insert a property', () => {
    it('JSON object on several lines: after the last property, at its indentation', () => {
      const text =
        '{\n  "Parameters": {\n    "A": {"ResourceValue": {"Value": "RESOURCE_ID"}}\n  }\n}\n';
      const parsed = parse(text, 'json');
      check(
        text,
        'json',
        insertPropertyEdit(
          objectAt(parsed, 'Parameters'),
          'AutomationAssumeRole',
          ROLE,
          text,
          'json',
        ),
        '{\n  "Parameters": {\n    "A": {"ResourceValue": {"Value": "RESOURCE_ID"}},\n    "AutomationAssumeRole": {\n      "StaticValue": {\n        "Values": ["arn:aws:iam::111122223333:role/R"]\n      }\n    }\n  }\n}\n',
      );
    });

    it('JSON object on one line: inline', () => {
      const text = '{"Parameters": {"A": {"ResourceValue": {"Value": "RESOURCE_ID"}}}}';
      const parsed = parse(text, 'json');
      check(
        text,
        'json',
        insertPropertyEdit(objectAt(parsed, 'Parameters'), 'B', ROLE, text, 'json'),
        '{"Parameters": {"A": {"ResourceValue": {"Value": "RESOURCE_ID"}}, "B": { "StaticValue": { "Values": ["arn:aws:iam::111122223333:role/R"] } }}}',
      );
    });

    it('JSON empty object: inline, or on new lines when it spans lines', () => {
      const inline = '{"Parameters": {}}';
      check(
        inline,
        'json',
        insertPropertyEdit(objectAt(parse(inline, 'json'), 'Parameters'), 'K', 'v', inline, 'json'),
        '{"Parameters": { "K": "v" }}',
      );
      const multi = '{\n  "Parameters": {\n  }\n}';
      check(
        multi,
        'json',
        insertPropertyEdit(objectAt(parse(multi, 'json'), 'Parameters'), 'K', 'v', multi, 'json'),
        '{\n  "Parameters": {\n    "K": "v"\n  }\n}',
      );
    });

    it('JSONC with a trailing comma keeps the style', () => {
      const text = '{\n  "A": 1,\n}';
      const parsed = service.parse(text, 'jsonc');
      const edit = insertPropertyEdit(objectAt(parsed, ''), 'B', 2, text, 'jsonc');
      assert.ok(edit);
      assert.equal(applyEdit(text, edit), '{\n  "A": 1,\n  "B": 2,\n}');
    });

    it('several properties in one edit', () => {
      const text = '{\n  "A": 1\n}';
      check(
        text,
        'json',
        insertPropertiesEdit(
          objectAt(parse(text, 'json'), ''),
          [
            ['B', 2],
            ['C', 'x'],
          ],
          text,
          'json',
        ),
        '{\n  "A": 1,\n  "B": 2,\n  "C": "x"\n}',
      );
    });

    it('YAML block mapping: after the last value, at the column of the keys', () => {
      const text =
        'Parameters:\n  A:\n    ResourceValue:\n      Value: RESOURCE_ID   # the bucket\nAutomatic: true\n';
      check(
        text,
        'yaml',
        insertPropertyEdit(
          objectAt(parse(text, 'yaml'), 'Parameters'),
          'AutomationAssumeRole',
          ROLE,
          text,
          'yaml',
        ),
        'Parameters:\n  A:\n    ResourceValue:\n      Value: RESOURCE_ID   # the bucket\n  AutomationAssumeRole:\n    StaticValue:\n      Values:\n        - arn:aws:iam::111122223333:role/R\nAutomatic: true\n',
      );
    });

    it('YAML mapping that starts on a "- " line (a list item)', () => {
      const text = 'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetId: T\n';
      check(
        text,
        'yaml',
        insertPropertyEdit(
          objectAt(parse(text, 'yaml'), 'RemediationConfigurations.0'),
          'ResourceType',
          'AWS::S3::Bucket',
          text,
          'yaml',
        ),
        'RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetId: T\n    ResourceType: AWS::S3::Bucket\n',
      );
    });

    it('YAML block mapping with 4-space indentation and CRLF line endings', () => {
      const text = 'Parameters:\r\n    A:\r\n        StaticValue: {Values: [x]}\r\n';
      check(
        text,
        'yaml',
        insertPropertyEdit(
          objectAt(parse(text, 'yaml'), 'Parameters'),
          'B',
          { ResourceValue: { Value: 'RESOURCE_ID' } },
          text,
          'yaml',
        ),
        'Parameters:\r\n    A:\r\n        StaticValue: {Values: [x]}\r\n    B:\r\n        ResourceValue:\r\n            Value: RESOURCE_ID\r\n',
      );
    });

    it('YAML flow mapping, and an empty one', () => {
      const text = 'A: {ResourceValue: {Value: RESOURCE_ID}}\nB: {}\n';
      const parsed = parse(text, 'yaml');
      check(
        text,
        'yaml',
        insertPropertyEdit(
          objectAt(parsed, 'A'),
          'StaticValue',
          { Values: ['x', 'true'] },
          text,
          'yaml',
        ),
        'A: {ResourceValue: {Value: RESOURCE_ID}, StaticValue: {Values: [x, "true"]}}\nB: {}\n',
      );
      check(
        text,
        'yaml',
        insertPropertyEdit(objectAt(parsed, 'B'), 'K', 'v', text, 'yaml'),
        'A: {ResourceValue: {Value: RESOURCE_ID}}\nB: {K: v}\n',
      );
    });

    it('YAML values that would change type are quoted', () => {
      const text = 'A: 1\n';
      check(
        text,
        'yaml',
        insertPropertyEdit(
          objectAt(parse(text, 'yaml'), ''),
          'B',
          { Values: ['5', 'yes', 'a: b', ''] },
          text,
          'yaml',
        ),
        'A: 1\nB:\n  Values:\n    - "5"\n    - "yes"\n    - "a: b"\n    - ""\n',
      );
    });

    it('no edit into a YAML alias expansion', () => {
      const text = 'base: &base\n  A: 1\ncopy: *base\n';
      assert.equal(
        insertPropertyEdit(objectAt(parse(text, 'yaml'), 'copy'), 'B', 2, text, 'yaml'),
        undefined,
      );
    });
  });

  describe('remove a property', () => {
    const cases: {
      name: string;
      format: Format;
      text: string;
      path: string;
      key: string;
      expected: string;
    }[] = [
      {
        name: 'JSON, the last property on its own line',
        format: 'json',
        text: '{\n  "A": 1,\n  "B": 2\n}',
        path: '',
        key: 'B',
        expected: '{\n  "A": 1\n}',
      },
      {
        name: 'JSON, the first property',
        format: 'json',
        text: '{\n  "A": 1,\n  "B": 2\n}',
        path: '',
        key: 'A',
        expected: '{\n  "B": 2\n}',
      },
      {
        name: 'JSON, the only property',
        format: 'json',
        text: '{"P": {"A": 1}}',
        path: 'P',
        key: 'A',
        expected: '{"P": {}}',
      },
      {
        name: 'YAML block, a nested mapping value followed by another key',
        format: 'yaml',
        text: 'P:\n  ResourceValue:\n    Value: RESOURCE_ID\n  StaticValue:\n    Values:\n      - b\nNext: 1\n',
        path: 'P',
        key: 'StaticValue',
        expected: 'P:\n  ResourceValue:\n    Value: RESOURCE_ID\nNext: 1\n',
      },
      {
        name: 'YAML block, a nested mapping value in the middle',
        format: 'yaml',
        text: 'P:\n  ResourceValue:\n    Value: RESOURCE_ID\n  StaticValue:\n    Values: [b]\n',
        path: 'P',
        key: 'ResourceValue',
        expected: 'P:\n  StaticValue:\n    Values: [b]\n',
      },
      {
        name: 'YAML, the key on a "- " line keeps the dash',
        format: 'yaml',
        text: 'L:\n  - Arn: x\n    ConfigRuleName: r\n',
        path: 'L.0',
        key: 'Arn',
        expected: 'L:\n  - ConfigRuleName: r\n',
      },
      {
        name: 'YAML, the only key on a "- " line leaves an empty mapping',
        format: 'yaml',
        text: 'L:\n  - Arn: x\n',
        path: 'L.0',
        key: 'Arn',
        expected: 'L:\n  - {}\n',
      },
      {
        name: 'YAML flow mapping, the second property',
        format: 'yaml',
        text: 'P: {ResourceValue: {Value: RESOURCE_ID}, StaticValue: {Values: [b]}}\n',
        path: 'P',
        key: 'StaticValue',
        expected: 'P: {ResourceValue: {Value: RESOURCE_ID}}\n',
      },
      {
        name: 'YAML flow mapping, the first property',
        format: 'yaml',
        text: 'P: {ResourceValue: {Value: RESOURCE_ID}, StaticValue: {Values: [b]}}\n',
        path: 'P',
        key: 'ResourceValue',
        expected: 'P: {StaticValue: {Values: [b]}}\n',
      },
      {
        name: 'YAML block, the last line without a newline at the end',
        format: 'yaml',
        text: 'A: 1\nB: 2',
        path: '',
        key: 'B',
        expected: 'A: 1\n',
      },
    ];
    for (const testCase of cases) {
      it(testCase.name, () => {
        const parsed = parse(testCase.text, testCase.format);
        const object = objectAt(parsed, testCase.path);
        check(
          testCase.text,
          testCase.format,
          removePropertyEdit(object, propertyOf(object, testCase.key), testCase.text),
          testCase.expected,
        );
      });
    }
  });

  describe('rename a key and replace a value, keeping the quoting style', () => {
    it('renames in JSON, YAML plain and YAML quoted keys', () => {
      const json = '{"staticValue": 1}';
      check(
        json,
        'json',
        renameKeyEdit(
          propertyOf(objectAt(parse(json, 'json'), ''), 'staticValue'),
          'StaticValue',
          json,
          'json',
        ),
        '{"StaticValue": 1}',
      );
      const yaml = "staticValue: 1\n'resourceValue': 2\n";
      const object = objectAt(parse(yaml, 'yaml'), '');
      check(
        yaml,
        'yaml',
        renameKeyEdit(propertyOf(object, 'staticValue'), 'StaticValue', yaml, 'yaml'),
        "StaticValue: 1\n'resourceValue': 2\n",
      );
      check(
        yaml,
        'yaml',
        renameKeyEdit(propertyOf(object, 'resourceValue'), 'ResourceValue', yaml, 'yaml'),
        "staticValue: 1\n'ResourceValue': 2\n",
      );
    });

    it('replaces values in JSON, YAML plain, double- and single-quoted scalars', () => {
      const json = '{"A": "install"}';
      const jsonValue = propertyOf(objectAt(parse(json, 'json'), ''), 'A').valueNode!;
      check(json, 'json', replaceValueEdit(jsonValue, 'Install', json, 'json'), '{"A": "Install"}');
      const yaml = 'A: install\nB: "install"\nC: \'install\'\nD: x\n';
      const object = objectAt(parse(yaml, 'yaml'), '');
      const replace = (key: string, value: string): string =>
        applyEdit(yaml, replaceValueEdit(propertyOf(object, key).valueNode!, value, yaml, 'yaml')!);
      assert.equal(replace('A', 'Install'), 'A: Install\nB: "install"\nC: \'install\'\nD: x\n');
      assert.equal(replace('B', 'Install'), 'A: install\nB: "Install"\nC: \'install\'\nD: x\n');
      assert.equal(replace('C', "it's"), "A: install\nB: \"install\"\nC: 'it''s'\nD: x\n");
      assert.equal(replace('D', 'true'), 'A: install\nB: "install"\nC: \'install\'\nD: "true"\n');
      assert.deepEqual(toValue(service.parse(replace('D', 'true'), 'yaml').roots[0]), {
        A: 'install',
        B: 'install',
        C: 'install',
        D: 'true',
      });
    });
  });
});

describe('edits: appendItemEdit', () => {
  const cases: [string, Format, string, string][] = [
    ['JSON, one line', 'json', '{"D": ["A"]}', '{"D": ["A", "B"]}'],
    [
      'JSON, one item a line',
      'json',
      '{\n  "D": [\n    "A"\n  ]\n}',
      '{\n  "D": [\n    "A",\n    "B"\n  ]\n}',
    ],
    ['JSON, empty', 'json', '{"D": []}', '{"D": ["B"]}'],
    ['YAML flow', 'yaml', 'D: [A]\n', 'D: [A, B]\n'],
    ['YAML block', 'yaml', 'D:\n  - A\nE: 1\n', 'D:\n  - A\n  - B\nE: 1\n'],
    ['YAML block, dashes at the key column', 'yaml', 'D:\n- A\n', 'D:\n- A\n- B\n'],
  ];
  for (const [name, format, text, expected] of cases) {
    it(`appends an item: ${name}`, () => {
      const parsed = parse(text, format);
      const list = propertyOf(objectAt(parsed, ''), 'D').valueNode;
      assert.equal(list?.type, 'array');
      const edit = appendItemEdit(list as ArrayNode, 'B', text, format);
      assert.ok(edit);
      const result = applyEdit(text, edit);
      assert.equal(result, expected);
      assert.deepEqual(toValue(parse(result, format).roots[0]), {
        ...(toValue(parsed.roots[0]) as object),
        D: [...(toValue(list) as unknown[]), 'B'],
      });
    });
  }
});
