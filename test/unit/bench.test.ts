/**
 * `npm run bench` must keep working: this runs it on the smallest size in quick mode and checks
 * that it prints the table, with the peers and the targets. No figure is checked (timing belongs
 * to the benchmark, not to tests), and the docs are not rewritten by a short run.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe('benchmark (npm run bench)', function () {
  // Several processes start one after the other (workers, servers, activations).
  this.timeout(600_000);

  it('runs on the small sizes and prints one table with the peers and the targets', () => {
    if (!existsSync(path.join(ROOT, 'dist', 'server.js'))) node(['scripts/build.mjs']);
    node(['bench/build.mjs']);
    const docs = path.join(ROOT, 'docs', 'performance.md');
    const docsBefore = existsSync(docs) ? statSync(docs).mtimeMs : undefined;

    const table = node(['out-bench/bench.js', '--sizes', '1', '--quick']);

    assert.match(table, /^\| Measure \| Size \| Format \| Median \| p95 \| Peer \|/m);
    for (const format of ['JSON', 'YAML']) {
      for (const measure of [
        'Full validation of the edited file',
        'Edit → fresh diagnostics, server side',
        'Edit → diagnostics over LSP',
        'Completion at a key',
        'Completion at a value',
        'Hover',
        'Peak RSS of the server',
      ]) {
        const row = table
          .split('\n')
          .find((line) => line.includes(measure) && line.includes(`| 1 | ${format} |`));
        assert.ok(row, `a row for "${measure}" in ${format}`);
        assert.match(row, /\| \d[\d.]* (ms|MB) \|/, `a figure in "${row}"`);
      }
      // The peer was measured in the same run.
      const full = table
        .split('\n')
        .find((line) => line.startsWith('| Full validation') && line.includes(format));
      assert.match(full ?? '', /\| [\d.]+ ms \| [\d.]+× \|/, `the peer's figure in "${full}"`);
    }
    for (const global of [
      'Cold start of dist/server.js',
      'Extension activation',
      'dist/server.js',
    ]) {
      assert.match(table, new RegExp(`\\| ${global}[^\\n]*\\| (PASS|MISS) \\|`), global);
    }
    assert.equal(
      existsSync(docs) ? statSync(docs).mtimeMs : undefined,
      docsBefore,
      'a short run leaves docs/performance.md alone',
    );
  });
});
