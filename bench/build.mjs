// Bundles the benchmark (bench/run.ts) into out-bench/bench.js. Packages stay external: the
// benchmark runs in this repository, next to node_modules (and the peers are loaded from there).
// Also bundles the activation floor (bench/floorExtension.ts) the way scripts/build.mjs bundles
// dist/extension.js.
import * as esbuild from 'esbuild';

await Promise.all([
  esbuild.build({
    entryPoints: ['bench/run.ts'],
    outfile: 'out-bench/bench.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  }),
  esbuild.build({
    entryPoints: ['bench/floorExtension.ts'],
    outfile: 'out-bench/floor-extension.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify: true,
    external: ['vscode'],
    logLevel: 'warning',
  }),
]);
