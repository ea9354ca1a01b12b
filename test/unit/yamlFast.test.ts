/**
 * The YAML fast path (parser/yamlFast.ts) must give exactly what the yaml package path gives —
 * node trees, offsets, tags, typing, problems, document ranges — or decline. Compared on every
 * YAML file of the repository, on benchmark documents and their parts, on hand-written edge
 * cases and on seeded random mutations; and it must actually take the common shapes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateDocument, random } from '../../bench/generate';
import type { AstNode, ParsedDocument } from '../../server/src/languageService/model/ast';
import { children } from '../../server/src/languageService/model/ast';
import { parseYamlFast } from '../../server/src/languageService/parser/yamlFast';
import { parseYaml, parseYamlFull } from '../../server/src/languageService/parser/yamlParser';
import { createLanguageService } from '../../server/src/languageService/languageService';
import { SPLIT_PARSE_MIN_LENGTH } from '../../server/src/languageService/incremental/splitParse';
import { apply, randomEdit } from './helpers/randomEdits';

const ROOT = path.join(__dirname, '..', '..', '..');

/** A node tree as plain data, without parent pointers. */
function plain(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(plain);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'parent') out[key] = plain(value);
  }
  return out;
}

function view(parsed: ParsedDocument): unknown {
  return {
    format: parsed.format,
    text: parsed.text,
    roots: plain(parsed.roots),
    problems: parsed.problems,
    documentRanges: parsed.documentRanges,
  };
}

function assertParents(node: AstNode): void {
  for (const child of children(node)) {
    assert.equal(child.parent, node);
    assertParents(child);
  }
}

