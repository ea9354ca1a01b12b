/**
 * Entry point of the in-editor suite for @vscode/test-electron (`extensionTestsPath`): runs every
 * out/test/vscode/suite/*.test.js with mocha inside the extension host. code-server runs the same
 * files through test/e2e/runnerExtension instead (see test/e2e/inEditor.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: true,
    timeout: 60_000,
    grep: process.env.VSCODE_TEST_GREP || undefined,
  });
  const suiteDir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(suiteDir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} in-editor test(s) failed`));
      else resolve();
    });
  });
}
