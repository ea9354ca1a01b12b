/**
 * Incremental parsing and validation must give exactly what a full parse and validation give.
 * Hundreds of random edits (deterministic seed) on generated documents: typing, deleting, pasting
 * lines, breaking the syntax and undoing; after each, the incremental results are compared with
 * a full parse and a full validation of the same text.
 */
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { generateDocument, random, request } from '../../bench/generate';
import { apply, randomEdit, undoEdit, type Edit } from './helpers/randomEdits';
import type {
  AstNode,
  DocumentFormat,
  ParsedDocument,
} from '../../server/src/languageService/model/ast';
import { children } from '../../server/src/languageService/model/ast';
import { reparseDocument } from '../../server/src/languageService/incremental/reparse';
import { sameTree } from '../../server/src/languageService/model/ast';
import { stringSource, type TextChange } from '../../server/src/languageService/model/text';
import { ValidationCache } from '../../server/src/languageService/incremental/validation';
import { createLanguageService } from '../../server/src/languageService/languageService';
import type { Problem } from '../../server/src/languageService/model/problem';

const service = createLanguageService();

/** Parent pointers agree with the children lists. */
function assertParents(node: AstNode): void {
  for (const child of children(node)) {
    assert.equal(child.parent, node, `parent of the node at ${child.offset}`);
    assertParents(child);
  }
}

function sortedSyntax(parsed: ParsedDocument): unknown[] {
  return [...parsed.problems]
    .map((p) => ({ ...p }))
    .sort(
      (a, b) =>
        a.offset - b.offset ||
        a.ruleId.localeCompare(b.ruleId) ||
        a.length - b.length ||
        a.message.localeCompare(b.message),
    );
}

function stripFixes(problems: Problem[]): Problem[] {
  return problems.map((p) => ({ ...p }));
}

const fallbacks = new Map<string, number>();

function run(format: DocumentFormat, initial: string, seed: number, steps: number): number {
  const rand = random(seed);
  let text = initial;
  let parsed = service.parse(text, format);
  const cache = new ValidationCache();
  let incremental = 0;
  const history: string[] = [];
  for (let step = 0; step < steps; step++) {
    let edit: Edit;
    // Like a user: a break is usually undone soon, so that most edits happen in a sound file.
    const root = parsed.roots[0];
    const broken =
      parsed.problems.some((p) => p.ruleId === 'RC001') ||
      (root?.type !== 'array' &&
        (root?.type !== 'object' ||
          root.properties.filter((p) => p.keyNode.value === 'RemediationConfigurations').length !==
            1));
    const undo = history.length > 0 && rand() < (broken ? 0.9 : 0.2);
    if (undo) {
      edit = undoEdit(text, history.pop() as string);
    } else {
      edit = randomEdit(text, format, rand);
      history.push(text);
    }
    const next = apply(text, edit);
    const change: TextChange = {
      start: edit.offset,
      oldEnd: edit.offset + edit.length,
      newEnd: edit.offset + edit.text.length,
    };
    const label = `${format} step ${step}: ${JSON.stringify(edit)}`;
    const reparsed = reparseDocument(parsed, change, stringSource(next));
    const full = service.parse(next, format);
    if (reparsed) {
      incremental++;
      assert.equal(reparsed.text, next);
      assert.equal(reparsed.roots.length, full.roots.length, label);
      const [a, b] = [reparsed.roots[0], full.roots[0]];
      assert.ok(a && b && sameTree(a, 0, b, 0), `${label}: the trees differ`);
      assertParents(a);
      assert.deepEqual(sortedSyntax(reparsed), sortedSyntax(full), `${label}: syntax problems`);
      assert.deepEqual(reparsed.documentRanges, full.documentRanges, `${label}: document ranges`);
      parsed = reparsed;
    } else {
      const reason = parsed.reparseFallback ?? '?';
      fallbacks.set(reason, (fallbacks.get(reason) ?? 0) + 1);
      parsed = full;
    }
    const expected = service.validate(full, 'request');
    const actual = service.validate(parsed, 'request', { cache });
    assert.deepEqual(stripFixes(actual), stripFixes(expected), `${label}: diagnostics`);
    text = next;
  }
  return incremental;
}

