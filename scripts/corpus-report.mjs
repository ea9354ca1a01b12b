// Precision and recall of the checker on the real-world corpus (test/corpus), per file and in
// total: its errors and warnings against the real problems of test/corpus/expected.json.
// `npm run corpus:report` compiles and builds first; this script only loads the compiled
// comparison (out/test/corpus/compare.js, shared with test/cli/corpus.test.ts) and prints.
//   node scripts/corpus-report.mjs [--json]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const corpus = require('../out/test/corpus/compare.js');

const results = corpus.compareCorpus();
const expected = corpus.expectations();
const known = corpus.knownFailing();

const ratio = (part, whole) => (whole === 0 ? null : part / whole);
const percent = (value) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

const rows = results.map((result) => {
  const tp = result.matched.length;
  const fp = result.unexpected.length;
  const fn = result.missing.length;
  return {
    file: result.file,
    kind: expected[result.file]?.kind ?? '',
    expected: tp + fn,
    reported: tp + fp,
    tp,
    fp,
    fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
  };
});
const sum = (key) => rows.reduce((total, row) => total + row[key], 0);
const totals = {
  files: rows.length,
  repositories: new Set(rows.map((row) => row.file.split('/')[0])).size,
  filesWithRemediationProblems: rows.filter((row) => row.expected > 0).length,
  filesWithUnexpectedFindings: rows.filter((row) => row.fp > 0).length,
  cleanFilesFailingCheck: results.filter(
    (result) =>
      result.missing.length + result.matched.length === 0 &&
      result.unexpected.some((finding) => finding.severity === 'error'),
  ).length,
  expected: sum('expected'),
  reported: sum('reported'),
  tp: sum('tp'),
  fp: sum('fp'),
  fn: sum('fn'),
};
totals.precision = ratio(totals.tp, totals.tp + totals.fp);
totals.recall = ratio(totals.tp, totals.tp + totals.fn);

/** Groups by class: misses by their expected class, noise by the class known-failing.json gives. */
function classes() {
  const missed = new Map();
  const noise = new Map();
  const add = (map, key, file) => {
    const entry = map.get(key) ?? { count: 0, files: new Set() };
    entry.count += 1;
    entry.files.add(file);
    map.set(key, entry);
  };
  for (const result of results) {
    for (const finding of result.missing) add(missed, finding.class, result.file);
    const listed = [...(known[result.file]?.unexpected ?? [])];
    for (const finding of result.unexpected) {
      const index = listed.findIndex((d) => d.rule === finding.code && d.line === finding.line);
      const label = index < 0 ? `unclassified (${finding.code})` : listed.splice(index, 1)[0].class;
      add(noise, label, result.file);
    }
  }
  const list = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([label, entry]) => ({ class: label, findings: entry.count, files: entry.files.size }));
  return { missed: list(missed), noise: list(noise) };
}
const grouped = classes();

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ totals, classes: grouped, files: rows }, null, 2));
} else {
  const width = Math.max(...rows.map((row) => row.file.length));
  console.log(`${'file'.padEnd(width)}  exp  rep   TP   FP   FN  precision  recall`);
  for (const row of rows) {
    const cells = [row.expected, row.reported, row.tp, row.fp, row.fn].map((n) =>
      String(n).padStart(4),
    );
    console.log(
      `${row.file.padEnd(width)} ${cells.join(' ')}  ${percent(row.precision).padStart(9)}  ${percent(row.recall).padStart(6)}`,
    );
  }
  console.log('');
  console.log(
    `${totals.files} files from ${totals.repositories} repositories; ` +
      `${totals.expected} real problems in ${totals.filesWithRemediationProblems} files.`,
  );
  console.log(
    `Errors and warnings reported: ${totals.reported} (true ${totals.tp}, unexpected ${totals.fp}); ` +
      `missed: ${totals.fn}.`,
  );
  console.log(
    `Precision ${percent(totals.precision)}, recall ${percent(totals.recall)}; ` +
      `${totals.filesWithUnexpectedFindings} files get unexpected findings, ` +
      `${totals.cleanFilesFailingCheck} files without a real problem get an error (check exits 1).`,
  );
  console.log('\nMissed, by class:');
  for (const entry of grouped.missed) {
    console.log(`  ${entry.findings} in ${entry.files} file(s): ${entry.class}`);
  }
  console.log('Unexpected errors and warnings, by class:');
  for (const entry of grouped.noise) {
    console.log(`  ${entry.findings} in ${entry.files} file(s): ${entry.class}`);
  }
}
