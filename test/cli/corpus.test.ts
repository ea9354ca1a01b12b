import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CORPUS,
  compareCorpus,
  corpusFiles,
  differenceKey,
  expectations,
  knownFailing,
  subtractOnce,
  type FileResult,
} from '../corpus/compare';

/**
 * The real-world corpus (test/corpus, issue 13): public templates, conformance packs and runbooks
 * checked by the built CLI. Every expected finding must be reported and no error or warning may
 * be reported that is not expected, except the differences listed in known-failing.json. That
 * list can only shrink: a listed difference that no longer occurs fails too, so it gets removed.
 */
describe('CLI: real-world corpus (test/corpus)', function () {
  this.timeout(120000);

  let results: FileResult[] = [];
  before(() => {
    results = compareCorpus();
  });

  it('has an expectation, a source line and a known-failing entry only for corpus files', () => {
    const files = corpusFiles();
    const readme = readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
    assert.ok(files.length >= 40, `only ${files.length} files`);
    assert.deepEqual(Object.keys(expectations()).sort(), files);
    for (const file of files) assert.ok(readme.includes(`\`${file}\``), `README misses ${file}`);
    for (const file of Object.keys(knownFailing())) {
      assert.ok(files.includes(file), `known-failing.json names ${file}, not a corpus file`);
    }
  });

  it('reports every expected finding and no unexpected error or warning, but the listed ones', () => {
    const known = knownFailing();
    const problems: string[] = [];
    for (const result of results) {
      const listed = known[result.file] ?? {};
      const listedMissing = (listed.missing ?? []).map((d) => differenceKey(d.rule, d.line));
      const listedUnexpected = (listed.unexpected ?? []).map((d) => differenceKey(d.rule, d.line));
      const newMissing = subtractOnce(
        listedMissing,
        result.missing.map((f) => differenceKey(f.rule, f.line)),
      );
      const newUnexpected = subtractOnce(
        listedUnexpected,
        result.unexpected.map((f) => differenceKey(f.code, f.line)),
      );
      for (const key of newMissing)
        problems.push(`${result.file}: expected finding missing: ${key}`);
      for (const key of newUnexpected) {
        const finding = result.unexpected.find((f) => differenceKey(f.code, f.line) === key);
        problems.push(
          `${result.file}: unexpected ${key} ${finding?.severity}: ${finding?.message}`,
        );
      }
      // What is left of the lists did not happen: the product improved.
      for (const key of listedMissing) {
        problems.push(`${result.file}: ${key} is now reported: remove it from known-failing.json`);
      }
      for (const key of listedUnexpected) {
        problems.push(
          `${result.file}: ${key} is no longer reported: remove it from known-failing.json`,
        );
      }
    }
    assert.deepEqual(problems, []);
  });
});
