// Bundles the benchmark (bench/run.ts) into out-bench/bench.js. Packages stay external: the
// benchmark runs in this repository, next to node_modules (and the peers are loaded from there).
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['bench/run.ts'],
  outfile: 'out-bench/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
