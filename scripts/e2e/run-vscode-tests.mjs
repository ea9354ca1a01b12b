// `npm run test:vscode`: the in-editor suite (test/vscode/suite/) in a real VS Code downloaded by
// @vscode/test-electron (needs internet; on this project's CI machine the same suite runs inside
// code-server instead: `npm run test:e2e`). Runs on the compiled out/ and the built dist/.
//
// Env: VSCODE_TEST_VERSION (default "stable"; e.g. "1.90.0", the oldest engines.vscode allows),
//      VSCODE_TEST_GREP (mocha grep). Linux without a display: run under `xvfb-run -a`.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const file of ['dist/extension.js', 'out/test/vscode/index.js']) {
  if (!existsSync(join(root, file))) {
    console.error(`${file} is missing: run \`npm run build && tsc -p .\` first`);
    process.exit(2);
  }
}
const { createTestWorkspace } = require(join(root, 'out/test/vscode/workspace.js'));
const fixture = require(join(root, 'out/test/fixtures/awsFixture.js'));

const scratch = mkdtempSync(join(tmpdir(), 'acr-vscode-test-'));
const workspace = createTestWorkspace(join(scratch, 'workspace'));
const userData = join(scratch, 'user-data');
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }, null, 2),
);

let exitCode = 0;
try {
  await runTests({
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/vscode/index.js'),
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
    // The deploy suite talks to the fixture it starts; these are the fixture's test keys, and the
    // machine's AWS configuration is kept out.
    extensionTestsEnv: {
      AWS_ACCESS_KEY_ID: fixture.FIXTURE_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: fixture.FIXTURE_SECRET_ACCESS_KEY,
      AWS_CONFIG_FILE: join(scratch, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PROFILE: '',
      AWS_SESSION_TOKEN: '',
    },
  });
} catch (error) {
  console.error(`in-editor tests failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