describe('incremental parsing and validation', function () {
  this.timeout(120_000);

  const compactYaml = stringify(request(8, 3), { lineWidth: 0, indentSeq: false });
  // The list form (a root list of configurations): re-parsing falls back to full parses, which
  // must still give the same findings; the request object's cases must mostly be incremental.
  const listJson = `${JSON.stringify(request(8, 15).RemediationConfigurations, null, 2)}\n`;
  const listYaml = stringify(request(8, 16).RemediationConfigurations, { lineWidth: 0 });
  const cases: [string, DocumentFormat, string, number, number][] = [
    ['JSON', 'json', generateDocument(8, 'json', 1), 11, 0.4],
    ['JSONC', 'jsonc', generateDocument(8, 'json', 2).replace('\n', '\n  // pulled\n'), 12, 0.4],
    ['YAML', 'yaml', generateDocument(8, 'yaml', 3), 13, 0.4],
    ['YAML with dashes at column 0', 'yaml', compactYaml, 14, 0.4],
    // Suppression comments (validate/suppressions.ts) apply to the findings of both paths alike.
    [
      'YAML with suppressions',
      'yaml',
      `# config-remediation-disable RC102\n${generateDocument(8, 'yaml', 4).replace(
        /\n(\s+)TargetType:/g,
        '\n$1# config-remediation-disable-next-line RC103, RC100 -- reason\n$1TargetType:',
      )}`,
      19,
      0.4,
    ],
    [
      'JSONC with suppressions',
      'jsonc',
      generateDocument(8, 'json', 5).replace(
        /\n(\s+)"TargetType"/g,
        '\n$1// config-remediation-disable-next-line RC103\n$1"TargetType"',
      ),
      20,
      0.4,
    ],
    // Minified: every configuration on one line, so the next one starts on the edited line.
    ['JSON, minified', 'json', JSON.stringify(request(8, 21)), 21, 0.4],
    ['JSONC, minified', 'jsonc', JSON.stringify(request(8, 22)), 22, 0.4],
    ['JSON list form', 'json', listJson, 17, 0],
    ['YAML list form', 'yaml', listYaml, 18, 0],
  ];
  for (const [name, format, text, seed, minimum] of cases) {
    it(`equals a full parse and validation after random edits (${name})`, () => {
      const steps = 150;
      fallbacks.clear();
      const incremental = run(format, text, seed, steps);
      if (process.env.INCREMENTAL_STATS) console.log(incremental, [...fallbacks]);
      // Most edits must take the incremental path, or this test proves little.
      assert.ok(
        incremental >= steps * minimum,
        `only ${incremental} of ${steps} edits were incremental: ${JSON.stringify([...fallbacks])}`,
      );
    });
  }

  it('reuses the findings of configurations an edit did not touch', () => {
    const text = generateDocument(40, 'yaml', 5);
    const cache = new ValidationCache();
    let parsed = service.parse(text, 'yaml');
    service.validate(parsed, 'request', { cache });
    assert.deepEqual(cache.lastRun, { checked: 40, reused: 0 });
    const at = text.indexOf('RetryAttemptSeconds: ') + 'RetryAttemptSeconds: '.length;
    const next = `${text.slice(0, at)}9${text.slice(at)}`;
    const reparsed = reparseDocument(
      parsed,
      { start: at, oldEnd: at, newEnd: at + 1 },
      stringSource(next),
    );
    assert.ok(reparsed, 'an edit inside a configuration is parsed incrementally');
    parsed = reparsed;
    service.validate(parsed, 'request', { cache });
    assert.deepEqual(cache.lastRun, { checked: 1, reused: 39 });
  });

  it('falls back to a full parse across configurations and for YAML aliases', () => {
    const text = generateDocument(5, 'yaml', 6);
    const parsed = service.parse(text, 'yaml');
    const second = text.indexOf('\n  - ', text.indexOf('\n  - ') + 1);
    const change = { start: second - 5, oldEnd: second + 8, newEnd: second - 5 };
    const next = text.slice(0, second - 5) + text.slice(second + 8);
    assert.equal(reparseDocument(parsed, change, stringSource(next)), undefined);
    const withAlias = `${text}x: &a 1\n`;
    assert.equal(
      reparseDocument(
        service.parse(withAlias, 'yaml'),
        { start: 40, oldEnd: 41, newEnd: 40 },
        stringSource(withAlias.slice(0, 40) + withAlias.slice(41)),
      ),
      undefined,
    );
  });
});
