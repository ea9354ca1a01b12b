/**
 * Property-based tests of the language service on random and randomly edited documents: nothing
 * throws, no rule fails inside, every range lies inside the document, results are deterministic
 * and every input is handled within a time bound. Seed and run counts: see helpers/fuzz.ts.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import type { DocumentFormat } from '../../server/src/languageService/model/ast';
import apiModelData from '../../server/src/languageService/data/apiModel.json';
import {
  applyEdits,
  createRecordingService,
  exercise,
  fuzzParameters,
  suiteTimeout,
} from './helpers/fuzz';

const ROOT = path.join(__dirname, '..', '..', '..');
/** Per property: at most this many runs, and no new runs after this many milliseconds. */
const RUNS = 150;
const TIME_LIMIT_MS = 3500;
/** An input of a few kilobytes must be fully handled within this (generous for slow CI). */
const PER_INPUT_BOUND_MS = 3000;

const recording = createRecordingService();

/** Every member name of the API model: random objects use them so the rules go deep. */
const MEMBER_NAMES = [
  ...new Set(
    Object.values(
      (apiModelData as { shapes: Record<string, { members?: object }> }).shapes,
    ).flatMap((shape) => Object.keys(shape.members ?? {})),
  ),
].sort();

const SPECIAL_STRINGS = [
  'SSM_DOCUMENT',
  'RESOURCE_ID',
  'AWS::S3::Bucket',
  'AWS-DisableS3BucketPublicReadWrite',
  'AWS-EnableS3BucketEncryption',
  'arn:aws:iam::444455556666:role/Remediation',
  '',
  ' ',
  '\u0000',
  '\ufeff',
  '\ud83d',
  '\ude00',
  '😀',
  'a\r\nb',
  '{{ssm:/x}}',
  '${AWS::Region}',
  '__proto__',
  'x'.repeat(600),
];

const keyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...MEMBER_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '<<', '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

const leafArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: -5, max: 10_001 }),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 24, 25, 26, 100, 101),
  fc.boolean(),
  fc.constant(null),
);

const { value: valueArb } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 6 }),
  ),
}));

/** Something shaped like a request, with random members and values at every level. */
const requestArb = fc
  .tuple(
    fc.array(fc.dictionary(keyArb, valueArb, { maxKeys: 10 }), { maxLength: 4 }),
    fc.dictionary(keyArb, valueArb, { maxKeys: 2 }),
  )
  .map(([configurations, extra]) => ({ RemediationConfigurations: configurations, ...extra }));

function serialise(value: unknown, format: DocumentFormat, style: number): string {
  if (format === 'yaml') {
    return yamlStringify(value, {
      lineWidth: 0,
      indent: 2 + (style % 3),
      collectionStyle: style % 4 === 3 ? 'flow' : 'any',
      defaultStringType: (['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'PLAIN'] as const)[style % 4],
    });
  }
  return JSON.stringify(value, null, [0, 2, '\t', 4][style % 4]) ?? 'null';
}

/** Characters and fragments that matter to JSON and YAML parsers, including broken UTF-16. */
const SOUP = [
  '{', '}', '[', ']', '"', "'", ':', ',', ' ', '  ', '\n', '\r\n', '\r', '\t', '-', '- ', '#',
  '&a ', '*a', '!Ref ', '!!str ', '!!binary ', '<<: ', '? ', '|', '>-', '%YAML 1.2', '---', '...',
  '\\', '\\u', '/*', '*/', '//', '\u0000', '\ufeff', '\ud83d', '\ude00', '😀', 'é', '\u2028',
  '1e400', '-0', '0x10', '.inf', '~', 'true', 'null', 'a', 'Z9',
  'RemediationConfigurations', 'Parameters', 'StaticValue', 'Values', 'ResourceValue', 'Value',
  'TargetType', 'SSM_DOCUMENT', 'ExecutionControls', 'SsmControls', 'ConfigRuleName',
]; // prettier-ignore

const soupArb = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...SOUP), { maxLength }).map((parts) => parts.join(''));

