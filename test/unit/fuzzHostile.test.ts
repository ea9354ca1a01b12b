/**
 * Hostile inputs, one by one: deep nesting, megabyte lines, files over the size limit, NUL, BOM,
 * line-end variants, YAML alias bombs and odd numbers. Each must be handled without an exception,
 * with every range inside the document, deterministically and within a time bound.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentFormat } from '../../server/src/languageService/model/ast';
import { MAX_DOCUMENT_SIZE } from '../../server/src/languageService/languageService';
import { MAX_NESTING_DEPTH } from '../../server/src/languageService/parser/nesting';
import { createRecordingService, exercise, type ExerciseReport } from './helpers/fuzz';

const ROOT = path.join(__dirname, '..', '..', '..');
const recording = createRecordingService();

const VALID_JSON = readFileSync(
  path.join(ROOT, 'examples', 'valid', 'cloudtrail-and-vpc.remediation.json'),
  'utf8',
);
const VALID_YAML = readFileSync(
  path.join(ROOT, 'examples', 'valid', 's3-buckets.remediation.yaml'),
  'utf8',
);

const MB = 1024 * 1024;

/** Exercises a text and checks it was handled within `boundMs` (first pass). */
function handle(
  text: string,
  format: DocumentFormat,
  boundMs: number,
  offsets?: number[],
): ExerciseReport {
  const report = exercise(recording, text, format, {
    ...(offsets ? { offsets } : {}),
    // Twice is enough to show determinism; fixes on megabyte inputs would only repeat the work.
    applyFixes: text.length < 100_000,
  });
  assert.ok(
    report.elapsedMs < boundMs,
    `took ${Math.round(report.elapsedMs)} ms (bound ${boundMs} ms) for ${text.length} characters`,
  );
  return report;
}

function ids(report: ExerciseReport): string[] {
  return report.problems.map((problem) => problem.ruleId);
}

/** A request whose one configuration has `value` as its ConfigRuleName line (JSON). */
function jsonWith(member: string, rawValue: string): string {
  return `{"RemediationConfigurations": [{"ConfigRuleName": "r", "TargetType": "SSM_DOCUMENT", "TargetId": "AWS-PublishSNSNotification", "${member}": ${rawValue}}]}`;
}

function yamlWith(member: string, rawValue: string): string {
  return `RemediationConfigurations:\n  - ConfigRuleName: r\n    TargetType: SSM_DOCUMENT\n    TargetId: AWS-PublishSNSNotification\n    ${member}: ${rawValue}\n`;
}

