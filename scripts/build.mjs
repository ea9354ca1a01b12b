// Bundles the three entry points with esbuild. The .vsix ships only dist/, so every runtime
// dependency (language server libraries, parsers, the AWS SDK) is inlined here.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD "main" build breaks when bundled ("Cannot find module './impl/format'").
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  // The AWS boundary (and the SDK) for the VS Code client, which require()s it on first deploy
  // or pull, so activation never loads the SDK. The CLI bundles it itself.
  { entryPoints: ['common/src/aws/index.ts'], outfile: 'dist/aws.js' },
  {
    entryPoints: ['cli/src/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const entry of entries) {
    const ctx = await esbuild.context({ ...common, ...entry });
    await ctx.watch();
  }
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
  chmodSync('dist/cli.js', 0o755);
}
