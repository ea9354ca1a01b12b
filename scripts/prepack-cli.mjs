// `npm pack` / `npm publish` in cli/: the npm package `config-remediation` is the CLI bundle
// (dist/cli.js, which inlines every runtime dependency, the AWS SDK included) plus README and
// LICENSE. The root package.json is the VS Code extension's manifest and stays private.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'cli');
const bundle = join(root, 'dist', 'cli.js');
if (!existsSync(bundle)) {
  console.error('dist/cli.js is missing: run `npm run build` in the repository root first.');
  process.exit(1);
}
const rootVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const cliVersion = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8')).version;
if (rootVersion !== cliVersion) {
  console.error(`cli/package.json version ${cliVersion} differs from the root's ${rootVersion}.`);
  process.exit(1);
}
mkdirSync(join(cli, 'dist'), { recursive: true });
copyFileSync(bundle, join(cli, 'dist', 'cli.js'));
copyFileSync(join(root, 'LICENSE'), join(cli, 'LICENSE'));