describe('fuzz: hostile inputs', function () {
  this.timeout(60_000);

  describe(`nesting deeper than ${MAX_NESTING_DEPTH} levels (RC006)`, () => {
    const deep = 10_000;
    const cases: [string, string, DocumentFormat][] = [
      ['JSON arrays', '['.repeat(deep) + ']'.repeat(deep), 'json'],
      ['JSON objects', '{"a":'.repeat(deep) + '1' + '}'.repeat(deep), 'json'],
      ['JSON inside a request', `{"RemediationConfigurations":[${'['.repeat(deep)}`, 'json'],
      ['JSONC, unclosed, with comments', `// x\n${'[/* [ */'.repeat(deep)}`, 'jsonc'],
      ['YAML flow sequences', '['.repeat(deep) + ']'.repeat(deep), 'yaml'],
      ['YAML flow mappings', '{a: '.repeat(deep) + '1' + '}'.repeat(deep), 'yaml'],
      ['YAML compact block sequences', `${'- '.repeat(deep)}a\n`, 'yaml'],
      [
        'YAML block mappings by indentation',
        Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
        'yaml',
      ],
      [
        'YAML sequences of mappings',
        Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- a:`).join('\n'),
        'yaml',
      ],
      [
        'YAML inside a request',
        `RemediationConfigurations:\n  - Parameters: ${'['.repeat(deep)}`,
        'yaml',
      ],
    ];
    for (const [name, text, format] of cases) {
      it(`${name}: one RC006, no stack overflow`, () => {
        const report = handle(text, format, 5000);
        assert.deepEqual(
          ids(report).filter((id) => id === 'RC006'),
          ['RC006'],
          JSON.stringify(report.problems.map((p) => p.message)),
        );
        assert.ok(!report.problems.some((p) => /call stack/i.test(p.message)));
      });
    }

    it('10 000 levels of arrays 8 MB long are refused fast', () => {
      const levels = 4 * MB - 10;
      handle('['.repeat(levels) + ']'.repeat(levels), 'json', 5000);
      handle('['.repeat(levels) + ']'.repeat(levels), 'yaml', 5000);
    });

    it(`JSON: exactly ${MAX_NESTING_DEPTH} levels are read, one more is refused`, () => {
      const at = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
      assert.ok(!ids(handle(at(MAX_NESTING_DEPTH), 'json', 2000)).includes('RC006'));
      const refused = handle(at(MAX_NESTING_DEPTH + 1), 'json', 2000);
      assert.deepEqual(ids(refused), ['RC006']);
      assert.equal(refused.problems[0]?.offset, MAX_NESTING_DEPTH);
    });

    it('YAML: 200 levels are read, 300 are refused', () => {
      const at = (depth: number): string => `${'- '.repeat(depth)}a\n`;
      assert.ok(!ids(handle(at(200), 'yaml', 2000)).includes('RC006'));
      assert.ok(ids(handle(at(300), 'yaml', 2000)).includes('RC006'));
    });

    it('brackets inside strings and comments do not count', () => {
      const text = jsonWith('TargetVersion', JSON.stringify('['.repeat(5000)));
      assert.ok(!ids(handle(text, 'json', 2000)).includes('RC006'));
      const jsonc = `// ${'['.repeat(5000)}\n/* ${'{'.repeat(5000)} */\n${VALID_JSON}`;
      assert.ok(!ids(handle(jsonc, 'jsonc', 2000)).includes('RC006'));
      const yaml = yamlWith('TargetVersion', `"${'['.repeat(5000)}" # ${'{'.repeat(5000)}`);
      assert.ok(!ids(handle(yaml, 'yaml', 2000)).includes('RC006'));
    });
  });

  describe('long lines (1 MB)', () => {
    const long = 'x'.repeat(MB);
    const spaces = ' '.repeat(MB);
    const cases: [string, string, DocumentFormat][] = [
      ['a JSON string value', jsonWith('TargetVersion', JSON.stringify(long)), 'json'],
      ['a JSON key', jsonWith(long, '1'), 'json'],
      // jsonc-parser builds each whitespace run char by char: linear, but about 1 s per MB.
      ['JSON whitespace', jsonWith('TargetVersion', `${spaces}"1"`), 'json'],
      ['a YAML plain scalar', yamlWith('TargetVersion', long), 'yaml'],
      ['a YAML key', yamlWith(long, '1'), 'yaml'],
      ['YAML spaces before a value', yamlWith('TargetVersion', `${spaces}x`), 'yaml'],
      [
        'a YAML line of spaces without a colon',
        `RemediationConfigurations:\n  a${spaces}b\n`,
        'yaml',
      ],
      ['a YAML key after spaces', `RemediationConfigurations:\n  a${spaces}:\n`, 'yaml'],
      ['YAML anchors and tags', yamlWith('TargetVersion', '&a!b'.repeat(MB / 4)), 'yaml'],
      ['a YAML quoted key', `"${'\\"'.repeat(MB / 2)}: 1\n`, 'yaml'],
      ['a YAML comment', `# ${long}\n${VALID_YAML}`, 'yaml'],
      ['a line of colons', `RemediationConfigurations:\n  ${':'.repeat(MB)}\n`, 'yaml'],
      ['a line of dashes', `${'- '.repeat(MB / 2)}\n`, 'yaml'],
    ];
    for (const [name, text, format] of cases) {
      it(`${name}: completion and hover anywhere on the line stay fast`, () => {
        const lineStart = text.indexOf('\n', 30) + 1;
        const offsets = [0, lineStart + 10, Math.floor(text.length / 2), text.length - 3]
          .map((offset) => Math.min(offset, text.length))
          .concat(text.length);
        handle(text, format, 8000, offsets);
      });
    }
  });

  describe(`files over the size limit (${MAX_DOCUMENT_SIZE} characters)`, () => {
    for (const format of ['json', 'yaml'] as const) {
      it(`${format}: a 10 MB file gets RC005 at once, and nothing else runs`, () => {
        const item = JSON.stringify(JSON.parse(VALID_JSON).RemediationConfigurations[0]);
        const text =
          format === 'json'
            ? `{"RemediationConfigurations": [${Array.from(
                { length: Math.ceil((10 * MB) / item.length) },
                () => item,
              ).join(',')}]}`
            : VALID_YAML.repeat(Math.ceil((10 * MB) / VALID_YAML.length));
        assert.ok(text.length > MAX_DOCUMENT_SIZE);
        const report = handle(text, format, 1500, [0, 100, text.length]);
        assert.deepEqual(ids(report), ['RC005']);
        const parsed = recording.service.parse(text, format);
        assert.deepEqual(recording.service.complete(parsed, 'request', 100), []);
        assert.equal(recording.service.hover(parsed, 'request', 100), undefined);
      });
    }
  });

  describe('odd characters and line ends', () => {
    it('NUL characters inside and outside strings', () => {
      handle(jsonWith('TargetVersion', '"a\u0000b"'), 'json', 2000);
      handle(`${VALID_JSON.slice(0, 40)}\u0000${VALID_JSON.slice(40)}`, 'json', 2000);
      handle(yamlWith('TargetVersion', 'a\u0000b'), 'yaml', 2000);
      handle(`\u0000${VALID_YAML}`, 'yaml', 2000);
      handle('\u0000'.repeat(1000), 'json', 2000);
      handle('\u0000'.repeat(1000), 'yaml', 2000);
    });

    it('JSON: a BOM is reported as such (the AWS CLI rejects it), and the rest is still checked', () => {
      const broken = jsonWith('MaximumAutomaticAttempts', '100');
      const report = handle(`\ufeff${broken}`, 'json', 2000);
      const bom = report.problems.find((p) => p.offset === 0 && p.ruleId === 'RC001');
      assert.ok(bom, JSON.stringify(report.problems));
      assert.equal(bom.length, 1);
      assert.match(bom.message, /byte order mark/);
      // The range problem is still found, one character further than without the BOM.
      const without = handle(broken, 'json', 2000).problems.filter((p) => p.ruleId !== 'RC001');
      const withBom = report.problems.filter((p) => p.ruleId !== 'RC001');
      assert.ok(without.length > 0);
      assert.deepEqual(
        withBom.map((p) => [p.ruleId, p.offset - 1, p.length]),
        without.map((p) => [p.ruleId, p.offset, p.length]),
      );
    });

    it('YAML: a BOM is allowed (YAML and the AWS CLI accept it), and ranges count it', () => {
      const broken = yamlWith('MaximumAutomaticAttempts', '100');
      const without = handle(broken, 'yaml', 2000).problems;
      const withBom = handle(`\ufeff${broken}`, 'yaml', 2000).problems;
      assert.ok(without.length > 0);
      assert.deepEqual(
        withBom.map((p) => [p.ruleId, p.offset - 1, p.length]),
        without.map((p) => [p.ruleId, p.offset, p.length]),
      );
    });

    for (const [name, eol] of [
      ['CRLF', '\r\n'],
      ['lone CR', '\r'],
    ] as const) {
      for (const format of ['json', 'yaml'] as const) {
        it(`${format} with ${name} line ends: same problems at the same line and column`, () => {
          const lf =
            format === 'json'
              ? JSON.stringify(
                  JSON.parse(jsonWith('MaximumAutomaticAttempts', '100')),
                  null,
                  2,
                ).replace('"r"', '"r", "Unknown": 1')
              : yamlWith('MaximumAutomaticAttempts', '100').replace('r\n', 'r\n    Unknown: 1\n');
          const other = lf.replace(/\n/g, eol);
          const positions = (text: string): string[] => {
            const document = TextDocument.create('file:///x', format, 1, text);
            return handle(text, format, 2000).problems.map((p) => {
              const start = document.positionAt(p.offset);
              const end = document.positionAt(p.offset + p.length);
              return `${p.ruleId} ${start.line}:${start.character}-${end.line}:${end.character}`;
            });
          };
          const expected = positions(lf);
          assert.ok(expected.length >= 2, expected.join());
          if (format === 'yaml' && eol === '\r') {
            // YAML has no lone-CR line breaks: the file is one line, but it must not break.
            positions(other);
          } else {
            assert.deepEqual(positions(other), expected);
          }
        });
      }
    }

    it('lone surrogates and astral characters in keys and values', () => {
      for (const value of ['\ud83d', '\ude00', '😀', '\ud83d\ud83d', '\u2028\u2029']) {
        handle(jsonWith('TargetVersion', JSON.stringify(value)), 'json', 2000);
        handle(jsonWith(value, '1'), 'json', 2000);
        handle(yamlWith('TargetVersion', JSON.stringify(value)), 'yaml', 2000);
        handle(yamlWith(value, '1'), 'yaml', 2000);
      }
    });
  });

  describe('YAML anchors, aliases and merge keys', () => {
    it('a billion-laughs alias bomb is cut off with RC003', () => {
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 10; i++) {
        lines.push(
          `a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      }
      const report = handle(`RemediationConfigurations:\n  - Parameters:\n${lines.map((l) => `      ${l}`).join('\n')}\n`, 'yaml', 3000); // prettier-ignore
      assert.ok(ids(report).includes('RC003'));
    });

    it('a bomb of merge keys is cut off with RC003', () => {
      const lines = ['m0: &m0 {a: 1, b: 2, c: 3}'];
      for (let i = 1; i < 30; i++) {
        lines.push(`m${i}: &m${i} {<<: [${Array(5).fill(`*m${i - 1}`).join(', ')}], k${i}: [*m${i - 1}, *m${i - 1}]}`);
      } // prettier-ignore
      const report = handle(`${lines.join('\n')}\n`, 'yaml', 3000);
      assert.ok(ids(report).includes('RC003'));
    });

    it('a long chain of aliases, each nesting the previous one', () => {
      const lines = ['c0: &c0 x'];
      for (let i = 1; i < 3000; i++) lines.push(`c${i}: &c${i} [*c${i - 1}]`);
      handle(`${lines.join('\n')}\n`, 'yaml', 5000);
    });

    it('self-referencing anchors, unknown aliases and odd tags', () => {
      for (const text of [
        'a: &a [*a]\n',
        'a: &a {b: *a, <<: *a}\n',
        '<<: *missing\n',
        'RemediationConfigurations: !!binary aGVsbG8=\n',
        'RemediationConfigurations: !!set {a, b}\n',
        'RemediationConfigurations: !!omap [a: 1, b: 2]\n',
        'RemediationConfigurations: !Custom &x [*x]\n',
        '%YAML 1.1\n---\nRemediationConfigurations: [yes, no, 0b101, 012, 1_000, 1:20:30]\n',
        '? [a, b]\n: c\n? {x: y}\n: z\n',
        'RemediationConfigurations:\n  - <<: {ConfigRuleName: r}\n    <<: {TargetType: SSM_DOCUMENT}\n',
      ]) {
        handle(text, 'yaml', 2000);
      }
    });
  });

  describe('numbers', () => {
    for (const raw of ['1e400', '-1e400', '-0', '0x10', '0o17', '1e-400', '9007199254740993', '25.0', '2.5e1', '.inf', '-.inf', '.nan', 'NaN', 'Infinity', '01']) {
      it(`MaximumAutomaticAttempts: ${raw}`, () => {
        handle(jsonWith('MaximumAutomaticAttempts', raw), 'json', 2000);
        handle(yamlWith('MaximumAutomaticAttempts', raw), 'yaml', 2000);
        handle(jsonWith('Parameters', `{"P": {"StaticValue": {"Values": [${raw}]}}}`), 'json', 2000);
      });
    } // prettier-ignore

    it('1e400 is out of range, not a crash', () => {
      const report = handle(jsonWith('MaximumAutomaticAttempts', '1e400'), 'json', 2000);
      assert.ok(report.problems.length > 0);
    });
  });
});
