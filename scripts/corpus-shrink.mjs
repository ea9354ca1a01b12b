// Removes from test/corpus/known-failing.json the differences that no longer occur (the product
// improved), keeping everything else byte-for-byte in order. Never adds one: a new difference is
// adjudicated by hand (fix the product, or the expectation if it was wrong).
// Usage: npm run build && npx tsc -p . && node scripts/corpus-shrink.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const compare = require(path.join(root, 'out', 'test', 'corpus', 'compare.js'));
const file = path.join(root, 'test', 'corpus', 'known-failing.json');
const known = JSON.parse(readFileSync(file, 'utf8'));
let removed = 0;
for (const result of compare.compareCorpus()) {
  const listed = known.files[result.file];
  if (!listed) continue;
  const still = {
    missing: result.missing.map((f) => compare.differenceKey(f.rule, f.line)),
    unexpected: result.unexpected.map((f) => compare.differenceKey(f.code, f.line)),
  };
  for (const kind of ['missing', 'unexpected']) {
    if (!listed[kind]) continue;
    const left = [...still[kind]];
    listed[kind] = listed[kind].filter((d) => {
      const index = left.indexOf(compare.differenceKey(d.rule, d.line));
      if (index < 0) {
        removed++;
        return false;
      }
      left.splice(index, 1);
      return true;
    });
    if (listed[kind].length === 0) delete listed[kind];
  }
  if (Object.keys(listed).length === 0) delete known.files[result.file];
}
writeFileSync(file, JSON.stringify(known, null, 2) + '\n');
console.log(`corpus-shrink: removed ${removed} difference(s) that no longer occur`);
