/**
 * The in-editor suite (test/vscode/suite/, the one `npm run test:vscode` runs under
 * @vscode/test-electron) run inside code-server, with the packaged .vsix installed by
 * `--install-extension`: once in a trusted workspace, once in Restricted Mode.
 * Results: test-results/<name>.results.json; logs: test-results/logs/; screenshots.
 */
import * as assert from 'node:assert/strict';
import { TEST_HOOKS_ENV } from '../../common/src/protocol';
import { createTestWorkspace } from '../vscode/workspace';
import type { RunnerResults } from './codeServer';
import { makeTempDir, runInEditorSuite } from './codeServer';
import { awsTestEnv, suiteFile, vsixPath } from './vsix';

/** Prints the inner tests like mocha's spec reporter and fails with every failure message. */
function assertAllPassed(results: RunnerResults, minimumPasses: number): void {
  for (const test of results.tests) {
    const mark = test.state === 'passed' ? 'ok  ' : test.state === 'failed' ? 'FAIL' : 'skip';
    console.log(`      [in editor] ${mark} ${test.fullTitle} (${test.durationMs ?? 0} ms)`);
  }
  const env = results.environment;
  console.log(
    `      [in editor] VS Code ${env?.vscodeVersion}, trusted ${env?.isTrusted}: ` +
      `${results.passes} passed, ${results.failures} failed, ${results.pending} pending ` +
      `in ${results.durationMs ?? '?'} ms`,
  );
  assert.equal(
    results.failures,
    0,
    `in-editor failures:\n${results.failureMessages.join('\n')}${results.error ? `\n${results.error.stack}` : ''}`,
  );
  assert.ok(
    results.passes >= minimumPasses,
    `expected at least ${minimumPasses} passing in-editor tests, got ${results.passes}`,
  );
}

describe('in-editor suite in code-server (the .vsix installed with --install-extension)', function () {
  // Per run: install ~5 s, start to activation 15-50 s, suite ~10 s; bounded retries inside.
  this.timeout(8 * 60_000);

  it('trusted workspace: diagnostics, completion, hover, quick fixes, deploy, roll-out, crash recovery', async () => {
    const results = await runInEditorSuite({
      name: 'in-editor-trusted',
      workspace: createTestWorkspace(makeTempDir('ws')),
      extensions: [vsixPath()],
      suiteFiles: ['diagnostics', 'features', 'firstRun', 'deploy', 'rollout', 'recovery'].map(
        suiteFile,
      ),
      trusted: true,
      // The test hooks add the hidden crash command the recovery suite needs (nothing else).
      env: { ...awsTestEnv(), [TEST_HOOKS_ENV]: '1' },
      testTimeoutMs: 60_000,
    });
    assert.equal(results.environment?.isTrusted, true);
    assertAllPassed(results, 24);
  });

  it('Restricted Mode: checks still run, deploy refuses', async () => {
    const results = await runInEditorSuite({
      name: 'in-editor-restricted',
      workspace: createTestWorkspace(makeTempDir('ws')),
      extensions: [vsixPath()],
      suiteFiles: ['restricted', 'diagnostics'].map(suiteFile),
      trusted: false,
      env: awsTestEnv(),
      testTimeoutMs: 60_000,
    });
    assert.equal(results.environment?.isTrusted, false);
    assertAllPassed(results, 8);
  });
});