const formatArb = fc.constantFrom<DocumentFormat>('json', 'jsonc', 'yaml');

function examples(): { name: string; text: string; format: DocumentFormat }[] {
  const result: { name: string; text: string; format: DocumentFormat }[] = [];
  for (const folder of ['valid', 'with-problems']) {
    const directory = path.join(ROOT, 'examples', folder);
    for (const name of readdirSync(directory).sort()) {
      const format: DocumentFormat | undefined = name.endsWith('.json')
        ? 'json'
        : /\.ya?ml$/.test(name)
          ? 'yaml'
          : undefined;
      if (format)
        result.push({ name, text: readFileSync(path.join(directory, name), 'utf8'), format });
    }
  }
  return result;
}

/** The example files, plus copies with astral characters so that edits can split surrogate pairs. */
const EXAMPLES = examples().flatMap((example) => [
  example,
  {
    ...example,
    name: `${example.name} with emoji`,
    text: example.text.replace(/(ConfigRuleName["']?:\s*["']?)/g, '$1😀🎉'),
  },
]);

interface Edit {
  at: number;
  /** Put the edit inside a surrogate pair when the text has one. */
  splitPair: boolean;
  remove: number;
  insert: string;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  splitPair: fc.boolean(),
  remove: fc.nat({ max: 8 }),
  insert: soupArb(3),
});

function applyRandomEdit(text: string, edit: Edit): string {
  let offset = Math.floor(edit.at * text.length);
  if (edit.splitPair) {
    const pairs: number[] = [];
    for (let i = 0; i + 1 < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) pairs.push(i + 1);
    }
    if (pairs.length > 0) offset = pairs[Math.floor(edit.at * pairs.length)] ?? offset;
  }
  const remove = Math.min(edit.remove, text.length - offset);
  return applyEdits(text, [{ offset, length: remove, newText: edit.insert }]);
}

function check(text: string, format: DocumentFormat, offsets?: number[]): void {
  const report = exercise(recording, text, format, offsets ? { offsets } : {});
  assert.ok(
    report.elapsedMs < PER_INPUT_BOUND_MS,
    `took ${Math.round(report.elapsedMs)} ms for ${text.length} characters`,
  );
}

describe('fuzz: language service', function () {
  this.timeout(suiteTimeout(TIME_LIMIT_MS));

  it('handles random request-shaped documents in every format', () => {
    fc.assert(
      fc.property(requestArb, formatArb, fc.nat(), (value, format, style) => {
        check(serialise(value, format, style), format);
      }),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  });

  it('handles random JSON values and random YAML values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), formatArb, fc.nat(), (value, format, style) => {
        check(serialise(value, format, style), format);
      }),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  });

  it('handles token soup: random sequences of JSON and YAML syntax', () => {
    fc.assert(
      fc.property(soupArb(60), formatArb, (text, format) => {
        check(text, format);
      }),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  });

  it('handles random strings, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), formatArb, (text, format) => {
        check(text, format);
      }),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  });

  it('handles random edits of the example files, also inside surrogate pairs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EXAMPLES),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (example, edits, cursorFractions) => {
          const text = edits.reduce(applyRandomEdit, example.text);
          const offsets = [
            0,
            text.length,
            ...cursorFractions.map((f) => Math.floor(f * text.length)),
          ];
          check(text, example.format, offsets);
        },
      ),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  });

  it('handles CloudFormation templates with intrinsic functions and parameters', () => {
    const intrinsicArb: fc.Arbitrary<unknown> = fc.oneof(
      fc.constantFrom('RuleName', 'Role', 'Missing', 'AWS::Region', 'AWS::AccountId').map((name) => ({ Ref: name })),
      fc.constantFrom('arn:aws:iam::${AWS::AccountId}:role/${Role}', '${Missing}', '${!Literal}').map((text) => ({ 'Fn::Sub': text })),
      fc.tuple(fc.constantFrom('IsProd', 'Missing'), valueArb, valueArb).map((args) => ({ 'Fn::If': args })),
      fc.constant({ 'Fn::GetAtt': ['Rule', 'Arn'] }),
      fc.constant({ 'Fn::Join': ['', ['a', { Ref: 'RuleName' }]] }),
      valueArb,
    ); // prettier-ignore
    const templateArb = fc
      .record({
        configurations: fc.array(
          fc.dictionary(keyArb, fc.oneof(intrinsicArb, valueArb), { maxKeys: 8 }),
          { minLength: 1, maxLength: 3 },
        ),
        defaults: fc.dictionary(fc.constantFrom('RuleName', 'Role', 'IsProd'), leafArb, { maxKeys: 3 }),
        type: fc.constantFrom('AWS::Config::RemediationConfiguration', 'AWS::Config::ConfigRule', 'AWS::S3::Bucket'),
      })
      .map(({ configurations, defaults, type }) => ({
        AWSTemplateFormatVersion: '2010-09-09',
        Parameters: Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, { Type: 'String', Default: value }])),
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
        Resources: Object.fromEntries(
          configurations.map((properties, index) => [
            `Remediation${index}`,
            { Type: index === 0 ? 'AWS::Config::RemediationConfiguration' : type, Properties: properties },
          ]),
        ),
      })); // prettier-ignore
    fc.assert(
      fc.property(templateArb, fc.constantFrom<DocumentFormat>('json', 'yaml'), fc.nat(), (template, format, style) => {
        let text = serialise(template, format, style);
        if (format === 'yaml' && style % 2 === 1) {
          // The short forms people write: `Ref: X` → `!Ref X`, `Fn::Sub: s` → `!Sub s`.
          text = text.replace(/^(\s*(?:- )?)(?:Ref|Fn::(Sub|GetAtt|Join|If)): (\S.*)$/gm, (_m, lead: string, fn: string | undefined, rest: string) => `${lead}!${fn ?? 'Ref'} ${rest}`);
        }
        // As recognised (a template), and forced to each kind: neither may fail on the other's files.
        check(text, format);
        exercise(recording, text, format, { kind: 'cloudformation', applyFixes: false });
        exercise(recording, text, format, { kind: 'request', applyFixes: false });
      }),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    ); // prettier-ignore
  });

  it('handles YAML tags, anchors, aliases, merge keys and odd scalars', () => {
    const lineArb = fc
      .record({
        indent: fc.nat({ max: 6 }),
        dash: fc.boolean(),
        key: fc.constantFrom(...MEMBER_NAMES.slice(0, 12), '<<', 'a', '? x', '"q:k"'),
        decoration: fc.constantFrom('', '&a ', '&b ', '!Ref ', '!Sub ', '!!str ', '!!int ', '!!map ', '!!seq ', '!!binary ', '!GetAtt ', '!!set '), // prettier-ignore
        value: fc.constantFrom('', '*a', '*b', '[*a, *b]', '{<<: *a}', '*a\n', '1e400', '-0', '0x10', '0o17', '.inf', '-.nan', '~', 'yes', '2001-12-14t21:59:43.10-05:00', '"\\u0000\\ud83d"', "'x''y'", '|\n  text', '>-\n  folded', '{a: [1, {b: *a}]}', 'SSM_DOCUMENT', 'RESOURCE_ID'), // prettier-ignore
      })
      .map(
        (line) =>
          `${' '.repeat(line.indent)}${line.dash ? '- ' : ''}${line.key}: ${line.decoration}${line.value}`,
      );
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 25 }), fc.boolean(), (lines, withRoot) => {
        const text = `${withRoot ? 'RemediationConfigurations:\n' : ''}${lines.join('\n')}\n`;
        check(text, 'yaml');
      }),
      fuzzParameters(RUNS, TIME_LIMIT_MS),
    );
  });
});
