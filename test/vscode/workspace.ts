/**
 * The folder the in-editor suite and the UI test open: a fresh copy of examples/ (so quick fixes
 * and deploys never touch the repository) plus a few files of its own.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (works from test/vscode/ and from out/test/vscode/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'examples', 'with-problems'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`repository root not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** Files the suite relies on besides the examples. */
export const EXTRA_FILES: Record<string, string> = {
  // Not a remediation request: must get no diagnostics and no completion.
  'unrelated/settings.json': '{\n  "TargetType": "LAMBDA",\n  "editor.tabSize": 2\n}\n',
  'unrelated/compose.yaml': 'services:\n  web:\n    image: nginx\n',
  // A request being written: the UI test completes a new member after the last line.
  'drafts/new.remediation.yaml': [
    'RemediationConfigurations:',
    '  - ConfigRuleName: s3-bucket-logging-enabled',
    '    TargetType: SSM_DOCUMENT',
    '    TargetId: AWS-ConfigureS3BucketLogging',
    '',
  ].join('\n'),
};

/**
 * Creates `<dir>` (default: a new temp folder) with `valid/`, `with-problems/` (copies of
 * examples/) and EXTRA_FILES. Returns its absolute path.
 */
export function createTestWorkspace(dir?: string): string {
  const target = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'acr-workspace-'));
  const examples = path.join(repoRoot(), 'examples');
  for (const entry of fs.readdirSync(examples)) {
    fs.cpSync(path.join(examples, entry), path.join(target, entry), { recursive: true });
  }
  for (const [relative, text] of Object.entries(EXTRA_FILES)) {
    fs.mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
    fs.writeFileSync(path.join(target, relative), text);
  }
  return target;
}