/** Whether the fast path took the text; when it did, its document equals the full parse's. */
function check(text: string, label: string): boolean {
  const fast = parseYamlFast(text);
  if (!fast) return false;
  const full = parseYamlFull(text);
  assert.deepStrictEqual(view(fast), view(full), label);
  for (const root of fast.roots) if (root) assertParents(root);
  return true;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

const CLOUDFORMATION = `AWSTemplateFormatVersion: "2010-09-09"
Description: 'Remediation for S3 buckets'
Parameters:
  BucketName:
    Type: String
    Default: my-bucket
Resources:
  Rule:
    Type: AWS::Config::ConfigRule
    Properties:
      ConfigRuleName: !Sub '\${AWS::StackName}-s3-versioning'
      Source:
        Owner: AWS
        SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED
  Remediation:
    Type: AWS::Config::RemediationConfiguration
    DependsOn: Rule
    Properties:
      ConfigRuleName: !Ref Rule
      TargetType: SSM_DOCUMENT
      TargetId: AWS-ConfigureS3BucketVersioning
      Automatic: true
      MaximumAutomaticAttempts: 5
      RetryAttemptSeconds: 60
      Parameters:
        AutomationAssumeRole:
          StaticValue:
            Values:
              - !GetAtt Role.Arn
        BucketName:
          ResourceValue:
            Value: RESOURCE_ID
        Other:
          StaticValue:
            Values: !If
              - IsProd
              - - a
              - b
  Subnets:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: !Select [0, !GetAZs '']
      Tags: []
      InputParameters: {}
      CidrBlock: !Join ['/', [10.0.0.0, 24]]
  Role:
    Type: AWS::IAM::Role # the role
    Properties:
      RoleName: !Join
        - '-'
        - - remediation
          - !Ref AWS::Region
`;

/** Edge cases around ranges, comments, typing and tags; each is taken or declined, never wrong. */
const EDGE_CASES = [
  'a: 1\nb:\n  - x # c\n  - y\n\n# end\n\n',
  '# hi\n---\na: !Ref  x\nb: \nc: !If\n  - 1\n',
  '# hi\na: 1\nb:\nc: # x\nd:\n  e:\n  # y\n\nf: 2\n',
  '- a: 1\n  b:\n- c\n-\n- # k\n-  d: 2\n',
  'x:\n  a: 1\n  # t\n',
  'x:\n  a: 1\n# t\n',
  'x:\n  a: 1\n    # t\n',
  'x:\n  a:\n  # t\n',
  'x:\n  a:\n# t\n',
  'x:\n  a: # c\n',
  'x:\n  a: 1\n  # t\ny: 1',
  'x:\n  - a: 1\n    # t\n  - b: 1',
  'x:\n  - a: 1\n  # t\n  - b: 1',
  'x:\n  - a: 1\n      # t\n  - b: 1',
  'x:\n  - a:\n    # t\n  - b: 1',
  'x:\n  - a:\n  # t\n  - b: 1',
  'x:\n  - a:\n\n  - b: 1',
  'x:\n  - a: 1\n\n\n',
  'x:\n  a:\n\n',
  '\n\na: 1\n',
  '  \n---\na: 1\n',
  '---\n# c\na: 1\n',
  '--- # start\na: 1\n',
  '  - a: 1\n  - b: 2\n',
  '# c\n  - a: 1\n',
  'key:\n- a\n- b\nother: 1\n',
  'a: !Ref x\nb: !Sub "y"\nc: !GetAtt a.b\nd: "q"\ne: \'it\'\'s\'\n',
  '"k": 1\n\'k2\': 2\n1: a\n0x10: b\n~: c\ntrue: d\nnull: e\n1e3: f\n.inf: g\n',
  'a: true\nb: yes\nc: ~\nd: 0x10\ne: 1e3\nf: .inf\ng: -.Inf\nh: .NaN\ni: "1"\nj: \'true\'\nk: 0o17\nl: 012\nm: +5\nn: 1.50\no: 1.\np: .5\nq: NULL\nr: False\ns: -0\nt: 99999999999999999999\nu: 0xFF\nv: 1_000\nw: 12e\nx: TRUE\ny: off\nz: 2001-12-14\n',
  'a: http://x.y/z?q=1#frag\nb: a#b\nc: a # b\nd: x,y\ne: f[0]\nf: -1\ng: :x\nh: ?x\ni: a - b\n',
  'a:   spaced   \nb  : 1\n"c" : 2\n',
  'a: 1\na: 2\nb:\n  c: 1\n  c: 2\n',
  'Values:\n  - !Ref A\n  - !Sub "x-${A}"\n  - !GetAtt B.Arn\n',
  'a: !Ref\n',
  'a: !!str 1\n',
  'a: &x 1\nb: *x\n',
  'a: |\n  text\n',
  'a: [1, 2]\n',
  'a: {b: 1}\n',
  'a: b\n  c\n',
  'a:\tb\n',
  'a: "x\\"y"\n',
  'a: 1\n---\nb: 2\n',
  '<<: {a: 1}\n',
  '? a\n: b\n',
  'a: b: c\n',
  'a:\n  b: 1\n c: 2\n',
  'a:\n  - 1\n  b: 2\n',
  '- - a\n',
  'a: "unclosed\n',
  "a: 'x' y\n",
  'a: 1\r\nb: 2\r\n',
  'a: 1\rb: 2\r',
  'a: [1, "x", y]\nb: 2\n',
  'a: []\nb: [ ]\nc: [a,]\nd: [ a , b ] # c\n',
  '- [a]\n- b\n- [[1, 2], [~, true, 1e3, 0x1F]]\n',
  'a: !Join ["", [a, !Ref b]]\nb: !Select [0, !GetAZs \'\']\nc: [!Ref x]\n',
  'a: [a: 1]\n',
  'a: [,]\n',
  'a: [a] b\n',
  'a: [a\n  , b]\n',
  'a: [a]]\n',
  'a: {}\nb: { }\nc: [{}, { }]\nd: !If {} # c\n- {}\n',
  'a: {}\nb: { }\nc: [{}, { }]\nd: !If {} # c\n',
  '- {}\n- a: {}\n',
  'a: {a}\n',
  'a: {}x\n',
  'a: { \n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n...\n',
  'plain scalar\n',
  '---: 1\n',
  'a:\n  ---\n',
  '-0: -0\n',
  '"a":1\n',
  'a: b:c\n',
  'a: "x"  # c\n',
  'a: x  y  \n',
  '- -1\n- -.5\n',
  'a: !Ref x y\n',
  'a: !Ref "x" # c\n',
  '"": 1\na: ""\nb: \'\'\'\'\n',
  'a: -\n',
  'a: - b\n',
  '- a\n -b\n',
  'x:\n- a\n - b\n',
  'a:\n    b: 1\n  c: 2\n',
  'a: 1\n  # indented trailing comment\n',
  '- a: 1\n  b: [x]\n  c: !Ref y\n',
  'a: x #c\nb: x#c\n',
  'é: ü\n🙂: "🙂"\n',
  'a: 1 \nb:    \nkey:\n\n  - a\n',
  '',
  '# only a comment\n',
];

describe('YAML fast path (parser/yamlFast.ts)', () => {
  it('takes the benchmark requests and a CloudFormation template with short-form intrinsics', () => {
    const request = generateDocument(40, 'yaml');
    assert.ok(check(request, 'generated request'), 'the fast path declined a generated request');
    assert.ok(check(CLOUDFORMATION, 'template'), 'the fast path declined the template');
    const template = parseYamlFast(CLOUDFORMATION);
    const text = JSON.stringify(plain(template?.roots));
    for (const tag of ['!Ref', '!Sub', '!GetAtt', '!If', '!Join']) {
      assert.ok(text.includes(`"tag":"${tag}"`), `${tag} is kept`);
    }
    // parseYaml itself goes through the fast path: the same document, whichever path ran.
    assert.deepStrictEqual(view(parseYaml(request)), view(parseYamlFull(request)));
  });

  it('gives what the yaml package gives on every YAML file of the repository', () => {
    const files = [
      ...yamlFiles(path.join(ROOT, 'examples')),
      ...yamlFiles(path.join(ROOT, 'test')),
    ];
    assert.ok(files.length > 10, 'the YAML files are found');
    let taken = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (check(text, path.relative(ROOT, file))) taken++;
      // The same file with Windows line ends (and, where it has them, with Unix ones).
      check(text.replace(/\r?\n/g, '\r\n'), `${path.relative(ROOT, file)} (CRLF)`);
      check(text.replace(/\r\n/g, '\n'), `${path.relative(ROOT, file)} (LF)`);
    }
    assert.ok(taken >= 5, `the fast path took only ${taken} of ${files.length} files`);
  });

  it('gives what the yaml package gives on benchmark documents and their parts', () => {
    for (const size of [1, 7, 60]) {
      const text = generateDocument(size, 'yaml');
      assert.ok(check(text, `generated ${size}`), `declined generated ${size}`);
      const crlf = text.replace(/\n/g, '\r\n');
      assert.ok(check(crlf, `generated ${size} (CRLF)`), `declined generated ${size} (CRLF)`);
      // The parts parseYamlByItems gives the parser: runs of items, indented under the list.
      const starts: number[] = [];
      for (let at = text.indexOf('\n  - '); at !== -1; at = text.indexOf('\n  - ', at + 1)) {
        starts.push(at + 1);
      }
      for (let i = 0; i + 1 < starts.length; i += 3) {
        const part = text.slice(starts[i], starts[Math.min(i + 2, starts.length - 1)]);
        assert.ok(check(part, `part ${i} of ${size}`), `declined part ${i} of ${size}`);
      }
    }
  });

  it('opens a large YAML request through it whole, and one it declines item by item', () => {
    const service = createLanguageService();
    const text = generateDocument(300, 'yaml');
    assert.ok(text.length >= SPLIT_PARSE_MIN_LENGTH, 'large enough to be split');
    assert.ok(parseYamlFast(text), 'taken whole');
    assert.deepStrictEqual(view(service.parse(text, 'yaml')), view(parseYamlFull(text)));
    // A block scalar near the end: the fast path declines, the items are parsed one by one.
    const lastItem = text.lastIndexOf('\n  - ConfigRuleName: ');
    const declined = `${text.slice(0, lastItem)}\n  - Note: |\n      text\n${text.slice(lastItem + 1)}`;
    assert.equal(parseYamlFast(declined), undefined);
    assert.deepStrictEqual(view(service.parse(declined, 'yaml')), view(parseYamlFull(declined)));
  });

  it('is exact or declines on edge cases of ranges, comments, typing and tags', () => {
    let taken = 0;
    for (const text of EDGE_CASES) {
      if (check(text, JSON.stringify(text))) taken++;
      check(text.replace(/\n/g, '\r\n'), `${JSON.stringify(text)} (CRLF)`);
    }
    assert.ok(taken >= 20, `the fast path took only ${taken} edge cases`);
  });

  it('declines what is outside its subset', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: |\n  text\n',
      'a: b\n  c\n',
      'a:\tb\n',
      'a: 1\n---\nb: 2\n',
      '? a\n: b\n',
      'a: b: c\n',
      'a:\n  b: 1\n c: 2\n',
      '<<: {a: 1}\n',
    ]) {
      assert.equal(parseYamlFast(text), undefined, JSON.stringify(text));
    }
  });

  it('is exact or declines after random edits (seeded)', () => {
    const bases = [
      generateDocument(3, 'yaml'),
      generateDocument(8, 'yaml'),
      CLOUDFORMATION,
      CLOUDFORMATION.replace(/\n/g, '\r\n'),
      ...EDGE_CASES.filter((text) => parseYamlFast(text) !== undefined),
    ];
    const rand = random(1717);
    const mutations: ((text: string, at: number) => string)[] = [
      (t, i) => t.slice(0, i) + t.slice(i + 1),
      (t, i) => t.slice(0, i) + (t[i] ?? '') + t.slice(i),
      (t, i) => `${t.slice(0, i)} ${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}'${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}"${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}\n${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)} #${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}: ${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}- ${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}!Ref ${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}\n# c\n${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}\n    # c\n${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}~${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}0x1${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}1e3${t.slice(i)}`,
      (t, i) => `${t.slice(0, i)}\n\n${t.slice(i)}`,
      (t, i) => {
        const start = t.lastIndexOf('\n', i - 1) + 1;
        return `${t.slice(0, start)}  ${t.slice(start)}`;
      },
      (t, i) => {
        const start = t.lastIndexOf('\n', i - 1) + 1;
        return t.slice(0, start) + t.slice(start + 1);
      },
      (t, i) => {
        const start = t.lastIndexOf('\n', i - 1) + 1;
        const end = t.indexOf('\n', i);
        return end === -1 ? t : t.slice(0, end + 1) + t.slice(start, end + 1) + t.slice(end + 1);
      },
    ];
    let taken = 0;
    const runs = 600;
    for (let run = 0; run < runs; run++) {
      let text = bases[Math.floor(rand() * bases.length)] ?? '';
      const count = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < count; k++) {
        if (rand() < 0.3) {
          text = apply(text, randomEdit(text, 'yaml', rand));
        } else {
          const mutate = mutations[Math.floor(rand() * mutations.length)];
          if (mutate) text = mutate(text, Math.floor(rand() * (text.length + 1)));
        }
      }
      if (check(text, `mutation ${run}: ${JSON.stringify(text.slice(0, 400))}`)) taken++;
    }
    // Most edits leave valid YAML of the subset: the comparison must have happened, often.
    assert.ok(taken > runs / 5, `the fast path took only ${taken} of ${runs} mutations`);
  });
});
